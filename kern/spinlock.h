/*
 * kern/spinlock.h - short critical sections.
 *
 * Keel runs on one CPU for now, so taking a spinlock only disables
 * interrupts (and catches re-taking a lock the CPU already holds, which on
 * one CPU is a deadlock).  The multiprocessor issue adds the atomic spin
 * here, in one place; callers already use the SMP-shaped interface.
 */
#ifndef KERN_SPINLOCK_H
#define KERN_SPINLOCK_H

#include "kern/arch.h"
#include "kern/panic.h"

struct spinlock {
	const char *name;
	volatile bool held;
};

#define SPINLOCK_INIT(n)	{ .name = (n), .held = false }

/* Take l with interrupts off; returns the interrupt state to restore. */
static inline unsigned long spin_lock_irqsave(struct spinlock *l)
{
	unsigned long s = arch_intr_save();

	if (l->held)
		panic("spinlock %s: taken twice on one CPU", l->name);
	l->held = true;
	return s;
}

static inline void spin_unlock_irqrestore(struct spinlock *l, unsigned long s)
{
	l->held = false;
	arch_intr_restore(s);
}

#endif
