/*
 * arch/x86/hat_ktest.c - x86 tests of the HAT beyond the common suite
 * (mm/hat_ktest.c): many table pages, table reclaim, A/D harvesting, the
 * invalidation batching, and the kernel's own protections.
 *
 * Like the common suite they check real translations by touching memory
 * (hat_probe_read/write) and count frames and table pages before and after.
 */
#include "kern/arch.h"
#include "kern/errno.h"
#include "kern/ktest.h"
#include "kern/string.h"
#include "mm/frame.h"
#include "mm/memcheck.h"
#include "boot.h"
#include "pt.h"

/* ---- helpers -------------------------------------------------------- */

/* What a test owns, so that a failed check still gives everything back. */
struct xctx {
	struct hat *h;
	struct page *frames[16];
	struct mem_snapshot mem;
	unsigned long tables_before;
};

static bool xbegin(struct xctx *x)
{
	memset(x, 0, sizeof(*x));
	mem_snapshot(&x->mem);
	x->tables_before = hat_stats.table_pages;
	for (unsigned i = 0; i < ARRAY_SIZE(x->frames); i++)
		if (!(x->frames[i] = frame_alloc(FRAME_ZERO)))
			return false;
	x->h = hat_create();
	if (x->h)
		hat_switch(x->h);
	return x->h != NULL;
}

static paddr_t xframe(struct xctx *x, unsigned i)
{
	return page_to_pa(x->frames[i % ARRAY_SIZE(x->frames)]);
}

/* Give everything back and check that the HAT did too. */
static void xfinish(struct xctx *x)
{
	hat_switch(NULL);
	if (x->h)
		hat_destroy(x->h);
	for (unsigned i = 0; i < ARRAY_SIZE(x->frames); i++)
		if (x->frames[i])
			frame_free(x->frames[i]);
	KT_ASSERT(hat_stats.table_pages == x->tables_before,
		  "%ld table page(s) still counted after hat_destroy",
		  (long)(hat_stats.table_pages - x->tables_before));
	KT_ASSERT(mem_frames_leaked(&x->mem) == 0, "%ld frame(s) not returned",
		  mem_frames_leaked(&x->mem));
	KT_ASSERT(mem_objects_leaked(&x->mem) == 0, "%ld kmalloc object(s) leaked",
		  mem_objects_leaked(&x->mem));
}

/* Table pages h holds now, PML4 included. */
static unsigned long tables_of(struct xctx *x)
{
	return hat_stats.table_pages - x->tables_before;
}

/* Run body with a fresh hat, active, then clean up and check. */
static void xrun(bool (*body)(struct xctx *x))
{
	struct xctx x;

	if (xbegin(&x))
		body(&x);
	else
		ktest_fail_at(__FILE__, __LINE__, "out of memory setting up the test");
	xfinish(&x);
}

/* ---- lab2_hat_arch_stress ------------------------------------------- */

/*
 * 4096 pages in 8 regions, each region in its own PML4 slot and at a
 * different PDPT and PD index, 512 pages a region at a stride of 5 pages:
 * each region spans 10 MiB, so 6 page tables under 1 or 2 directories.
 * Page i maps frame i % 16 and owns word (i / 16) % 1024 of it, so every
 * translation can be checked by what lands in the frame.
 */
#define NREGIONS	8
#define REGION_PAGES	512
#define STRESS_PAGES	(NREGIONS * REGION_PAGES)
#define STRIDE		5

static vaddr_t stress_va(unsigned i)
{
	unsigned k = i / REGION_PAGES, j = i % REGION_PAGES;
	vaddr_t base = (vaddr_t)(k + 1) * pt_span(4) + (vaddr_t)k * pt_span(3) +
		       (vaddr_t)(3 * k + 1) * pt_span(2);

	return base + (vaddr_t)j * STRIDE * PAGE_SIZE;
}

static unsigned stress_word(unsigned i)
{
	return (i / 16) % (PAGE_SIZE / 4);
}

/* Table pages pages [first, first+n) need: distinct PTs, PDs, PDPTs. */
static unsigned long tables_needed(unsigned first, unsigned n)
{
	unsigned long count = 0;

	for (int level = 2; level <= 4; level++) {
		vaddr_t last = (vaddr_t)-1;	/* never a valid prefix */

		for (unsigned i = first; i < first + n; i++) {
			vaddr_t prefix = stress_va(i) / pt_span(level);

			count += prefix != last;
			last = prefix;
		}
	}
	return count;
}

