/*
 * arch/mips/hatmap.c - the mappings of one address space: enter, remove, drop,
 * protect, extract, harvest, and hat_dump for the monitor's `pmap`.
 *
 * Range operations go one table (one 4 MiB segment) at a time, skipping
 * slots with no table, so removing a sparse range costs what is mapped,
 * not its size.  A slot holding an attached segment is the seghat's:
 * hat_remove and hat_protect pass over it (seghat_remove and
 * hat_detach_segment change it), while hat_extract and hat_fault see
 * through it like any table.
 */
#include "kern/errno.h"
#include "kern/lab.h"
#include "kern/panic.h"
#include "kern/printf.h"
#include "mmu.h"

static void check_user_range(vaddr_t start, vaddr_t end)
{
	KASSERT(start % PAGE_SIZE == 0 && end % PAGE_SIZE == 0 && start <= end);
	KASSERT(start >= USER_VA_MIN && end <= USER_VA_MAX);
}

/* The start of the next segment after va's, or end if that is sooner. */
static vaddr_t segment_end(vaddr_t va, vaddr_t end)
{
	vaddr_t next = SEGMENT_BASE(va) + HAT_SEGMENT_SIZE;

	return next > va && next < end ? next : end;
}

/* Does slot hold a private table (not nothing, not a segment)? */
static bool private_table(const struct hat *h, unsigned slot)
{
	return h->dir->table[slot] && h->dir->use[slot] != PGDIR_SEGMENT;
}

int hat_enter(struct hat *h, vaddr_t va, paddr_t pa, unsigned prot, unsigned flags)
{
	check_user_range(va, va + PAGE_SIZE);
	if (h->dir->use[PGDIR_INDEX(va)] == PGDIR_SEGMENT)
		panic("hat_enter: %p is in an attached segment", (void *)va);
	hat_stats.enters++;
#if SOLUTION(2)
	pte_t *pte = pt_walk(h, va, true), old;

	if (!pte) {
		if (flags & HAT_CANFAIL)
			return -ENOMEM;
		panic("hat_enter: no memory for a page table for %p", (void *)va);
	}
	old = *pte;
	*pte = pte_make(pa, prot, flags);
	if (old & PTE_PRESENT) {
		/* Replaced: fold in what the old mapping saw, and drop it
		 * from the TLB now (the access being retried must see the
		 * new frame, as after a copy-on-write). */
		pte_note_refmod(old);
		hat_invalidate_now(h, va, va + PAGE_SIZE);
	} else {
		h->dir->use[PGDIR_INDEX(va)]++;
	}
	return 0;
#else
	/*
	 * LAB 2: map va to the frame at pa.
	 *  - Find the PTE with pt_walk(h, va, true), which allocates the
	 *    table if needed.  NULL means out of memory: return -ENOMEM if
	 *    flags has HAT_CANFAIL, else panic().
	 *  - Store pte_make(pa, prot, flags) (pte.c, which you also write).
	 *  - If a mapping was there (PTE_PRESENT), this is a replacement:
	 *    fold its referenced/modified bits into its frame's struct page
	 *    (pte_note_refmod) and drop the old translation from the TLB
	 *    right away (hat_invalidate_now).  Otherwise count the new PTE in
	 *    h->dir->use[PGDIR_INDEX(va)].
	 * The stub maps nothing and says -ENOSYS.
	 * Checked by: lab2_hat_enter_extract, lab2_hat_replace, and every
	 * other lab2_hat_* test.
	 */
	(void)pa;
	(void)prot;
	(void)flags;
	LAB_TODO(2, "hat_enter: enter a mapping in the page table");
	return -ENOSYS;
#endif
}

