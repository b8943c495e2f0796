/*
 * arch/ppc64/intr.c - masking interrupts, and idling until the next one.
 *
 * MSR[EE] gates external and decrementer interrupts.  `mtmsrd r, 1`
 * rewrites only EE and RI, so it is the cheap way to flip it.  RI stays
 * set outside the trap entry's critical sections.
 */
#include "kern/arch.h"
#include "cpu.h"
#include "hcall.h"

void arch_intr_enable(void)
{
	mtmsr_ee_ri(MSR_EE | MSR_RI);
}

void arch_intr_disable(void)
{
	mtmsr_ee_ri(MSR_RI);
}

unsigned long arch_intr_save(void)
{
	unsigned long was = mfmsr() & MSR_EE;

	arch_intr_disable();
	return was;
}

void arch_intr_restore(unsigned long saved)
{
	if (saved & MSR_EE)
		arch_intr_enable();
}

/*
 * H_CEDE gives the CPU back to the hypervisor until an interrupt comes.
 * PAPR has it set MSR[EE] itself as it starts waiting, and return at
 * once if an interrupt is already pending.  So we call it with EE off:
 * an interrupt that arrives before the cede stays pending (DEC stays
 * negative) and ends the cede at once, never lost.  H_CEDE returns with
 * EE on, and the interrupt is taken right after the `sc`, before we
 * return.
 */
void arch_idle(void)
{
	arch_intr_disable();
	hcall(H_CEDE, 0, 0, 0, 0, 0, 0);
	arch_intr_enable();
}
