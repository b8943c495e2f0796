/*
 * arch/ppc64/timer.c - the clock: the timebase and the decrementer.
 *
 * The timebase (TB) is a 64-bit counter that only goes up, at the
 * frequency the device tree gives (512 MHz under QEMU).  The decrementer
 * (DEC) is a 32-bit register that counts down at the same rate and raises
 * interrupt 0x900 once it goes negative.  That interrupt stays pending
 * while DEC is negative, so acknowledging a tick means writing DEC again:
 * the period, for the next tick one period later.
 */
#include "kern/arch.h"
#include "kern/lab.h"
#include "cpu.h"
#include "timer.h"

/* The largest positive DEC: about 4 s at 512 MHz. */
#define DEC_MAX		0x7fffffffu

static uint32_t tb_hz;
static uint32_t dec_period;	/* timebase ticks per timer interrupt */
static uint32_t dec_slow;	/* about a second: the lab-1 stub's period */

void timer_set_timebase(uint32_t hz)
{
	tb_hz = hz;
}

void arch_timer_init(unsigned hz)
{
	uint64_t period = tb_hz && hz ? tb_hz / hz : DEC_MAX;

	dec_period = (uint32_t)MIN(period, (uint64_t)DEC_MAX);
	dec_slow = tb_hz ? MIN(tb_hz, DEC_MAX) : DEC_MAX;
	mtdec(dec_period);
}

void arch_timer_ack(void)
{
#if SOLUTION(1)
	mtdec(dec_period);
#else
	/*
	 * LAB 1: the decrementer interrupt (0x900) arrived because DEC went
	 * negative, and it keeps arriving for as long as DEC stays negative.
	 * Acknowledge it and ask for the next tick one period from now, in
	 * one move: write dec_period (set up by arch_timer_init) into DEC
	 * with mtdec() from cpu.h.
	 * Checked by: lab1_timer.
	 *
	 * Until then, push the next interrupt a second away, so that the
	 * kernel keeps running (the monitor then reads the keyboard about
	 * once a second, since it polls between interrupts).
	 */
	LAB_TODO(1, "arch_timer_ack: reload the decrementer");
	mtdec(dec_slow);
#endif
}

uint64_t arch_cycles(void)
{
	return mftb();
}

uint64_t arch_cycles_per_sec(void)
{
	return tb_hz;
}
