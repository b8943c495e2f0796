/*
 * kern/harness_check.h - a kernel that misbehaves on request, to prove the
 * grader copes (grade/test_harness.py).
 *
 * Boot option harness=WHAT makes kmain, right after the clock starts:
 *   spin        spin forever with interrupts off
 *   spin-on     spin forever with interrupts on (ticks keep coming)
 *   flood       print without end
 *   reset-loop  reset the machine (a reboot loop unless -no-reboot)
 *   panic       panic at once
 * Without the option it does nothing.
 */
#ifndef KERN_HARNESS_CHECK_H
#define KERN_HARNESS_CHECK_H

void harness_check_boot(void);

#endif
