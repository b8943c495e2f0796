/*
 * arch/ppc64/switch.S - switching kernel threads (kern/arch.h).
 *
 * arch_context_switch(from = r3, to = r4) pushes a frame holding the
 * callee-saved registers (context.h) on the running thread's stack, stores
 * its address in *from, loads r1 = to, pops the same kind of frame from
 * the other thread's stack and returns to the LR saved in it.  Everything
 * else (r0, r3-r12, CTR, XER, CR0/1/5-7) is volatile in ELFv2, so the
 * caller already expects it clobbered.  MSR is not switched: the caller
 * holds interrupts off (kern/sched.c), and translation is on everywhere.
 *
 * A new thread's first frame (context.c) has LR = thread_trampoline,
 * which calls thread_start from a frame whose back chain is 0, the same
 * end-of-chain marker as entry.S's boot frame.
 */
#include "asm.h"
#include "context.h"

	.text
FUNC arch_context_switch
	mflr	r0
	std	r0, FRAME_LR(r1)	/* the usual place too, for unwinders */
	stdu	r1, -CTX_SIZE(r1)	/* back chain = caller's frame */
	std	r0, CTX_LR(r1)
	mfcr	r0
	std	r0, CTX_CR(r1)
	std	r2, CTX_TOC(r1)
	.irp n, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	std	\n, CTX_GPR(\n)(r1)
	.endr
	std	r1, 0(r3)		/* *from: this thread is saved */

	mr	r1, r4			/* the other thread's stack */
	.irp n, 14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld	\n, CTX_GPR(\n)(r1)
	.endr
	ld	r2, CTX_TOC(r1)
	ld	r0, CTX_CR(r1)
	mtcrf	0xff, r0
	ld	r0, CTX_LR(r1)
	mtlr	r0
	addi	r1, r1, CTX_SIZE	/* pop: r1 = its caller's frame */
	blr
ENDFUNC arch_context_switch

/* Where a new thread's first switch returns: r1 is the thread's terminal
 * frame (back chain 0), r2 the kernel's TOC (from the context).  Calls
 * thread_start, which never returns; its prologue stores our return
 * address in the terminal frame's LR word, so a backtrace's last entry is
 * here, like _start's at boot. */
FUNC thread_trampoline
	bl	thread_start
	nop
1:	b	1b
ENDFUNC thread_trampoline
