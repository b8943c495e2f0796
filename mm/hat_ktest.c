/*
 * mm/hat_ktest.c - the HAT conformance suite: the same tests on every arch,
 * through mm/hat.h alone (docs/hat.md).  Lab 2 grades the lab2_* ones; the
 * kern_hat_* ones check infrastructure students do not write (the kernel
 * map, page copies).
 *
 * Every test checks real translations by touching memory through the
 * active hat (hat_probe_read/hat_probe_write), not only what the HAT says
 * about itself, and ends by checking that every frame it or the HAT took
 * came back.
 */
#include "kern/arch.h"
#include "kern/errno.h"
#include "kern/ktest.h"
#include "kern/string.h"
#include "mm/frame.h"
#include "mm/hat.h"
#include "mm/kmalloc.h"
#include "mm/memcheck.h"

#define NTEST_FRAMES	80

/* A user address in the middle of the user range, segment-aligned, so
 * tests can cross a segment boundary at TVA + HAT_SEGMENT_SIZE. */
#define TVA	(ROUNDUP((vaddr_t)USER_VA_MIN, HAT_SEGMENT_SIZE) + 2 * HAT_SEGMENT_SIZE)

struct tctx {
	struct mem_snapshot before;
	struct page *frames[NTEST_FRAMES];
	int nframes;
};

/* The word a test frame holds at word index i: differs per frame and per
 * word, so a wrong translation shows. */
static uint32_t pattern(paddr_t pa, unsigned i)
{
	return (uint32_t)(pa >> PAGE_SHIFT) * 0x9e3779b1u ^ (i * 0x85ebca6bu) ^ 0x5eed;
}

static void begin(struct tctx *t)
{
	memset(t, 0, sizeof(*t));
	mem_snapshot(&t->before);
}

/* A frame whose words hold pattern(pa, i). */
static paddr_t tframe(struct tctx *t)
{
	struct page *pg = frame_alloc(0);
	paddr_t pa;
	uint32_t *w;

	if (!pg || t->nframes == NTEST_FRAMES)
		return 0;
	t->frames[t->nframes++] = pg;
	pa = page_to_pa(pg);
	w = phys_to_kva(pa);
	for (unsigned i = 0; i < PAGE_SIZE / 4; i++)
		w[i] = pattern(pa, i);
	return pa;
}

/* The contract: a hat must not be active when it is destroyed. */
static void destroy(struct hat *h)
{
	if (hat_current() == h)
		hat_switch(NULL);
	hat_destroy(h);
}

/* Release the test's frames and check that the HAT gave back all of its
 * own frames and heap objects (mm/memcheck.h). */
static void finish(struct tctx *t)
{
	long frames, objects;

	hat_switch(NULL);
	for (int i = 0; i < t->nframes; i++)
		frame_free(t->frames[i]);
	frames = mem_frames_leaked(&t->before);
	objects = mem_objects_leaked(&t->before);
	KT_ASSERT(frames == 0,
		  "%ld frame(s) not returned after the test (page tables or records leaked?)",
		  frames);
	KT_ASSERT(objects == 0, "%ld kmalloc object(s) not freed after the test", objects);
}

/* va reads as pa's pattern word (through the current translation). */
static bool reads_as(vaddr_t va, paddr_t pa)
{
	uint32_t v;
	unsigned i = (va & PAGE_MASK) / 4;

	return hat_probe_read(va, &v) == 0 && v == pattern(pa, i);
}

static bool faults(vaddr_t va)
{
	uint32_t v;

	return hat_probe_read(va, &v) == -EFAULT;
}

static int enter(struct hat *h, vaddr_t va, paddr_t pa, unsigned prot)
{
	return hat_enter(h, va, pa, prot, HAT_CANFAIL);
}

/* Enter, or fail the test saying what hat_enter returned. */
#define ENTER_OK(h, va, pa, prot)					\
	do {								\
		int r_ = enter((h), (va), (pa), (prot));		\
		KT_ASSERT(r_ == 0, "hat_enter(%p) returned %d (%s)",	\
			  (void *)(vaddr_t)(va), r_, errno_name(r_));	\
	} while (0)

