/*
 * arch/mips/entry.S - the kernel's first instructions, and the boot stack.
 *
 * QEMU -kernel loads the ELF at its kseg0 link address and runs a small
 * boot stub (hw/mips/malta.c) that sets up the GT-64120's PCI windows and
 * jumps here with the YAMON convention:
 *	a0 = argc (2), a1 = argv (argv[1] is the -append line),
 *	a2 = envp ("name", "value" pairs: memsize, ememsize, ...),
 *	a3 = RAM size below 256 MiB.
 * The CPU is in kernel mode, Status.ERL clear, Status.BEV still set (the
 * vectors point into the boot ROM), interrupts off.  All of the tables the
 * stub passes live at physical 0x2000, outside the kernel image.
 */
#include "cp0.h"

	.set	noreorder

	.text
	.globl	_start
	.ent	_start
_start:
	/* Tell gdb that this is the outermost frame (nothing called us). */
	.cfi_sections .debug_frame
	.cfi_startproc
	.cfi_undefined $ra
	/* A known Status: kernel mode, interrupts off, every mask bit clear;
	 * keep BEV until arch_trap_init installs Keel's vectors. */
	li	$t0, ST_BEV
	mtc0	$t0, CP0_STATUS
	ehb

	/* Clear .bss.  QEMU's loader already did on a fresh boot, but a crash
	 * before the vectors are installed re-enters here through the boot
	 * stub with the old contents. */
	la	$t0, __bss_start
	la	$t1, _end
1:	beq	$t0, $t1, 2f
	nop
	sw	$zero, 0($t0)
	b	1b
	addiu	$t0, $t0, 4
2:
	la	$sp, boot_stack_top
	move	$fp, $zero
	/* Jump, do not call: with $ra = 0, mips_boot's saved return address
	 * is 0, which is where every backtrace stops. a0..a3 pass through. */
	la	$t9, mips_boot
	jr	$t9
	move	$ra, $zero
	.cfi_endproc
	.end	_start

	.bss
	.balign	16
	.globl	boot_stack, boot_stack_top
boot_stack:
	.space	16384
boot_stack_top:
