/*
 * arch/x86/user/syscall.S - the one system call stub (user/lib/ulib.h):
 *
 *	long __syscall(long nr, long a0, long a1, long a2, long a3,
 *		       long a4, long a5);
 *
 * The C ABI passes nr a0..a4 in %rdi %rsi %rdx %rcx %r8 %r9 and a5 on the
 * stack, just above the return address.  The kernel wants the number in
 * %rax and the arguments in %rdi %rsi %rdx %r10 %r8 %r9 (not %rcx: the
 * syscall instruction overwrites it with the return address, and %r11
 * with rflags), and answers in %rax (kern/abi/syscall.h).  Every register
 * touched here is caller-saved in the C ABI, so nothing needs saving.
 */
	.text
	.globl	__syscall
	.type	__syscall, @function
__syscall:
	mov	%rdi, %rax
	mov	%rsi, %rdi
	mov	%rdx, %rsi
	mov	%rcx, %rdx
	mov	%r8, %r10
	mov	%r9, %r8
	mov	8(%rsp), %r9
	syscall
	ret
	.size	__syscall, . - __syscall

	.section .note.GNU-stack, "", @progbits
