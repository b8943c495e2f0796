/*
 * arch/ppc64/power.c - powering off and resetting, through RTAS.
 *
 * RTAS "power-off" makes QEMU exit with status 0.  A failing status goes
 * out as "ibm,os-term" (the OS reporting a crash), which QEMU turns into
 * exit status 1 given -action panic=exit-failure (arch.mk): so ppc64 can
 * tell only 0 from non-zero.  Both requests are carried out by QEMU's
 * main loop a moment later, so we wait for them with interrupts off.
 */
#include "kern/arch.h"
#include "kern/printf.h"
#include "hat_arch.h"
#include "rtas.h"

static void __noreturn wait_forever(void)
{
	arch_intr_disable();
	for (;;)
		__asm__ volatile("" ::: "memory");
}

void arch_poweroff(int status)
{
	static const uint32_t power_on_never[2] = { 0xffffffff, 0xffffffff };
	static const char why[] = "Keel: failed";
	uint32_t msg[1] = { (uint32_t)kva_to_phys(why) };	/* RTAS: real mode */

	arch_intr_disable();
	if (status == 0)
		rtas_call(rtas_tokens.power_off, 2, power_on_never);
	else
		rtas_call(rtas_tokens.os_term, 1, msg);
	wait_forever();
}

/* With -no-reboot QEMU exits with 0 on a reset, like a power-off: the
 * message lets the grader tell the two apart. */
void arch_reset(void)
{
	kprintf("ppc64: resetting the machine (RTAS system-reboot)\n");
	arch_intr_disable();
	rtas_call(rtas_tokens.system_reboot, 0, NULL);
	wait_forever();
}
