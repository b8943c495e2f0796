/*
 * kern/clock.c - ticks.
 */
#include "kern/arch.h"
#include "kern/clock.h"
#include "kern/thread.h"

volatile unsigned long ticks;
static bool started;

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
	sched_tick();
}
