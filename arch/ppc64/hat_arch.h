/*
 * arch/ppc64/hat_arch.h - the ppc64 address-space layout, for mm/hat.h.
 *
 * A 64-bit effective address (EA) is cut into a 36-bit ESID (which 256 MiB
 * segment) and a 28-bit offset.  Keel gives the kernel the top of the EA
 * space and user programs the bottom (docs/mmu-ppc64.md draws it):
 *
 *   0x0000000000010000 .. 2^45          user mappings (hat_enter)
 *   0xc000000000000000 + pa             the direct map of all RAM
 *   0xd000000000000000 .. +16 MiB       the kernel map (hat_kenter)
 *
 * The direct map is chosen so that it works with translation off too: in
 * real mode a POWER CPU ignores the top four EA bits, so 0xc000...0000 + pa
 * reaches physical pa either way.  The kernel is linked there and runs
 * there from its first C instruction, before and after hat_bootstrap
 * turns translation on.
 */
#ifndef PPC64_HAT_ARCH_H
#define PPC64_HAT_ARCH_H

#include "kern/types.h"

#define HAT_SEGMENT_SHIFT	28	/* a 256 MiB segment: one SLB entry, one VSID */

#define USER_VA_MIN	((vaddr_t)0x10000)	/* page 0..15 stay unmapped */
#define USER_VA_MAX	((vaddr_t)1 << 45)	/* 2^17 segments (hat.c's directory) */

#define DMAP_BASE	((vaddr_t)0xc000000000000000)	/* phys_to_kva(0) */
#define KMAP_VA_MIN	((vaddr_t)0xd000000000000000)
#define KMAP_VA_MAX	(KMAP_VA_MIN + ((vaddr_t)16 << 20))

static inline void *phys_to_kva(paddr_t pa)
{
	return (void *)(uintptr_t)(DMAP_BASE + pa);
}

static inline paddr_t kva_to_phys(const void *va)
{
	return (paddr_t)((uintptr_t)va - DMAP_BASE);
}

#endif