KTEST(lab2_hat_enter_extract)
{
	struct tctx t;
	struct hat *h;
	struct hat_mapping m;
	paddr_t pa;
	uint32_t v;
	int r;

	begin(&t);
	h = hat_create();
	KT_ASSERT(h, "hat_create returned NULL");
	hat_switch(h);
	KT_ASSERT(hat_current() == h, "hat_current() is not the hat just activated");
	pa = tframe(&t);
	KT_ASSERT(!hat_extract(h, TVA, &m), "extract found a mapping in a new hat");
	KT_ASSERT(faults(TVA), "reading an unmapped address did not fault");
	r = enter(h, TVA, pa, HAT_PROT_RW);
	KT_ASSERT(r == 0, "hat_enter returned %d (%s)", r, errno_name(r));
	KT_ASSERT(hat_extract(h, TVA, &m) && m.pa == pa && (m.prot & HAT_PROT_RW) == HAT_PROT_RW,
		  "extract after enter: expected pa %#llx prot rw", (unsigned long long)pa);
	KT_ASSERT(reads_as(TVA + 8, pa), "reading the mapped page gave the wrong data");
	KT_ASSERT(hat_probe_write(TVA + 12, 0xfeedf00d) == 0, "writing the mapped page faulted");
	v = ((uint32_t *)phys_to_kva(pa))[3];
	KT_ASSERT(v == 0xfeedf00d, "the write did not reach the frame (found %#x)", v);
	hat_remove(h, TVA, TVA + PAGE_SIZE);
	hat_update(h);
	KT_ASSERT(!hat_extract(h, TVA, &m), "extract still finds a removed mapping");
	KT_ASSERT(faults(TVA), "a removed mapping can still be read");
	destroy(h);
	finish(&t);
}

KTEST(lab2_hat_replace)
{
	struct tctx t;
	struct hat *h;
	struct hat_mapping m;
	paddr_t a, b;

	begin(&t);
	h = hat_create();
	KT_ASSERT(h, "hat_create returned NULL");
	hat_switch(h);
	a = tframe(&t);
	b = tframe(&t);
	ENTER_OK(h, TVA, a, HAT_PROT_READ);
	KT_ASSERT(reads_as(TVA, a), "first mapping reads wrong");
	KT_ASSERT(enter(h, TVA, b, HAT_PROT_RW) == 0, "replacing enter failed");
	hat_update(h);
	KT_ASSERT(reads_as(TVA, b), "after enter over a mapping, the old frame is still seen");
	KT_ASSERT(hat_probe_write(TVA, 1) == 0, "the replacement's write permission is not in effect");
	KT_ASSERT(hat_extract(h, TVA, &m) && m.pa == b, "extract does not show the replacement");
	destroy(h);
	finish(&t);
}

KTEST(lab2_hat_protect)
{
	struct tctx t;
	struct hat *h;
	struct hat_mapping m;
	paddr_t pa;

	begin(&t);
	h = hat_create();
	KT_ASSERT(h, "hat_create returned NULL");
	hat_switch(h);
	pa = tframe(&t);
	ENTER_OK(h, TVA, pa, HAT_PROT_RW);
	KT_ASSERT(hat_probe_write(TVA, 7) == 0, "write to a rw mapping faulted");
	hat_protect(h, TVA, TVA + PAGE_SIZE, HAT_PROT_READ);
	hat_update(h);
	KT_ASSERT(hat_probe_write(TVA, 8) == -EFAULT, "write allowed after protect to read-only");
	KT_ASSERT(((uint32_t *)phys_to_kva(pa))[0] == 7, "a refused write changed the frame");
	KT_ASSERT(reads_as(TVA + 4, pa), "read refused after protect to read-only");
	KT_ASSERT(hat_extract(h, TVA, &m) && !(m.prot & HAT_PROT_WRITE),
		  "extract still reports write permission");
	hat_protect(h, TVA, TVA + PAGE_SIZE, HAT_PROT_RW);	/* must not widen */
	hat_update(h);
	KT_ASSERT(hat_probe_write(TVA, 9) == -EFAULT, "hat_protect widened a protection");
	hat_protect(h, TVA, TVA + PAGE_SIZE, HAT_PROT_NONE);
	hat_update(h);
	KT_ASSERT(faults(TVA + 4), "protect to none left the page readable");
	KT_ASSERT(!hat_extract(h, TVA, &m), "protect to none left a mapping");
	destroy(h);
	finish(&t);
}

