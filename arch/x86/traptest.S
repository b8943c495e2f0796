/*
 * arch/x86/traptest.S - the instructions that trap on purpose, for the
 * monitor's `breakpoint` and the lab-1 tests: int3 and ud2.
 *
 * In assembly because GCC gives a leaf function that uses no stack no
 * frame record, even with -fno-omit-frame-pointer; a trap inside one would
 * then hide its caller from arch_backtrace_tf.  These build the record a
 * C function would, so backtraces from the trap name the caller.
 */
	.text

/* void arch_breakpoint(void): #BP, then return when trap() resumes us. */
	.globl arch_breakpoint
	.type arch_breakpoint, @function
arch_breakpoint:
	pushq	%rbp
	mov	%rsp, %rbp
	int3
	popq	%rbp
	ret
	.size arch_breakpoint, . - arch_breakpoint

/* void arch_illegal_instruction(void): #UD; returns only if trap() does. */
	.globl arch_illegal_instruction
	.type arch_illegal_instruction, @function
arch_illegal_instruction:
	pushq	%rbp
	mov	%rsp, %rbp
	ud2
	popq	%rbp
	ret
	.size arch_illegal_instruction, . - arch_illegal_instruction

	.section .note.GNU-stack, "", @progbits
