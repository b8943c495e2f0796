/*
 * arch/x86/pt.c - walking an address space's 4-level tree: finding (and
 * creating) the entry for an address, visiting the entries of a range,
 * and freeing table pages as ranges empty.
 *
 * A user tree holds only 4 KiB pages.  Its tables are allocated when
 * hat_enter first needs them and freed when a removal leaves them empty,
 * so an address space costs table pages in proportion to what it maps
 * (hat_stats.table_pages counts them), not to the range it once used.
 * The PML4 lives as long as the hat; its kernel half (slots 256-511) is a
 * copy of the kernel's and is never touched here.
 *
 * A PD entry with PTE_SEG points at a seghat's page table (seghat.c): the
 * table belongs to the segment, not to this hat, so pt_range steps over it
 * and never frees it.
 */
#include "kern/lab.h"
#include "kern/panic.h"
#include "pt.h"
#include "x86.h"

/* What intermediate entries of a user tree hold: present, writable and
 * user; the leaf PTE alone decides what an access may do. */
#define UPTE_TABLE	(PTE_P | PTE_W | PTE_U)

uint64_t *pt_walk(struct hat *h, vaddr_t va, int level, bool alloc)
{
#if SOLUTION(2)
	uint64_t *table = h->pml4;

	for (int l = PT_LEVELS; l > level; l--) {
		uint64_t *e = &table[pt_index(va, l)];

		if (!(*e & PTE_P)) {
			uint64_t *t;

			if (!alloc || !(t = pt_table_alloc()))
				return NULL;
			/* Zeroed before it is published: the MMU (or, later,
			 * another CPU) may walk through the entry at once. */
			__atomic_store_n(e, kva_to_phys(t) | UPTE_TABLE, __ATOMIC_RELEASE);
		}
		table = pte_table(*e);
	}
	return &table[pt_index(va, level)];
#else
	/*
	 * LAB 2: walk h's tree from the PML4 (level 4, h->pml4) down to
	 * `level` and return a pointer to va's entry there (level 1: the
	 * PTE).  At each level the entry is &table[pt_index(va, l)]; if it is
	 * present (PTE_P) the next table is pte_table(entry).  If it is not:
	 * return NULL unless alloc, else take a zeroed table page from
	 * pt_table_alloc() (NULL if memory ran out: return NULL) and point
	 * the entry at it, kva_to_phys(table) | UPTE_TABLE.  Write that entry
	 * last, with one store, once the table is ready: the MMU may use it
	 * the moment it is present.
	 * Checked by: lab2_hat_enter_extract, lab2_hat_ranges,
	 * lab2_hat_arch_stress (and every lab2_hat_* test that maps).
	 */
	(void)h;
	(void)va;
	(void)level;
	(void)alloc;
	LAB_TODO(2, "pt_walk: find or create the entry for va, level by level");
	return NULL;
#endif
}

/* Free a table page no entry points at any more.  If h is active the MMU
 * may still cache a walk through it: INVLPG (of any address) drops every
 * paging-structure cache entry first. */
static void pt_release(struct hat *h, uint64_t *table, vaddr_t va)
{
	if (h == hat_current())
		tlb_invalidate(va);
	pt_table_free(table);
}

/* The end of the level-`level` entry holding va, or end if that is nearer. */
static vaddr_t entry_end(vaddr_t va, int level, vaddr_t end)
{
	vaddr_t next = (va | (pt_span(level) - 1)) + 1;

	return next > end || next == 0 ? end : next;
}

