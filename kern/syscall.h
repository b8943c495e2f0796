/*
 * kern/syscall.h - the system call dispatcher and the handlers' contract.
 *
 * trap() hands every TRAP_SYSCALL from user mode to syscall_trap, which
 * reads the number and six arguments from the trap frame (arch_syscall_*,
 * kern/arch.h), runs the handler with interrupts on, and stores its
 * result.  Handlers get the raw arguments; pointers among them are user
 * addresses, only ever touched through copyin/copyout (mm/uaccess.h), so
 * a bad one is -EFAULT.  A handler returns a result >= 0 or -errno.
 * The numbers and the ABI: kern/abi/syscall.h; the reference:
 * docs/syscalls.md.
 */
#ifndef KERN_SYSCALL_H
#define KERN_SYSCALL_H

#include "kern/types.h"

struct trapframe;

typedef long (*syscall_fn)(const uintptr_t a[6]);

/* Run the system call in tf, trapped from user mode.  Interrupts off on
 * entry and on return. */
void syscall_trap(struct trapframe *tf);

/* How many system calls have run since boot (for tests and `ps`). */
extern unsigned long syscall_count;

/* The handlers, by the file that holds them. */
/* kern/sys_proc.c */
long sys_exit(const uintptr_t a[6]);
long sys_spawn(const uintptr_t a[6]);
long sys_wait(const uintptr_t a[6]);
long sys_getpid(const uintptr_t a[6]);
long sys_getppid(const uintptr_t a[6]);
long sys_yield(const uintptr_t a[6]);
long sys_sleep(const uintptr_t a[6]);
long sys_uptime(const uintptr_t a[6]);
long sys_cycles(const uintptr_t a[6]);
long sys_poweroff(const uintptr_t a[6]);
long sys_fork(const uintptr_t a[6]);
long sys_exec(const uintptr_t a[6]);
/* kern/sys_file.c */
long sys_read(const uintptr_t a[6]);
long sys_write(const uintptr_t a[6]);
long sys_open(const uintptr_t a[6]);
long sys_close(const uintptr_t a[6]);
long sys_fstat(const uintptr_t a[6]);
long sys_readdir(const uintptr_t a[6]);
/* mm/sys_vm.c */
long sys_mmap(const uintptr_t a[6]);
long sys_munmap(const uintptr_t a[6]);
long sys_mprotect(const uintptr_t a[6]);
long sys_memstats(const uintptr_t a[6]);
long sys_regions(const uintptr_t a[6]);

#endif
