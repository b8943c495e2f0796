/*
 * arch/mips/pte.h - the software page table the TLB-refill handler reads:
 * the PTE format and the two-level layout.  Included by C and assembly.
 *
 * A PTE is 32 bits.  Its low 26 bits are exactly the EntryLo register the
 * TLB takes, so the refill handler (refill.S) loads a PTE pair straight
 * into EntryLo0/1; its top 6 bits are Keel's own, which the handler
 * clears first (the 24Kf's PFN field is 20 bits wide; the architecture
 * does not promise that the bits above are ignored).
 *
 *   31   30  29    28  27  26  25                 6 5   3  2   1   0
 *  +----+---+-----+---+---+---+--------------------+-----+---+---+---+
 *  |PRES| - |WIRED| X | W | R |  PFN (pa >> 12)    |  C  | D | V | G |
 *  +----+---+-----+---+---+---+--------------------+-----+---+---+---+
 *   software: cleared before tlbwr    hardware: EntryLo
 *
 * The hardware bits mean more than the manual says, because the TLB has
 * no referenced or modified bits of its own:
 *  V  valid.  Keel sets it at the first access (hat_fault) or when the
 *     entering fault says it happened, so V = "referenced".
 *  D  "dirty" is really write-enable: a store through an entry with D
 *     clear traps (TLB Modified).  Keel sets it at the first write to a
 *     page whose W bit allows writing, so D = "modified", and W is the
 *     permission.
 *  G  global: the entry matches every ASID.  Only kernel-map PTEs have it,
 *     and there both PTEs of a pair must (the TLB ANDs the two G bits), so
 *     an empty kernel PTE is PTE_G, not 0.
 *  C  cache attribute: 3 cacheable (write-back), 2 uncached.
 * A PTE without PTE_PRESENT maps nothing (user: 0; kernel: PTE_G).
 */
#ifndef MIPS_PTE_H
#define MIPS_PTE_H

/* hardware: EntryLo */
#define PTE_G		0x00000001
#define PTE_V		0x00000002
#define PTE_D		0x00000004
#define PTE_C_SHIFT	3
#define PTE_C_MASK	0x00000038
#define PTE_C_UNCACHED	(2 << PTE_C_SHIFT)
#define PTE_C_CACHED	(3 << PTE_C_SHIFT)	/* cacheable, noncoherent, WB */
#define PTE_PFN_SHIFT	6			/* EntryLo.PFN starts at bit 6 */
#define PTE_PFN_MASK	0x03ffffc0		/* 20 bits: pa < 4 GiB */
#define PTE_HW_BITS	26			/* what the refill handler keeps */

/* software */
#define PTE_R		0x04000000
#define PTE_W		0x08000000
#define PTE_X		0x10000000
#define PTE_WIRED	0x20000000
#define PTE_PRESENT	0x80000000

/* The two levels: va bits 31..22 pick a page table, 21..12 a PTE in it. */
#define PT_PAGE_SHIFT	12			/* = PAGE_SHIFT, for assembly */
#define PGDIR_SHIFT	22			/* = HAT_SEGMENT_SHIFT */
#define PT_ENTRIES	1024			/* PTEs in a table: one 4 KiB page */
#define PGDIR_USER	512			/* tables for kuseg (2 GiB / 4 MiB) */
#define KMAP_TABLES	16			/* tables for the kernel map */
#define KMAP_BASE	0xc0000000		/* = KMAP_VA_MIN, for assembly */

/* The TLB maps pairs of pages: an even and an odd one share an entry. */
#define PAIR_SIZE	0x2000
#define PAIR_MASK	(~(PAIR_SIZE - 1))

#ifndef __ASSEMBLY__
#include "kern/types.h"
#include "mm/hat.h"

typedef uint32_t pte_t;

#define PGDIR_INDEX(va)	((unsigned)((va) >> PGDIR_SHIFT))
#define PT_INDEX(va)	((unsigned)((va) >> PAGE_SHIFT) & (PT_ENTRIES - 1))
#define SEGMENT_BASE(va) ((va) & ~(HAT_SEGMENT_SIZE - 1))

/* The frame's physical address in a PTE, and back. */
static inline pte_t pte_pfn(paddr_t pa)
{
	return (pte_t)(pa >> (PAGE_SHIFT - PTE_PFN_SHIFT)) & PTE_PFN_MASK;
}

static inline paddr_t pte_pa(pte_t pte)
{
	return (paddr_t)(pte & PTE_PFN_MASK) << (PAGE_SHIFT - PTE_PFN_SHIFT);
}

/* The frame and cache bits for a mapping of pa with hat_enter's flags. */
static inline pte_t pte_frame(paddr_t pa, unsigned flags)
{
	return pte_pfn(pa) | (flags & HAT_CACHE_NONE ? PTE_C_UNCACHED : PTE_C_CACHED);
}

/* HAT_PROT_* <-> the software R/W/X bits. */
static inline pte_t pte_prot_bits(unsigned prot)
{
	return (prot & HAT_PROT_READ ? PTE_R : 0) |
	       (prot & HAT_PROT_WRITE ? PTE_W : 0) |
	       (prot & HAT_PROT_EXEC ? PTE_X : 0);
}

static inline unsigned pte_prot(pte_t pte)
{
	return (pte & PTE_R ? HAT_PROT_READ : 0) |
	       (pte & PTE_W ? HAT_PROT_WRITE : 0) |
	       (pte & PTE_X ? HAT_PROT_EXEC : 0);
}

/* What the TLB gets: the hardware half. */
static inline uint32_t pte_entrylo(pte_t pte)
{
	return pte & ((1u << PTE_HW_BITS) - 1);
}

/* May this access go through pte?  MIPS32r2 without RI/XI cannot refuse
 * a read of a valid page, so any permission lets reads (and fetches) in. */
static inline bool pte_allows(pte_t pte, bool write)
{
	if (!(pte & PTE_PRESENT))
		return false;
	return write ? (pte & PTE_W) != 0 : (pte & (PTE_R | PTE_W | PTE_X)) != 0;
}

/* ---- lab 2: PTE encoding (pte.c) ---- */

/* The PTE hat_enter / seghat_enter store for a mapping of pa. */
pte_t pte_make(paddr_t pa, unsigned prot, unsigned flags);

/* pte with its protection narrowed to prot & its own; 0 if nothing is
 * left (the caller then removes the mapping). */
pte_t pte_narrow(pte_t pte, unsigned prot);

/* Decode a present PTE for hat_extract; false if pte maps nothing. */
bool pte_decode(pte_t pte, struct hat_mapping *m);

/* Tell the frame's struct page what pte's V and D bits say happened, before
 * the PTE is dropped or narrowed (modified is never under-reported). */
void pte_note_refmod(pte_t pte);

#endif /* __ASSEMBLY__ */
#endif