/* 48 pages straddling a segment boundary; remove and protect sub-ranges
 * at every edge and check page by page. */
#define RANGE_PAGES	48

static void check_range(struct hat *h, vaddr_t base, const paddr_t *pa,
			const char *state, unsigned lo, unsigned hi, bool inside_mapped,
			bool inside_writable)
{
	for (unsigned i = 0; i < RANGE_PAGES; i++) {
		vaddr_t va = base + i * PAGE_SIZE;
		bool in = i >= lo && i < hi;
		bool mapped = in ? inside_mapped : true;
		bool writable = in ? inside_writable : true;
		struct hat_mapping m;

		KT_ASSERT(mapped ? reads_as(va, pa[i]) : faults(va),
			  "%s: page %u (va %p) should %s", state, i, (void *)va,
			  mapped ? "read its own frame" : "fault");
		KT_ASSERT(hat_extract(h, va, &m) == mapped, "%s: extract wrong for page %u", state, i);
		if (mapped)
			KT_ASSERT((hat_probe_write(va + 4, pattern(pa[i], 1)) == 0) == writable,
				  "%s: page %u should %sbe writable", state, i, writable ? "" : "not ");
	}
}

KTEST(lab2_hat_ranges)
{
	struct tctx t;
	struct hat *h;
	paddr_t pa[RANGE_PAGES];
	vaddr_t base = TVA + HAT_SEGMENT_SIZE - (RANGE_PAGES / 2) * PAGE_SIZE;

	begin(&t);
	h = hat_create();
	KT_ASSERT(h, "hat_create returned NULL");
	hat_switch(h);
	for (unsigned i = 0; i < RANGE_PAGES; i++) {
		pa[i] = tframe(&t);
		KT_ASSERT(pa[i], "out of frames");
		ENTER_OK(h, base + i * PAGE_SIZE, pa[i], HAT_PROT_RW);
	}
	check_range(h, base, pa, "after enter", 0, 0, true, true);
	/* Protect across the segment boundary, then remove across it. */
	hat_protect(h, base + 20 * PAGE_SIZE, base + 28 * PAGE_SIZE, HAT_PROT_READ);
	hat_update(h);
	check_range(h, base, pa, "after protect [20,28)", 20, 28, true, false);
	hat_remove(h, base + 22 * PAGE_SIZE, base + 26 * PAGE_SIZE);
	hat_update(h);
	for (unsigned i = 22; i < 26; i++)
		KT_ASSERT(faults(base + i * PAGE_SIZE), "page %u still readable after remove", i);
	KT_ASSERT(reads_as(base + 21 * PAGE_SIZE, pa[21]) && reads_as(base + 26 * PAGE_SIZE, pa[26]),
		  "remove [22,26) disturbed its neighbours");
	/* Remove the first and the last page: the range's own edges. */
	hat_remove(h, base, base + PAGE_SIZE);
	hat_remove(h, base + (RANGE_PAGES - 1) * PAGE_SIZE, base + RANGE_PAGES * PAGE_SIZE);
	hat_update(h);
	KT_ASSERT(faults(base) && faults(base + (RANGE_PAGES - 1) * PAGE_SIZE),
		  "edge pages still readable after remove");
	KT_ASSERT(reads_as(base + PAGE_SIZE, pa[1]) &&
		  reads_as(base + (RANGE_PAGES - 2) * PAGE_SIZE, pa[RANGE_PAGES - 2]),
		  "removing the edge pages disturbed the next ones");
	hat_remove(h, base, base + RANGE_PAGES * PAGE_SIZE);
	hat_update(h);
	check_range(h, base, pa, "after removing all", 0, RANGE_PAGES, false, false);
	destroy(h);
	finish(&t);
}

/* hat_drop over one whole segment (every page mapped where there are at
 * most 1024, else 64 spread over it) and the first pages of the next:
 * everything in the range faults afterwards, the pages around it do not,
 * and the tables it emptied are given back (finish's leak check, after
 * the hat is destroyed, and the table count).  One frame mapped at every
 * address: a drop must not care. */
