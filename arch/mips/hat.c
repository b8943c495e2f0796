/*
 * arch/mips/hat.c - an address space's life: create, activate, the
 * deferred TLB invalidations hat_update completes, teardown, and
 * hat_fault, where the software-managed TLB meets the page table.
 *
 * The TLB caches PTEs under the hat's ASID.  When a PTE loses rights
 * (remove, protect) the stale entry may stay until hat_update: the hat
 * notes the page pairs in pending[], or, past HAT_PENDING_MAX of them,
 * just that everything is stale, and hat_update then drops the whole ASID
 * (asid.c) instead of probing page by page.
 */
#include "kern/arch.h"
#include "kern/panic.h"
#include "mmu.h"

struct hat *hat_active;

struct hat *hat_create(void)
{
	struct pgdir *d = pt_alloc_dir();
	struct hat *h;

	if (!d)
		return NULL;
	h = &d->hat;
	h->dir = d;
	h->asid_gen = ASID_GEN_NONE;
	return h;
}

struct seghat *hat_segment_at(const struct hat *h, unsigned slot)
{
	for (unsigned i = 0; i < h->nsegs; i++)
		if (h->segs[i].slot == slot)
			return h->segs[i].sh;
	return NULL;
}

void hat_remove_all(struct hat *h)
{
	struct pgdir *d = h->dir;

	for (unsigned i = 0; i < h->nsegs; i++) {
		seghat_unshare(h->segs[i].sh, h);
		d->table[h->segs[i].slot] = NULL;
		d->use[h->segs[i].slot] = 0;
	}
	h->nsegs = 0;
	for (unsigned slot = 0; slot < PGDIR_USER; slot++)
		if (d->table[slot])
			pt_release_table(h, slot);
	/* Whatever the TLB holds of h goes with its ASID, at once. */
	h->npending = 0;
	h->pending_all = false;
	asid_forget(h);
}

void hat_destroy(struct hat *h)
{
	KASSERT(h != hat_active);
	hat_remove_all(h);
	pt_free_dir(h->dir);
}

/* Point the refill handler at h's directory and EntryHi at its ASID. */
void hat_activate(struct hat *h)
{
	unsigned long s = arch_intr_save();

	hat_active = h;
	refill_user_dir = h->dir->table;
	asid_activate(h);
	hat_stats.activates++;
	arch_intr_restore(s);
}

void hat_deactivate(struct hat *h)
{
	unsigned long s = arch_intr_save();

	if (hat_active == h) {
		hat_active = NULL;
		refill_user_dir = pt_no_tables;
		tlb_set_asid(ASID_NONE);
	}
	arch_intr_restore(s);
}

struct hat *hat_current(void)
{
	return hat_active;
}

/* ---- invalidations ---- */

void hat_defer_invalidate(struct hat *h, vaddr_t va)
{
	vaddr_t pair = va & PAIR_MASK;

	if (h->pending_all)
		return;
	if (h->npending > 0 && h->pending[h->npending - 1] == pair)
		return;		/* the usual case: the odd page after the even */
	if (h->npending == HAT_PENDING_MAX) {
		h->pending_all = true;
		return;
	}
	h->pending[h->npending++] = pair;
}

void hat_finish_invalidations(struct hat *h)
{
	unsigned long s = arch_intr_save();

	if (h->pending_all)
		asid_forget(h);
	else if (asid_live(h))
		for (unsigned i = 0; i < h->npending; i++)
			tlb_invalidate(h->asid, h->pending[i]);
	/* (an ASID from an old generation has no entries left to drop) */
	h->npending = 0;
	h->pending_all = false;
	arch_intr_restore(s);
}

void hat_update(struct hat *h)
{
	hat_finish_invalidations(h);
	hat_stats.updates++;
}

void hat_invalidate_now(struct hat *h, vaddr_t start, vaddr_t end)
{
	unsigned long s = arch_intr_save();

	/* A dead ASID has nothing in the TLB.  Past a TLB's worth of pairs,
	 * dropping the ASID is cheaper than probing each one. */
	if (asid_live(h) && (end - start) / PAIR_SIZE > tlb_size())
		asid_forget(h);
	else if (asid_live(h))
		for (vaddr_t va = start & PAIR_MASK; va < end; va += PAIR_SIZE)
			tlb_invalidate(h->asid, va);
	arch_intr_restore(s);
}

/* ---- faults ---- */

/* The PTE that translates va in h (user) or the kernel map, or NULL. */
static pte_t *fault_pte(struct hat *h, vaddr_t va)
{
	if (va >= KMAP_VA_MIN && va < KMAP_VA_MAX)
		return kmap_pte(va);
	if (h && va >= USER_VA_MIN && va < USER_VA_MAX)
		return pt_walk(h, va, false);
	return NULL;
}

/*
 * A TLB exception on va.  Three kinds reach here, told apart by the PTE:
 *  - V clear: the first touch since enter (or harvest).  Set V, the
 *    referenced bit.
 *  - a write, D clear, W set: the first write.  Set D, the modified bit.
 *  - neither: a miss refill.S could not serve (it sends misses with no
 *    table to C), or an entry that went stale.  Just reload.
 * Then load the page's pair into the TLB under the current ASID.  A
 * mapping that does not allow the access is the VM system's business.
 */
bool hat_fault(struct hat *h, vaddr_t va, bool write, bool exec)
{
	pte_t *pte = fault_pte(h, va);
	pte_t *pair;

	(void)exec;		/* no execute permission without RI/XI */
	if (!pte || !pte_allows(*pte, write))
		return false;
	if (!(*pte & PTE_V))
		tlb_counts.invalid++;
	else if (write && !(*pte & PTE_D))
		tlb_counts.modified++;
	else
		tlb_counts.missed++;
	*pte |= PTE_V | (write ? PTE_D : 0);
	pair = pte - (PT_INDEX(va) & 1);
	tlb_load_pair(tlb_current_asid(), va, pair[0], pair[1]);
	hat_stats.refills++;
	return true;
}
