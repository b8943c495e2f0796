/*
 * arch/mips/pgtable.c - the two-level page table of a user address space:
 * a directory frame whose table[] points at page-table frames of 1024
 * PTEs, each covering 4 MiB (mmu.h, pte.h).
 *
 * Tables live in kseg0, the direct map, because the refill handler walks
 * them with the TLB's help unavailable: a table reached through the TLB
 * could miss inside the miss handler.  A private table goes back to the
 * frame pool as soon as its last PTE is removed (hatmap.c), so an address
 * space holds tables only where it has mappings.
 */
#include "kern/lab.h"
#include "kern/panic.h"
#include "mm/frame.h"
#include "mmu.h"

_Static_assert(sizeof(struct pgdir) <= PAGE_SIZE, "struct pgdir must fit a frame");
_Static_assert(PT_ENTRIES * sizeof(pte_t) == PAGE_SIZE, "a table is one frame");
_Static_assert(PGDIR_SHIFT == HAT_SEGMENT_SHIFT, "a segment is one table");
_Static_assert(PGDIR_USER == USER_VA_MAX >> PGDIR_SHIFT, "table[] covers kuseg");

static void *alloc_frame(void)
{
	struct page *pg = frame_alloc(FRAME_ZERO);

	if (!pg)
		return NULL;
	hat_stats.table_pages++;
	return phys_to_kva(page_to_pa(pg));
}

static void free_frame(void *kva)
{
	frame_free(pa_to_page(kva_to_phys(kva)));
	hat_stats.table_pages--;
}

pte_t *pt_alloc_table(void)
{
	return alloc_frame();
}

void pt_free_table(pte_t *t)
{
	free_frame(t);
}

struct pgdir *pt_alloc_dir(void)
{
	return alloc_frame();
}

void pt_free_dir(struct pgdir *d)
{
	free_frame(d);
}

void pt_release_table(struct hat *h, unsigned slot)
{
	pte_t *t = h->dir->table[slot];

	for (unsigned i = 0; i < PT_ENTRIES; i++)
		pte_note_refmod(t[i]);
	pt_drop_table(h, slot);
}

/* Nothing caches a walk through a table (refill.S reads it afresh from
 * kseg0 each miss), so once unhooked it can go at once; only the TLB
 * entries it loaded linger, until hat_update. */
void pt_drop_table(struct hat *h, unsigned slot)
{
	pte_t *t = h->dir->table[slot];

	h->dir->table[slot] = NULL;
	h->dir->use[slot] = 0;
	pt_free_table(t);
}

pte_t *pt_walk(struct hat *h, vaddr_t va, bool alloc)
{
	struct pgdir *d = h->dir;
	unsigned slot = PGDIR_INDEX(va);

	KASSERT(va >= USER_VA_MIN && va < USER_VA_MAX);
#if SOLUTION(2)
	if (!d->table[slot]) {
		pte_t *t;

		if (!alloc || !(t = pt_alloc_table()))
			return NULL;
		d->table[slot] = t;
		d->use[slot] = 0;
	}
	return &d->table[slot][PT_INDEX(va)];
#else
	/*
	 * LAB 2: find va's PTE.  The directory slot is PGDIR_INDEX(va) (va
	 * bits 31..22); d->table[slot] is the kseg0 address of that 4 MiB's
	 * table, or NULL; the PTE is entry PT_INDEX(va) (bits 21..12) of it.
	 * No table: return NULL, unless alloc is set; then take a zeroed
	 * one from pt_alloc_table (NULL if memory ran out: return NULL),
	 * hang it in the directory and start its count, d->use[slot], at 0
	 * (hat_enter and hat_remove keep that count of present PTEs, so that
	 * a table whose last mapping goes can be freed).  An attached
	 * segment's table is found the same way: it sits in table[] too.
	 * Checked by: every lab2_hat_* test.
	 */
	(void)d;
	(void)slot;
	(void)alloc;
	LAB_TODO(2, "pt_walk: walk the directory to a PTE");
	return NULL;
#endif
}
