/*
 * kern/harness_check.h - a kernel that misbehaves on request, to prove the
 * grader copes (grade/test_harness.py, grade/test_batch.py).
 *
 * Boot option harness=WHAT makes kmain, right after the clock starts:
 *   spin          spin forever with interrupts off
 *   spin-on       spin forever with interrupts on (ticks keep coming)
 *   flood         print without end
 *   flood-100m    print 100 MiB, then carry on booting
 *   reset-loop    reset the machine (a reboot loop unless -no-reboot)
 *   triple-fault  x86: load an empty IDT and trap, so the CPU resets by
 *                 itself; the other arches have no triple fault and reset
 *   exit-ok       power off at once with status 0, running no test
 *   forge         print a made-up "lab1_timer passed" transcript on the
 *                 console and the result channel, power off with 0
 *   panic         panic at once
 * Without the option it does nothing.
 *
 * harness_misbehave(WHAT) does the same from anywhere: the grader's tests
 * make hostile submissions by calling it from a student's function (a
 * breakpoint handler that spins, a timer handler that powers off...).  It
 * does only what any kernel code could do, so a student gains nothing by
 * calling it.
 */
#ifndef KERN_HARNESS_CHECK_H
#define KERN_HARNESS_CHECK_H

void harness_check_boot(void);

/* Misbehave as WHAT says (a harness= value); returns only if WHAT is
 * unknown. */
void harness_misbehave(const char *what);

#endif