/* pt_range in the level-`level` table covering [start, end). */
static void range_in(struct hat *h, uint64_t *table, int level, vaddr_t start,
		     vaddr_t end, pte_fn fn, void *arg, bool prune)
{
	for (vaddr_t va = start, next; va < end; va = next) {
		uint64_t *e = &table[pt_index(va, level)];
		uint64_t *child;

		next = entry_end(va, level, end);
		if (!(*e & PTE_P))
			continue;
		if (level == 1) {
			fn(h, va, e, arg);
			continue;
		}
		if (level == 2 && (*e & PTE_SEG))
			continue;		/* a segment's table, not ours */
		child = pte_table(*e);
		range_in(h, child, level - 1, va, next, fn, arg, prune);
		if (!prune)
			continue;
#if SOLUTION(2)
		if (pt_table_empty(child)) {
			*e = 0;
			pt_release(h, child, va);
		}
#else
		/*
		 * LAB 2: fn may have emptied the child table.  If every one of
		 * its 512 entries is 0 now (pt_table_empty), clear the entry
		 * that points at it and give the page back with
		 * pt_release(h, child, va), which also makes sure the MMU no
		 * longer caches a walk through it.  Removing the last page of
		 * a range thus frees its PT, then maybe the PD, then the PDPT.
		 * Checked by: lab2_hat_arch_stress, x86_pt_reclaim.
		 */
		(void)pt_release;
		LAB_TODO(2, "pt_range: free the table pages a removal emptied");
#endif
	}
}

void pt_range(struct hat *h, vaddr_t start, vaddr_t end, pte_fn fn, void *arg,
	      bool prune)
{
	KASSERT(start >= USER_VA_MIN && end <= USER_VA_MAX && start <= end);
	range_in(h, h->pml4, PT_LEVELS, start, end, fn, arg, prune);
}

/* pt_drop_range in the level-`level` table covering [start, end). */
static void drop_in(struct hat *h, uint64_t *table, int level, vaddr_t start, vaddr_t end)
{
	for (vaddr_t va = start, next; va < end; va = next) {
		uint64_t *e = &table[pt_index(va, level)];
		uint64_t *child;

		next = entry_end(va, level, end);
		if (!(*e & PTE_P) || (level == 2 && (*e & PTE_SEG)))
			continue;
		if (level == 1) {
			/* A partly covered table: entry by entry, unfolded too. */
			*e = 0;
			tlb_invalidate_later(h, va);
			continue;
		}
		child = pte_table(*e);
		if (level == 2 && next - va == pt_span(2)) {
			/* A whole page table: unhook it and free it unread.  Its
			 * pages' TLB entries go with the full flush at
			 * hat_update; pt_release drops the walk caches now. */
			*e = 0;
			tlb_invalidate_all_later(h);
			pt_release(h, child, va);
			continue;
		}
		drop_in(h, child, level - 1, va, next);
		if (pt_table_empty(child)) {
			*e = 0;
			pt_release(h, child, va);
		}
	}
}

void pt_drop_range(struct hat *h, vaddr_t start, vaddr_t end)
{
	KASSERT(start >= USER_VA_MIN && end <= USER_VA_MAX && start <= end);
	drop_in(h, h->pml4, PT_LEVELS, start, end);
}

/* Free the subtree under a level-`level` table, noting what its leaves
 * saw in their frames' struct page. */
static void free_subtree(uint64_t *table, int level)
{
	for (int i = 0; i < PT_ENTRIES; i++) {
		uint64_t e = table[i];

		if (!(e & PTE_P))
			continue;
		if (level == 1)
			page_note_refmod(e & PTE_ADDR, e & PTE_A, e & PTE_D);
		else
			free_subtree(pte_table(e), level - 1);
	}
	pt_table_free(table);
}

/*
 * hat_remove_all's fast path: if h is active, switch to the kernel's
 * tables first, which makes the MMU forget h's user half at once; then
 * free whole tables, with no INVLPG per page or per table, and switch
 * back.  Segments were detached first, so no PTE_SEG entry is left whose
 * table is not h's to free.
 */
void pt_free_user(struct hat *h)
{
	bool active = h == hat_current();

	KASSERT(h->segs == NULL);
	if (active)
		write_cr3(kernel_pml4_pa);
	for (unsigned i = pt_index(USER_VA_MIN, 4); i < PT_ENTRIES / 2; i++) {
		if (h->pml4[i] & PTE_P) {
			free_subtree(pte_table(h->pml4[i]), PT_LEVELS - 1);
			h->pml4[i] = 0;
		}
	}
	if (active) {
		write_cr3(h->pml4_pa);
		hat_stats.tlb_flush_alls++;
	}
	tlb_forget(h);
}
