/*
 * arch/ppc64/fwcall.S - calling 32-bit firmware from the 64-bit kernel.
 *
 * Open Firmware's client interface and RTAS are 32-bit code (VOF's entry
 * is compiled with -m32): they run in 32-bit mode and save and restore
 * only the low halves of the non-volatile registers, and VOF loads its
 * own r2.  So, as Linux does, we save r2 and r13..r31 whole, clear
 * MSR[SF] around the call and set it again after.  Everything passed
 * (stack, argument blocks) must lie below 4 GiB.
 *
 * Firmware also runs in real mode with interrupts off (RTAS requires it),
 * so the call clears MSR[IR|DR|EE] as well.  The kernel's direct-map
 * addresses still work in real mode, but 32-bit code truncates them: the
 * firmware returns to the low (physical) alias of this code, and may hand
 * back r1 truncated too (32-bit stwu).  So r1 waits in memory, and rfid
 * brings us back to our own address with the caller's whole MSR.
 */
#include "asm.h"
#include "cpu.h"

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
	LOAD_ADDR r12, fw_saved_r1
	std	r1, 0(r12)
	mtctr	r5
	rldicl	r11, r11, 0, 1		/* clear MSR[SF] */
	li	r12, MSR_IR | MSR_DR
	ori	r12, r12, MSR_EE
	andc	r11, r11, r12		/* real mode, interrupts off */
	mtmsrd	r11
	isync
	bctrl
	/* 32-bit real mode, at our physical address. */
	LOAD_ADDR r12, fw_saved_r1
	ld	r1, 0(r12)
	ld	r11, FW_MSR(r1)		/* the caller's MSR: SF, IR, DR, EE */
	LOAD_ADDR r12, 1f
	mtsrr0	r12
	mtsrr1	r11
	rfid
1:	ld	r2, FW_SAVE(r1)
	.irp n, 13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld	\n, FW_SAVE + 8 * (\n - 12)(r1)
	.endr
	addi	r1, r1, FW_FRAME
	ld	r0, FRAME_LR(r1)
	mtlr	r0
	blr
ENDFUNC fw_call32

	.bss
	.balign	8
fw_saved_r1:				/* the stack pointer during a call */
	.space	8
