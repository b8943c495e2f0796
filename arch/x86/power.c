/*
 * arch/x86/power.c - power off and reset, on QEMU, Bochs and real PCs.
 *
 * Power off tries, in order: QEMU's isa-debug-exit device (QEMU exits with
 * status (v << 1) | 1, so the harness can tell 0 from 1 from 2), then ACPI
 * soft-off (S5) through the PM1a control register where QEMU's PIIX4
 * (0x604) and Bochs' BIOS (0xb004) put it.  Writing SLP_EN with SLP_TYP 0
 * is S5 on both; real hardware needs SLP_TYP from the ACPI tables.
 */
#include "kern/arch.h"
#include "x86.h"

#define DEBUG_EXIT_PORT		0xf4	/* -device isa-debug-exit,iobase=0xf4 */
#define QEMU_PM1A_CNT		0x604
#define BOCHS_PM1A_CNT		0xb004
#define PM1_SLP_EN_S5		0x2000	/* SLP_EN, SLP_TYP 0 */

#define KBC_CMD			0x64	/* 8042 keyboard controller */
#define KBC_PULSE_RESET		0xfe

static void __noreturn halt_forever(void)
{
	for (;;) {
		cli();
		hlt();
	}
}

void arch_poweroff(int status)
{
	cli();
	outb(DEBUG_EXIT_PORT, (uint8_t)status);
	outw(QEMU_PM1A_CNT, PM1_SLP_EN_S5);
	outw(BOCHS_PM1A_CNT, PM1_SLP_EN_S5);
	halt_forever();
}

/* The keyboard controller pulses the CPU's reset line; if that does
 * nothing, a fault with an empty IDT escalates to a triple fault, which
 * resets the CPU too.  QEMU with -no-reboot exits instead (status 0). */
void arch_reset(void)
{
	cli();
	outb(KBC_CMD, KBC_PULSE_RESET);
	lidt(0, 0);
	__asm__ volatile("int3");
	halt_forever();
}
