/*
 * arch/mips/context.c - a new thread's first context (context.h).
 */
#include "kern/arch.h"
#include "kern/string.h"
#include "kern/thread.h"
#include "context.h"

_Static_assert(offsetof(struct arch_context, fp) == CTX_FP, "CTX_FP");
_Static_assert(offsetof(struct arch_context, gp) == CTX_GP, "CTX_GP");
_Static_assert(offsetof(struct arch_context, ra) == CTX_RA, "CTX_RA");
_Static_assert(sizeof(struct arch_context) == CTX_SIZE, "CTX_SIZE");
_Static_assert(CTX_SIZE % 8 == 0, "the o32 ABI keeps sp 8-byte aligned");

/* Below the top of the stack: the 16-byte argument area o32 gives every
 * callee (thread_start may spill a0..a3 there), then the context.  The
 * first switch pops the context and returns to mips_thread_entry with
 * sp = top - 16, which jumps to thread_start with ra = 0 and fp = 0. */
struct arch_context *arch_context_new(void *stack_top)
{
	uintptr_t top = ((uintptr_t)stack_top & ~(uintptr_t)7) - 16;
	struct arch_context *ctx = (struct arch_context *)(top - CTX_SIZE);

	uintptr_t gp;

	__asm__("move %0, $gp" : "=r"(gp));
	memset(ctx, 0, sizeof(*ctx));
	ctx->gp = gp;		/* unused with -G 0, but the ABI's */
	ctx->ra = (uintptr_t)mips_thread_entry;
	return ctx;
}
