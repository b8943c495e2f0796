/*
 * arch/mips/trapentry.S - the exception vectors, and the one path every
 * exception and interrupt takes into trap() and back.
 *
 * The vectors live in the kernel image itself, in a 4 KiB-aligned page at
 * the very start of .text; arch_trap_init points EBase at it.  So nothing is
 * copied to low memory and no cache needs flushing.  With Status.BEV = 0 the
 * CPU jumps to EBase + 0x000 for a TLB refill and to EBase + 0x180 for
 * everything else (interrupts too, since Cause.IV = 0).  The refill vector
 * jumps to the page-table walk in refill.S, which goes on to trap_common
 * only when it finds no table; the general vector notes in $k1 which vector
 * it is and jumps to trap_common.
 *
 * $k0 and $k1 are the two registers the ABI leaves to the kernel: compiled
 * code never uses them, so the entry can use them before anything is saved.
 */
#include "cp0.h"
#include "trapframe.h"

	.set	noreorder	/* we fill the branch delay slots ourselves */
	.set	noat		/* and $at is ours to save, not the assembler's */

	.section .text.vectors, "ax"
	.balign	4096
	.globl	trap_vectors
trap_vectors:
	/* EBase + 0x000: TLB refill, a kuseg or kseg2 access with no TLB
	 * entry: the page-table walk in refill.S (BadVAddr in $k0). */
	j	tlb_refill
	mfc0	$k0, CP0_BADVADDR

	.org	VEC_GENERAL
	/* EBase + 0x180: every other exception, and interrupts. */
	j	trap_common
	li	$k1, VEC_GENERAL

	.text
/*
 * Build a struct trapframe on the stack, call trap(tf), restore, eret.
 * A trap from the kernel puts the frame on the current sp, whichever
 * stack that is: the boot stack (kmain's thread) or the running thread's
 * own kernel stack (kseg0, so saving there never takes a TLB refill).  A
 * trap from user mode (the saved Status has KSU = user: an exception sets
 * EXL but leaves KSU alone) cannot trust the user's sp: it takes the
 * running thread's kernel stack top from mips_user_kstack_top
 * (arch_set_kernel_stack, usermode.c) and puts the frame exactly at
 * arch_user_frame(top).  That stack is empty then: a thread in user mode
 * has nothing on its kernel stack.  trap() may switch threads on its way
 * out of a timer interrupt (sched_preempt), and the frame simply waits on
 * the preempted thread's stack until a switch back returns into trap()
 * and then here.
 *
 * The frame is allocated with "addiu sp, k0, -N", not "addiu sp, sp, -N",
 * on purpose: the backtrace's prologue scan does not take this for a C
 * function's frame, so a backtrace taken inside trap() stops here instead
 * of misreading the trap frame (docs/arch-mips.md).
 */
	.globl	trap_common
	.ent	trap_common
trap_common:
	/* $k1 = the vector.  From user mode: the kernel stack, not sp. */
	mfc0	$k0, CP0_STATUS
	andi	$k0, $k0, ST_UM
	bnez	$k0, 1f
	move	$k0, $sp		/* delay slot: the kernel's case */
	addiu	$sp, $k0, -TRAP_STACK
	b	2f
	sw	$k0, TRAP_ARGAREA + TF_R(29)($sp)
1:	lui	$k0, %hi(mips_user_kstack_top)
	lw	$k0, %lo(mips_user_kstack_top)($k0)
	addiu	$k0, $k0, -TRAP_STACK	/* arch_user_frame(top) - TRAP_ARGAREA */
	sw	$sp, TRAP_ARGAREA + TF_R(29)($k0)	/* the user's sp */
	move	$sp, $k0
2:	sw	$k1, TRAP_ARGAREA + TF_VECTOR($sp)
	sw	$zero, TRAP_ARGAREA + TF_R(0)($sp)
	.irp	n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 28, 30, 31
	sw	$\n, TRAP_ARGAREA + TF_R(\n)($sp)
	.endr
	sw	$zero, TRAP_ARGAREA + TF_R(26)($sp)	/* k0, k1: the entry's own */
	sw	$zero, TRAP_ARGAREA + TF_R(27)($sp)
	mfhi	$t0
	mflo	$t1
	sw	$t0, TRAP_ARGAREA + TF_HI($sp)
	sw	$t1, TRAP_ARGAREA + TF_LO($sp)
	mfc0	$t0, CP0_STATUS
	mfc0	$t1, CP0_CAUSE
	mfc0	$t2, CP0_EPC
	mfc0	$t3, CP0_BADVADDR
	sw	$t0, TRAP_ARGAREA + TF_STATUS($sp)
	sw	$t1, TRAP_ARGAREA + TF_CAUSE($sp)
	sw	$t3, TRAP_ARGAREA + TF_BADVADDR($sp)

	/* An interrupt taken inside arch_idle after ei but before its wait
	 * executed would leave the wait to sleep until the next interrupt:
	 * resume after the wait instead (arch_idle, below). */
	la	$t3, idle_window
	subu	$t3, $t2, $t3
	sltiu	$t3, $t3, idle_wait + 1 - idle_window
	beqz	$t3, 1f
	nop
	la	$t2, idle_wait + 4
