/*
 * arch/mips/user/syscall.S - the one system call stub (user/lib/ulib.h):
 *
 *	long __syscall(long nr, long a0, long a1, long a2, long a3,
 *		       long a4, long a5);
 *
 * o32 passes the first four words in $a0..$a3 and the rest on the
 * caller's stack, after its 16-byte argument area: a3 at 16($sp), a4 at
 * 20($sp), a5 at 24($sp).  The kernel wants the number in $v0 and the
 * arguments in $a0 $a1 $a2 $a3 $t0 $t1 (kern/abi/syscall.h) and answers
 * in $v0, preserving every other register; $t0 and $t1 are ours to
 * clobber anyway.
 */
	.set	noreorder

	.text
	.globl	__syscall
	.ent	__syscall
__syscall:
	move	$v0, $a0
	move	$a0, $a1
	move	$a1, $a2
	move	$a2, $a3
	lw	$a3, 16($sp)
	lw	$t0, 20($sp)
	lw	$t1, 24($sp)
	syscall
	jr	$ra
	nop
	.end	__syscall

	.section .note.GNU-stack, "", @progbits
