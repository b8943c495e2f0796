/*
 * arch/x86/pte.c - one leaf page-table entry: building it from a
 * protection, changing it, reading it back.
 *
 * A present 4 KiB PTE is   NX | frame address (bits 51-12) | flags:
 *   P present     W writable       U user        PWT/PCD caching
 *   A accessed    D dirty          G global      bits 9-11 for software
 * x86 has no "readable" bit: a present page can always be read (and
 * executed, unless NX).  The MMU sets A on the first access through a
 * translation and D on the first write, in the entry itself, at any time:
 * every change below is one atomic read-modify-write so that a bit the
 * MMU sets meanwhile is not lost.  Before an entry goes away its A/D bits
 * move to the frame's struct page (page_note_refmod): "modified" must
 * never be under-reported.
 *
 * Entries of a hat are only queued for invalidation (tlb.c); hat_update
 * finishes the job.  A write through a stale TLB entry after the PTE was
 * cleared is possible only if that entry already had D set, and then the
 * PTE had D set when we cleared it: we did note it.
 */
#include "kern/lab.h"
#include "pt.h"

uint64_t pte_make(paddr_t pa, unsigned prot, unsigned flags)
{
#if SOLUTION(2)
	uint64_t e = pa | PTE_P | PTE_U;

	if (prot & HAT_PROT_WRITE)
		e |= PTE_W;
	if (!(prot & HAT_PROT_EXEC))
		e |= pte_nx;
	if (flags & HAT_CACHE_NONE)
		e |= PTE_PCD | PTE_PWT;
	if (flags & HAT_WIRED)
		e |= PTE_WIRED;
	/* The access that faulted will happen: spare the MMU setting A/D. */
	if (flags & (HAT_ACCESS_READ | HAT_ACCESS_WRITE | HAT_ACCESS_EXEC))
		e |= PTE_A;
	if ((flags & HAT_ACCESS_WRITE) && (prot & HAT_PROT_WRITE))
		e |= PTE_D;
	return e;
#else
	/*
	 * LAB 2: build the PTE that maps the frame at pa for user code:
	 * pa | PTE_P | PTE_U, plus PTE_W if prot has HAT_PROT_WRITE, pte_nx
	 * unless prot has HAT_PROT_EXEC (pte_nx is PTE_NX, or 0 on a CPU
	 * without no-execute), PTE_PCD | PTE_PWT for HAT_CACHE_NONE, and the
	 * software bit PTE_WIRED for HAT_WIRED (the MMU ignores it; extract
	 * reports it).  Optional: with an HAT_ACCESS_* flag preset PTE_A (and
	 * PTE_D for a write to a writable page); the MMU would set them.
	 * Checked by: lab2_hat_enter_extract, lab2_hat_protect, lab2_hat_wired.
	 */
	(void)pa;
	(void)prot;
	(void)flags;
	LAB_TODO(2, "pte_make: the PTE bits for a protection");
	return 0;
#endif
}

uint64_t pte_set(struct hat *h, vaddr_t va, uint64_t *pte, uint64_t new)
{
#if SOLUTION(2)
	uint64_t old = __atomic_exchange_n(pte, new, __ATOMIC_SEQ_CST);

	if (old & PTE_P) {
		page_note_refmod(old & PTE_ADDR, old & PTE_A, old & PTE_D);
		if (h)
			tlb_invalidate_later(h, va);
	}
	return old;
#else
	/*
	 * LAB 2: replace *pte by new (0 removes the mapping) with one atomic
	 * exchange (__atomic_exchange_n), so that an A or D bit the MMU sets
	 * at the last moment is in the old value you get back.  If the old
	 * entry was present: fold its A/D bits into the frame's struct page,
	 * page_note_refmod(old & PTE_ADDR, old & PTE_A, old & PTE_D), and
	 * unless h is NULL queue va's invalidation with
	 * tlb_invalidate_later(h, va): the TLB may still hold the old
	 * translation.  Return the old entry.
	 * Checked by: lab2_hat_replace, lab2_hat_modified, lab2_hat_ranges.
	 */
	(void)h;
	(void)va;
	(void)pte;
	(void)new;
	LAB_TODO(2, "pte_set: replace a PTE, keep its A/D bits, queue the invalidation");
	return 0;
#endif
}

void pte_narrow(struct hat *h, vaddr_t va, uint64_t *pte, unsigned prot)
{
#if SOLUTION(2)
	uint64_t old = *pte, new;

	do {
		new = old;
		if (!(prot & HAT_PROT_WRITE))
			new &= ~(uint64_t)PTE_W;
		if (!(prot & HAT_PROT_EXEC))
			new |= pte_nx;
		if (new == old)
			return;
	} while (!__atomic_compare_exchange_n(pte, &old, new, false, __ATOMIC_SEQ_CST,
					      __ATOMIC_SEQ_CST));
	if (h)
		tlb_invalidate_later(h, va);
#else
	/*
	 * LAB 2: take away what prot does not allow: clear PTE_W without
	 * HAT_PROT_WRITE, set pte_nx without HAT_PROT_EXEC (never add
	 * anything: protect only narrows).  If the entry changed, queue va's
	 * invalidation (unless h is NULL), as pte_set does.  Change the
	 * entry atomically (__atomic_compare_exchange_n in a loop): the MMU
	 * may set A or D between your read and your write.
	 * Checked by: lab2_hat_protect, lab2_hat_ranges.
	 */
	(void)h;
	(void)va;
	(void)pte;
	(void)prot;
	LAB_TODO(2, "pte_narrow: take permissions away from a PTE");
#endif
}

bool pte_report(uint64_t e, struct hat_mapping *m)
{
#if SOLUTION(2)
	if (!(e & PTE_P))
		return false;
	m->pa = e & PTE_ADDR;
	m->prot = HAT_PROT_READ;
	if (e & PTE_W)
		m->prot |= HAT_PROT_WRITE;
	if (!(e & pte_nx))
		m->prot |= HAT_PROT_EXEC;
	m->wired = e & PTE_WIRED;
	m->referenced = e & PTE_A;
	m->modified = e & PTE_D;
	return true;
#else
	/*
	 * LAB 2: decode a leaf entry for hat_extract: false if not present;
	 * else the frame (e & PTE_ADDR), prot (always HAT_PROT_READ, WRITE
	 * if PTE_W, EXEC unless the pte_nx bit is set), wired (PTE_WIRED),
	 * referenced (PTE_A) and modified (PTE_D).
	 * Checked by: lab2_hat_enter_extract, lab2_hat_wired, lab2_hat_modified.
	 */
	(void)e;
	(void)m;
	LAB_TODO(2, "pte_report: decode a PTE");
	return false;
#endif
}
