/*
 * arch/x86/kmap.c - the kernel map: hat_kenter and hat_kremove.
 *
 * [KMAP_VA_MIN, KMAP_VA_MAX) is one PML4 slot whose PDPT hat_bootstrap
 * allocated, and every hat's PML4 copies that slot.  So the page
 * directories and page tables hat_kenter hangs below it appear in every
 * address space at once, and removing them again (hat_kremove frees the
 * tables it empties, all but the PDPT) changes every address space too.
 * Entries are global: a CR3 load keeps them, so hat_kremove invalidates
 * with INVLPG, which does drop global entries, before it returns.
 *
 * This is given code, not lab 2: the handout's kernel needs it.  It is
 * also a model of the walk and the invalidation rules lab 2 asks for.
 */
#include "kern/panic.h"
#include "pt.h"

static bool in_kmap(vaddr_t va, size_t len)
{
	return va >= KMAP_VA_MIN && va < KMAP_VA_MAX && len <= KMAP_VA_MAX - va;
}

/* The leaf bits for a kernel mapping: global and wired; readable always
 * (x86 cannot map a page write- or execute-only). */
static uint64_t kmap_bits(unsigned prot, unsigned flags)
{
	uint64_t bits = PTE_P | PTE_G | PTE_WIRED | PTE_A;

	if (prot & HAT_PROT_WRITE)
		bits |= PTE_W | PTE_D;
	if (!(prot & HAT_PROT_EXEC))
		bits |= pte_nx;
	if (flags & HAT_CACHE_NONE)
		bits |= PTE_PCD | PTE_PWT;
	return bits;
}

void hat_kenter(vaddr_t va, paddr_t pa, unsigned prot, unsigned flags)
{
	uint64_t *pte, old;

	KASSERT(in_kmap(va, PAGE_SIZE) && (va & PAGE_MASK) == 0 && (pa & PAGE_MASK) == 0);
	pte = kpt_walk(va, 1, true);
	old = __atomic_exchange_n(pte, pa | kmap_bits(prot, flags), __ATOMIC_SEQ_CST);
	if (old & PTE_P) {
		page_note_refmod(old & PTE_ADDR, old & PTE_A, old & PTE_D);
		tlb_invalidate(va);
	}
}

/* Free the PT and PD above va if they are empty now, bottom up.  The
 * INVLPG first drops any cached path through them. */
static void kmap_prune(vaddr_t va)
{
	for (int level = 2; level <= 3; level++) {
		uint64_t *e = kpt_walk(va, level, false);
		uint64_t *table;

		if (!e || !(*e & PTE_P) || !pt_table_empty(table = pte_table(*e)))
			return;
		*e = 0;
		tlb_invalidate(va);
		pt_table_free(table);
	}
}

void hat_kremove(vaddr_t va, size_t len)
{
	vaddr_t end = va + len;

	KASSERT(in_kmap(va, len) && (va & PAGE_MASK) == 0 && (len & PAGE_MASK) == 0);
	while (va < end) {
		uint64_t *pte = kpt_walk(va, 1, false);
		vaddr_t next = (va | (pt_span(2) - 1)) + 1;	/* the next PT */

		if (pte) {
			for (; va < MIN(next, end); va += PAGE_SIZE, pte++) {
				uint64_t old = __atomic_exchange_n(pte, 0, __ATOMIC_SEQ_CST);

				if (!(old & PTE_P))
					continue;
				page_note_refmod(old & PTE_ADDR, old & PTE_A, old & PTE_D);
				tlb_invalidate(va);
			}
			kmap_prune(va - PAGE_SIZE);
		}
		va = MIN(next, end);
	}
}
