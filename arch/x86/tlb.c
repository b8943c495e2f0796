/*
 * arch/x86/tlb.c - keeping the TLB consistent with the page tables.
 *
 * The MMU caches translations (the TLB) and partial walks (paging-structure
 * caches) and never looks at the tables again for what it cached; it never
 * caches a non-present entry.  So adding a mapping needs nothing, while
 * removing or narrowing one does:
 *   INVLPG va   drops va's TLB entry, global or not, and every
 *               paging-structure cache entry (SDM vol. 3, 4.10.4.1);
 *   CR3 load    drops everything but global entries (the kernel half).
 * Keel uses no PCIDs, so a CR3 load at every hat_activate empties the TLB
 * of the previous address space: a hat that is not active on this CPU has
 * nothing cached, and changes to it need no invalidation at all.
 *
 * hat_remove/protect/replace only queue the pages of the active hat;
 * hat_update (tlb_finish) invalidates them, one INVLPG each, or reloads CR3
 * past TLB_PENDING_MAX pages, where one reload is cheaper than the INVLPGs
 * and the misses that follow are the same.  One CPU for now: with several,
 * tlb_finish also interrupts the others that run h (a shootdown).
 */
#include "pt.h"
#include "x86.h"

void tlb_invalidate(vaddr_t va)
{
	invlpg(va);
	hat_stats.tlb_flushes++;
}

void tlb_flush(void)
{
	write_cr3(read_cr3());
	hat_stats.tlb_flush_alls++;
}

void tlb_invalidate_later(struct hat *h, vaddr_t va)
{
	if (h != hat_current() || h->pending_all)
		return;
	if (h->npending == TLB_PENDING_MAX) {
		h->pending_all = true;
		return;
	}
	h->pending[h->npending++] = va;
}

void tlb_invalidate_all_later(struct hat *h)
{
	if (h == hat_current())
		h->pending_all = true;
}

void tlb_finish(struct hat *h)
{
	if (h == hat_current()) {
		if (h->pending_all)
			tlb_flush();
		else
			for (unsigned i = 0; i < h->npending; i++)
				tlb_invalidate(h->pending[i]);
	}
	tlb_forget(h);
}

void tlb_forget(struct hat *h)
{
	h->npending = 0;
	h->pending_all = false;
}