KTEST(kern_hat_drop)
{
	const unsigned npages = HAT_SEGMENT_SIZE / PAGE_SIZE;
	const unsigned step = npages <= 1024 ? 1 : npages / 64;
	vaddr_t lo = TVA - PAGE_SIZE, hi = TVA + HAT_SEGMENT_SIZE + 4 * PAGE_SIZE;
	struct tctx t;
	struct hat *h;
	paddr_t pa;

	begin(&t);
	h = hat_create();
	KT_ASSERT(h, "hat_create returned NULL");
	pa = tframe(&t);
	KT_ASSERT(pa, "out of frames");
	hat_switch(h);
	ENTER_OK(h, lo, pa, HAT_PROT_RW);
	for (unsigned i = 0; i < npages; i += step)
		ENTER_OK(h, TVA + i * PAGE_SIZE, pa, HAT_PROT_RW);
	for (vaddr_t va = TVA + HAT_SEGMENT_SIZE; va <= hi; va += PAGE_SIZE)
		ENTER_OK(h, va, pa, HAT_PROT_RW);
	for (unsigned i = 0; i < npages; i += step)
		KT_ASSERT(reads_as(TVA + i * PAGE_SIZE, pa), "page %u not mapped before the drop", i);
	hat_drop(h, TVA, hi);
	hat_update(h);
	for (unsigned i = 0; i < npages; i += step)
		KT_ASSERT(faults(TVA + i * PAGE_SIZE), "page %u still readable after hat_drop", i);
	for (vaddr_t va = TVA + HAT_SEGMENT_SIZE; va < hi; va += PAGE_SIZE)
		KT_ASSERT(faults(va), "%p (partly covered segment) still readable", (void *)va);
	KT_ASSERT(reads_as(lo, pa) && reads_as(hi, pa), "hat_drop removed a page outside its range");
	destroy(h);
	finish(&t);
}

KTEST(lab2_hat_two_spaces)
{
	struct tctx t;
	struct hat *a, *b;
	paddr_t fa, fb;

	begin(&t);
	a = hat_create();
	b = hat_create();
	KT_ASSERT(a && b, "hat_create returned NULL");
	fa = tframe(&t);
	fb = tframe(&t);
	ENTER_OK(a, TVA, fa, HAT_PROT_RW);
	ENTER_OK(b, TVA, fb, HAT_PROT_READ);
	for (int round = 0; round < 3; round++) {
		hat_switch(a);
		KT_ASSERT(reads_as(TVA, fa), "round %d: space A sees the wrong frame", round);
		KT_ASSERT(hat_probe_write(TVA + 4, pattern(fa, 1)) == 0, "A's page not writable");
		hat_switch(b);
		KT_ASSERT(reads_as(TVA, fb), "round %d: space B sees A's frame (stale TLB?)", round);
		KT_ASSERT(hat_probe_write(TVA + 4, 0) == -EFAULT,
			  "B's read-only page is writable (A's permission leaked)");
	}
	/* Change A while B is active; A must see the change when it returns. */
	hat_remove(a, TVA, TVA + PAGE_SIZE);
	hat_update(a);
	KT_ASSERT(reads_as(TVA, fb), "removing in A disturbed B");
	hat_switch(a);
	KT_ASSERT(faults(TVA), "A still sees a page removed while B was active");
	destroy(a);
	destroy(b);
	finish(&t);
}

KTEST(kern_hat_kernel_map)
{
	struct tctx t;
	struct hat *h;
	paddr_t pa;
	vaddr_t kva = KMAP_VA_MIN + 5 * PAGE_SIZE;

	begin(&t);
	pa = tframe(&t);
	hat_kenter(kva, pa, HAT_PROT_RW, HAT_WIRED);
	KT_ASSERT(*(volatile uint32_t *)(kva + 16) == pattern(pa, 4),
		  "the kernel map does not show the frame");
	h = hat_create();
	KT_ASSERT(h, "hat_create returned NULL");
	hat_switch(h);
	KT_ASSERT(reads_as(kva + 16, pa), "the kernel map is not visible in a user address space");
	*(volatile uint32_t *)(kva + 20) = 0xabad1dea;
	KT_ASSERT(((uint32_t *)phys_to_kva(pa))[5] == 0xabad1dea, "kernel-map write lost");
	hat_switch(NULL);
	hat_kremove(kva, PAGE_SIZE);
	KT_ASSERT(faults(kva), "a removed kernel mapping can still be read");
	destroy(h);
	finish(&t);
}

