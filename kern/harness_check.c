/*
 * kern/harness_check.c - deliberate misbehaviour for testing the grader
 * (kern/harness_check.h).
 */
#include "kern/arch.h"
#include "kern/cmdline.h"
#include "kern/harness_check.h"
#include "kern/panic.h"
#include "kern/printf.h"
#include "kern/reset.h"
#include "kern/string.h"

#define FLOOD_100M	(100ul << 20)

static void __noreturn spin(void)
{
	for (;;)
		__asm__ volatile("" ::: "memory");
}

/* Print `bytes` bytes (0: without end), 64 per line. */
static void flood(unsigned long bytes)
{
	static const char line[] =
		"flood: the quick brown fox jumps over the lazy dog, again\n";
	unsigned long done = 0;

	_Static_assert(sizeof(line) - 1 == 58, "the flood line is 58 bytes");
	for (unsigned long i = 0; bytes == 0 || done < bytes; i++) {
		kprintf("%05lu %s", i % 100000, line);	/* 6 + 58 = 64 bytes */
		done += 64;
	}
}

/*
 * The one machine instruction in kern/: a triple fault is x86's alone.  With
 * an IDT of limit 0 the breakpoint cannot be delivered, nor can the double
 * fault that follows, and the CPU shuts down: QEMU resets the machine.
 */
static void __noreturn triple_fault(void)
{
#if defined(__x86_64__)
	static const struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) empty_idt = { 0, 0 };

	arch_intr_disable();
	__asm__ volatile("lidt %0; int3" : : "m"(empty_idt) : "memory");
	spin();
#else
	machine_reset();
#endif
}

/* A made-up transcript of lab 1's timer test passing, on the console and
 * on the result channel, with a proof that is not this run's. */
static void __noreturn forge(void)
{
	static const char *const lines[] = {
		"ktest: begin count=1 filter=lab1_timer seed=1 nonce=0000000000000000\n",
		"ktest: start lab1_timer\n",
		"ktest: pass lab1_timer proof=0123456789abcdef\n",
		"ktest: end passed=1 failed=0\n",
	};

	for (unsigned i = 0; i < ARRAY_SIZE(lines); i++) {
		kprintf("%s", lines[i]);
		for (const char *p = lines[i]; *p; p++)
			arch_result_putc(*p);
	}
	arch_poweroff(0);
}

void harness_misbehave(const char *what)
{
	if (strcmp(what, "spin") == 0) {
		arch_intr_disable();
		spin();
	} else if (strcmp(what, "spin-on") == 0) {
		arch_intr_enable();
		spin();
	} else if (strcmp(what, "flood") == 0) {
		flood(0);
	} else if (strcmp(what, "flood-100m") == 0) {
		flood(FLOOD_100M);
	} else if (strcmp(what, "reset-loop") == 0) {
		machine_reset();
	} else if (strcmp(what, "triple-fault") == 0) {
		triple_fault();
	} else if (strcmp(what, "exit-ok") == 0) {
		arch_poweroff(0);
	} else if (strcmp(what, "forge") == 0) {
		forge();
	} else if (strcmp(what, "panic") == 0) {
		panic("harness check");
	}
}

void harness_check_boot(void)
{
	char what[32];

	if (!cmdline_get("harness", what, sizeof(what)))
		return;
	kprintf("harness check: misbehaving on purpose (%s)\n", cmdline_line());
	harness_misbehave(what);
	kprintf("harness check: unknown harness= value\n");
}
