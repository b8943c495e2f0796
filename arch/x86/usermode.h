/*
 * arch/x86/usermode.h - what the x86 user-mode pieces share: the boot-time
 * setup (usermode.c) and the entry points in trapentry.S.
 */
#ifndef X86_USERMODE_H
#define X86_USERMODE_H

#include "kern/types.h"

struct trapframe;

/* Load the TSS and enable the syscall instruction.  Once, at boot, by
 * arch_trap_init. */
void usermode_init(void);

/* trapentry.S: the syscall instruction's entry point (MSR_LSTAR), and the
 * way out of the kernel through a frame (trap_common's exit path, with
 * iretq).  tf must be at the top of the running thread's kernel stack or
 * below; interrupts off. */
void syscall_entry(void);
void trap_return(struct trapframe *tf) __noreturn;

/* The stack syscall_entry switches to (arch_set_kernel_stack). */
extern uintptr_t syscall_kstack;

#endif