KTEST(lab2_hat_wired)
{
	struct tctx t;
	struct hat *h;
	struct hat_mapping m;
	paddr_t pa;
	int r;

	begin(&t);
	h = hat_create();
	KT_ASSERT(h, "hat_create returned NULL");
	hat_switch(h);
	pa = tframe(&t);
	r = hat_enter(h, TVA, pa, HAT_PROT_READ, HAT_WIRED | HAT_CANFAIL);
	KT_ASSERT(r == 0, "wired hat_enter returned %d (%s)", r, errno_name(r));
	KT_ASSERT(hat_extract(h, TVA, &m) && m.wired, "extract does not report the mapping wired");
	KT_ASSERT(reads_as(TVA, pa), "wired mapping reads wrong");
	ENTER_OK(h, TVA + PAGE_SIZE, pa, HAT_PROT_READ);
	KT_ASSERT(hat_extract(h, TVA + PAGE_SIZE, &m) && !m.wired, "an unwired mapping reported wired");
	destroy(h);
	finish(&t);
}

/* Modified must never be under-reported, even after the mapping is gone. */
KTEST(lab2_hat_modified)
{
	struct tctx t;
	struct hat *h;
	struct hat_mapping m;
	paddr_t pa;
	struct page *pg;

	begin(&t);
	h = hat_create();
	KT_ASSERT(h, "hat_create returned NULL");
	hat_switch(h);
	pa = tframe(&t);
	pg = pa_to_page(pa);
	pg->flags &= ~(PG_MODIFIED | PG_REFERENCED);
	ENTER_OK(h, TVA, pa, HAT_PROT_RW);
	KT_ASSERT(hat_probe_write(TVA, 42) == 0, "write faulted");
	KT_ASSERT((hat_extract(h, TVA, &m) && m.modified) || (pg->flags & PG_MODIFIED),
		  "a written page is reported neither by extract nor in its struct page");
	hat_remove(h, TVA, TVA + PAGE_SIZE);
	hat_update(h);
	KT_ASSERT(pg->flags & PG_MODIFIED,
		  "after remove, the write is not folded into the struct page (PG_MODIFIED)");
	destroy(h);
	finish(&t);
}

KTEST(lab2_hat_segments)
{
	struct tctx t;
	struct hat *a, *b;
	struct seghat *sh;
	paddr_t p0, p1, priv;
	vaddr_t last = HAT_SEGMENT_SIZE - PAGE_SIZE;
	vaddr_t sa = TVA, sb = TVA + 2 * HAT_SEGMENT_SIZE;

	begin(&t);
	a = hat_create();
	b = hat_create();
	sh = seghat_create();
	KT_ASSERT(a && b && sh, "hat_create/seghat_create returned NULL");
	p0 = tframe(&t);
	p1 = tframe(&t);
	priv = tframe(&t);
	KT_ASSERT(seghat_enter(sh, 0, p0, HAT_PROT_RW, HAT_CANFAIL) == 0 &&
		  seghat_enter(sh, last, p1, HAT_PROT_READ, HAT_CANFAIL) == 0, "seghat_enter failed");
	KT_ASSERT(hat_attach_segment(a, sa + PAGE_SIZE, sh) == -EINVAL,
		  "attaching at a misaligned address was not refused with -EINVAL");
	ENTER_OK(b, sb + 3 * PAGE_SIZE, priv, HAT_PROT_READ);
	KT_ASSERT(hat_attach_segment(b, sb, sh) == -EEXIST,
		  "attaching over private mappings was not refused with -EEXIST");
	hat_remove(b, sb, sb + HAT_SEGMENT_SIZE);
	hat_update(b);
	KT_ASSERT(hat_attach_segment(a, sa, sh) == 0 && hat_attach_segment(b, sb, sh) == 0,
		  "attaching the segment failed");
	hat_switch(a);
	KT_ASSERT(reads_as(sa, p0) && reads_as(sa + last, p1), "A does not see the shared segment");
	KT_ASSERT(hat_probe_write(sa + 8, 0x51ed) == 0, "A cannot write the shared rw page");
	hat_switch(b);
	KT_ASSERT(reads_as(sb + last, p1), "B does not see the shared segment");
	KT_ASSERT(hat_probe_read(sb + 8, &(uint32_t){0}) == 0 &&
		  ((uint32_t *)phys_to_kva(p0))[2] == 0x51ed, "B does not share A's write");
	KT_ASSERT(hat_probe_write(sb + last, 1) == -EFAULT, "the shared read-only page is writable");
	/* A change to the segment shows in every address space at once. */
	seghat_remove(sh, 0, PAGE_SIZE);
	KT_ASSERT(faults(sb), "B still sees a page removed from the segment");
	hat_switch(a);
	KT_ASSERT(faults(sa), "A still sees a page removed from the segment");
	KT_ASSERT(reads_as(sa + last, p1), "seghat_remove removed too much");
	hat_detach_segment(a, sa);
	KT_ASSERT(faults(sa + last), "A still sees the segment after detaching it");
	hat_switch(b);
	KT_ASSERT(reads_as(sb + last, p1), "detaching from A detached B too");
	hat_detach_segment(b, sb);
	seghat_destroy(sh);
	destroy(a);
	destroy(b);
	finish(&t);
}

