/*
 * arch/ppc64/probe.S - 32-bit accesses that survive a fault.
 *
 * hat_probe_read/write (fixup.c) touch memory through the current
 * translations the way the kernel will touch user memory.  The access is
 * one instruction listed in the fixup table (FIXUP, asm.h): if it faults
 * and hat_fault cannot resolve the fault, arch_trap_fixup makes the trap
 * return to the failure exit instead of panicking.  copyin/copyout will
 * be built the same way, with a loop as the listed range.
 *
 *	int probe_read32(vaddr_t va, uint32_t *value)	0, or 1 if it faulted
 *	int probe_write32(vaddr_t va, uint32_t value)	0, or 1 if it faulted
 */
#include "asm.h"

	.text
FUNC probe_read32
.Lread:
	lwz	r5, 0(r3)		/* may fault */
	stw	r5, 0(r4)		/* only reached if it did not */
	li	r3, 0
	blr
.Lread_fault:
	li	r3, 1
	blr
ENDFUNC probe_read32
	FIXUP	.Lread, .Lread + 4, .Lread_fault

FUNC probe_write32
.Lwrite:
	stw	r4, 0(r3)		/* may fault: then nothing was written */
	li	r3, 0
	blr
.Lwrite_fault:
	li	r3, 1
	blr
ENDFUNC probe_write32
	FIXUP	.Lwrite, .Lwrite + 4, .Lwrite_fault
