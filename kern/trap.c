/*
 * kern/trap.c - the machine-independent trap dispatcher (kern/trap.h).
 *
 * Each trap kind has at most one handler in trap_handlers[].  A handler
 * returns true when it dealt with the trap; a trap nobody handles is
 * unexpected and ends in panic_trap(), which prints the registers and the
 * backtrace of the trapped code.
 */
#include "kern/arch.h"
#include "kern/clock.h"
#include "kern/ksym.h"
#include "kern/lab.h"
#include "kern/errno.h"
#include "kern/panic.h"
#include "kern/printf.h"
#include "kern/proc.h"
#include "kern/syscall.h"
#include "kern/thread.h"
#include "kern/trap.h"
#include "mm/hat.h"
#include "mm/vm.h"

typedef bool (*trap_handler_t)(struct trapframe *tf, const struct trapinfo *ti);

volatile unsigned long trap_breakpoints;

static const char *const kind_names[] = {
	[TRAP_UNKNOWN] = "unknown",	[TRAP_TIMER] = "timer",
	[TRAP_DEVICE] = "device",	[TRAP_SPURIOUS] = "spurious",
	[TRAP_BREAKPOINT] = "breakpoint", [TRAP_ILLEGAL] = "illegal instruction",
	[TRAP_MEMORY] = "memory fault",	[TRAP_ALIGN] = "alignment",
	[TRAP_ARITH] = "arithmetic",	[TRAP_SYSCALL] = "system call",
	[TRAP_MACHINE] = "machine check",
};

const char *trap_kind_name(enum trap_kind kind)
{
	if ((unsigned)kind < ARRAY_SIZE(kind_names) && kind_names[kind])
		return kind_names[kind];
	return "?";
}

/* The clock interrupt: acknowledge it, re-arm it, count the tick. */
static bool trap_timer(struct trapframe *tf, const struct trapinfo *ti)
{
	(void)tf;
	(void)ti;
#if SOLUTION(1)
	arch_timer_ack();
	clock_tick();
	return true;
#else
	/*
	 * LAB 1: a timer interrupt arrived.  Acknowledge it and arrange the
	 * next one (arch_timer_ack, which you also write), then count the tick
	 * (clock_tick).  Return true: the trap was handled.
	 * Checked by: lab1_timer.
	 */
	LAB_TODO(1, "trap_timer: acknowledge the timer and count the tick");
	arch_timer_ack();
	return true;
#endif
}

/* A breakpoint: report it and resume after the breakpoint instruction. */
static bool trap_breakpoint(struct trapframe *tf, const struct trapinfo *ti)
{
#if SOLUTION(1)
	uintptr_t off;
	const char *fn = ksym_lookup(ti->pc, &off);

	trap_breakpoints++;
	kprintf("breakpoint at %p in %s\n", (void *)ti->pc, fn ? fn : "??");
	arch_trap_skip(tf);
	return true;
#else
	/*
	 * LAB 1: a breakpoint instruction trapped.  Count it in
	 * trap_breakpoints, print "breakpoint at <pc> in <function>", and make
	 * the trapped code resume after the breakpoint (arch_trap_skip, which
	 * you also write).  Returning false makes the trap "unexpected".
	 * Checked by: lab1_breakpoint.
	 */
	(void)tf;
	(void)ti;
	LAB_TODO(1, "trap_breakpoint: count, report and resume");
	return false;
#endif
}

/* Why the VM system could not resolve a user fault, for the kill
 * message. */
static const char *fault_reason(vaddr_t va, int err)
{
	if (va < USER_VA_MIN || va >= USER_VA_MAX)
		return "not a user address";
	switch (err) {
	case -EFAULT:	return "no Region maps it";
	case -EACCES:	return "the Region's protection forbids it";
	case -ENOMEM:	return "out of memory";
	default:	return errno_name(err);
	}
}

/* A memory fault from user mode: the HAT's business, else the process's
 * fault path (Process -> Region -> FCM); one it cannot resolve kills the
 * process, not the kernel. */
static bool trap_memory_user(const struct trapinfo *ti)
{
	struct process *p = proc_current();
	int e = -EFAULT;

	if (hat_fault(hat_current(), ti->addr, ti->write, ti->exec))
		return true;
	if (p && ti->addr >= USER_VA_MIN && ti->addr < USER_VA_MAX)
		e = vm_fault(p, ti->addr, vm_access(ti->write, ti->exec));
	if (e == 0)
		return true;
	proc_kill(ti, fault_reason(ti->addr, e));
}

/* A memory fault: first the HAT's own business (a dropped mapping, a
 * software TLB miss), then the VM system's fault path (Process -> Region
 * -> FCM, mm/vm.h) for a user address, then a fault-tolerant accessor's
 * recovery. */
static bool trap_memory(struct trapframe *tf, const struct trapinfo *ti)
{
	if (ti->user)
		return trap_memory_user(ti);
	if (hat_fault(hat_current(), ti->addr, ti->write, ti->exec))
		return true;
	if (vm_fault_current(ti->addr, ti->write, ti->exec))
		return true;	/* the page is mapped now: retry the access */
	return arch_trap_fixup(tf);
}

/* A system call: only user mode makes them. */
static bool trap_syscall(struct trapframe *tf, const struct trapinfo *ti)
{
	if (!ti->user)
		return false;
	syscall_trap(tf);
	return true;
}

static bool trap_ignore(struct trapframe *tf, const struct trapinfo *ti)
{
	(void)tf;
	(void)ti;
	return true;
}

static trap_handler_t trap_handlers[] = {
	[TRAP_TIMER] = trap_timer,
	[TRAP_BREAKPOINT] = trap_breakpoint,
	[TRAP_SPURIOUS] = trap_ignore,
	[TRAP_MEMORY] = trap_memory,
	[TRAP_SYSCALL] = trap_syscall,
	[TRAP_MACHINE] = NULL,
};

/* Traps user mode may cause and survive; any other kind from user mode
 * (an illegal instruction, a breakpoint, a division by zero...) kills the
 * process. */
static bool user_may_take(const struct trapinfo *ti)
{
	return !ti->user || ti->kind == TRAP_TIMER || ti->kind == TRAP_DEVICE ||
	       ti->kind == TRAP_SPURIOUS || ti->kind == TRAP_MEMORY ||
	       ti->kind == TRAP_SYSCALL;
}

void trap(struct trapframe *tf)
{
	struct trapinfo ti = { .kind = TRAP_UNKNOWN, .name = "?" };
	trap_handler_t h = NULL;

	arch_trap_classify(tf, &ti);
	if ((unsigned)ti.kind < ARRAY_SIZE(trap_handlers) && user_may_take(&ti))
		h = trap_handlers[ti.kind];
	if (h && h(tf, &ti)) {
		if (ti.kind == TRAP_TIMER)
			sched_preempt();	/* the quantum may be over */
		return;
	}
	if (ti.user)
		proc_kill(&ti, NULL);	/* the process's fault, not the kernel's */
	panic_trap(tf, &ti);
}
