/*
 * arch/x86/user/crt0.S - where every user program starts (System V AMD64).
 *
 * The kernel enters _start in ring 3 (arch_user_frame_init) with argc in
 * %rdi, argv in %rsi, %rsp 16-byte aligned at the argument block, every
 * other register zero.  %rbp = 0 marks the outermost frame, so that a
 * backtrace (a debugger's, or one walking %rbp chains) ends here.  The ABI
 * wants %rsp 16-byte aligned at every call, i.e. before the call pushes
 * its return address: it is, and the `and` keeps it so whatever we got.
 */
	.text
	.globl	_start
	.type	_start, @function
_start:
	xor	%ebp, %ebp
	and	$-16, %rsp
	call	__libc_start		/* (argc, argv): never returns */
1:	ud2				/* it returned after all: fault, forever */
	jmp	1b
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
