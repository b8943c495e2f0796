/*
 * arch/mips/seghat.c - SegmentHAT: one page table shared by several
 * address spaces (K42 section 9.3).
 *
 * A segment is what one directory slot maps, 4 MiB.  A seghat owns one
 * table; attaching it to a hat stores that table's address in the hat's
 * directory slot, so the refill handler of every sharer reads the same
 * PTEs and a seghat_enter shows in all of them at once, with no copying.
 * TLB entries are not shared: each sharer's entries carry its own ASID
 * (global entries would show the segment in every address space).  So a
 * change that takes rights away must reach the TLB entries of every
 * sharer, each under its own ASID and at its own address: the seghat
 * keeps the list of (hat, va) it is attached at.
 */
#include "kern/errno.h"
#include "kern/panic.h"
#include "mm/frame.h"
#include "mmu.h"

_Static_assert(sizeof(struct seghat) <= PAGE_SIZE, "a seghat fits its frame");

struct seghat *seghat_create(void)
{
	struct page *pg = frame_alloc(FRAME_ZERO);
	struct seghat *sh;

	if (!pg)
		return NULL;
	sh = phys_to_kva(page_to_pa(pg));
	sh->table = pt_alloc_table();
	if (!sh->table) {
		frame_free(pg);
		return NULL;
	}
	return sh;
}

void seghat_invalidate(struct seghat *sh, vaddr_t start, vaddr_t end)
{
	for (unsigned i = 0; i < sh->nsharers; i++)
		hat_invalidate_now(sh->sharers[i].h, sh->sharers[i].va + start,
				   sh->sharers[i].va + end);
}

static void check_offsets(vaddr_t start, vaddr_t end)
{
	KASSERT(start % PAGE_SIZE == 0 && end % PAGE_SIZE == 0);
	KASSERT(start <= end && end <= HAT_SEGMENT_SIZE);
}

int seghat_enter(struct seghat *sh, vaddr_t offset, paddr_t pa, unsigned prot,
		 unsigned flags)
{
	pte_t *pte, old;

	check_offsets(offset, offset + PAGE_SIZE);
	pte = &sh->table[offset >> PAGE_SHIFT];
	old = *pte;
	*pte = pte_make(pa, prot, flags);
	sh->npresent += (*pte & PTE_PRESENT ? 1 : 0) - (old & PTE_PRESENT ? 1 : 0);
	if (old & PTE_PRESENT) {
		pte_note_refmod(old);
		seghat_invalidate(sh, offset, offset + PAGE_SIZE);
	}
	hat_stats.enters++;
	return 0;
}

void seghat_remove(struct seghat *sh, vaddr_t start, vaddr_t end)
{
	check_offsets(start, end);
	for (vaddr_t off = start; off < end; off += PAGE_SIZE) {
		pte_t *pte = &sh->table[off >> PAGE_SHIFT];

		if (!(*pte & PTE_PRESENT))
			continue;
		pte_note_refmod(*pte);
		*pte = 0;
		sh->npresent--;
	}
	seghat_invalidate(sh, start, end);	/* completes now, everywhere */
	hat_stats.removes++;
}

int hat_attach_segment(struct hat *h, vaddr_t va, struct seghat *sh)
{
	unsigned slot = PGDIR_INDEX(va);

	if (va % HAT_SEGMENT_SIZE != 0 || va < USER_VA_MIN || va >= USER_VA_MAX)
		return -EINVAL;
	if (h->dir->table[slot])
		return -EEXIST;	/* private mappings, or another segment */
	if (h->nsegs == HAT_MAX_SEGS || sh->nsharers == SEGHAT_MAX_SHARERS)
		return -ENOMEM;
	/* Stale TLB entries of old private mappings here would hide the
	 * segment: finish them first. */
	hat_finish_invalidations(h);
	h->dir->table[slot] = sh->table;
	h->dir->use[slot] = PGDIR_SEGMENT;
	h->segs[h->nsegs].slot = slot;
	h->segs[h->nsegs].sh = sh;
	h->nsegs++;
	sh->sharers[sh->nsharers].h = h;
	sh->sharers[sh->nsharers].va = va;
	sh->nsharers++;
	return 0;
}

void seghat_unshare(struct seghat *sh, struct hat *h)
{
	for (unsigned i = 0; i < sh->nsharers; i++) {
		if (sh->sharers[i].h == h) {
			sh->sharers[i] = sh->sharers[--sh->nsharers];
			return;
		}
	}
	panic("seghat_unshare: hat %p does not share seghat %p", (void *)h, (void *)sh);
}

void hat_detach_segment(struct hat *h, vaddr_t va)
{
	unsigned slot = PGDIR_INDEX(va);
	struct seghat *sh = hat_segment_at(h, slot);

	KASSERT(va % HAT_SEGMENT_SIZE == 0);
	if (!sh)
		panic("hat_detach_segment: nothing attached at %p", (void *)va);
	h->dir->table[slot] = NULL;
	h->dir->use[slot] = 0;
	for (unsigned i = 0; i < h->nsegs; i++)
		if (h->segs[i].slot == slot)
			h->segs[i] = h->segs[--h->nsegs];
	seghat_unshare(sh, h);
	hat_invalidate_now(h, va, va + HAT_SEGMENT_SIZE);
}

void seghat_destroy(struct seghat *sh)
{
	if (sh->nsharers != 0)
		panic("seghat_destroy: seghat %p is still attached %u time(s)",
		      (void *)sh, sh->nsharers);
	for (unsigned i = 0; i < PT_ENTRIES; i++)
		pte_note_refmod(sh->table[i]);
	pt_free_table(sh->table);
	frame_free(pa_to_page(kva_to_phys(sh)));
}
