/*
 * arch/ppc64/trapentry.S - from an interrupt vector to trap() and back.
 *
 * On an interrupt the CPU saves the pc in SRR0 and the MSR in SRR1, turns
 * off EE (interrupts), IR/DR (translation) and PR (user mode), sets SF
 * (64-bit mode), and jumps to a fixed real address: 0x300 for a data
 * storage fault, 0x700 for a program interrupt, 0x900 for the
 * decrementer, ...  All other registers are still the interrupted code's.
 *
 * trap.c copies trap_vector below into every 32-byte slot from 0x100 to
 * 0xfe0, patching the vector's own offset into its `li`.  The stub parks
 * r1 and r12 in the scratch registers SPRG1 and SPRG2, so that r12 can
 * carry the vector number, and jumps to trap_entry, which builds a struct
 * trapframe (trapframe.h) on the stack and calls trap(tf).
 *
 * The vectors run in real mode at physical addresses, so they reach
 * trap_entry at its physical address (trap_entry_real, kernel.ld).  Once
 * the registers are saved, trap_entry moves to its kernel address with
 * rfid, turning translation back on if the interrupted code had it on
 * (the whole kernel after hat_bootstrap), so trap() and everything it
 * calls see the same address space as the code it interrupted.  Kernel
 * stacks are in the direct map, which works either way.
 *
 * A trap from the kernel puts its frame on the interrupted stack, below
 * the 288-byte red zone the interrupted function may be using.  Its back
 * chain points at the interrupted frame, so a backtrace taken inside
 * trap() walks on into the interrupted code.  A trap from user mode
 * (SRR1[PR]) puts it at the top of the running thread's kernel stack
 * instead, with a back chain of 0 (usermode.c draws the stack); leaving
 * through the same path with PR set in the saved SRR1 is how the kernel
 * enters user mode (trap_return_to, for arch_user_enter).
 *
 * That stack is the boot stack or a thread's kernel stack (kern/thread.c):
 * always in the direct map, 0xc000000000000000 + physical, so the stores
 * below, made in real mode, land at its physical address whichever frames
 * the stack got.  trap() may switch threads before it returns (the
 * scheduler preempts on the way out of a timer interrupt): the frame, with
 * the trapped SRR0/SRR1, stays on the preempted thread's stack until that
 * thread runs again and comes back here.  SPRG1/SPRG2 (and SPRG0, the
 * trapped CR while trap_entry tests SRR1[PR]) are scratch only from the
 * vector to the first saves below, with EE off and before any C code:
 * nothing per-CPU is live across a switch.
 */
#include "asm.h"
#include "cpu.h"
#include "trapframe.h"

#define TRAP_FRAME	(FRAME_MIN + TF_SIZE)	/* header + trapframe */
#define TF(off)		(FRAME_MIN + (off))	/* trapframe field, from r1 */

	.text
/* Copied into each vector slot: exactly four instructions. */
FUNC trap_vector
	mtsprg	1, r1
	mtsprg	2, r12
	li	r12, 0			/* trap.c ORs the vector offset in */
	ba	trap_entry_real		/* physical: we are in real mode */
.Ltrap_vector_end:
ENDFUNC trap_vector

	.section .rodata
	.balign	4
	.globl	trap_vector_len
trap_vector_len:			/* the stub's size in bytes, for trap.c */
	.long	.Ltrap_vector_end - trap_vector

	.text

FUNC trap_entry
	/* Which stack.  A trap from user mode (SRR1[PR] set) must not trust
	 * the user's r1: its frame goes at the very top of the running
	 * thread's kernel stack, arch_user_frame (usermode.c), whose top
	 * ppc64_kstack_top holds (arch_set_kernel_stack; at its direct-map
	 * address, which real mode reaches too).  That frame's back chain is
	 * 0, so backtraces end there instead of walking into user memory.  A
	 * trap from the kernel stays on the interrupted stack, below its red
	 * zone, chained to the interrupted frame.
	 *
	 * The test needs CR0, which still holds the interrupted code's CR:
	 * park CR in SPRG0 first (problem state cannot read SPRG0; SPRG3
	 * it can). */
	mfcr	r1
	mtsprg	0, r1
	mfsrr1	r1
	andi.	r1, r1, MSR_PR
	beq	.Lfrom_kernel
	LOAD_ADDR r1, ppc64_kstack_top
	ld	r1, 0(r1)
	addi	r1, r1, -TRAP_FRAME	/* the header below arch_user_frame */
	std	r0, TF(TF_GPR(0))(r1)
	li	r0, 0			/* back chain: the end of every walk */
	b	.Lsave_rest
