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
 * kernel context into it; for a trap from user mode the chain ends at the
 * user's rip (trapentry.S saves rbp 0 in that record).  docs/arch-x86.md has the picture.
 */
#include "kern/arch.h"
#include "kern/lab.h"
#include "kern/thread.h"
#include "boot.h"
#include "trapframe.h"

/* The boot stack, or the running thread's kernel stack. */
bool arch_stack_ok(uintptr_t addr, size_t len)
{
	uintptr_t lo = (uintptr_t)boot_stack, hi = (uintptr_t)boot_stack_top;

	return (addr >= lo && addr < hi && len <= hi - addr) ||
	       thread_stack_ok(addr, len);
}

/*
 * Store return addresses into pcs[n..max) following the frame records from
 * fp outwards; return the new count.  Both backtraces below use it.
 */
static int walk_frames(uintptr_t fp, uintptr_t *pcs, int n, int max)
{
#if SOLUTION(1)
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
	 * fp points at a frame record: frame[1] is the return address to
	 * store in pcs[n], frame[0] the caller's record to go on with.  Stop
	 * after max pcs, at a zero frame pointer (entry.S zeroes %rbp before
	 * the first call), and at any frame record that arch_stack_ok does
	 * not accept (check it before reading it: a corrupt chain must not
	 * fault).  The stack grows down, so a caller's record lies above its
	 * callee's; stop if it does not, or a looping chain never ends.
	 * Return the new count of pcs.
	 * Checked by: lab1_backtrace, lab1_backtrace_max, lab1_panic,
	 * lab1_illegal.
	 */
	(void)fp;
	(void)pcs;
	(void)max;
	LAB_TODO(1, "walk_frames: follow the %rbp chain");
	return n;
#endif
}

int arch_backtrace(uintptr_t *pcs, int max)
{
	/* Our own record holds the return address into our caller. */
	return walk_frames((uintptr_t)__builtin_frame_address(0), pcs, 0, max);
}

int arch_backtrace_tf(const struct trapframe *tf, uintptr_t *pcs, int max)
{
	/* The trapped instruction first, then the trapped code's chain.  (A
	 * trap before a function's "mov %rsp, %rbp" leaves tf->rbp its
	 * caller's: that one frame is skipped.) */
	if (max < 1)
		return 0;
	pcs[0] = tf->rip;
	if ((tf->cs & 3) != 0)
		return 1;	/* user code: its rbp is the user's to choose */
	return walk_frames(tf->rbp, pcs, 1, max);
}
