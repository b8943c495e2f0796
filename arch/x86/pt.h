/*
 * arch/x86/pt.h - the x86 HAT's private interface: 4-level page-table
 * helpers, struct hat and struct seghat, and what the HAT's files call in
 * each other.
 *
 * Levels are numbered as the hardware walks them, from the top:
 *   4  PML4   one per address space, bits 47-39 of the address
 *   3  PDPT   bits 38-30, an entry maps 1 GiB (or points at a PD)
 *   2  PD     bits 29-21, an entry maps 2 MiB (or points at a PT)
 *   1  PT     bits 20-12, an entry maps one 4 KiB page
 * Every table is one 4 KiB page of 512 64-bit entries (mmu.h has the entry
 * bits).  The HAT reads and writes tables through the direct map.
 *
 * Files: kpt.c (the kernel's tables, hat_bootstrap), kmap.c (hat_kenter),
 * pt.c (walking a user tree; lab 2), pte.c (one entry; lab 2), tlb.c
 * (invalidation), hat.c (the mm/hat.h entry points), seghat.c (shared
 * segments), hatdump.c (printing), physpage.c, fixup.c + probe.S.
 */
#ifndef X86_PT_H
#define X86_PT_H

#include "kern/types.h"
#include "mm/hat.h"
#include "mmu.h"

#define PT_LEVELS	4

/* The index of va's entry in its level-`level` table. */
static inline unsigned pt_index(vaddr_t va, int level)
{
	return (va >> (PAGE_SHIFT + 9 * (level - 1))) & (PT_ENTRIES - 1);
}

/* Bytes one level-`level` entry covers: 4 KiB, 2 MiB, 1 GiB, 512 GiB. */
static inline vaddr_t pt_span(int level)
{
	return (vaddr_t)PAGE_SIZE << (9 * (level - 1));
}

/* The table an entry points to, through the direct map. */
static inline uint64_t *pte_table(uint64_t e)
{
	return phys_to_kva(e & PTE_ADDR);
}

/* Deferred invalidations kept per hat before hat_update gives up on
 * single-page INVLPGs and reloads CR3 instead (tlb.c). */
#define TLB_PENDING_MAX	32

struct seg_attach;

/* One address space.  The 4-level tree is the authority: nothing is ever
 * dropped, so the hat needs no other record of its mappings. */
struct hat {
	uint64_t *pml4;			/* the root, through the direct map */
	paddr_t pml4_pa;		/* what CR3 holds while h is active */
	vaddr_t pending[TLB_PENDING_MAX];	/* pages to INVLPG at hat_update */
	unsigned npending;
	bool pending_all;		/* too many: reload CR3 instead */
	struct seg_attach *segs;	/* segments attached here (seghat.c) */
};

/* A shareable segment: one page table (2 MiB) hung under the PD entry of
 * every hat it is attached to. */
struct seghat {
	uint64_t *pt;
	struct seg_attach *attached;	/* where it is attached */
};

/* One attachment of a seghat to a hat, on a list of each. */
struct seg_attach {
	struct hat *h;
	struct seghat *sh;
	vaddr_t va;			/* segment-aligned */
	struct seg_attach *next_in_hat, *next_in_seg;
};

/* ---- kpt.c: the kernel's tables, table pages ------------------------ */

extern uint64_t *kernel_pml4;		/* the kernel half every hat copies */
extern paddr_t kernel_pml4_pa;		/* CR3 when no hat is active */
extern uint64_t pte_nx;			/* PTE_NX if the CPU has NX, else 0 */

uint64_t *pt_table_alloc(void);		/* zeroed and counted, or NULL */
void pt_table_free(uint64_t *table);
bool pt_table_empty(const uint64_t *table);

/* va's entry at `level` in the kernel's tree; missing tables are
 * allocated if alloc (panics if memory ran out), else NULL. */
uint64_t *kpt_walk(vaddr_t va, int level, bool alloc);

/* The entry that translates va in the tree under pml4: a PTE, or a large
 * page's PDE/PDPTE; *level says which.  NULL if va is not mapped. */
uint64_t *pt_leaf(uint64_t *pml4, vaddr_t va, int *level);

/* ---- pt.c: a user tree (lab 2) -------------------------------------- */

/* va's entry at `level` (1: the PTE) in h's tree.  alloc: create missing
 * tables; NULL if one is missing and !alloc, or memory ran out. */
uint64_t *pt_walk(struct hat *h, vaddr_t va, int level, bool alloc);

/* Call fn on every present PTE of h in [start, end) (user range), skipping
 * attached segments; with prune, free the table pages fn emptied. */
typedef void (*pte_fn)(struct hat *h, vaddr_t va, uint64_t *pte, void *arg);
void pt_range(struct hat *h, vaddr_t start, vaddr_t end, pte_fn fn, void *arg,
	      bool prune);

/* hat_drop: remove [start, end) like pt_range with a removing fn, but a
 * page table that lies wholly inside the range goes at once, its entries
 * neither read nor folded. */
void pt_drop_range(struct hat *h, vaddr_t start, vaddr_t end);

/* Take h's whole user half down: every mapping, every table page. */
void pt_free_user(struct hat *h);

/* ---- pte.c: one entry (lab 2) --------------------------------------- */

/* The leaf entry mapping pa with prot and hat_enter's flags. */
uint64_t pte_make(paddr_t pa, unsigned prot, unsigned flags);

/* Replace *pte (a leaf of h, mapping va) by new, 0 to remove it; fold the
 * old entry's A/D bits into its frame and queue va's invalidation in h
 * (h NULL: the caller invalidates).  Returns the old entry. */
uint64_t pte_set(struct hat *h, vaddr_t va, uint64_t *pte, uint64_t new);

/* Narrow *pte to prot (at least READ): clear W, set NX; queued like
 * pte_set.  h NULL: the caller invalidates. */
void pte_narrow(struct hat *h, vaddr_t va, uint64_t *pte, unsigned prot);

/* Describe a leaf entry; false if it is not present. */
bool pte_report(uint64_t e, struct hat_mapping *m);

/* ---- tlb.c ---------------------------------------------------------- */

void tlb_invalidate(vaddr_t va);	/* now: one page + table caches */
void tlb_flush(void);			/* now: all but global entries */
void tlb_invalidate_later(struct hat *h, vaddr_t va);
void tlb_invalidate_all_later(struct hat *h);	/* at tlb_finish: everything */
void tlb_finish(struct hat *h);		/* do h's deferred invalidations */
void tlb_forget(struct hat *h);		/* CR3 was loaded: nothing pending */

/* ---- seghat.c ------------------------------------------------------- */

/* The attachment of h covering va, or NULL. */
struct seg_attach *seg_find(struct hat *h, vaddr_t va);
/* Detach every segment from h (hat_remove_all). */
void seg_detach_all(struct hat *h);
/* Invalidate the page at offset off of sh wherever the MMU may cache it. */
void seg_invalidate(struct seghat *sh, vaddr_t off);

#endif