KTEST(lab2_hat_remove_all)
{
	struct tctx t;
	struct hat *h;
	paddr_t pa;

	begin(&t);
	h = hat_create();
	KT_ASSERT(h, "hat_create returned NULL");
	hat_switch(h);
	pa = tframe(&t);
	/* Pages in several segments and far apart: many tables. */
	for (unsigned i = 0; i < 16; i++)
		ENTER_OK(h, TVA + i * (HAT_SEGMENT_SIZE + 3 * PAGE_SIZE), pa, HAT_PROT_READ);
	KT_ASSERT(reads_as(TVA + 5 * (HAT_SEGMENT_SIZE + 3 * PAGE_SIZE), pa), "mapping reads wrong");
	hat_remove_all(h);
	for (unsigned i = 0; i < 16; i++)
		KT_ASSERT(faults(TVA + i * (HAT_SEGMENT_SIZE + 3 * PAGE_SIZE)),
			  "page %u readable after hat_remove_all", i);
	hat_switch(NULL);
	destroy(h);
	finish(&t);
}

/* Many address spaces built and torn down: nothing may accumulate. */
KTEST(lab2_hat_no_leaks)
{
	struct tctx t;
	paddr_t pa;

	begin(&t);
	pa = tframe(&t);
	for (int round = 0; round < 40; round++) {
		struct hat *h = hat_create();

		KT_ASSERT(h, "hat_create returned NULL in round %d", round);
		hat_switch(h);
		for (unsigned i = 0; i < 8; i++)
			ENTER_OK(h, TVA + i * HAT_SEGMENT_SIZE / 2 + round * PAGE_SIZE, pa,
				 HAT_PROT_READ);
		KT_ASSERT(reads_as(TVA + round * PAGE_SIZE, pa), "round %d reads wrong", round);
		if (round % 2)
			hat_remove(h, TVA, TVA + 8 * HAT_SEGMENT_SIZE);
		hat_switch(NULL);
		destroy(h);
	}
	finish(&t);
}

KTEST(kern_hat_page_ops)
{
	struct tctx t;
	paddr_t a, b;
	uint32_t *wa, *wb;

	begin(&t);
	a = tframe(&t);
	b = tframe(&t);
	wa = phys_to_kva(a);
	wb = phys_to_kva(b);
	hat_copy_page(b, a);
	KT_ASSERT(memcmp(wa, wb, PAGE_SIZE) == 0, "hat_copy_page did not copy the frame");
	hat_zero_page(a);
	for (unsigned i = 0; i < PAGE_SIZE / 4; i++)
		KT_ASSERT(wa[i] == 0, "hat_zero_page left word %u = %#x", i, wa[i]);
	KT_ASSERT(kva_to_phys(wb) == b, "kva_to_phys(phys_to_kva(pa)) != pa");
	hat_sync_icache(a, PAGE_SIZE);
	finish(&t);
}
