/*
 * arch/x86/trapentry.S - the way into and out of the kernel's trap handler.
 *
 * The IDT (trap.c) points vector i at stub i below.  Every stub leaves the
 * same layout on the stack, so one common path serves all 256 vectors:
 * the CPU has pushed ss, rsp, rflags, cs, rip and, for some exceptions, an
 * error code; the stub pushes a 0 where the CPU pushed no error code, then
 * its vector number.  trap_common saves the general registers to complete a
 * struct trapframe (trapframe.h), calls trap(tf), restores whatever trap()
 * left in the frame, and returns with iretq.
 *
 * Kernel-only for now: no stack switch and no swapgs.  Every gate has
 * IST 0 and no TSS is loaded, so a trap from kernel mode stays on whatever
 * stack was current: the boot stack, or the running thread's kernel stack
 * (kern/thread.h).  The trap frame then lives on that thread's stack, and
 * trap() may switch threads before returning (sched_preempt on the way out
 * of a timer interrupt): the frame waits there until the thread runs again
 * and comes back here to iretq.
 *
 * User mode (a later issue) adds the rest: a trap from ring 3 makes the CPU
 * load %rsp from TSS.rsp0, which the scheduler must set to the top of the
 * next thread's kernel stack at every switch (with a TSS in the GDT and
 * ltr at boot), and swapgs on entry and exit when the trapped cs is ring 3.
 */
#include "trapframe.h"

	/* Unwind information for GDB (backtrace.c does not need it). */
	.cfi_sections .debug_frame

/*
 * Tell GDB where the trapped context's register number dwreg was saved:
 * at %rbp + 16 + off (the trap frame, above trap_common's frame record),
 * as a DWARF expression "DW_OP_breg6 (rbp) + offset" with a two-byte
 * SLEB128 offset.
 */
.macro cfi_saved_at dwreg, off
	.cfi_escape 0x10, \dwreg, 3, 0x76, ((16 + \off) & 0x7f) | 0x80, (16 + \off) >> 7
.endm

	.text
	.balign TRAP_STUB_SIZE
	.globl trap_stubs
trap_stubs:
	vector = 0
	.rept NVECTORS
	/* The exceptions for which the CPU pushes an error code:
	 * #DF 8, #TS 10, #NP 11, #SS 12, #GP 13, #PF 14, #AC 17, #CP 21,
	 * #VC 29, #SX 30. */
	has_error_code = (vector == 8) || (vector >= 10 && vector <= 14) || \
		(vector == 17) || (vector == 21) || (vector == 29) || (vector == 30)
	.if has_error_code == 0
	pushq	$0
	.endif
	pushq	$vector
	jmp	trap_common
	/* Pad to the fixed stub size (.org fails if the stub is longer). */
	.org	trap_stubs + (vector + 1) * TRAP_STUB_SIZE, 0xcc
	vector = vector + 1
	.endr

trap_common:
	/* Traps from user mode: the CPU has already switched to TSS.rsp0,
	 * the thread's kernel stack; swapgs goes here (user mode issue). */
	.cfi_startproc
	.cfi_signal_frame
	pushq	%r15
	pushq	%r14
	pushq	%r13
	pushq	%r12
	pushq	%r11
	pushq	%r10
	pushq	%r9
	pushq	%r8
	pushq	%rbp
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	%rbx
	pushq	%rax

	/*
	 * A frame record for the trapped code: saved rbp and rip side by
	 * side, as a call would have left them.  With %rbp pointing at it, a
	 * backtrace taken inside trap() walks on into the code that trapped,
	 * naming the trapped instruction itself.
	 */
	pushq	TF_RIP(%rsp)
	pushq	%rbp
	mov	%rsp, %rbp

	/*
	 * For GDB, from here until the registers are restored: the trapped
	 * context's stack pointer (its CFA) is the saved rsp, and its
	 * registers are in the trap frame.  DWARF numbers: rax 0, rdx 1,
	 * rcx 2, rbx 3, rsi 4, rdi 5, rbp 6, r8-r15 8-15, rip 16.
	 */
	.cfi_escape 0x0f, 4, 0x76, ((16 + TF_RSP) & 0x7f) | 0x80, (16 + TF_RSP) >> 7, 0x06
	cfi_saved_at 0, TF_RAX
	cfi_saved_at 1, TF_RDX
	cfi_saved_at 2, TF_RCX
	cfi_saved_at 3, TF_RBX
	cfi_saved_at 4, TF_RSI
	cfi_saved_at 5, TF_RDI
	cfi_saved_at 6, TF_RBP
	cfi_saved_at 8, TF_R8
	cfi_saved_at 9, TF_R8 + 8
	cfi_saved_at 10, TF_R8 + 16
	cfi_saved_at 11, TF_R8 + 24
	cfi_saved_at 12, TF_R8 + 32
	cfi_saved_at 13, TF_R8 + 40
	cfi_saved_at 14, TF_R8 + 48
	cfi_saved_at 15, TF_R8 + 56
	cfi_saved_at 16, TF_RIP

	lea	16(%rsp), %rdi		/* the struct trapframe */
	cld				/* the C ABI wants DF clear */
	call	trap

	add	$16, %rsp		/* drop the frame record */
	popq	%rax
	popq	%rbx
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
	popq	%rbp
	popq	%r8
	popq	%r9
	popq	%r10
	popq	%r11
	popq	%r12
	popq	%r13
	popq	%r14
	popq	%r15
	add	$16, %rsp		/* vector number and error code */
	iretq
	.cfi_endproc

	.section .note.GNU-stack, "", @progbits
