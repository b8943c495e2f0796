/*
 * arch/mips/power.c - leaving the machine: poweroff with a status QEMU
 * passes on as its exit code, and reset.
 *
 * malta has no power-off device.  QEMU's semihosting does it: with
 * -semihosting-config enable=on,target=native, "sdbbp 1" is a call to the
 * host (MIPS UHI), $25 (t9) names the operation and $a0 its argument;
 * operation 1, exit, ends QEMU with exit code $a0.
 *
 * Without semihosting, sdbbp enters debug mode instead: QEMU jumps into its
 * boot ROM, runs into data and comes back to Keel as a reserved-instruction
 * trap, whose panic calls arch_poweroff again.  The second call resets the
 * board, which under -no-reboot ends QEMU with status 0.
 */
#include "kern/arch.h"
#include "mips.h"

#define UHI_EXIT		1
#define FPGA_SOFTRES		0x1f000500	/* malta board reset register */
#define FPGA_SOFTRES_RESET	0x42

/* The register variables are bound to $25 and $a0 only as asm operands,
 * so nothing may be called between their assignment and the asm. */
static void uhi_exit(int status)
{
	register uint32_t op __asm__("$25") = UHI_EXIT;
	register uint32_t code __asm__("$4") = (uint32_t)status;

	__asm__ volatile("sdbbp 1" :: "r"(op), "r"(code) : "memory");
}

void arch_poweroff(int status)
{
	static bool tried;

	arch_intr_disable();
	if (!tried) {
		tried = true;
		uhi_exit(status);
	}
	arch_reset();
}

/* Writing 0x42 to the FPGA's SOFTRES register resets the board; under
 * -no-reboot QEMU exits (with status 0) instead. */
void arch_reset(void)
{
	arch_intr_disable();
	*(volatile uint32_t *)PHYS_TO_KSEG1(FPGA_SOFTRES) = FPGA_SOFTRES_RESET;
	for (;;)
		__asm__ volatile("wait");
}