.Lfrom_kernel:
	mfsprg	r1, 1			/* the interrupted r1 */
	addi	r1, r1, -(RED_ZONE + TRAP_FRAME)
	std	r0, TF(TF_GPR(0))(r1)
	mfsprg	r0, 1			/* back chain: the interrupted frame */
.Lsave_rest:
	std	r0, 0(r1)
	mfsprg	r0, 1			/* the interrupted r1 */
	std	r0, TF(TF_GPR(1))(r1)
	.irp n, 2,3,4,5,6,7,8,9,10,11
	std	\n, TF(TF_GPR(\n))(r1)
	.endr
	mfsprg	r0, 2			/* the interrupted r12 */
	std	r0, TF(TF_GPR(12))(r1)
	.irp n, 13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	std	\n, TF(TF_GPR(\n))(r1)
	.endr
	std	r12, TF(TF_VEC)(r1)
	mfsrr0	r0
	std	r0, TF(TF_SRR0)(r1)
	mfsrr1	r0
	std	r0, TF(TF_SRR1)(r1)
	mflr	r0
	std	r0, TF(TF_LR)(r1)
	mfctr	r0
	std	r0, TF(TF_CTR)(r1)
	mfxer	r0
	std	r0, TF(TF_XER)(r1)
	mfsprg	r0, 0			/* the interrupted CR */
	std	r0, TF(TF_CR)(r1)
	mfdar	r0
	std	r0, TF(TF_DAR)(r1)
	mfdsisr	r0
	std	r0, TF(TF_DSISR)(r1)

	/* SRR0/SRR1 are safe in memory: reuse them to continue at our kernel
	 * address with the interrupted code's translation (IR, DR) and RI
	 * (a machine check may now recover).  EE stays off. */
	LOAD_ADDR r3, .Ltrap_virt
	mtsrr0	r3
	mfmsr	r3
	ld	r4, TF(TF_SRR1)(r1)
	andi.	r4, r4, MSR_IR | MSR_DR
	or	r3, r3, r4
	ori	r3, r3, MSR_RI
	mtsrr1	r3
	rfid

.Ltrap_virt:
	LOAD_ADDR r2, .TOC.
	addi	r3, r1, FRAME_MIN
	bl	trap
	nop

	/* Back to the trapped context, or (trap_return_to) into user mode
	 * the first time: r1 is the frame's header, SRR1 in the frame says
	 * which mode rfid returns to (PR set: user). */
.Ltrap_return:
	ld	r0, TF(TF_CR)(r1)
	mtcr	r0
	ld	r0, TF(TF_LR)(r1)
	mtlr	r0
	ld	r0, TF(TF_CTR)(r1)
	mtctr	r0
	ld	r0, TF(TF_XER)(r1)
	mtxer	r0

	/* From here until rfid, SRR0/SRR1 hold the return state, so no
	 * interrupt may come in: EE and RI off. */
	li	r0, 0
	mtmsrd	r0, 1
	ld	r0, TF(TF_SRR0)(r1)
	mtsrr0	r0
	ld	r0, TF(TF_SRR1)(r1)
	mtsrr1	r0

	ld	r0, TF(TF_GPR(0))(r1)
	.irp n, 2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld	\n, TF(TF_GPR(\n))(r1)
	.endr
	ld	r1, TF(TF_GPR(1))(r1)
	rfid
ENDFUNC trap_entry

/* trap_return_to(tf): leave through the return path above, into the
 * context saved in tf, which must be the running thread's user frame
 * (arch_user_enter).  Its header gets the back chain a trap from user
 * mode would have given it: 0. */
FUNC trap_return_to
	addi	r1, r3, -FRAME_MIN
	li	r0, 0
	std	r0, 0(r1)
	b	.Ltrap_return
ENDFUNC trap_return_to
