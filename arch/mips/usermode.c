/*
 * PLACEHOLDER: user mode for this arch is being written (kern/arch.h,
 * "user mode").  Every function panics until then.
 */
#include "kern/arch.h"
#include "kern/panic.h"

struct trapframe *arch_user_frame(uintptr_t kstack_top)
{
	(void)kstack_top;
	panic("user mode: not yet on %s", arch_name);
}

void arch_user_frame_init(struct trapframe *tf, uintptr_t pc, uintptr_t sp,
			  uintptr_t a0, uintptr_t a1)
{
	(void)tf; (void)pc; (void)sp; (void)a0; (void)a1;
	panic("user mode: not yet on %s", arch_name);
}

void arch_user_enter(struct trapframe *tf)
{
	(void)tf;
	panic("user mode: not yet on %s", arch_name);
}

void arch_set_kernel_stack(uintptr_t kstack_top)
{
	(void)kstack_top;
}

unsigned long arch_syscall_nr(const struct trapframe *tf)
{
	(void)tf;
	return 0;
}

uintptr_t arch_syscall_arg(const struct trapframe *tf, unsigned n)
{
	(void)tf; (void)n;
	return 0;
}

void arch_syscall_return(struct trapframe *tf, long ret)
{
	(void)tf; (void)ret;
}
