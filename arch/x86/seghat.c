/*
 * arch/x86/seghat.c - shared segments (SegmentHAT): one page table,
 * 512 PTEs covering 2 MiB, hung under the PD entry of every hat that
 * attaches it.
 *
 * The hats then share the PTEs themselves: a seghat_enter or
 * seghat_remove changes the one table and so every address space at once,
 * and the A/D bits the MMU sets through any of them land in the same
 * entry.  The PD entry carries the software bit PTE_SEG so that the hat's
 * own range operations (pt.c) step over the table and never free it.
 *
 * Invalidation: after a change to the shared table, the TLB of this CPU
 * may hold the old entry only through attachments in the active hat
 * (any other hat was flushed from the TLB by the CR3 load that made it
 * inactive, tlb.c), so seg_invalidate INVLPGs those, before returning as
 * mm/hat.h requires.  With several CPUs it becomes a shootdown of the CPUs
 * running any hat on sh->attached.
 */
#include "kern/errno.h"
#include "kern/panic.h"
#include "mm/kmalloc.h"
#include "pt.h"

#define SEG_PAGES	(HAT_SEGMENT_SIZE / PAGE_SIZE)

struct seghat *seghat_create(void)
{
	struct seghat *sh = kzalloc(sizeof(*sh));

	if (!sh)
		return NULL;
	sh->pt = pt_table_alloc();
	if (!sh->pt) {
		kfree(sh);
		return NULL;
	}
	return sh;
}

void seg_invalidate(struct seghat *sh, vaddr_t off)
{
	for (struct seg_attach *a = sh->attached; a; a = a->next_in_seg)
		if (a->h == hat_current())
			tlb_invalidate(a->va + off);
}

static bool seg_range_ok(vaddr_t start, vaddr_t end)
{
	return start <= end && end <= HAT_SEGMENT_SIZE && ((start | end) & PAGE_MASK) == 0;
}

void seghat_remove(struct seghat *sh, vaddr_t start, vaddr_t end)
{
	KASSERT(seg_range_ok(start, end));
	hat_stats.removes++;
	for (vaddr_t off = start; off < end; off += PAGE_SIZE) {
		uint64_t *pte = &sh->pt[off / PAGE_SIZE];

		if ((*pte & PTE_P) && (pte_set(NULL, off, pte, 0) & PTE_P))
			seg_invalidate(sh, off);
	}
}

int seghat_enter(struct seghat *sh, vaddr_t offset, paddr_t pa, unsigned prot,
		 unsigned flags)
{
	KASSERT(seg_range_ok(offset, offset + PAGE_SIZE) && (pa & PAGE_MASK) == 0);
	if (!(prot & HAT_PROT_ALL)) {
		seghat_remove(sh, offset, offset + PAGE_SIZE);
		return 0;
	}
	hat_stats.enters++;
	/* The table exists: nothing to allocate, nothing can fail. */
	if (pte_set(NULL, offset, &sh->pt[offset / PAGE_SIZE], pte_make(pa, prot, flags)) & PTE_P)
		seg_invalidate(sh, offset);
	return 0;
}

struct seg_attach *seg_find(struct hat *h, vaddr_t va)
{
	for (struct seg_attach *a = h->segs; a; a = a->next_in_hat)
		if (va - a->va < HAT_SEGMENT_SIZE)
			return a;
	return NULL;
}

/* A private page table in the way of an attachment: -EEXIST if it still
 * maps something; an empty one (a remove that did not free it) goes. */
static int clear_private_pt(struct hat *h, vaddr_t va, uint64_t *pde)
{
	uint64_t *pt = pte_table(*pde);

	if ((*pde & PTE_SEG) || !pt_table_empty(pt))
		return -EEXIST;
	*pde = 0;
	if (h == hat_current())
		tlb_invalidate(va);
	pt_table_free(pt);
	return 0;
}

int hat_attach_segment(struct hat *h, vaddr_t va, struct seghat *sh)
{
	struct seg_attach *a;
	uint64_t *pde;
	int r;

	if (va % HAT_SEGMENT_SIZE || va < USER_VA_MIN || va > USER_VA_MAX - HAT_SEGMENT_SIZE)
		return -EINVAL;
	a = kmalloc(sizeof(*a));
	if (!a)
		return -ENOMEM;
	pde = pt_walk(h, va, 2, true);
	r = !pde ? -ENOMEM : (*pde & PTE_P) ? clear_private_pt(h, va, pde) : 0;
	if (r) {
		kfree(a);
		return r;
	}
	/* Nothing cached a non-present entry: no invalidation. */
	__atomic_store_n(pde, kva_to_phys(sh->pt) | PTE_P | PTE_W | PTE_U | PTE_SEG,
			 __ATOMIC_RELEASE);
	*a = (struct seg_attach){ .h = h, .sh = sh, .va = va,
				  .next_in_hat = h->segs, .next_in_seg = sh->attached };
	h->segs = a;
	sh->attached = a;
	return 0;
}

/* Unlink a from its hat's and its segment's lists. */
static void unlink_attach(struct seg_attach *a)
{
	struct seg_attach **p;

	for (p = &a->h->segs; *p != a; p = &(*p)->next_in_hat)
		;
	*p = a->next_in_hat;
	for (p = &a->sh->attached; *p != a; p = &(*p)->next_in_seg)
		;
	*p = a->next_in_seg;
}

/* Drop what this CPU may cache of the segment at va in the active hat:
 * INVLPG each mapped page (which also drops the cached PD entry), or one
 * CR3 reload when that is cheaper. */
static void forget_segment(struct seghat *sh, vaddr_t va)
{
	unsigned mapped = 0;

	for (unsigned i = 0; i < SEG_PAGES; i++)
		mapped += (sh->pt[i] & PTE_P) != 0;
	if (mapped > TLB_PENDING_MAX) {
		tlb_flush();
		return;
	}
	tlb_invalidate(va);
	for (unsigned i = 0; i < SEG_PAGES; i++)
		if (sh->pt[i] & PTE_P)
			tlb_invalidate(va + i * PAGE_SIZE);
}

static void no_pte(struct hat *h, vaddr_t va, uint64_t *pte, void *arg)
{
	(void)h, (void)va, (void)pte, (void)arg;
}

void hat_detach_segment(struct hat *h, vaddr_t va)
{
	struct seg_attach *a = seg_find(h, va);
	uint64_t *pde = pt_walk(h, va, 2, false);

	if (!a || a->va != va || !pde || !(*pde & PTE_SEG))
		panic("hat_detach_segment: no segment attached at %p", (void *)va);
	__atomic_store_n(pde, 0, __ATOMIC_SEQ_CST);
	if (h == hat_current())
		forget_segment(a->sh, va);
	unlink_attach(a);
	kfree(a);
	/* The PD (and PDPT) above may be empty now: free them. */
	pt_range(h, va, va + HAT_SEGMENT_SIZE, no_pte, NULL, true);
}

void seg_detach_all(struct hat *h)
{
	while (h->segs)
		hat_detach_segment(h, h->segs->va);
}

void seghat_destroy(struct seghat *sh)
{
	if (sh->attached)
		panic("seghat_destroy: the segment is still attached at %p",
		      (void *)sh->attached->va);
	for (unsigned i = 0; i < SEG_PAGES; i++)
		if (sh->pt[i] & PTE_P)
			pte_set(NULL, i * PAGE_SIZE, &sh->pt[i], 0);	/* keeps A/D */
	pt_table_free(sh->pt);
	kfree(sh);
}
