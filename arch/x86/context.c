/*
 * arch/x86/context.c - a thread's saved registers (struct arch_context)
 * and the first state of a new thread.  The switch itself is switch.S.
 */
#include "kern/arch.h"
#include "kern/thread.h"

/*
 * What arch_context_switch pushes, from the saved stack pointer up: the
 * System V AMD64 callee-saved registers, %rbp last-but-one so that
 * [rbp, rip] form a frame record, and the return address.  Kept on the
 * thread's own stack; the thread's struct holds only a pointer to it.
 */
struct arch_context {
	uint64_t r15, r14, r13, r12, rbx;
	uint64_t rbp;
	uint64_t rip;
};

_Static_assert(sizeof(struct arch_context) == 7 * 8,
	       "struct arch_context must match the pushes in switch.S");

void thread_trampoline(void);	/* switch.S */

/*
 * The first switch to a new thread pops zeros into the callee-saved
 * registers (%rbp = 0 ends every backtrace) and returns into
 * thread_trampoline, which calls thread_start.  The context sits so that
 * %rsp is 16-byte aligned after that return, as it must be just before a
 * call.  The two words above it are zeros that nothing reads (where a
 * caller of the trampoline would have left a frame record).
 */
struct arch_context *arch_context_new(void *stack_top)
{
	uintptr_t top = (uintptr_t)stack_top & ~(uintptr_t)15;
	struct arch_context *ctx;

	top -= 16;				/* zero guard words */
	((uint64_t *)top)[0] = 0;
	((uint64_t *)top)[1] = 0;
	ctx = (struct arch_context *)(top - sizeof(*ctx));
	*ctx = (struct arch_context){ .rip = (uintptr_t)thread_trampoline };
	return ctx;
}
