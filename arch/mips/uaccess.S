/*
 * arch/mips/uaccess.S - touching memory through the current translations
 * and surviving a fault: hat_probe_read and hat_probe_write (mm/hat.h).
 *
 * The access is one instruction covered by a fixup row (uaccess.h).  A
 * fault on it goes through trap() as usual: hat_fault first (a first touch
 * or a first write is handled and the access retried), and only then, if
 * the address is really not accessible, arch_trap_fixup moves the trapped
 * pc to probe_fault, which returns -EFAULT.  The functions are leaves, so
 * $ra is still the caller's when that happens.
 */
#include "uaccess.h"

	.set	noreorder

	.text
/* int hat_probe_read(vaddr_t va, uint32_t *value) */
	.globl	hat_probe_read
	.ent	hat_probe_read
hat_probe_read:
1:	lw	$t0, 0($a0)		/* may fault */
	sw	$t0, 0($a1)
	jr	$ra
	move	$v0, $zero
	FIXUP(1b, 1b + 4, probe_fault)
	.end	hat_probe_read

/* int hat_probe_write(vaddr_t va, uint32_t value) */
	.globl	hat_probe_write
	.ent	hat_probe_write
hat_probe_write:
1:	sw	$a1, 0($a0)		/* may fault; nothing written if it does */
	jr	$ra
	move	$v0, $zero
	FIXUP(1b, 1b + 4, probe_fault)
	.end	hat_probe_write

/* Where a faulting access resumes: return -EFAULT to the caller. */
	.ent	probe_fault
probe_fault:
	jr	$ra
	li	$v0, UACCESS_EFAULT
	.end	probe_fault
