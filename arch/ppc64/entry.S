/*
 * arch/ppc64/entry.S - the first instructions of the kernel.
 *
 * VOF (QEMU's small Open Firmware) jumps here, the first byte of the
 * image at 0x400000, in real mode and 32-bit mode, with r5 holding the
 * firmware's client-interface entry.  We switch to 64-bit mode, point r2
 * at the TOC the compiled code addresses globals through, clear .bss,
 * move to our own stack and hand over to boot_main (boot.c) in C.
 *
 * This file alone is linked at its physical address (kernel.ld); every
 * address it loads (TOC, .bss, the stack, boot_main) is a direct-map
 * address 0xc000...: in real mode the top four bits are ignored, so they
 * work already, and boot_main runs at its kernel address from the start.
 */
#include "asm.h"
#include "cpu.h"

#define BOOT_STACK_SIZE	(16 * 1024)

	.section .text.entry, "ax"
FUNC _start
	/* 64-bit mode first: everything after it may use 64-bit addresses.
	 * Machine checks on too (VOF leaves MSR at 0), so that one is an
	 * interrupt at 0x200 rather than a checkstop. */
	mfmsr	r11
	li	r12, 1
	rldicr	r12, r12, 63, 0		/* MSR[SF] */
	ori	r12, r12, MSR_ME
	or	r11, r11, r12
	mtmsrd	r11
	isync

	LOAD_ADDR r2, .TOC.

	/* Zero .bss (which holds the boot stack); keep r5 for boot_main. */
	LOAD_ADDR r3, __bss_start
	LOAD_ADDR r4, __bss_end
	li	r0, 0
1:	cmpld	r3, r4
	bge	2f
	std	r0, 0(r3)
	addi	r3, r3, 8
	b	1b

	/* The first frame: its back chain (0(r1)) is 0, which is where every
	 * backtrace stops.  boot_main saves its return address at 16(r1). */
2:	LOAD_ADDR r1, boot_stack_top
	addi	r1, r1, -FRAME_MIN
	std	r0, 0(r1)

	/* boot_main(client interface entry), by its kernel address: too far
	 * for a relative branch.  ELFv2 wants the callee's address in r12. */
	mr	r3, r5
	LOAD_ADDR r12, boot_main
	mtctr	r12
	bctrl
3:	b	3b			/* boot_main never returns */
ENDFUNC _start

	.bss
	.balign	16
	.globl	boot_stack, boot_stack_top
boot_stack:
	.space	BOOT_STACK_SIZE
boot_stack_top:
