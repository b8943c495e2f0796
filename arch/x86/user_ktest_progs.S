/*
 * arch/x86/user_ktest_progs.S - tiny user programs for user_ktest.c, kept
 * as bytes in .rodata: a test copies one to UKT_CODE with vm_write and
 * starts a thread in ring 3 there.  Each is position-independent and
 * addresses its data page absolutely (user_ktest.h has the layout).  Each
 * ends with UKT_SYS_EXIT(code), code UKT_OK or what went wrong.
 */
#include "user_ktest.h"

/* Exit with the code in %edi. */
.macro ukt_exit
	mov	$UKT_SYS_EXIT, %eax
	syscall
	ud2
.endm

	.section .rodata.x86_user_progs, "a"

/*
 * Every register but rcx and r11 set to its pattern (rsp to UKT_STACK),
 * DF set, then UKT_SYS_SLEEP(UKT_SLEEP_MS, PAT(rsi) ... PAT(r9)): the test
 * reads the six arguments from the frame while the thread sleeps.  After
 * it, rax must be 0, DF still set and every other register unchanged.
 * Exits UKT_OK, UKT_BAD_RAX, UKT_BAD_DF or the number of the first
 * register that changed (frame order, rsp 16).
 */
/* Exit with \n if \reg does not hold pattern n. */
.macro ukt_check reg, n
	movabs	$UKT_PAT(\n), %rax
	mov	$\n, %ecx
	cmp	%rax, %\reg
	jne	9f
.endm

	.globl	ukt_prog_regs, ukt_prog_regs_end
ukt_prog_regs:
	movabs	$UKT_PAT(1), %rbx
	movabs	$UKT_PAT(3), %rdx
	movabs	$UKT_PAT(4), %rsi
	movabs	$UKT_PAT(6), %rbp
	movabs	$UKT_PAT(7), %r8
	movabs	$UKT_PAT(8), %r9
	movabs	$UKT_PAT(9), %r10
	movabs	$UKT_PAT(11), %r12
	movabs	$UKT_PAT(12), %r13
	movabs	$UKT_PAT(13), %r14
	movabs	$UKT_PAT(14), %r15
	mov	$UKT_STACK, %esp
	mov	$UKT_SLEEP_MS, %edi
	mov	$UKT_SYS_SLEEP, %eax
	std
	syscall
	pushfq
	cld
	popq	%r11
	mov	$UKT_BAD_DF, %ecx
	test	$0x400, %r11
	jz	9f
	mov	$UKT_BAD_RAX, %ecx
	test	%rax, %rax
	jnz	9f
	mov	$5, %ecx
	cmp	$UKT_SLEEP_MS, %rdi
	jne	9f
	ukt_check rbx, 1
	ukt_check rdx, 3
	ukt_check rsi, 4
	ukt_check rbp, 6
	ukt_check r8, 7
	ukt_check r9, 8
	ukt_check r10, 9
	ukt_check r12, 11
	ukt_check r13, 12
	ukt_check r14, 13
	ukt_check r15, 14
	mov	$16, %ecx
	cmp	$UKT_STACK, %rsp
	jne	9f
	mov	$UKT_OK, %ecx
9:	mov	%rcx, UKT_RESULT
	mov	%ecx, %edi
	ukt_exit
ukt_prog_regs_end:

/* A load from (%rdi), kept at UKT_RESULT, then a store of %rsi there:
 * each may fault. */
	.globl	ukt_prog_touch, ukt_prog_touch_end
ukt_prog_touch:
	mov	(%rdi), %rax
	mov	%rax, UKT_RESULT
	mov	%rsi, (%rdi)
	mov	$UKT_OK, %edi
	ukt_exit
ukt_prog_touch_end:

/* A jump to %rdi (a page without execute permission). */
	.globl	ukt_prog_jump, ukt_prog_jump_end
ukt_prog_jump:
	jmp	*%rdi
ukt_prog_jump_end:

/*
 * Count at UKT_COUNT until UKT_STOP is set, never entering the kernel on
 * purpose: only the timer takes the CPU away.  r12-r15 hold this
 * spinner's number (%rdi) throughout: another thread's registers put
 * back by mistake show there.  Exits UKT_OK or UKT_BAD_SPIN.
 */
	.globl	ukt_prog_spin, ukt_prog_spin_end
ukt_prog_spin:
	mov	%rdi, %r12
	mov	%rdi, %r13
	mov	%rdi, %r14
	mov	%rdi, %r15
1:	incq	UKT_COUNT
	cmp	%rdi, %r12
	jne	8f
	cmp	%rdi, %r13
	jne	8f
	cmp	%rdi, %r14
	jne	8f
	cmp	%rdi, %r15
	jne	8f
	cmpq	$0, UKT_STOP
	je	1b
	mov	$UKT_OK, %edi
	ukt_exit
8:	mov	$UKT_BAD_SPIN, %edi
	ukt_exit
ukt_prog_spin_end:

	.section .note.GNU-stack, "", @progbits
