/*
 * kern/reset.c - see kern/reset.h.
 */
#include "kern/arch.h"
#include "kern/monitor.h"
#include "kern/printf.h"
#include "kern/reset.h"

void machine_reset(void)
{
	kprintf("%s\n", RESET_MESSAGE);
	arch_reset();
}

MONITOR_CMD(reboot, "reset the machine")
{
	machine_reset();
}