1:	sw	$t2, TRAP_ARGAREA + TF_EPC($sp)

	/* Leave exception level: kernel mode, interrupts still off.  With
	 * EXL clear a nested exception (a breakpoint or a fault in a handler)
	 * saves its own EPC instead of losing ours. */
	li	$t1, ~(ST_EXL | ST_IE | ST_KSU)
	and	$t0, $t0, $t1
	mtc0	$t0, CP0_STATUS
	ehb

	jal	trap
	addiu	$a0, $sp, TRAP_ARGAREA		/* delay slot: trap(tf) */

/* Restore what trap() may have changed and return to tf->epc. */
trap_return:
	di
	ehb
	/* Status comes back from the frame (EXL set, so interrupts stay off
	 * until eret and eret returns to EPC; KSU as the trapped code had it,
	 * so eret goes back to user mode after a user trap, and EXL keeps us
	 * in kernel mode until then), except the interrupt mask: the
	 * handler's changes to Status.IM, such as a timer masked by
	 * arch_timer_ack, must survive the return. */
	lw	$t0, TRAP_ARGAREA + TF_STATUS($sp)
	mfc0	$t1, CP0_STATUS
	li	$t2, ST_IM
	and	$t1, $t1, $t2
	nor	$t2, $zero, $t2
	and	$t0, $t0, $t2
	or	$t0, $t0, $t1
	mtc0	$t0, CP0_STATUS
	ehb
	lw	$t0, TRAP_ARGAREA + TF_EPC($sp)
	lw	$t1, TRAP_ARGAREA + TF_HI($sp)
	lw	$t2, TRAP_ARGAREA + TF_LO($sp)
	mtc0	$t0, CP0_EPC
	mthi	$t1
	mtlo	$t2
	.irp	n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 28, 30, 31
	lw	$\n, TRAP_ARGAREA + TF_R(\n)($sp)
	.endr
	lw	$sp, TRAP_ARGAREA + TF_R(29)($sp)
	ehb
	eret
	.end	trap_common

/*
 * void mips_trap_return_to(struct trapframe *tf): leave through tf as if
 * a trap were returning (arch_user_enter: the first entry into user
 * mode).  sp goes where trap_common would have put it for that frame.
 */
	.globl	mips_trap_return_to
	.ent	mips_trap_return_to
mips_trap_return_to:
	b	trap_return
	addiu	$sp, $a0, -TRAP_ARGAREA
	.end	mips_trap_return_to

/*
 * void arch_idle(void): enable interrupts and wait for one.
 *
 * "ei; wait" alone has a window: an interrupt taken after ei but before the
 * wait executes is handled, and then the wait sleeps until the *next*
 * interrupt.  trap_common closes it by resuming such an interrupt after the
 * wait (idle_wait + 4), so arch_idle returns once any interrupt has been
 * handled.  (QEMU's wait does not wake on a masked interrupt, so waiting
 * with interrupts off, as some real MIPS cores allow, is not an option.)
 * What remains is the caller's own window, between its check and this
 * call; with the periodic timer it costs at most one tick.
 *
 * If every interrupt is masked in Status.IM (a lab-1 stub masks the timer)
 * nothing could end the wait: return at once and let the caller poll.
 */
	.globl	arch_idle
	.ent	arch_idle
arch_idle:
	mfc0	$t0, CP0_STATUS
	andi	$t1, $t0, ST_IM
	beqz	$t1, 2f
	nop
	ei
idle_window:			/* from here to the wait: rolled forward */
	ehb
idle_wait:
	wait
	andi	$t1, $t0, ST_IE		/* back to the caller's IE */
	bnez	$t1, 2f
	nop
	di
	ehb
2:	jr	$ra
	nop
	.end	arch_idle
