/*
 * arch/mips/pte.c - encoding and decoding user PTEs (pte.h has the
 * format).  hat_enter, hat_protect, hat_extract and the SegmentHAT all go
 * through these, so the meaning of V, D, W and friends lives in one place.
 */
#include "kern/lab.h"
#include "mm/page.h"
#include "pte.h"

pte_t pte_make(paddr_t pa, unsigned prot, unsigned flags)
{
#if SOLUTION(2)
	pte_t pte = PTE_PRESENT | pte_frame(pa, flags) | pte_prot_bits(prot);
	bool access = flags & (HAT_ACCESS_READ | HAT_ACCESS_WRITE | HAT_ACCESS_EXEC);

	if (flags & HAT_WIRED)
		pte |= PTE_WIRED;
	/* The fault that led here already referenced (and maybe wrote) the
	 * page: preset V (and D) so the retried access does not trap again. */
	if (access && pte_allows(pte, false))
		pte |= PTE_V;
	if ((flags & HAT_ACCESS_WRITE) && (prot & HAT_PROT_WRITE))
		pte |= PTE_D;
	return pte;
#else
	/*
	 * LAB 2: build the PTE for a user mapping of the frame at pa (pte.h
	 * draws the format).  It needs:
	 *  - PTE_PRESENT, the frame and cache bits (pte_frame: flags may ask
	 *    for HAT_CACHE_NONE), the software permission bits
	 *    (pte_prot_bits), PTE_WIRED for HAT_WIRED;
	 *  - V and D, which here mean referenced and modified: leave both
	 *    clear, so that the first access and the first write trap into
	 *    hat_fault, which sets them.  Except when flags say which access
	 *    faulted (HAT_ACCESS_*): then that access has happened, so preset
	 *    V (if pte_allows a read) and, for HAT_ACCESS_WRITE on a writable
	 *    mapping, D.
	 *  - never PTE_G: user entries belong to one ASID.
	 * Checked by: lab2_hat_enter_extract (and every lab2_hat_* test).
	 */
	(void)pa;
	(void)prot;
	(void)flags;
	LAB_TODO(2, "pte_make: encode a user PTE");
	return 0;
#endif
}

pte_t pte_narrow(pte_t pte, unsigned prot)
{
#if SOLUTION(2)
	pte_t keep = pte_prot_bits(prot) | ~(pte_t)(PTE_R | PTE_W | PTE_X);

	pte &= keep;
	if (!(pte & (PTE_R | PTE_W | PTE_X)))
		return 0;
	/* Not writable any more: the TLB must trap the next store again. */
	if (!(pte & PTE_W))
		pte &= ~(pte_t)PTE_D;
	return pte;
#else
	/*
	 * LAB 2: narrow pte's permission to prot & its own.  Clear the
	 * software R/W/X bits prot does not grant; return 0 if none is left
	 * (hat_protect then removes the mapping).  If W went, clear D too:
	 * D is what lets the TLB accept a store.  (The caller has already
	 * recorded D as "modified" with pte_note_refmod.)
	 * Checked by: lab2_hat_protect.
	 */
	LAB_TODO(2, "pte_narrow: narrow a PTE's protection");
	(void)prot;
	return pte;
#endif
}

bool pte_decode(pte_t pte, struct hat_mapping *m)
{
#if SOLUTION(2)
	if (!(pte & PTE_PRESENT))
		return false;
	m->pa = pte_pa(pte);
	m->prot = pte_prot(pte);
	m->wired = (pte & PTE_WIRED) != 0;
	m->referenced = (pte & PTE_V) != 0;
	m->modified = (pte & PTE_D) != 0;
	return true;
#else
	/*
	 * LAB 2: the reverse of pte_make, for hat_extract: false if pte maps
	 * nothing (no PTE_PRESENT), else fill m: the frame (pte_pa), the
	 * protection (pte_prot), wired, and referenced/modified from V/D.
	 * Checked by: lab2_hat_enter_extract.
	 */
	(void)pte;
	(void)m;
	LAB_TODO(2, "pte_decode: decode a PTE for hat_extract");
	return false;
#endif
}

void pte_note_refmod(pte_t pte)
{
	if (pte & PTE_PRESENT)
		page_note_refmod(pte_pa(pte), pte & PTE_V, pte & PTE_D);
}
