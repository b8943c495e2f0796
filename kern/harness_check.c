/*
 * kern/harness_check.c - deliberate misbehaviour for testing the grader.
 */
#include "kern/arch.h"
#include "kern/cmdline.h"
#include "kern/harness_check.h"
#include "kern/panic.h"
#include "kern/printf.h"
#include "kern/reset.h"

static void __noreturn spin(void)
{
	for (;;)
		__asm__ volatile("" ::: "memory");
}

void harness_check_boot(void)
{
	if (!cmdline_has("harness"))
		return;
	kprintf("harness check: misbehaving on purpose (%s)\n", cmdline_line());
	if (cmdline_is("harness", "spin")) {
		arch_intr_disable();
		spin();
	} else if (cmdline_is("harness", "spin-on")) {
		spin();
	} else if (cmdline_is("harness", "flood")) {
		for (unsigned long i = 0;; i++)
			kprintf("flood %lu: the quick brown fox jumps over the lazy dog\n", i);
	} else if (cmdline_is("harness", "reset-loop")) {
		machine_reset();
	} else if (cmdline_is("harness", "panic")) {
		panic("harness check");
	}
	kprintf("harness check: unknown harness= value\n");
}
