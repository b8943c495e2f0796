/*
 * arch/mips/switch.S - arch_context_switch, and the first instructions of
 * a new thread.  context.h has the layout of struct arch_context.
 */
#include "context.h"

	.set	noreorder

	.text
/*
 * void arch_context_switch(struct arch_context **from, struct arch_context *to)
 *
 * Push the callee-saved registers and ra on the current stack (that block
 * is the struct arch_context), store its address in *from, take `to` as
 * the new sp, pop the same block and return to its ra.  Interrupts are
 * off (the scheduler's rule), so no trap can land between the two halves.
 *
 * The frame is allocated with "addiu sp, sp, -N" and ra is saved after it,
 * like a C prologue: a backtrace taken in here would read it as a frame.
 */
	.globl	arch_context_switch
	.ent	arch_context_switch
arch_context_switch:
	addiu	$sp, $sp, -CTX_SIZE
	sw	$ra, CTX_RA($sp)
	sw	$s0, CTX_S(0)($sp)
	sw	$s1, CTX_S(1)($sp)
	sw	$s2, CTX_S(2)($sp)
	sw	$s3, CTX_S(3)($sp)
	sw	$s4, CTX_S(4)($sp)
	sw	$s5, CTX_S(5)($sp)
	sw	$s6, CTX_S(6)($sp)
	sw	$s7, CTX_S(7)($sp)
	sw	$fp, CTX_FP($sp)
	sw	$gp, CTX_GP($sp)
	sw	$sp, 0($a0)		/* *from = our context */

	move	$sp, $a1		/* the other thread's stack */
	lw	$ra, CTX_RA($sp)
	lw	$s0, CTX_S(0)($sp)
	lw	$s1, CTX_S(1)($sp)
	lw	$s2, CTX_S(2)($sp)
	lw	$s3, CTX_S(3)($sp)
	lw	$s4, CTX_S(4)($sp)
	lw	$s5, CTX_S(5)($sp)
	lw	$s6, CTX_S(6)($sp)
	lw	$s7, CTX_S(7)($sp)
	lw	$fp, CTX_FP($sp)
	lw	$gp, CTX_GP($sp)
	jr	$ra
	addiu	$sp, $sp, CTX_SIZE	/* delay slot: pop the context */
	.end	arch_context_switch

/*
 * A new thread's first switch "returns" here (arch_context_new put this
 * in its context's ra), with sp at the top of the thread's stack less the
 * 16-byte o32 argument area.  Jump, do not call, to thread_start with
 * ra = 0, as entry.S enters mips_boot: thread_start saves that 0 as its
 * return address, where the prologue-reading backtrace stops; the CFI
 * tells gdb the same.  thread_start never returns.
 */
	.globl	mips_thread_entry
	.ent	mips_thread_entry
mips_thread_entry:
	.cfi_startproc
	.cfi_undefined $ra
	la	$t9, thread_start
	jr	$t9
	move	$ra, $zero		/* delay slot */
	.cfi_endproc
	.end	mips_thread_entry
