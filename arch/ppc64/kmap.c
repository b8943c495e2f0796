/*
 * arch/ppc64/kmap.c - the kernel map: hat_kenter / hat_kremove.
 *
 * [KMAP_VA_MIN, KMAP_VA_MAX) is one segment with a fixed VSID and a bolted
 * SLB entry, present in every address space.  Its mappings are wired:
 * their HPTEs are bolted (never evicted), and a record per page, in a
 * static table, remembers each one's slot so hat_kremove costs one
 * H_REMOVE.  Static, so that hat_kenter never allocates and cannot fail
 * for want of memory (the hash table could still refuse: 16 bolted
 * entries in one group pair, which panics).
 */
#include "kern/panic.h"
#include "kern/printf.h"
#include "mmu.h"

#define KMAP_PAGES	((KMAP_VA_MAX - KMAP_VA_MIN) >> PAGE_SHIFT)

static struct mrec kmap[KMAP_PAGES];

static struct mrec *kmap_rec(vaddr_t va)
{
	if (va < KMAP_VA_MIN || va >= KMAP_VA_MAX)
		return NULL;
	return &kmap[(va - KMAP_VA_MIN) >> PAGE_SHIFT];
}

static uint64_t kmap_v(vaddr_t va)
{
	return hpte_v(vsid_kernel_kmap(), SEG_OFFSET(va), false, true);
}

static void kremove_page(vaddr_t va, struct mrec *rec)
{
	uint64_t r = hpt_remove(rec->slot, kmap_v(va));

	page_note_refmod(MR_PA(rec->word), r & HPTE_R_R, r & HPTE_R_C);
	rec->word = 0;
	rec->slot = -1;
}

void hat_kenter(vaddr_t va, paddr_t pa, unsigned prot, unsigned flags)
{
	struct mrec *rec = kmap_rec(va);

	if (!rec || (va & PAGE_MASK))
		panic("hat_kenter: %p is not a kernel-map page", (void *)va);
	if (rec->word & MR_VALID)
		kremove_page(va, rec);
	rec->slot = hpt_insert(vsid_kernel_kmap(), SEG_OFFSET(va), PAGE_SHIFT, kmap_v(va),
			       hpte_r(pa, prot, flags, true));
	if (rec->slot < 0)
		panic("hat_kenter: no room in the hash table for %p", (void *)va);
	rec->word = (pa & ~(paddr_t)PAGE_MASK) | MR_VALID | MR_WIRED |
		    ((prot & HAT_PROT_READ) ? MR_READ : 0) | ((prot & HAT_PROT_WRITE) ? MR_WRITE : 0) |
		    ((prot & HAT_PROT_EXEC) ? MR_EXEC : 0) |
		    ((flags & HAT_CACHE_NONE) ? MR_NOCACHE : 0);
}

void hat_kremove(vaddr_t va, size_t len)
{
	for (vaddr_t p = va; p < va + len; p += PAGE_SIZE) {
		struct mrec *rec = kmap_rec(p);

		if (rec && (rec->word & MR_VALID))
			kremove_page(p, rec);
	}
}

bool kmap_extract(vaddr_t va, struct hat_mapping *m)
{
	struct mrec *rec = kmap_rec(va);
	uint64_t r;

	if (!rec || !(rec->word & MR_VALID))
		return false;
	r = hpt_read_r(rec->slot, kmap_v(va));
	m->pa = MR_PA(rec->word);
	m->prot = ((rec->word & MR_READ) ? HAT_PROT_READ : 0) |
		  ((rec->word & MR_WRITE) ? HAT_PROT_WRITE : 0) |
		  ((rec->word & MR_EXEC) ? HAT_PROT_EXEC : 0);
	m->wired = true;
	m->referenced = r & HPTE_R_R;
	m->modified = r & HPTE_R_C;
	return true;
}

void kmap_dump(vaddr_t start, vaddr_t end)
{
	unsigned long n = 0;

	for (vaddr_t va = start; va < end; va += PAGE_SIZE) {
		struct mrec *rec = kmap_rec(va);

		if (!rec || !(rec->word & MR_VALID))
			continue;
		kprintf("  %016lx -> %09llx %c%c%c wired, HPTE slot %ld\n", (unsigned long)va,
			(unsigned long long)MR_PA(rec->word), (rec->word & MR_READ) ? 'r' : '-',
			(rec->word & MR_WRITE) ? 'w' : '-', (rec->word & MR_EXEC) ? 'x' : '-',
			rec->slot);
		n++;
	}
	kprintf("kernel map [%#lx, %#lx): %lu page(s) mapped\n", (unsigned long)KMAP_VA_MIN,
		(unsigned long)KMAP_VA_MAX, n);
}
