/*
 * arch/ppc64/fwcall.S - calling 32-bit firmware from the 64-bit kernel.
 *
 * Open Firmware's client interface and RTAS are 32-bit code (VOF's entry
 * is compiled with -m32): they run in 32-bit mode and save and restore
 * only the low halves of the non-volatile registers, and VOF loads its
 * own r2.  So, as Linux does, we save r2 and r13..r31 whole, clear
 * MSR[SF] around the call and set it again after.  Everything passed
 * (stack, argument blocks) must lie below 4 GiB.
 */
#include "asm.h"

#define FW_SAVE		FRAME_MIN		/* r2, r13..r31, then the MSR */
#define FW_MSR		(FW_SAVE + 20 * 8)
#define FW_FRAME	(FW_MSR + 16)

	.text
/* unsigned long fw_call32(unsigned long r3, unsigned long r4, entry) */
FUNC fw_call32
	mflr	r0
	std	r0, FRAME_LR(r1)
	stdu	r1, -FW_FRAME(r1)
	std	r2, FW_SAVE(r1)
	.irp n, 13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	std	\n, FW_SAVE + 8 * (\n - 12)(r1)
	.endr
	mfmsr	r11
	std	r11, FW_MSR(r1)
	mtctr	r5
	rldicl	r11, r11, 0, 1		/* clear MSR[SF] */
	mtmsrd	r11
	isync
	bctrl
	ld	r11, FW_MSR(r1)		/* back to 64-bit mode */
	mtmsrd	r11
	isync
	ld	r2, FW_SAVE(r1)
	.irp n, 13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld	\n, FW_SAVE + 8 * (\n - 12)(r1)
	.endr
	addi	r1, r1, FW_FRAME
	ld	r0, FRAME_LR(r1)
	mtlr	r0
	blr
ENDFUNC fw_call32
