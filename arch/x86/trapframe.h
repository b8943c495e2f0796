/*
 * arch/x86/trapframe.h - struct trapframe: the registers trapentry.S saves
 * on every trap, exception and interrupt, as trap() sees them.
 *
 * Read from the bottom up it is the order things were pushed: the CPU
 * pushes ss..rip (and an error code for some exceptions), the vector's
 * stub pushes a dummy error code where the CPU did not and then the vector
 * number, and the common path pushes the fifteen general registers.  A
 * system call (trapentry.S's syscall_entry) builds the same frame by hand.
 * A trap from user mode leaves its frame at the very top of the thread's
 * kernel stack (arch_user_frame, usermode.c).  The TF_* offsets are for
 * the assembly; trap.c checks them against the struct.
 */
#ifndef X86_TRAPFRAME_H
#define X86_TRAPFRAME_H

#define TF_RAX		0
#define TF_RBX		8
#define TF_RCX		16
#define TF_RDX		24
#define TF_RSI		32
#define TF_RDI		40
#define TF_RBP		48
#define TF_R8		56		/* r8..r15 follow, 8 bytes apart */
#define TF_TRAPNO	120
#define TF_RIP		136
#define TF_CS		144
#define TF_RSP		160
#define TF_SIZE		176

/* Each vector's entry stub is padded to this size (trapentry.S), so that
 * the IDT can find stub i at trap_stubs + i * TRAP_STUB_SIZE. */
#define TRAP_STUB_SIZE	16
#define NVECTORS	256

/* The trapno of a system call (the syscall instruction, trapentry.S's
 * syscall_entry): no vector has it, so it cannot be mistaken for one. */
#define T_SYSCALL	NVECTORS

#ifndef __ASSEMBLY__
#include "kern/types.h"

struct trapframe {
	/* pushed by trap_common (trapentry.S) */
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	/* pushed by the vector's stub */
	uint64_t trapno;	/* vector number, 0..255, or T_SYSCALL */
	uint64_t err;		/* CPU error code, or 0 */
	/* pushed by the CPU */
	uint64_t rip, cs, rflags, rsp, ss;
};
#endif

#endif
