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
 * A trap from kernel mode stays on whatever stack was current: the boot
 * stack, or the running thread's kernel stack (kern/thread.h).  A trap
 * from user mode (ring 3) makes the CPU load %rsp from TSS.rsp0, which
 * arch_set_kernel_stack keeps at the top of the running thread's kernel
 * stack, so the frame lands exactly at arch_user_frame (usermode.c): the
 * stack is empty whenever the thread is in user mode.  Every gate has
 * IST 0.  The trap frame lives on the thread's stack, and trap() may
 * switch threads before returning (sched_preempt on the way out of a
 * timer interrupt): the frame waits there until the thread runs again and
 * comes back here to iretq.
 *
 * The syscall instruction (syscall_entry below) switches stacks by hand
 * and builds the same frame, then joins the common path.
 *
 * No swapgs, on either path: the kernel never uses %gs (or %fs), so the
 * user's GS base can stay loaded while the kernel runs.  One CPU: the
 * syscall entry finds its stack in a global, not through a per-CPU area.
 */
#include "mmu.h"
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
	 * the thread's kernel stack (or syscall_entry did). */
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
	 * naming the trapped instruction itself.  For a trap from user mode
	 * the saved rbp is 0 instead: the chain ends at the user's rip and
	 * never follows a pointer the user chose (its rbp is in the frame).
	 */
	testb	$3, TF_CS(%rsp)
	jz	1f
	xor	%ebp, %ebp
1:	pushq	TF_RIP(%rsp)
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

trap_exit:
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

/*
 * void trap_return(struct trapframe *tf): leave the kernel through the
 * frame at tf as if a trap had just been handled (arch_user_enter).  The
 * frame record below it is scratch: the exit path skips it.
 */
	.globl trap_return
	.type trap_return, @function
trap_return:
	lea	-16(%rdi), %rsp
	jmp	trap_exit
	.size trap_return, . - trap_return

/*
 * The syscall instruction lands here (MSR_LSTAR), from ring 3 only: with
 * %rcx = the user's rip (past the syscall), %r11 = the user's rflags,
 * %rsp still the user's, and IF, TF, DF, AC and NT cleared (MSR_SFMASK),
 * so nothing can interrupt us before the stack is the kernel's.  Build
 * the frame a trap from user mode would have left at the top of the
 * thread's kernel stack (trapno T_SYSCALL, error code 0) and join the
 * common path, which returns with iretq.  rcx and r11 are lost, as the ABI
 * says (kern/abi/syscall.h): the frame holds the return rip and rflags in
 * them.
 */
	.globl syscall_entry
	.type syscall_entry, @function
syscall_entry:
	mov	%rsp, syscall_user_rsp(%rip)
	mov	syscall_kstack(%rip), %rsp
	pushq	$(UDATA_SEL | SEL_RPL_USER)	/* ss */
	pushq	syscall_user_rsp(%rip)		/* rsp */
	pushq	%r11				/* rflags */
	pushq	$(UCODE_SEL | SEL_RPL_USER)	/* cs */
	pushq	%rcx				/* rip */
	pushq	$0				/* error code */
	pushq	$T_SYSCALL
	jmp	trap_common
	.size syscall_entry, . - syscall_entry

	/* The user's %rsp between syscall_entry's first two instructions
	 * (interrupts are off, one CPU: nobody else uses it meanwhile). */
	.bss
	.balign 8
syscall_user_rsp:
	.skip	8

	.section .note.GNU-stack, "", @progbits
