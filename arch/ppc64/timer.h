/*
 * arch/ppc64/timer.h - the timebase and the decrementer (timer.c).
 */
#ifndef PPC64_TIMER_H
#define PPC64_TIMER_H

#include "kern/types.h"

/* Record the timebase frequency (Hz) the device tree gives.  Boot only. */
void timer_set_timebase(uint32_t hz);

#endif
