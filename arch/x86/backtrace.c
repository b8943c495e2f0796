/*
 * arch/x86/backtrace.c - walking the chain of %rbp frame records.
 *
 * The kernel is built with -fno-omit-frame-pointer, so every function
 * starts with
 *	push %rbp		(the caller's frame pointer)
 *	mov  %rsp, %rbp		(rbp now points at that saved value)
 * and, just above the saved %rbp, sits the return address its call pushed:
 *
 *	[rbp + 8]  return address into the caller
 *	[rbp]      the caller's rbp ---> the caller's frame record
 *
 * entry.S starts the chain with %rbp = 0, and trapentry.S links a trapped
 * context into it.  docs/arch-x86.md has the picture.
 */
#include "kern/arch.h"
#include "kern/lab.h"
#include "boot.h"
#include "trapframe.h"

/* Only the boot stack for now; thread stacks will join it. */
bool arch_stack_ok(uintptr_t addr, size_t len)
{
	uintptr_t lo = (uintptr_t)boot_stack, hi = (uintptr_t)boot_stack_top;

	return addr >= lo && addr < hi && len <= hi - addr;
}

int arch_backtrace(uintptr_t *pcs, int max)
{
#if SOLUTION(1)
	uintptr_t fp = (uintptr_t)__builtin_frame_address(0);
	int n = 0;

	while (n < max && fp != 0 && arch_stack_ok(fp, 2 * sizeof(uintptr_t))) {
		const uintptr_t *frame = (const uintptr_t *)fp;

		pcs[n++] = frame[1];
		if (frame[0] <= fp)	/* callers' frames lie above: a loop */
			break;
		fp = frame[0];
	}
	return n;
#else
	/*
	 * LAB 1: walk the %rbp chain (the picture at the top of this file).
	 * Start from your own frame, __builtin_frame_address(0): its return
	 * address, frame[1], is the first pc to store, in your caller.  Then
	 * follow frame[0] to the caller's frame record, and so on.  Stop
	 * after max pcs, at a zero frame pointer (entry.S zeroes %rbp before
	 * the first call), and at any frame record that arch_stack_ok does
	 * not accept (check it before reading it: a corrupt chain must not
	 * fault).  The stack grows down, so a caller's record lies above its
	 * callee's; stop if it does not, or a looping chain never ends.
	 * Return how many pcs you stored.
	 * Checked by: lab1_backtrace, lab1_backtrace_max, lab1_panic.
	 */
	(void)pcs;
	(void)max;
	LAB_TODO(1, "arch_backtrace: walk the frame chain");
	return 0;
#endif
}

int arch_backtrace_tf(const struct trapframe *tf, uintptr_t *pcs, int max)
{
#if SOLUTION(1)
	uintptr_t fp = tf->rbp;
	int n = 0;

	if (max > 0)
		pcs[n++] = tf->rip;
	while (n < max && fp != 0 && arch_stack_ok(fp, 2 * sizeof(uintptr_t))) {
		const uintptr_t *frame = (const uintptr_t *)fp;

		pcs[n++] = frame[1];
		if (frame[0] <= fp)
			break;
		fp = frame[0];
	}
	return n;
#else
	/*
	 * LAB 1: the same walk for a trapped context.  pcs[0] is the trapped
	 * instruction, tf->rip; then walk from the trapped code's frame
	 * pointer, tf->rbp, with the same stop conditions as arch_backtrace.
	 * (If the trap hit a function before its "mov %rsp, %rbp", tf->rbp is
	 * still its caller's: that frame is skipped.  It is good enough.)
	 * Checked by: lab1_illegal.
	 */
	(void)tf;
	(void)pcs;
	(void)max;
	LAB_TODO(1, "arch_backtrace_tf: walk the trapped context's frames");
	return 0;
#endif
}
