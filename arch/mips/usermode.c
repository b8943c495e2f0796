/*
 * arch/mips/usermode.c - user mode (kern/arch.h, "user mode"): the user
 * frame at the top of each thread's kernel stack, the first entry into
 * user mode, and the system call registers (kern/abi/syscall.h).
 *
 * MIPS has no hardware stack switch: an exception only sets Status.EXL
 * and leaves sp as the user had it.  So trapentry.S looks at the saved
 * Status: with KSU = user it takes the kernel stack from
 * mips_user_kstack_top (set here, by the scheduler on every switch)
 * instead of trusting the user's sp, and builds the frame exactly where
 * arch_user_frame says.  docs/arch-mips.md, "User mode", has the picture.
 */
#include "kern/arch.h"
#include "kern/panic.h"
#include "cp0.h"
#include "trapframe.h"

/* Read by trap_common with $k0 only (lui/lw), so it must be a plain word. */
uintptr_t mips_user_kstack_top;

/* trapentry.S: restore *tf and eret, with sp = tf - TRAP_ARGAREA. */
void mips_trap_return_to(struct trapframe *tf) __noreturn;

/* trap_common allocates TRAP_STACK bytes below the top and puts the frame
 * above the o32 argument area, as it does for a kernel trap. */
const size_t arch_trapframe_size = sizeof(struct trapframe);

struct trapframe *arch_user_frame(uintptr_t kstack_top)
{
	return (struct trapframe *)(kstack_top - TRAP_STACK + TRAP_ARGAREA);
}

/*
 * User mode is KSU = user; EXL keeps the CPU in kernel mode with
 * interrupts off until trap_return's eret, which clears it.  IE so that
 * the timer preempts user code, with the interrupt mask the kernel runs
 * with now (trap_return keeps the live IM anyway).  CU0 stays clear: user
 * code touching CP0 raises CpU.
 */
void arch_user_frame_init(struct trapframe *tf, uintptr_t pc, uintptr_t sp,
			  uintptr_t a0, uintptr_t a1)
{
	uint32_t im = cp0_read(CP0_STATUS) & ST_IM;

	*tf = (struct trapframe){ 0 };
	tf->epc = pc;
	tf->r[REG_SP] = sp;
	tf->r[REG_A0] = a0;
	tf->r[REG_A0 + 1] = a1;
	tf->status = im | ST_UM | ST_EXL | ST_IE;
	tf->vector = VEC_GENERAL;
}

/* tf is the running thread's user frame (the contract), so its kernel
 * stack top follows from it: record it here too, so the first trap from
 * user mode finds the stack even before the scheduler's next switch. */
void arch_user_enter(struct trapframe *tf)
{
	arch_set_kernel_stack((uintptr_t)tf + TRAP_STACK - TRAP_ARGAREA);
	mips_trap_return_to(tf);
}

void arch_set_kernel_stack(uintptr_t kstack_top)
{
	mips_user_kstack_top = kstack_top;
}

unsigned long arch_syscall_nr(const struct trapframe *tf)
{
	return tf->r[REG_V0];
}

/* Arguments 0..5: a0 a1 a2 a3 t0 t1, registers 4..9 in a row. */
uintptr_t arch_syscall_arg(const struct trapframe *tf, unsigned n)
{
	if (n > 5)
		panic("arch_syscall_arg: no argument %u", n);
	return tf->r[REG_A0 + n];
}

/* The result in v0; EPC past the `syscall` (arch_trap_classify made a
 * syscall in a branch delay slot an illegal instruction, so never BD). */
void arch_syscall_return(struct trapframe *tf, long ret)
{
	tf->r[REG_V0] = (uint32_t)ret;
	tf->epc += 4;
}
