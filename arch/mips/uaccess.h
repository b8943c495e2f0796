/*
 * arch/mips/uaccess.h - fault-tolerant accesses: the fixup table.
 *
 * An accessor that may fault on purpose (hat_probe_read/write now,
 * copyin/copyout later) marks the instructions that may fault with
 * FIXUP(from, to, handler) in its assembly.  When a memory fault nothing
 * else resolves hits a pc in [from, to), arch_trap_fixup (trap.c) makes
 * the trapped code resume at handler, which returns UACCESS_EFAULT.  The
 * rows gather in section .fixups, between __fixups_start and __fixups_end
 * (kernel.ld).
 */
#ifndef MIPS_UACCESS_H
#define MIPS_UACCESS_H

#define UACCESS_EFAULT	(-14)	/* -EFAULT (kern/errno.h is C only) */

#ifdef __ASSEMBLY__
#define FIXUP(from, to, handler)			\
	.pushsection .fixups, "a";			\
	.word	from, to, handler;			\
	.popsection
#else
#include "kern/types.h"

struct fixup {
	uint32_t from, to;	/* the instructions that may fault */
	uint32_t handler;	/* where to resume instead */
};

extern const struct fixup __fixups_start[], __fixups_end[];
#endif

#endif
