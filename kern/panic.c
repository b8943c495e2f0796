/*
 * kern/panic.c - panic, unexpected traps and symbolized backtraces.
 */
#include "kern/arch.h"
#include "kern/cmdline.h"
#include "kern/ksym.h"
#include "kern/monitor.h"
#include "kern/panic.h"
#include "kern/printf.h"
#include "kern/trap.h"

#define BACKTRACE_MAX 32

volatile bool panicking;

void backtrace_print(const uintptr_t *pcs, int n)
{
	uintptr_t off;
	const char *name;

	kprintf("backtrace:\n");
	for (int i = 0; i < n; i++) {
		name = ksym_lookup(pcs[i], &off);
		if (name)
			kprintf("  #%d %p in %s+0x%lx\n", i, (void *)pcs[i], name,
				(unsigned long)off);
		else
			kprintf("  #%d %p in ??\n", i, (void *)pcs[i]);
	}
	if (n == 0)
		kprintf("  (no frames)\n");
}

__noinline void backtrace_here(void)
{
	uintptr_t pcs[BACKTRACE_MAX];

	backtrace_print(pcs, arch_backtrace(pcs, BACKTRACE_MAX));
}

/* Disable interrupts and catch a panic inside a panic. */
static void panic_begin(void)
{
	arch_intr_disable();
	if (panicking) {
		kprintf("panic: recursive panic, powering off\n");
		arch_poweroff(2);
	}
	panicking = true;
}

static void __noreturn panic_end(void)
{
	if (cmdline_is("panic", "monitor") ||
	    (!cmdline_has("panic") && !cmdline_has("ktest"))) {
		kprintf("panic: entering the monitor (interrupts off)\n");
		monitor_run();
	}
	kprintf("panic: powering off\n");
	arch_poweroff(2);
}

void panic_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	panic_begin();
	kprintf("panic: ");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf(" (%s:%d)\n", file, line);
	backtrace_here();
	panic_end();
}

void panic_trap(const struct trapframe *tf, const struct trapinfo *ti)
{
	uintptr_t pcs[BACKTRACE_MAX];

	panic_begin();
	kprintf("panic: unexpected trap: %s (%s) at pc %p", ti->name,
		trap_kind_name(ti->kind), (void *)ti->pc);
	if (ti->kind == TRAP_MEMORY || ti->kind == TRAP_ALIGN)
		kprintf(", %s address %p", ti->write ? "write" : "read",
			(void *)ti->addr);
	kprintf(" in %s mode\n", ti->user ? "user" : "kernel");
	arch_trapframe_dump(tf);
	backtrace_print(pcs, arch_backtrace_tf(tf, pcs, BACKTRACE_MAX));
	panic_end();
}
