/*
 * arch/mips/intr.c - turning interrupts on and off: Status.IE, with the
 * MIPS32r2 di/ei instructions (atomic, unlike a read-modify-write of
 * Status, which an interrupt could split).  arch_idle is in trapentry.S,
 * next to the trap-entry code it cooperates with.
 */
#include "kern/arch.h"
#include "cp0.h"

void arch_intr_enable(void)
{
	__asm__ volatile("ei\n\tehb" ::: "memory");
}

void arch_intr_disable(void)
{
	__asm__ volatile("di\n\tehb" ::: "memory");
}

unsigned long arch_intr_save(void)
{
	uint32_t st;

	__asm__ volatile("di %0\n\tehb" : "=r"(st) :: "memory");
	return st & ST_IE;
}

void arch_intr_restore(unsigned long saved)
{
	if (saved & ST_IE)
		arch_intr_enable();
}
