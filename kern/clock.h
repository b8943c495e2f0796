/*
 * kern/clock.h - the kernel's tick counter, advanced by the timer interrupt.
 */
#ifndef KERN_CLOCK_H
#define KERN_CLOCK_H

#include "kern/types.h"

#define HZ 100			/* timer interrupts per second */

/* Ticks since the timer started.  Written only by clock_tick(). */
extern volatile unsigned long ticks;

/* Start the periodic timer (arch_timer_init(HZ)).  Called once by kmain. */
void clock_init(void);

/* Count one tick.  Called from the timer interrupt only. */
void clock_tick(void);

/* Sleep at least n ticks (thread context, interrupts on or off; returns
 * with them as they were).  Sleepers wait on one queue that every tick
 * wakes; each checks its own deadline. */
void clock_sleep_ticks(unsigned long n);

/* True once clock_init has run: waiting can use arch_idle. */
bool clock_running(void);

#endif
