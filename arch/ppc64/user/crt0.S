/*
 * arch/ppc64/user/crt0.S - where every user program begins (_start).
 *
 * The kernel enters with argc in r3, argv in r4, r1 the 16-byte aligned
 * top of the user stack and r12 = _start: an ELFv2 global entry, so the
 * first two instructions make the TOC pointer r2 from r12 (the .localentry
 * marks where a caller that already has r2 would enter; nobody does).
 *
 * The first frame has a back chain of 0 and an LR save word of 0, the
 * kernel's own end-of-chain marker (arch/ppc64/backtrace.c): a backtrace
 * of the program stops here.  __libc_start (user/lib/start.c) never
 * returns; if it did, the trap below stops the program with a fault
 * rather than running on into whatever follows.
 */
	.text
	.globl	_start
	.type	_start, @function
	.balign	4
_start:
	addis	%r2, %r12, (.TOC. - _start)@ha
	addi	%r2, %r2, (.TOC. - _start)@l
	.localentry _start, . - _start
	li	%r0, 0
	stdu	%r0, -32(%r1)		/* the first frame: back chain 0 */
	std	%r0, 16(%r1)		/* its LR save word: 0 */
	bl	__libc_start		/* r3, r4: argc, argv, untouched */
	nop
1:	trap
	b	1b
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
