/*
 * arch/ppc64/context.c - a new thread's first saved state (kern/arch.h).
 *
 * At the top of the thread's stack, arch_context_new builds:
 *
 *     stack_top
 *         terminal frame, FRAME_MIN bytes: back chain 0, LR word 0
 *         (thread_start's prologue writes its return address there)
 *     ctx --> a context frame (context.h): back chain = the terminal
 *         frame, LR = thread_trampoline, TOC = the kernel's r2,
 *         r14-r31 and CR zero
 *
 * The first arch_context_switch to ctx pops the context frame (r1 becomes
 * the terminal frame) and "returns" into thread_trampoline (switch.S),
 * which calls thread_start with interrupts still off.  Every frame walk
 * ends at the terminal frame's back chain of 0, as at boot (entry.S).
 */
#include "kern/arch.h"
#include "kern/string.h"
#include "asm.h"
#include "context.h"

_Static_assert(sizeof(struct arch_context) == CTX_SIZE, "context.h offsets");
_Static_assert(__builtin_offsetof(struct arch_context, lr) == CTX_LR, "context.h offsets");
_Static_assert(__builtin_offsetof(struct arch_context, toc) == CTX_TOC, "context.h offsets");
_Static_assert(__builtin_offsetof(struct arch_context, gpr[31 - 14]) == CTX_GPR(31),
	       "context.h offsets");

void thread_trampoline(void);	/* switch.S */

struct arch_context *arch_context_new(void *stack_top)
{
	uintptr_t top = (uintptr_t)stack_top & ~(uintptr_t)15;
	uint64_t *terminal = (uint64_t *)(top - FRAME_MIN);
	struct arch_context *ctx = (struct arch_context *)((uintptr_t)terminal - CTX_SIZE);
	uint64_t toc;

	__asm__("mr %0, 2" : "=r"(toc));
	memset(terminal, 0, FRAME_MIN);		/* back chain 0: the end */
	memset(ctx, 0, sizeof(*ctx));
	ctx->backchain = (uintptr_t)terminal;
	ctx->lr = (uintptr_t)thread_trampoline;
	ctx->toc = toc;
	return ctx;
}
