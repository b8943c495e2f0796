/*
 * mm/hat_common.c - what every HAT backend shares: the counters,
 * switching address spaces from outside the scheduler, and the defaults of
 * the operations a backend may do faster.
 */
#include "kern/arch.h"
#include "mm/hat.h"

struct hat_stats hat_stats;

void hat_switch(struct hat *h)
{
	unsigned long s = arch_intr_save();

	if (h)
		hat_activate(h);
	else if (hat_current())
		hat_deactivate(hat_current());
	arch_intr_restore(s);
}

/* Removing and folding is always allowed: more than hat_drop must do. */
__attribute__((weak)) void hat_drop(struct hat *h, vaddr_t start, vaddr_t end)
{
	hat_remove(h, start, end);
}
