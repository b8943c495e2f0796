/*
 * arch/ppc64/user/syscall.S - the system call stub (user/lib/ulib.h).
 *
 * long __syscall(long nr, long a0, ..., long a5) gets its arguments in
 * r3..r9 (ELFv2) and moves them to the kernel's registers: the number in
 * r0, the arguments in r3..r8 (kern/abi/syscall.h).  The kernel preserves
 * every register but r3, which comes back as the result.  No TOC use, so
 * the global and local entry points are one.
 */
	.text
	.globl	__syscall
	.type	__syscall, @function
	.balign	4
__syscall:
	mr	%r0, %r3
	mr	%r3, %r4
	mr	%r4, %r5
	mr	%r5, %r6
	mr	%r6, %r7
	mr	%r7, %r8
	mr	%r8, %r9
	sc
	blr
	.size	__syscall, . - __syscall

	.section .note.GNU-stack, "", @progbits
