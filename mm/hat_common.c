/*
 * mm/hat_common.c - what every HAT backend shares: the counters, and
 * switching address spaces from outside the scheduler.
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
