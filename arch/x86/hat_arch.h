/*
 * arch/x86/hat_arch.h - the x86-64 facts mm/hat.h needs: the address
 * ranges and the direct map.
 *
 * The low half of the 48-bit address space belongs to user mappings; the
 * high half is the kernel's and the same in every address space
 * (mmu.h has the layout, docs/mmu-x86.md the picture).
 */
#ifndef X86_HAT_ARCH_H
#define X86_HAT_ARCH_H

#include "kern/types.h"
#include "mmu.h"

/* A seghat is one page-table page: 512 PTEs, 2 MiB. */
#define HAT_SEGMENT_SHIFT	21

/* User mappings: from 4 MiB (so that a null pointer plus a small or
 * medium offset still faults, and user segments start on a segment
 * boundary) to the end of the canonical low half. */
#define USER_VA_MIN		((vaddr_t)0x400000)
#define USER_VA_MAX		((vaddr_t)0x0000800000000000)

/* hat_kenter's range: one PML4 slot whose PDPT every hat shares. */
#define KMAP_VA_MIN		((vaddr_t)KMAP_BASE)
#define KMAP_VA_MAX		((vaddr_t)(KMAP_BASE + KMAP_SIZE))

/* Every byte of RAM, at pa + DIRECTMAP_BASE.  entry.S maps the first
 * 4 GiB this way before C runs, bootmap.c the rest before kmain, and
 * hat_bootstrap replaces both with the final map. */
static inline void *phys_to_kva(paddr_t pa)
{
	return (void *)(uintptr_t)(pa + DIRECTMAP_BASE);
}

static inline paddr_t kva_to_phys(const void *va)
{
	return (paddr_t)((uintptr_t)va - DIRECTMAP_BASE);
}

#endif