/* Every page in [first, first+n) is mapped, or faults; writable or not. */
static bool stress_check(struct xctx *x, unsigned first, unsigned n, bool mapped, bool writable)
{
	for (unsigned i = first; i < first + n; i++) {
		vaddr_t va = stress_va(i) + stress_word(i) * 4;
		uint32_t *w = phys_to_kva(xframe(x, i));
		uint32_t v;

		if (!mapped) {
			KT_CHECK(hat_probe_read(va, &v) == -EFAULT, "page %u (%p) still mapped",
				  i, (void *)va);
			continue;
		}
		KT_CHECK(hat_probe_read(va, &v) == 0 && v == w[stress_word(i)],
		       "page %u (%p) reads %#x, its frame holds %#x", i, (void *)va, v,
		       w[stress_word(i)]);
		KT_CHECK((hat_probe_write(va, i ^ 0x5a5a0000) == 0) == writable,
		       "page %u should %sbe writable", i, writable ? "" : "not ");
		if (writable)
			KT_CHECK(w[stress_word(i)] == (i ^ 0x5a5a0000),
				  "the write to page %u landed elsewhere", i);
	}
	return true;
}

static bool stress_map(struct xctx *x)
{
	for (unsigned i = 0; i < STRESS_PAGES; i++) {
		int r = hat_enter(x->h, stress_va(i), xframe(x, i), HAT_PROT_RW, HAT_CANFAIL);

		KT_CHECK(r == 0, "hat_enter of page %u failed: %d (%s)", i, r, errno_name(r));
	}
	KT_CHECK(tables_of(x) == 1 + tables_needed(0, STRESS_PAGES),
	       "%lu table pages for 4096 pages, expected %lu", tables_of(x),
	       1 + tables_needed(0, STRESS_PAGES));
	return stress_check(x, 0, STRESS_PAGES, true, true);
}

/* Remove region 0 every other page, then the rest: its tables go last. */
static bool stress_remove_alternate(struct xctx *x)
{
	unsigned long before = tables_of(x);

	for (unsigned i = 0; i < REGION_PAGES; i += 2)
		hat_remove(x->h, stress_va(i), stress_va(i) + PAGE_SIZE);
	hat_update(x->h);
	KT_CHECK(tables_of(x) == before, "removing every other page freed a table");
	for (unsigned i = 0; i < REGION_PAGES; i++)
		if (!stress_check(x, i, 1, i % 2, true))
			return false;
	for (unsigned i = 1; i < REGION_PAGES; i += 2)
		hat_remove(x->h, stress_va(i), stress_va(i) + PAGE_SIZE);
	hat_update(x->h);
	KT_CHECK(tables_of(x) == before - tables_needed(0, REGION_PAGES),
	       "region 0 empty: %lu table pages, expected %lu", tables_of(x),
	       before - tables_needed(0, REGION_PAGES));
	return stress_check(x, 0, REGION_PAGES, false, false);
}

/* Region 1 in one hat_remove over its whole span. */
static bool stress_remove_range(struct xctx *x)
{
	unsigned long before = tables_of(x);
	unsigned first = REGION_PAGES;

	hat_remove(x->h, stress_va(first), stress_va(first + REGION_PAGES - 1) + PAGE_SIZE);
	hat_update(x->h);
	KT_CHECK(tables_of(x) == before - tables_needed(first, REGION_PAGES),
	       "region 1 removed: %lu table pages, expected %lu", tables_of(x),
	       before - tables_needed(first, REGION_PAGES));
	return stress_check(x, first, REGION_PAGES, false, false) &&
	       stress_check(x, 2 * REGION_PAGES, REGION_PAGES, true, true);
}

/* Region 2 page by page in a pseudo-random order (a permutation). */
static bool stress_remove_random(struct xctx *x)
{
	unsigned long before = tables_of(x);
	unsigned first = 2 * REGION_PAGES, step = 2 * (ktest_seed() % 200) + 1;

	for (unsigned k = 0; k < REGION_PAGES; k++) {
		unsigned i = first + (k * step) % REGION_PAGES;	/* step is odd */

		hat_remove(x->h, stress_va(i), stress_va(i) + PAGE_SIZE);
	}
	hat_update(x->h);
	KT_CHECK(tables_of(x) == before - tables_needed(first, REGION_PAGES),
	       "region 2 removed at random: %lu table pages, expected %lu", tables_of(x),
	       before - tables_needed(first, REGION_PAGES));
	return stress_check(x, first, REGION_PAGES, false, false);
}

/* Region 3 read-only over a range that spans empty PML4 slots too. */
static bool stress_protect(struct xctx *x)
{
	unsigned first = 3 * REGION_PAGES;

	hat_protect(x->h, stress_va(first) - pt_span(4), stress_va(first + REGION_PAGES),
		    HAT_PROT_READ);
	hat_update(x->h);
	return stress_check(x, first, REGION_PAGES, true, false) &&
	       stress_check(x, first + REGION_PAGES, REGION_PAGES, true, true);
}

