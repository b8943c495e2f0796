/*
 * arch/ppc64/backtrace.c - walking the chain of stack frames (lab 1).
 *
 * Every function's prologue does `stdu r1, -N(r1)`: it stores the old r1
 * at the bottom of its new frame (the "back chain") and moves r1 down, so
 * the frames form a linked list from the innermost outwards.  entry.S
 * ends the list with a back chain of 0.  A function that calls others
 * first saves its own return address (the LR register) at 16 bytes into
 * its CALLER's frame.  docs/arch-ppc64.md draws the picture.
 */
#include "kern/arch.h"
#include "kern/lab.h"
#include "trapframe.h"

/* The first words of every ELFv2 stack frame, at r1. */
struct frame {
	const struct frame *backchain;	/* the caller's frame, 0 at the end */
	uint64_t cr_save;
	uintptr_t lr_save;	/* a return address into THIS frame's function,
				 * stored by the functions it calls */
	uintptr_t toc_save;
};

/* Our own frame.  -fno-omit-frame-pointer makes every function keep one,
 * and the frame pointer (r31) points at its bottom, like r1. */
#define current_frame()	((const struct frame *)__builtin_frame_address(0))

/*
 * Store return addresses into pcs[n..max) following the back chain from
 * the frame fp outwards; return the new count.  Both backtraces use it.
 */
static int walk_frames(const struct frame *fp, uintptr_t *pcs, int n, int max)
{
#if SOLUTION(1)
	while (n < max && arch_stack_ok((uintptr_t)fp, sizeof(*fp))) {
		const struct frame *caller = fp->backchain;

		/* A caller's frame is always above ours; 0 ends the chain. */
		if (caller <= fp || !arch_stack_ok((uintptr_t)caller, sizeof(*caller)))
			break;
		pcs[n++] = caller->lr_save;
		fp = caller;
	}
	return n;
#else
	/*
	 * LAB 1: fill pcs[n], pcs[n+1], ... with return addresses, walking
	 * outwards from the frame fp.  fp->backchain is the caller's frame,
	 * and the caller's lr_save word holds the return address into the
	 * caller (saved there by the prologue of the function that owns fp).
	 * Stop at a back chain of 0 (entry.S's frame), after max entries, or
	 * as soon as a frame fails arch_stack_ok() or is not above the
	 * previous one (a corrupt chain must never be followed).  Return the
	 * new count.
	 * Checked by: lab1_backtrace, lab1_backtrace_max, lab1_panic,
	 * lab1_illegal.
	 */
	(void)fp;
	(void)pcs;
	(void)max;
	LAB_TODO(1, "walk_frames: follow the back chain");
	return n;
#endif
}

int arch_backtrace(uintptr_t *pcs, int max)
{
	/* Our caller's lr_save holds the return address into our caller. */
	return walk_frames(current_frame(), pcs, 0, max);
}

int arch_backtrace_tf(const struct trapframe *tf, uintptr_t *pcs, int max)
{
	const struct frame *fp = (const struct frame *)tf->gpr[1];
	int n = 0;

	if (n < max)
		pcs[n++] = tf->srr0;
	/* A leaf (the usual trapping function) never saves LR: its return
	 * address is still in LR, and its caller's lr_save word is stale.
	 * So take LR, and walk on from the caller's frame.  (A non-leaf that
	 * traps after a call of its own loses its caller here.) */
	if (n < max)
		pcs[n++] = tf->lr;
	if (!arch_stack_ok((uintptr_t)fp, sizeof(*fp)))
		return n;
	return walk_frames(fp->backchain, pcs, n, max);
}
