/*
 * arch/mips/user/crt0.S - where every user program starts (o32).
 *
 * The kernel enters _start in user mode (arch_user_frame_init) with argc
 * in $a0, argv in $a1, sp 8-byte aligned at the argument block, every
 * other register zero.  o32 wants the caller to leave a 16-byte area at
 * sp for the callee to spill $a0..$a3 into; ra and fp are zero so that a
 * debugger's backtrace ends here.  $gp needs nothing: user code is built
 * with -G 0 and without abicalls.
 */
	.set	noreorder

	.text
	.globl	_start
	.ent	_start
_start:
	move	$ra, $zero
	move	$fp, $zero
	li	$t0, -8
	and	$sp, $sp, $t0		/* the ABI's alignment, whatever we got */
	addiu	$sp, $sp, -16		/* the callee's argument area */
	jal	__libc_start		/* (argc, argv), never returns */
	nop
1:	break				/* it returned after all: trap, forever */
	b	1b
	nop
	.end	_start

	.section .note.GNU-stack, "", @progbits