/* Everything left in one sweep over the whole user range. */
static bool stress_remove_all(struct xctx *x)
{
	hat_remove(x->h, USER_VA_MIN, USER_VA_MAX);
	hat_update(x->h);
	KT_CHECK(tables_of(x) == 1, "%lu table pages left, expected 1 (the PML4)", tables_of(x));
	return stress_check(x, 3 * REGION_PAGES, 5 * REGION_PAGES, false, false);
}

static bool stress(struct xctx *x)
{
	return stress_map(x) && stress_remove_alternate(x) && stress_remove_range(x) &&
	       stress_remove_random(x) && stress_protect(x) && stress_remove_all(x);
}

KTEST(lab2_hat_arch_stress)
{
	xrun(stress);
}

/* ---- x86_* ------------------------------------------------------------ */

/* One page costs a PDPT, a PD and a PT; each level is freed when empty. */
static bool pt_reclaim_body(struct xctx *x)
{
	vaddr_t va = 5 * pt_span(4) + 7 * pt_span(3) + 9 * pt_span(2);

	KT_CHECK(tables_of(x) == 1, "a new hat holds %lu table pages", tables_of(x));
	KT_CHECK(hat_enter(x->h, va, xframe(x, 0), HAT_PROT_READ, HAT_CANFAIL) == 0, "enter");
	KT_CHECK(tables_of(x) == 4, "one page: %lu table pages, expected 4", tables_of(x));
	KT_CHECK(hat_enter(x->h, va + pt_span(2), xframe(x, 1), HAT_PROT_READ, HAT_CANFAIL) == 0,
	       "enter");
	KT_CHECK(tables_of(x) == 5, "next PD entry: %lu table pages, expected 5", tables_of(x));
	KT_CHECK(hat_enter(x->h, va + pt_span(3), xframe(x, 2), HAT_PROT_READ, HAT_CANFAIL) == 0,
	       "enter");
	KT_CHECK(tables_of(x) == 7, "next PDPT entry: %lu table pages, expected 7", tables_of(x));
	hat_remove(x->h, va, va + PAGE_SIZE);
	KT_CHECK(tables_of(x) == 6, "its PT was not freed (%lu)", tables_of(x));
	hat_remove(x->h, va + pt_span(2), va + pt_span(2) + PAGE_SIZE);
	KT_CHECK(tables_of(x) == 4, "PT and PD not freed (%lu)", tables_of(x));
	hat_remove(x->h, va + pt_span(3), va + pt_span(3) + PAGE_SIZE);
	hat_update(x->h);
	KT_CHECK(tables_of(x) == 1, "not back to the PML4 alone (%lu)", tables_of(x));
	KT_CHECK(hat_probe_read(va + pt_span(3), &(uint32_t){0}) == -EFAULT, "still mapped");
	return true;
}

KTEST(x86_pt_reclaim)
{
	xrun(pt_reclaim_body);
}

/* The MMU's A and D bits, read and cleared by hat_harvest. */
static bool harvest_body(struct xctx *x)
{
	vaddr_t va = 2 * pt_span(3);
	bool ref, mod;

	KT_CHECK(hat_harvest(x->h, va, &ref, &mod) == -ENOENT, "harvest of an unmapped page");
	KT_CHECK(hat_enter(x->h, va, xframe(x, 0), HAT_PROT_RW, HAT_CANFAIL) == 0, "enter");
	KT_CHECK(hat_harvest(x->h, va, &ref, &mod) == 0 && !ref && !mod,
	       "untouched page: referenced %d modified %d", ref, mod);
	KT_CHECK(hat_probe_read(va, &(uint32_t){0}) == 0, "read");
	KT_CHECK(hat_harvest(x->h, va, &ref, &mod) == 0 && ref && !mod,
	       "after a read: referenced %d modified %d", ref, mod);
	KT_CHECK(hat_probe_write(va, 1) == 0, "write");
	KT_CHECK(hat_harvest(x->h, va, &ref, &mod) == 0 && ref && mod,
	       "after a write: referenced %d modified %d", ref, mod);
	/* Cleared, and the TLB forgot: the next write must set D again. */
	KT_CHECK(hat_harvest(x->h, va, &ref, &mod) == 0 && !ref && !mod, "bits not cleared");
	KT_CHECK(hat_probe_write(va, 2) == 0, "write");
	KT_CHECK(hat_harvest(x->h, va, &ref, &mod) == 0 && mod,
	       "a write after a harvest went unrecorded (stale TLB entry?)");
	return true;
}

