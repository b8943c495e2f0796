/*
 * shims.c - the few kernel services host-built kernel code calls, done
 * the host's way: console output to stdout, panic aborts (so a sanitizer
 * or the test runner reports it), interrupts do not exist.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "kern/arch.h"
#include "kern/panic.h"
#include "kern/printf.h"
#include "kern/thread.h"

volatile bool panicking;

static void out(int c, void *arg)
{
	(void)arg;
	putchar(c);
}

int kvprintf(const char *fmt, va_list ap)
{
	return kvprintf_sink(out, NULL, fmt, ap);
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}

void panic_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("panic: ");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	printf(" (%s:%d)\n", file, line);
	fflush(stdout);
	abort();
}

unsigned long arch_intr_save(void)
{
	return 0;
}

void arch_intr_restore(unsigned long saved)
{
	(void)saved;
}

void arch_poweroff(int status)
{
	exit(status);
}

void arch_result_putc(int c)
{
	(void)c;		/* the host run reads the console */
}

/* The cycle counter is the host's monotonic clock, in nanoseconds. */
uint64_t arch_cycles(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t arch_cycles_per_sec(void)
{
	return 1000000000u;
}

/* The host tests have no threads: mm/vm.c then uses its threadless
 * current process. */
struct thread *thread_current(void)
{
	return NULL;
}
