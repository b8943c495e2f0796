/*
 * arch/x86/fixup.c - resuming a kernel access that faulted: the search of
 * the fixup table (fixup.h), and hat_probe_read/write built on it.
 *
 * trap() calls arch_trap_fixup for a memory fault that hat_fault did not
 * resolve.  If the trapped rip is one of the listed instructions, the trap
 * returns to the entry's fixup address instead of retrying the access.
 */
#include "kern/arch.h"
#include "kern/errno.h"
#include "fixup.h"
#include "pt.h"
#include "trapframe.h"

extern const struct fixup __start_fixup_table[], __stop_fixup_table[];

bool arch_trap_fixup(struct trapframe *tf)
{
	if ((tf->cs & 3) != 0)		/* only the kernel's own accesses */
		return false;
	for (const struct fixup *f = __start_fixup_table; f < __stop_fixup_table; f++) {
		if (tf->rip >= f->start && tf->rip < f->end) {
			tf->rip = f->fixup;
			return true;
		}
	}
	return false;
}

/* A non-canonical address (bits 63-47 not all equal) raises #GP, not a
 * page fault: refuse it before touching it. */
static bool canonical(vaddr_t va)
{
	int64_t top = (int64_t)va >> 47;

	return top == 0 || top == -1;
}

int hat_probe_read(vaddr_t va, uint32_t *value)
{
	uint32_t v;

	if (!canonical(va) || !canonical(va + 3) || !probe_read32(va, &v))
		return -EFAULT;
	*value = v;
	return 0;
}

int hat_probe_write(vaddr_t va, uint32_t value)
{
	if (!canonical(va) || !canonical(va + 3) || !probe_write32(va, value))
		return -EFAULT;
	return 0;
}
