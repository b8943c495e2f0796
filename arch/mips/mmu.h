/*
 * arch/mips/mmu.h - what the files of the MIPS HAT share: struct hat and
 * its directory, struct seghat, and the page-table, TLB, ASID and
 * kernel-map helpers each file provides.
 *
 *   pte.c      PTE encoding (lab 2)
 *   pgtable.c  directories and tables: allocation, the walk (lab 2)
 *   tlb.c      the TLB instructions: probe, invalidate (lab 2), flush
 *   asid.c     ASIDs with generations (lab 2)
 *   kmap.c     hat_bootstrap, the kernel map, the direct map
 *   hat.c      address spaces: create/destroy/activate/update/fault
 *   hatmap.c   enter/remove/protect/extract/harvest/dump (lab 2)
 *   seghat.c   SegmentHAT: one table shared by several directories
 *   refill.S   the TLB-refill handler
 *   uaccess.S  hat_probe_read/write and the fault-fixup table
 *
 * Every record the HAT keeps lives in frames it takes from frame_alloc
 * (a hat in its directory's frame, a seghat in a frame of its own), none
 * in the kmalloc heap, whose frames stay with their size class: so
 * destroying a hat or a seghat gives back exactly the frames it took.
 */
#ifndef MIPS_MMU_H
#define MIPS_MMU_H

#include "kern/types.h"
#include "mm/hat.h"
#include "pte.h"

/* Deferred invalidations a hat remembers, page pair by page pair, before
 * it gives up and drops its whole ASID at hat_update instead. */
#define HAT_PENDING_MAX	16

/* Segments one hat can have attached at once; past that,
 * hat_attach_segment says -ENOMEM and the caller maps privately. */
#define HAT_MAX_SEGS	64

struct pgdir;

struct hat {
	struct pgdir *dir;	/* the frame this hat lives in */
	unsigned asid;		/* EntryHi.ASID while active */
	unsigned long asid_gen;	/* the generation asid belongs to (asid.c) */
	unsigned npending;	/* pairs in pending[] */
	bool pending_all;	/* more than fit: drop the ASID at hat_update */
	vaddr_t pending[HAT_PENDING_MAX];
	unsigned nsegs;		/* attached segments: */
	struct {
		unsigned slot;	/* directory index */
		struct seghat *sh;
	} segs[HAT_MAX_SEGS];
};

/*
 * A user page directory: one frame per address space.  table[] covers
 * kuseg, 4 MiB per slot, and is what refill.S walks, so it comes first;
 * use[] is the C code's count for the same slot; the hat itself fills the
 * rest of the frame.  (The kernel map has its own directory, kmap.c, so
 * kernel translations need no slot here and are shared by construction.)
 */
struct pgdir {
	pte_t *table[PGDIR_USER];	/* kseg0 address of a table, or NULL */
	uint16_t use[PGDIR_USER];	/* present PTEs in a private table,
					 * or PGDIR_SEGMENT: an attached seghat */
	struct hat hat;
};
#define PGDIR_SEGMENT	0xffff

/* A SegmentHAT: one table, plus the hats it hangs in.  A frame of its own. */
#define SEGHAT_MAX_SHARERS 500

struct seghat {
	pte_t *table;		/* kseg0, PT_ENTRIES PTEs */
	unsigned npresent;
	unsigned nsharers;
	struct {
		struct hat *h;
		vaddr_t va;	/* where h has it attached */
	} sharers[SEGHAT_MAX_SHARERS];
};

/* hat.c: the hat whose directory refill.S walks (NULL: none). */
extern struct hat *hat_active;

/* Remember that the TLB may still hold h's old translation of va, for
 * hat_update; or finish every such invalidation now. */
void hat_defer_invalidate(struct hat *h, vaddr_t va);
void hat_finish_invalidations(struct hat *h);

/* Drop h's TLB entries for [start, end) now: page by page when few,
 * else the whole ASID. */
