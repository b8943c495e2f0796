/*
 * arch/x86/switch.S - switching kernel threads: arch_context_switch, and
 * thread_trampoline, where a new thread's first switch lands.
 *
 * A thread that is not running is described by its saved stack pointer
 * alone (struct arch_context *, context.c): at that address sit the
 * System V callee-saved registers, pushed by arch_context_switch, and
 * above them the return address into whoever called it:
 *
 *	ctx -> r15, r14, r13, r12, rbx, rbp, rip
 *
 * rbp is pushed first and %rbp pointed at it, so a switched-out thread's
 * stack holds an ordinary frame record [rbp, rip] like any C function's.
 * Everything else the ABI lets a callee clobber (rax, rcx, rdx, rsi, rdi,
 * r8-r11, rflags' status bits) needs no saving.  RFLAGS.IF need not be
 * saved either: the scheduler switches with interrupts off, and every
 * thread resumes with them off (kern/sched.c, kern/thread.h).  DF is clear
 * everywhere in C code.
 */
	/* Unwind information for GDB, as in trapentry.S. */
	.cfi_sections .debug_frame

	.text

/* void arch_context_switch(struct arch_context **from, struct arch_context *to) */
	.globl arch_context_switch
	.type arch_context_switch, @function
arch_context_switch:
	.cfi_startproc
	pushq	%rbp
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %rbp, 0
	mov	%rsp, %rbp
	pushq	%rbx
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %rbx, 0
	pushq	%r12
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %r12, 0
	pushq	%r13
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %r13, 0
	pushq	%r14
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %r14, 0
	pushq	%r15
	.cfi_adjust_cfa_offset 8
	.cfi_rel_offset %r15, 0
	mov	%rsp, (%rdi)		/* *from = our saved state */

	/* The other thread's stack has the same layout, so the CFI above
	 * describes its frame just as well from here on. */
	mov	%rsi, %rsp
	popq	%r15
	.cfi_adjust_cfa_offset -8
	.cfi_restore %r15
	popq	%r14
	.cfi_adjust_cfa_offset -8
	.cfi_restore %r14
	popq	%r13
	.cfi_adjust_cfa_offset -8
	.cfi_restore %r13
	popq	%r12
	.cfi_adjust_cfa_offset -8
	.cfi_restore %r12
	popq	%rbx
	.cfi_adjust_cfa_offset -8
	.cfi_restore %rbx
	popq	%rbp
	.cfi_adjust_cfa_offset -8
	.cfi_restore %rbp
	ret				/* into the resumed thread (or the trampoline) */
	.cfi_endproc
	.size arch_context_switch, . - arch_context_switch

/*
 * A new thread's first switch "returns" here (arch_context_new puts this
 * address where the saved rip goes), with %rbp = 0 and %rsp 16-byte
 * aligned.  The call below pushes the one return address of the thread's
 * first C frame; thread_start's frame record then holds a saved %rbp of 0,
 * the same end of the chain as kmain's at boot (entry.S): walk_frames
 * stops after naming this trampoline.  For GDB, %rip is undefined here, so
 * `bt` stops too.  thread_start never returns; ud2 if it did.
 */
	.globl thread_trampoline
	.type thread_trampoline, @function
thread_trampoline:
	.cfi_startproc
	.cfi_undefined %rip
	xor	%ebp, %ebp
	call	thread_start
	ud2
	.cfi_endproc
	.size thread_trampoline, . - thread_trampoline

	.section .note.GNU-stack, "", @progbits
