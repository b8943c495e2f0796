/*
 * arch/ppc64/usermode.c - user mode (kern/arch.h, "user mode").
 *
 * A user thread's kernel stack, from its top down:
 *
 *     stack_hi
 *         the user frame: struct trapframe (TF_SIZE bytes), the user's
 *         registers whenever the thread is in the kernel because of a trap
 *         from user mode; arch_user_frame
 *         its header, FRAME_MIN bytes: back chain 0, so that backtraces
 *         end here and never follow the user's r1
 *         the kernel's own frames: trap(), or before the thread first
 *         enters user mode thread_start and what it calls (context.c puts
 *         a new thread's terminal frame at the same place, so nothing the
 *         thread runs before arch_user_enter lives inside the user frame)
 *
 * A trap with SRR1[PR] set builds its frame there (trapentry.S): it reads
 * the top from ppc64_kstack_top, a word at a fixed kernel address that
 * real-mode code reaches too (the direct map: the CPU ignores the top EA
 * bits with translation off), which the scheduler keeps pointing at the
 * running thread's stack (arch_set_kernel_stack).  The user cannot read
 * it (the direct map has PP=00, no access with key Kp=1).
 *
 * System calls: `sc` (LEV 0), number in r0, arguments r3..r8, result in
 * r3 (kern/abi/syscall.h).  SRR0 already points past the sc.
 */
#include "kern/arch.h"
#include "kern/string.h"
#include "asm.h"
#include "cpu.h"
#include "trapframe.h"

/* What user code runs with: 64-bit, big-endian (LE clear) like the
 * kernel, problem state, interrupts and machine checks on, translation on,
 * and a recoverable state.  No FP, vector or VSX: the trap path does not
 * save their registers, so using them traps (0x800, 0xf20, 0xf40). */
#define MSR_USER	(MSR_SF | MSR_EE | MSR_PR | MSR_ME | MSR_IR | MSR_DR | MSR_RI)

/* Read by trapentry.S at its physical address (real mode). */
uint64_t ppc64_kstack_top;

void trap_return_to(struct trapframe *tf) __noreturn;	/* trapentry.S */

_Static_assert((TF_SIZE & 15) == 0, "the user frame keeps r1 16-byte aligned");

const size_t arch_trapframe_size = sizeof(struct trapframe);

struct trapframe *arch_user_frame(uintptr_t kstack_top)
{
	return (struct trapframe *)((kstack_top & ~(uintptr_t)15) - TF_SIZE);
}

void arch_user_frame_init(struct trapframe *tf, uintptr_t pc, uintptr_t sp,
			  uintptr_t a0, uintptr_t a1)
{
	memset(tf, 0, sizeof(*tf));
	tf->srr0 = pc;
	tf->srr1 = MSR_USER;
	tf->gpr[1] = sp;
	tf->gpr[3] = a0;
	tf->gpr[4] = a1;
	tf->gpr[12] = pc;	/* ELFv2: a global entry point gets its own address */
}

void arch_user_enter(struct trapframe *tf)
{
	/* tf is the running thread's user frame, so its end is the thread's
	 * stack top: record it here too, so that the first trap is right
	 * even if the scheduler has not switched since. */
	arch_set_kernel_stack((uintptr_t)tf + TF_SIZE);
	trap_return_to(tf);
}

void arch_set_kernel_stack(uintptr_t kstack_top)
{
	ppc64_kstack_top = kstack_top & ~(uintptr_t)15;
}

unsigned long arch_syscall_nr(const struct trapframe *tf)
{
	return tf->gpr[0];
}

uintptr_t arch_syscall_arg(const struct trapframe *tf, unsigned n)
{
	return n < 6 ? tf->gpr[3 + n] : 0;
}

void arch_syscall_return(struct trapframe *tf, long ret)
{
	tf->gpr[3] = (uint64_t)ret;	/* SRR0 is already past the sc */
}
