/*
 * arch/x86/probe.S - 32-bit accesses that survive a fault, for
 * hat_probe_read/write (fixup.c).
 *
 * The one instruction that touches the address has a fixup entry: if it
 * faults and nothing else handles the fault (trap() asks hat_fault first),
 * arch_trap_fixup resumes at the function's failure exit, which returns
 * false.  Any register the instruction would have set is simply not used.
 * Each function builds a frame record so that a backtrace taken during
 * the fault names its caller.
 */
#include "fixup.h"

	.text

	/* bool probe_read32(vaddr_t va, uint32_t *value) */
	.globl probe_read32
probe_read32:
	push	%rbp
	mov	%rsp, %rbp
1:	movl	(%rdi), %eax
2:	movl	%eax, (%rsi)
	mov	$1, %eax
	pop	%rbp
	ret
	FIXUP	1b, 2b, probe_failed

	/* bool probe_write32(vaddr_t va, uint32_t value) */
	.globl probe_write32
probe_write32:
	push	%rbp
	mov	%rsp, %rbp
1:	movl	%esi, (%rdi)
2:	mov	$1, %eax
	pop	%rbp
	ret
	FIXUP	1b, 2b, probe_failed

	/* The shared failure exit: the frame record is still in place. */
probe_failed:
	xor	%eax, %eax
	pop	%rbp
	ret

	.section .note.GNU-stack, "", @progbits
