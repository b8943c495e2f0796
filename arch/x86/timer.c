/*
 * arch/x86/timer.c - the clock: the 8254 PIT's channel 0 interrupts at hz
 * on IRQ 0 through the 8259 PIC; the TSC counts cycles.
 *
 * The PIT runs from a fixed 1.193182 MHz crystal and, in mode 2 (rate
 * generator), reloads itself: once programmed it interrupts every period
 * with no re-arming.  What stops it is the PIC, which delivers no further
 * IRQ 0 until it gets an end-of-interrupt (arch_timer_ack).
 *
 * The TSC's rate is not architectural, so we measure it against the PIT's
 * channel 2 once at boot.
 */
#include "kern/arch.h"
#include "kern/lab.h"
#include "kern/printf.h"
#include "pic.h"
#include "x86.h"

#define PIT_HZ		1193182
#define PIT_CH0		0x40
#define PIT_CH2		0x42
#define PIT_CMD		0x43
#define PIT_CH0_RATE	0x34		/* channel 0, low then high byte, mode 2 */
#define PIT_CH2_ONESHOT	0xb0		/* channel 2, low then high byte, mode 0 */

/* Port 0x61 (the PC speaker port): channel 2's gate and output. */
#define SPKR_PORT	0x61
#define SPKR_CH2_GATE	0x01
#define SPKR_ENABLE	0x02		/* keep the speaker itself off */
#define SPKR_CH2_OUT	0x20

#define CALIBRATE_HZ	50		/* measure over 1/50 s */
#define CALIBRATE_SPINS	100000000UL	/* give up if channel 2 never fires */

static uint64_t tsc_hz;

/* Count TSC cycles while channel 2 counts down 1/CALIBRATE_HZ seconds. */
static void tsc_calibrate(void)
{
	uint16_t count = PIT_HZ / CALIBRATE_HZ;
	uint64_t t0, t1;
	unsigned long spins = 0;

	outb(SPKR_PORT, (inb(SPKR_PORT) & ~SPKR_ENABLE) | SPKR_CH2_GATE);
	outb(PIT_CMD, PIT_CH2_ONESHOT);
	outb(PIT_CH2, count & 0xff);
	outb(PIT_CH2, count >> 8);	/* mode 0: output low, counting starts */
	t0 = rdtsc();
	while (!(inb(SPKR_PORT) & SPKR_CH2_OUT))
		if (++spins > CALIBRATE_SPINS)
			return;		/* tsc_hz stays 0: "unknown" */
	t1 = rdtsc();
	tsc_hz = (t1 - t0) * CALIBRATE_HZ;
}

void arch_timer_init(unsigned hz)
{
	uint32_t div = (PIT_HZ + hz / 2) / hz;

	tsc_calibrate();
	outb(PIT_CMD, PIT_CH0_RATE);
	outb(PIT_CH0, div & 0xff);
	outb(PIT_CH0, (div >> 8) & 0xff);
	pic_unmask(IRQ_TIMER);
	kprintf("timer: PIT at %u Hz on IRQ %d, TSC %llu MHz\n", hz, IRQ_TIMER,
		(unsigned long long)(tsc_hz / 1000000));
}

void arch_timer_ack(void)
{
#if SOLUTION(1)
	outb(PIC1_CMD, PIC_EOI);
#else
	/*
	 * LAB 1: the PIT interrupts on IRQ 0 every period by itself (mode 2
	 * reloads its counter), so nothing needs re-arming.  But the 8259
	 * PIC, once it has delivered IRQ 0, sets the line's in-service bit
	 * and delivers no further IRQ 0 (nor any lower-priority IRQ) until
	 * the kernel sends it an end-of-interrupt: write the command PIC_EOI
	 * (a non-specific EOI, OCW2) to the master's command port PIC1_CMD
	 * (pic.h, and outb in x86.h).  IRQ 0 never comes from the slave, so
	 * the slave needs no EOI.
	 *
	 * Until you do, the line below masks IRQ 0 so the kernel keeps
	 * running without a clock: delete it.
	 * Checked by: lab1_timer.
	 */
	LAB_TODO(1, "arch_timer_ack: send the PIC an end-of-interrupt");
	pic_mask(IRQ_TIMER);
#endif
}

uint64_t arch_cycles(void)
{
	return rdtsc();
}

uint64_t arch_cycles_per_sec(void)
{
	return tsc_hz;
}
