/*
 * arch/x86/intr.c - the interrupt flag: enabling, saving, and idling until
 * the next interrupt.
 */
#include "kern/arch.h"
#include "mmu.h"
#include "pic.h"
#include "x86.h"

void arch_intr_enable(void)
{
	sti();
}

void arch_intr_disable(void)
{
	cli();
}

unsigned long arch_intr_save(void)
{
	unsigned long flags = read_rflags();

	cli();
	return flags & RFLAGS_IF;
}

void arch_intr_restore(unsigned long saved)
{
	if (saved & RFLAGS_IF)
		sti();
}

/*
 * sti takes effect only after the next instruction, so nothing can
 * interrupt between sti and hlt: an interrupt that became pending while a
 * caller checked its condition with interrupts off is taken by the hlt
 * itself, which then returns, instead of being handled just before the
 * hlt and leaving it asleep.  (A caller that checks with interrupts on can
 * still lose that race, but then waits one timer tick at most.)  The
 * caller's interrupt state is restored afterwards.
 *
 * With every PIC line masked nothing could ever wake the hlt (the lab-1
 * handout masks the timer until arch_timer_ack is written), so then we
 * return at once and the caller polls.
 */
void arch_idle(void)
{
	unsigned long flags = read_rflags();

	if (pic_all_masked())
		return;
	__asm__ volatile("sti; hlt" ::: "memory");
	if (!(flags & RFLAGS_IF))
		cli();
}
