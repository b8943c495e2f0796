/*
 * arch/mips/timer.c - the clock: CP0 Count and Compare.
 *
 * Count counts up at a fixed rate; when it equals Compare the CPU raises
 * the timer interrupt (Cause.IP7 on malta's 24Kf, IntCtl.IPTI says which)
 * and keeps it raised until Compare is written again.  So one register
 * write both acknowledges a tick and schedules the next.
 *
 * The rate: QEMU clocks malta's CPU at 320 MHz and the 24Kf's Count
 * advances every 2 cycles (Config's CCRes), but QEMU rounds that period to
 * a whole number of nanoseconds (6 ns, not 6.25): 166666666 counts per
 * second, as measured (docs/arch-mips.md).
 */
#include "kern/arch.h"
#include "kern/lab.h"
#include "cp0.h"

#define COUNT_HZ	166666666u

static uint32_t period;		/* counts per tick */
static uint32_t next_tick;	/* the Compare value of the next tick */

void arch_timer_init(unsigned hz)
{
	uint32_t timer_ip = cp0_read(CP0_INTCTL) >> INTCTL_IPTI_SHIFT;

	period = COUNT_HZ / hz;
	next_tick = cp0_read(CP0_COUNT) + period;
	cp0_write(CP0_COMPARE, next_tick);
	cp0_write(CP0_STATUS, cp0_read(CP0_STATUS) | (1u << (ST_IM_SHIFT + timer_ip)));
}

void arch_timer_ack(void)
{
#if SOLUTION(1)
	uint32_t now = cp0_read(CP0_COUNT);

	next_tick += period;
	/* Late by a whole period or more (a long stretch with interrupts
	 * off): Count is already past next_tick and would not reach it again
	 * for 25 s, or a burst of catch-up ticks would follow.  Restart the
	 * beat from now.  The difference is signed so that Count's wrap
	 * around 2^32 is harmless. */
	if ((int32_t)(next_tick - now) <= 0)
		next_tick = now + period;
	cp0_write(CP0_COMPARE, next_tick);
#else
	/*
	 * LAB 1: acknowledge the timer interrupt and schedule the next one.
	 * Writing CP0 Compare does both: it clears the interrupt, and the next
	 * one comes when Count reaches the new value.  next_tick holds the
	 * Compare value of the tick being handled; the next is one period
	 * later (cp0_read(CP0_COUNT), cp0_write(CP0_COMPARE, v)).  Edge case:
	 * if interrupts were off for longer than a period, Count has already
	 * passed that value and the interrupt would not come until Count
	 * wraps (25 s): then start again from Count plus a period.  Compare
	 * Count values with a signed difference, (int32_t)(a - b), so that
	 * the wrap at 2^32 does not matter.
	 * Checked by: lab1_timer.
	 *
	 * Until you do, the statement below masks the timer (Status.IM7), so
	 * that an interrupt nobody acknowledges does not fire forever: delete
	 * it when you write yours.
	 */
	LAB_TODO(1, "arch_timer_ack: write the next Compare value");
	cp0_write(CP0_STATUS, cp0_read(CP0_STATUS) &
		  ~(1u << (ST_IM_SHIFT + (cp0_read(CP0_INTCTL) >> INTCTL_IPTI_SHIFT))));
#endif
}

/*
 * Count is 32 bits and wraps every 25.8 s; extend it to 64 by counting
 * the wraps, noticed when a reading is below the previous one.  A wrap is
 * missed only if nothing reads the counter for a whole 25.8 s.
 */
uint64_t arch_cycles(void)
{
	static uint32_t last, wraps;
	unsigned long s = arch_intr_save();
	uint32_t now = cp0_read(CP0_COUNT);
	uint64_t v;

	if (now < last)
		wraps++;
	last = now;
	v = (uint64_t)wraps << 32 | now;
	arch_intr_restore(s);
	return v;
}

uint64_t arch_cycles_per_sec(void)
{
	return COUNT_HZ;
}
