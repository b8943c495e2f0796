/*
 * arch/ppc64/fixup.c - recovering from faults in fault-tolerant code.
 *
 * Code that may touch a bad address on purpose (probe.S now, copyin and
 * copyout later) lists the instructions that may fault, and where to go
 * instead, in the .fixups section (FIXUP in asm.h).  trap() calls
 * arch_trap_fixup for a memory fault that hat_fault did not resolve: if
 * the kernel was at one of those instructions, the trap returns to the
 * failure exit, which reports -EFAULT.
 */
#include "kern/arch.h"
#include "kern/errno.h"
#include "mm/hat.h"
#include "cpu.h"
#include "trapframe.h"

struct fixup {
	uintptr_t start, end;	/* the instructions that may fault */
	uintptr_t fix;		/* where to resume instead */
};

extern const struct fixup __start_fixups[], __stop_fixups[];	/* kernel.ld */

int probe_read32(vaddr_t va, uint32_t *value);
int probe_write32(vaddr_t va, uint32_t value);

bool arch_trap_fixup(struct trapframe *tf)
{
	if (tf->srr1 & MSR_PR)
		return false;		/* only the kernel's own accessors */
	for (const struct fixup *f = __start_fixups; f < __stop_fixups; f++)
		if (tf->srr0 >= f->start && tf->srr0 < f->end) {
			tf->srr0 = f->fix;
			return true;
		}
	return false;
}

int hat_probe_read(vaddr_t va, uint32_t *value)
{
	return probe_read32(va, value) ? -EFAULT : 0;
}

int hat_probe_write(vaddr_t va, uint32_t value)
{
	return probe_write32(va, value) ? -EFAULT : 0;
}
