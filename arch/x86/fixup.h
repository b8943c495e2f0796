/*
 * arch/x86/fixup.h - the fixup table: where a kernel access that may fault
 * (hat_probe_read/write now, copyin/copyout later) resumes if it does.
 *
 * Each entry names a range of instruction addresses [start, end) and the
 * address to continue at.  Assembly adds entries with
 *
 *	1:	movl (%rdi), %eax	# may fault
 *	2:
 *		FIXUP 1b, 2b, failed	# a fault in [1b, 2b) resumes at failed
 *
 * kernel.ld gathers them between __start_fixup_table and
 * __stop_fixup_table; arch_trap_fixup (fixup.c) searches them.
 */
#ifndef X86_FIXUP_H
#define X86_FIXUP_H

#ifdef __ASSEMBLY__
.macro FIXUP start, end, fixup
	.pushsection .fixup_table, "a"
	.balign 8
	.quad \start, \end, \fixup
	.popsection
.endm
#else
#include "kern/types.h"

struct fixup {
	uintptr_t start, end;	/* the instructions that may fault */
	uintptr_t fixup;	/* where to resume instead */
};

/* probe.S: one 32-bit access; false if it faulted. */
bool probe_read32(vaddr_t va, uint32_t *value);
bool probe_write32(vaddr_t va, uint32_t value);
#endif

#endif
