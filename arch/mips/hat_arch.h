/*
 * arch/mips/hat_arch.h - the address-space layout mm/hat.h needs from the
 * MIPS port (docs/mmu-mips.md draws it).
 *
 *   0x00000000 +----------------+
 *              | (unused)       |  the first 4 MiB: NULL-pointer guard
 *   0x00400000 +----------------+  USER_VA_MIN
 *              | user mappings  |  kuseg, through the TLB, per-ASID
 *   0x80000000 +----------------+  USER_VA_MAX = kseg0
 *              | direct map     |  kseg0: physical 0..512 MiB, cached,
 *              |                |  no TLB: phys_to_kva is an addition
 *   0xa0000000 +----------------+  kseg1: the same, uncached (devices)
 *   0xc0000000 +----------------+  KMAP_VA_MIN (kseg2)
 *              | kernel map     |  hat_kenter, global TLB entries
 *   0xc4000000 +----------------+  KMAP_VA_MAX
 *              | (unused kseg2/3)
 *   0xffffffff +----------------+
 *
 * The direct map costs nothing: kseg0 is wired into the CPU.  Its only
 * limit is 512 MiB, of which malta's RAM takes the low 256 MiB (boot.c).
 */
#ifndef MIPS_HAT_ARCH_H
#define MIPS_HAT_ARCH_H

#include "kern/types.h"

/* A segment is what one second-level page table maps: 1024 PTEs of 4 KiB
 * pages, 4 MiB.  A SegmentHAT is one such table, hung in several page
 * directories. */
#define HAT_SEGMENT_SHIFT	22

#define USER_VA_MIN	((vaddr_t)0x00400000)
#define USER_VA_MAX	((vaddr_t)0x80000000)

/* 64 MiB of kseg2: 16 page tables, all allocated by hat_bootstrap, so
 * hat_kenter never allocates. */
#define KMAP_VA_MIN	((vaddr_t)0xc0000000)
#define KMAP_VA_MAX	((vaddr_t)0xc4000000)

#define DIRECT_MAP_BASE	((vaddr_t)0x80000000)	/* kseg0 */
#define DIRECT_MAP_SIZE	((paddr_t)512 << 20)

/* The direct map: valid for pa < DIRECT_MAP_SIZE (all of the RAM Keel
 * manages on malta) and for kseg0 addresses. */
static inline void *phys_to_kva(paddr_t pa)
{
	return (void *)(uintptr_t)(pa + DIRECT_MAP_BASE);
}

static inline paddr_t kva_to_phys(const void *va)
{
	return (paddr_t)((uintptr_t)va - DIRECT_MAP_BASE);
}

#endif