/* Remove the mappings in [va, end), which lie in one private table. */
static void remove_in_table(struct hat *h, vaddr_t va, vaddr_t end)
{
	unsigned slot = PGDIR_INDEX(va);
	pte_t *t = h->dir->table[slot];

#if SOLUTION(2)
	for (; va < end; va += PAGE_SIZE) {
		pte_t *pte = &t[PT_INDEX(va)];

		if (!(*pte & PTE_PRESENT))
			continue;
		pte_note_refmod(*pte);
		*pte = 0;
		h->dir->use[slot]--;
		hat_defer_invalidate(h, va);
	}
	if (h->dir->use[slot] == 0)
		pt_release_table(h, slot);
#else
	/*
	 * LAB 2: for each page in [va, end) whose PTE in table t is present:
	 * fold its V/D bits into the frame's struct page (pte_note_refmod:
	 * modified must never be under-reported), clear the PTE, take it off
	 * the table's count h->dir->use[slot], and note that the TLB may
	 * still hold it (hat_defer_invalidate; hat_update finishes the job).
	 * When the count reaches 0, give the table back (pt_release_table).
	 * Checked by: lab2_hat_ranges, lab2_hat_modified, lab2_hat_no_leaks.
	 */
	(void)t;
	(void)va;
	(void)end;
	LAB_TODO(2, "hat_remove: clear PTEs and free empty tables");
#endif
}

void hat_remove(struct hat *h, vaddr_t start, vaddr_t end)
{
	check_user_range(start, end);
	for (vaddr_t va = start, next; va < end; va = next) {
		next = segment_end(va, end);
		if (private_table(h, PGDIR_INDEX(va)))
			remove_in_table(h, va, next);
	}
	hat_stats.removes++;
}

/* hat_drop in part of one private table: remove_in_table without the
 * refmod folding (~85 instructions a page) the caller has no use for. */
static void drop_in_table(struct hat *h, vaddr_t va, vaddr_t end)
{
	unsigned slot = PGDIR_INDEX(va);
	pte_t *t = h->dir->table[slot];

	for (; va < end; va += PAGE_SIZE) {
		if (!(t[PT_INDEX(va)] & PTE_PRESENT))
			continue;
		t[PT_INDEX(va)] = 0;
		h->dir->use[slot]--;
		hat_defer_invalidate(h, va);
	}
	if (h->dir->use[slot] == 0)
		pt_drop_table(h, slot);
}

/*
 * A table wholly inside [start, end) is freed unread, O(1) however many
 * pages it maps: its pages' TLB entries cannot be found without reading
 * it, so hat_update drops h's whole ASID instead (pending_all).  A partly
 * covered table goes page by page.  Attached segments are skipped, as
 * hat_remove skips them.
 */
void hat_drop(struct hat *h, vaddr_t start, vaddr_t end)
{
	check_user_range(start, end);
	for (vaddr_t va = start, next; va < end; va = next) {
		unsigned slot = PGDIR_INDEX(va);

		next = segment_end(va, end);
		if (!private_table(h, slot))
			continue;
		if (next - va < HAT_SEGMENT_SIZE) {
			drop_in_table(h, va, next);
			continue;
		}
		pt_drop_table(h, slot);
		h->pending_all = true;
	}
	hat_stats.removes++;
}

/* Narrow one present PTE (pte_narrow decides how). */
static void protect_page(struct hat *h, vaddr_t va, pte_t *pte, unsigned prot)
{
	pte_t old = *pte, new = pte_narrow(old, prot);

	if (new == old)
		return;
	if (!new) {
		remove_in_table(h, va, va + PAGE_SIZE);
		return;
	}
	if ((old & PTE_D) && !(new & PTE_D))
		pte_note_refmod(old);	/* the write it saw must not be lost */
	*pte = new;
	hat_defer_invalidate(h, va);
}

void hat_protect(struct hat *h, vaddr_t start, vaddr_t end, unsigned prot)
{
	check_user_range(start, end);
	for (vaddr_t va = start, next; va < end; va = next) {
		next = segment_end(va, end);
		/* Walk per page: removing the last PTE frees the table. */
		for (; va < next && private_table(h, PGDIR_INDEX(va)); va += PAGE_SIZE) {
			pte_t *pte = pt_walk(h, va, false);

			if (pte && (*pte & PTE_PRESENT))
				protect_page(h, va, pte, prot);
		}
	}
	hat_stats.protects++;
}

/* The PTE for va in h (user) or the kernel map, or NULL. */
static pte_t *lookup(struct hat *h, vaddr_t va)
{
	if (va >= KMAP_VA_MIN && va < KMAP_VA_MAX)
		return kmap_pte(va);
	if (h && va >= USER_VA_MIN && va < USER_VA_MAX)
		return pt_walk(h, va, false);
	return NULL;
}

bool hat_extract(struct hat *h, vaddr_t va, struct hat_mapping *m)
{
	pte_t *pte = lookup(h, PAGE_ROUNDDOWN(va));

	return pte && pte_decode(*pte, m);
}

