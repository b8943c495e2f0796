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

/* True once clock_init has run: waiting can use arch_idle. */
bool clock_running(void);

#endif
