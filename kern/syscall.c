/*
 * kern/syscall.c - from the system call instruction to its handler
 * (kern/syscall.h): one table indexed by number, no switch.
 */
#include "kern/arch.h"
#include "kern/errno.h"
#include "kern/syscall.h"

#include "kern/abi/syscall.h"

unsigned long syscall_count;

static const syscall_fn syscalls[NSYSCALLS] = {
	[SYS_exit] = sys_exit,		[SYS_spawn] = sys_spawn,
	[SYS_wait] = sys_wait,		[SYS_getpid] = sys_getpid,
	[SYS_yield] = sys_yield,	[SYS_sleep] = sys_sleep,
	[SYS_read] = sys_read,		[SYS_write] = sys_write,
	[SYS_open] = sys_open,		[SYS_close] = sys_close,
	[SYS_mmap] = sys_mmap,		[SYS_munmap] = sys_munmap,
	[SYS_mprotect] = sys_mprotect,	[SYS_memstats] = sys_memstats,
	[SYS_fstat] = sys_fstat,	[SYS_readdir] = sys_readdir,
	[SYS_uptime] = sys_uptime,	[SYS_getppid] = sys_getppid,
	[SYS_regions] = sys_regions,	[SYS_cycles] = sys_cycles,
	[SYS_poweroff] = sys_poweroff,	[SYS_fork] = sys_fork,
	[SYS_exec] = sys_exec,
};

void syscall_trap(struct trapframe *tf)
{
	unsigned long nr = arch_syscall_nr(tf);
	uintptr_t a[6];
	long ret = -ENOSYS;

	for (unsigned i = 0; i < 6; i++)
		a[i] = arch_syscall_arg(tf, i);
	syscall_count++;
	/* Handlers may sleep, copy a lot, or fault on user memory: let the
	 * clock and preemption go on meanwhile. */
	arch_intr_enable();
	if (nr < NSYSCALLS && syscalls[nr])
		ret = syscalls[nr](a);
	arch_intr_disable();
	arch_syscall_return(tf, ret);
}