/*
 * Real referenced/modified bits: V and D are set by faults (hat_fault), so
 * clearing them makes the next access and the next write trap again.
 * The TLB entry must go at once, or accesses through it would go unseen.
 */
int hat_harvest(struct hat *h, vaddr_t va, bool *referenced, bool *modified)
{
	unsigned slot = PGDIR_INDEX(va);
	pte_t *pte;

	check_user_range(va, va + PAGE_SIZE);
	pte = pt_walk(h, va, false);
	if (!pte || !(*pte & PTE_PRESENT))
		return -ENOENT;
	*referenced = (*pte & PTE_V) != 0;
	*modified = (*pte & PTE_D) != 0;
	if (!(*pte & (PTE_V | PTE_D)))
		return 0;
	*pte &= ~(pte_t)(PTE_V | PTE_D);
	if (h->dir->use[slot] == PGDIR_SEGMENT)
		seghat_invalidate(hat_segment_at(h, slot), va - SEGMENT_BASE(va),
				  va - SEGMENT_BASE(va) + PAGE_SIZE);
	else
		hat_invalidate_now(h, va, va + PAGE_SIZE);
	return 0;
}

/* ---- hat_dump ---- */

/* A run of pages printed as one line: same permissions and kind,
 * consecutive frames. */
struct run {
	vaddr_t va;
	paddr_t pa;
	pte_t kind;		/* the PTE bits a run shares */
	bool shared;
	unsigned n, referenced, modified;
};

#define RUN_KIND	(PTE_R | PTE_W | PTE_X | PTE_WIRED | PTE_C_MASK | PTE_G)

static void run_print(const struct run *r)
{
	if (r->n == 0)
		return;
	kprintf("  %08lx-%08lx -> %08llx %c%c%c%s%s%s%s  %u page%s, %u referenced, %u modified\n",
		(unsigned long)r->va, (unsigned long)(r->va + r->n * PAGE_SIZE),
		(unsigned long long)r->pa, r->kind & PTE_R ? 'r' : '-',
		r->kind & PTE_W ? 'w' : '-', r->kind & PTE_X ? 'x' : '-',
		r->kind & PTE_WIRED ? " wired" : "", r->kind & PTE_G ? " global" : "",
		(r->kind & PTE_C_MASK) == PTE_C_UNCACHED ? " uncached" : "",
		r->shared ? " shared" : "", r->n, r->n == 1 ? "" : "s",
		r->referenced, r->modified);
}

/* Add the page at va (PTE pte) to run r, printing r first if it does not
 * continue it. */
static void run_add(struct run *r, vaddr_t va, pte_t pte, bool shared)
{
	bool continues = r->n > 0 && r->va + r->n * PAGE_SIZE == va &&
		r->pa + r->n * PAGE_SIZE == pte_pa(pte) &&
		r->kind == (pte & RUN_KIND) && r->shared == shared;

	if (!continues) {
		run_print(r);
		*r = (struct run){ .va = va, .pa = pte_pa(pte), .kind = pte & RUN_KIND,
				   .shared = shared };
	}
	r->n++;
	r->referenced += (pte & PTE_V) != 0;
	r->modified += (pte & PTE_D) != 0;
}

void hat_dump(struct hat *h, vaddr_t start, vaddr_t end)
{
	struct run r = { .n = 0 };
	unsigned pages = 0;

	start = PAGE_ROUNDDOWN(start);
	for (vaddr_t va = start; va < end && va >= start; va += PAGE_SIZE) {
		pte_t *pte = lookup(h, va);
		bool shared = h && va < USER_VA_MAX && va >= USER_VA_MIN &&
			h->dir->use[PGDIR_INDEX(va)] == PGDIR_SEGMENT;

		if (!pte) {	/* no table: skip its whole segment */
			va = SEGMENT_BASE(va) + HAT_SEGMENT_SIZE - PAGE_SIZE;
			continue;
		}
		if (*pte & PTE_PRESENT) {
			run_add(&r, va, *pte, shared);
			pages++;
		}
	}
	run_print(&r);
	kprintf("%u page%s mapped in [%08lx, %08lx)%s\n", pages, pages == 1 ? "" : "s",
		(unsigned long)start, (unsigned long)end, h ? "" : " (kernel map)");
}