KTEST(x86_harvest)
{
	xrun(harvest_body);
}

/* hat_update: one INVLPG per queued page, or one CR3 reload past
 * TLB_PENDING_MAX; nothing queued for a hat that is not active. */
static bool tlb_batching_body(struct xctx *x)
{
	vaddr_t va = 3 * pt_span(3);
	unsigned long single, whole;
	unsigned n = 2 * TLB_PENDING_MAX;

	for (unsigned i = 0; i < n; i++)
		KT_CHECK(hat_enter(x->h, va + i * PAGE_SIZE, xframe(x, i), HAT_PROT_READ,
				    HAT_CANFAIL) == 0, "enter");
	single = hat_stats.tlb_flushes;
	whole = hat_stats.tlb_flush_alls;
	hat_remove(x->h, va, va + 4 * PAGE_SIZE);
	hat_update(x->h);
	KT_CHECK(hat_stats.tlb_flushes - single == 4 && hat_stats.tlb_flush_alls == whole,
	       "4 removed pages: %lu INVLPGs, %lu reloads", hat_stats.tlb_flushes - single,
	       hat_stats.tlb_flush_alls - whole);
	single = hat_stats.tlb_flushes;
	hat_remove(x->h, va + 4 * PAGE_SIZE, va + (n - 1) * PAGE_SIZE);
	hat_update(x->h);
	KT_CHECK(hat_stats.tlb_flushes == single && hat_stats.tlb_flush_alls == whole + 1,
	       "%u removed pages: %lu INVLPGs, %lu reloads", n - 5,
	       hat_stats.tlb_flushes - single, hat_stats.tlb_flush_alls - whole);
	KT_CHECK(hat_probe_read(va + 10 * PAGE_SIZE, &(uint32_t){0}) == -EFAULT, "still mapped");
	hat_switch(NULL);
	single = hat_stats.tlb_flushes;
	hat_remove(x->h, va, va + n * PAGE_SIZE);
	hat_update(x->h);
	KT_CHECK(hat_stats.tlb_flushes == single, "invalidated pages of an inactive hat");
	return true;
}

KTEST(x86_tlb_batching)
{
	xrun(tlb_batching_body);
}

extern char _stext[], __data_start[];

/* The kernel tree's entry for va (0 if unmapped) and what it maps va to. */
static uint64_t kernel_entry(vaddr_t va, paddr_t *pa)
{
	int level;
	uint64_t *e = pt_leaf(kernel_pml4, va, &level);
	vaddr_t span = pt_span(level);

	if (!e)
		return 0;
	*pa = (*e & PTE_ADDR & ~(uint64_t)(span - 1)) + (va & (span - 1));
	return *e;
}

/* The kernel half after hat_bootstrap: text read-only, data not
 * executable, the direct map right, no identity map, and non-canonical
 * addresses refused.  (Given code only: passes in the lab 2 handout.) */
KTEST(x86_kernel_layout)
{
	uint64_t text, data, direct, nx = pte_nx, want = PTE_P | PTE_G | PTE_WIRED;
	paddr_t pa;
	uint32_t v;

	text = kernel_entry((vaddr_t)_stext, &pa);
	KT_ASSERT((text & (want | PTE_W | nx | PTE_U)) == want && pa == KERNEL_PHYS(_stext),
		  "kernel text entry %#llx", (unsigned long long)text);
	data = kernel_entry((vaddr_t)__data_start, &pa);
	KT_ASSERT((data & (want | PTE_W | nx | PTE_U)) == (want | PTE_W | nx) &&
		  pa == KERNEL_PHYS(__data_start), "kernel data entry %#llx", (unsigned long long)data);
	direct = kernel_entry((vaddr_t)phys_to_kva(0x100000), &pa);
	KT_ASSERT((direct & (want | PTE_W | nx)) == (want | PTE_W | nx) && pa == 0x100000,
		  "direct map entry for 1 MiB: %#llx, pa %#llx", (unsigned long long)direct,
		  (unsigned long long)pa);
	KT_ASSERT(hat_probe_read((vaddr_t)_stext, &v) == 0, "kernel text not readable");
	KT_ASSERT(hat_probe_write((vaddr_t)_stext, v) == -EFAULT, "kernel text is writable");
	KT_ASSERT(hat_probe_read(0, &v) == -EFAULT, "page 0 is mapped");
	KT_ASSERT(hat_probe_read(0x100000, &v) == -EFAULT, "the identity map is still there");
	KT_ASSERT(hat_probe_read(0x0000800000000000, &v) == -EFAULT, "a non-canonical address");
}