void hat_invalidate_now(struct hat *h, vaddr_t start, vaddr_t end);

/* The seghat attached at directory slot i of h, or NULL. */
struct seghat *hat_segment_at(const struct hat *h, unsigned slot);

/* ---- pgtable.c ---- */

/* The PTE of va in h's tables (private or an attached segment's), or
 * NULL if there is no table.  With alloc, a missing private table is
 * allocated first (NULL then: out of memory).  Lab 2. */
pte_t *pt_walk(struct hat *h, vaddr_t va, bool alloc);

/* A zeroed table / directory frame, or NULL; and back.  Counted in
 * hat_stats.table_pages. */
pte_t *pt_alloc_table(void);
void pt_free_table(pte_t *t);
struct pgdir *pt_alloc_dir(void);
void pt_free_dir(struct pgdir *d);

/* Drop h's private table at slot i, folding what its PTEs recorded into
 * the frames' struct pages first. */
void pt_release_table(struct hat *h, unsigned slot);

/* Drop h's private table at slot i without reading its PTEs (hat_drop). */
void pt_drop_table(struct hat *h, unsigned slot);

/* ---- tlb.c ---- */

struct tlb_entry {
	uint32_t entryhi, entrylo0, entrylo1, pagemask;
};

void tlb_init(void);
unsigned tlb_size(void);			/* entries (page pairs) */
void tlb_set_asid(unsigned asid);		/* EntryHi.ASID */
unsigned tlb_current_asid(void);
int tlb_lookup(unsigned asid, vaddr_t va);	/* index, or -1 */
void tlb_read(unsigned index, struct tlb_entry *e);
void tlb_invalidate(unsigned asid, vaddr_t va);	/* lab 2 */
void tlb_flush_all(void);
/* Put the pair (even, odd) holding va into the TLB under asid, over the
 * pair's old entry if there is one. */
void tlb_load_pair(unsigned asid, vaddr_t va, pte_t even, pte_t odd);

/* Counts for the `tlb` command and the tests. */
struct tlb_counts {
	unsigned long invalid;		/* first touches (V clear), hat_fault */
	unsigned long modified;		/* first writes (D clear), hat_fault */
	unsigned long missed;		/* misses refill.S left to C */
};
extern struct tlb_counts tlb_counts;
extern volatile uint32_t tlb_refills;	/* refill.S: one per refill */

/* ---- asid.c ---- */

#define ASID_NONE	0	/* no hat active: only global entries */
#define ASID_FIRST	1
#define ASID_LIMIT	256	/* EntryHi.ASID is 8 bits */
#define ASID_GEN_NONE	0	/* the generation of a hat holding no ASID */

/* Make sure h holds an ASID of the current generation, and load it into
 * EntryHi.  Interrupts off.  Lab 2. */
void asid_activate(struct hat *h);

/* Does h's ASID still name TLB entries (no rollover since)? */
bool asid_live(const struct hat *h);

/* Give up h's ASID: all of h's TLB entries become unreachable at once.
 * h gets a fresh one now if it is active, else at its next activation. */
void asid_forget(struct hat *h);

unsigned long asid_generation(void);

/* ---- kmap.c ---- */

/* The kernel map's PTE for va in [KMAP_VA_MIN, KMAP_VA_MAX). */
pte_t *kmap_pte(vaddr_t va);

/* What refill.S walks: the active hat's table[] (or an empty one) for
 * kuseg, and the kernel map's tables for kseg2. */
extern pte_t **refill_user_dir;
extern pte_t *refill_kmap_dir[KMAP_TABLES];
extern pte_t *pt_no_tables[PGDIR_USER];

/* ---- seghat.c ---- */

/* Drop every sharer's TLB entries for the segment offsets [start, end),
 * now. */
void seghat_invalidate(struct seghat *sh, vaddr_t start, vaddr_t end);

/* Forget that h has sh attached (h's directory slot is the caller's). */
void seghat_unshare(struct seghat *sh, struct hat *h);

#endif
