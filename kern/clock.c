/*
 * kern/clock.c - ticks.
 */
#include "kern/arch.h"
#include "kern/clock.h"
#include "kern/thread.h"

volatile unsigned long ticks;
static bool started;
static struct waitq sleepers = WAITQ_INIT;

void clock_init(void)
{
	arch_timer_init(HZ);
	started = true;
}

bool clock_running(void)
{
	return started;
}

void clock_tick(void)
{
	ticks++;
	if (sleepers.head)
		thread_wakeup(&sleepers);
	sched_tick();
}

void clock_sleep_ticks(unsigned long n)
{
	unsigned long s = arch_intr_save();
	unsigned long until = ticks + n;

	while ((long)(ticks - until) < 0)
		thread_sleep(&sleepers);
	arch_intr_restore(s);
}
