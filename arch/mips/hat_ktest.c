/*
 * arch/mips/hat_ktest.c - tests of what is particular to the MIPS HAT:
 * ASIDs running out and wrapping, more pages than the TLB holds, the TLB
 * entries themselves (targeted invalidation, first-touch and first-write
 * faults), and segment changes reaching every sharer's ASID.  mm/hat_ktest.c
 * has the machine-independent suite.
 *
 * Like that suite, every test checks real translations by touching memory
 * (hat_probe_read/write) and ends with the frame pool and the table-page
 * count where they started.
 */
#include "kern/arch.h"
#include "kern/errno.h"
#include "kern/ktest.h"
#include "kern/string.h"
#include "mm/frame.h"
#include "mm/memcheck.h"
#include "mmu.h"

#define STRESS_HATS	300	/* more than the 255 ASIDs */
#define STRESS_ROUNDS	3
#define SVA		(USER_VA_MIN + 5 * HAT_SEGMENT_SIZE + 3 * PAGE_SIZE)

struct stress {
	struct hat *hats[STRESS_HATS];
	struct page *frames[STRESS_HATS];
	uint32_t expect[STRESS_HATS];	/* what each frame holds */
	unsigned touches;
};

/* One hat per frame, each mapping SVA to its own frame. */
static bool stress_build(struct stress *st)
{
	for (unsigned i = 0; i < STRESS_HATS; i++) {
		int r;

		st->hats[i] = hat_create();
		st->frames[i] = frame_alloc(FRAME_ZERO);
		KT_CHECK(st->hats[i] && st->frames[i], "out of memory at address space %u", i);
		r = hat_enter(st->hats[i], SVA, page_to_pa(st->frames[i]), HAT_PROT_RW,
			      HAT_CANFAIL);
		KT_CHECK(r == 0, "hat_enter returned %d (%s)", r, errno_name(r));
	}
	return true;
}

static void stress_free(struct stress *st)
{
	hat_switch(NULL);
	for (unsigned i = 0; i < STRESS_HATS; i++) {
		if (st->hats[i])
			hat_destroy(st->hats[i]);
		if (st->frames[i])
			frame_free(st->frames[i]);
	}
}

/* Activate hat i: it must read its own frame, never the frame of an
 * earlier owner of its ASID; then write a new value through it. */
static bool stress_touch(struct stress *st, unsigned i)
{
	uint32_t v = 0, *w = phys_to_kva(page_to_pa(st->frames[i]));
	uint32_t next = 0x5a000000u + ++st->touches;

	hat_switch(st->hats[i]);
	KT_CHECK(hat_probe_read(SVA, &v) == 0, "touch %u: hat %u: read faulted", st->touches, i);
	KT_CHECK(v == st->expect[i], "touch %u: hat %u (ASID %u) read %#x, not its own %#x: "
	      "a TLB entry of another address space survived", st->touches, i,
	      st->hats[i]->asid, v, st->expect[i]);
	KT_CHECK(hat_probe_write(SVA, next) == 0, "hat %u: write faulted", i);
	KT_CHECK(*w == next, "hat %u: the write went to another frame", i);
	st->expect[i] = next;
	return true;
}

/*
 * Every hat in turn.  After each, the hat holding ASID_FIRST is touched
 * again, so that its TLB entry is still there when the ASIDs run out and
 * ASID_FIRST is handed to a new owner: without the rollover flush, that
 * owner would read the old one's frame.
 */
static bool stress_round(struct stress *st)
{
	int first = -1;

	for (unsigned i = 0; i < STRESS_HATS; i++) {
		if (!stress_touch(st, i))
			return false;
		if (st->hats[i]->asid == ASID_FIRST)
			first = (int)i;
		if (first >= 0 && first != (int)i && !stress_touch(st, (unsigned)first))
			return false;
	}
	return true;
}

/* More pages than the TLB maps, in one hat, all written then read. */
#define CAP_MAX	(4 * 2 * 64)

static bool capacity_touch(struct hat *h, struct page **pg, unsigned npages)
{
	unsigned long refills = tlb_refills;
	uint32_t v = 0;

	for (unsigned i = 0; i < npages; i++) {
		KT_CHECK(hat_enter(h, SVA + i * PAGE_SIZE, page_to_pa(pg[i]), HAT_PROT_RW,
				HAT_CANFAIL) == 0, "enter failed");
		KT_CHECK(hat_probe_write(SVA + i * PAGE_SIZE + 4, 0xc0de0000 + i) == 0,
		      "writing page %u faulted", i);
	}
	for (unsigned i = 0; i < npages; i++) {
		KT_CHECK(hat_probe_read(SVA + i * PAGE_SIZE + 4, &v) == 0 && v == 0xc0de0000 + i,
		      "page %u of %u reads %#x after the TLB overflowed", i, npages, v);
		KT_CHECK(((uint32_t *)phys_to_kva(page_to_pa(pg[i])))[1] == 0xc0de0000 + i,
		      "page %u's frame does not hold what was written", i);
	}
	KT_CHECK(tlb_refills - refills >= npages / 2,
	      "only %lu refills for %u pages in a %u-entry TLB", tlb_refills - refills,
	      npages, tlb_size());
	return true;
}

static bool capacity(void)
{
	static struct page *pg[CAP_MAX];
	unsigned npages = 4 * 2 * tlb_size();	/* four TLBs' worth of pages */
	struct hat *h = hat_create();
	bool ok = false;

	KT_CHECK(npages <= CAP_MAX, "a %u-entry TLB is larger than the test expects", tlb_size());
	KT_CHECK(h, "hat_create returned NULL");
	memset(pg, 0, sizeof(pg));
	for (unsigned i = 0; i < npages; i++)
		if (!(pg[i] = frame_alloc(FRAME_ZERO)))
			break;
	if (pg[npages - 1]) {
		hat_switch(h);
		ok = capacity_touch(h, pg, npages);
		hat_switch(NULL);
	} else {
		ktest_fail_at(__FILE__, __LINE__, "out of frames");
	}
	hat_destroy(h);
	for (unsigned i = 0; i < npages && pg[i]; i++)
		frame_free(pg[i]);
	return ok;
}

/*
 * ASID exhaustion: STRESS_HATS address spaces map the same address to
 * frames of their own and are activated in turn, STRESS_ROUNDS times; each
 * round needs more ASIDs than exist, so generations roll over, and a TLB
 * entry surviving a rollover would show one space another's frame.  Then
 * TLB capacity: more pages than entries, every one touched.
 */
KTEST(lab2_hat_arch_stress)
{
	static struct stress st;	/* 3.6 KiB: not on the boot stack */
	struct mem_snapshot before;
	unsigned long tables = hat_stats.table_pages;
	unsigned long rollovers = hat_stats.asid_rollovers;
	bool ok;

	mem_snapshot(&before);
	memset(&st, 0, sizeof(st));
	ok = stress_build(&st);
	for (unsigned round = 0; ok && round < STRESS_ROUNDS; round++)
		ok = stress_round(&st);
	stress_free(&st);
	if (!ok)
		return;
	KT_ASSERT(hat_stats.asid_rollovers - rollovers >= STRESS_ROUNDS,
		  "%u rounds of %u address spaces made only %lu ASID rollover(s)",
		  STRESS_ROUNDS, STRESS_HATS, hat_stats.asid_rollovers - rollovers);
	if (!capacity())
		return;
	KT_ASSERT(hat_stats.table_pages == tables, "%ld page-table page(s) not freed",
		  (long)(hat_stats.table_pages - tables));
	KT_ASSERT(mem_frames_leaked(&before) == 0, "%ld frame(s) not returned",
		  mem_frames_leaked(&before));
}

/* ---- the TLB itself ---- */

struct tframes {
	struct mem_snapshot before;
	unsigned long tables;
	struct page *pg[4];
};

static bool tf_begin(struct tframes *t)
{
	mem_snapshot(&t->before);
	t->tables = hat_stats.table_pages;
	for (unsigned i = 0; i < ARRAY_SIZE(t->pg); i++)
		KT_CHECK((t->pg[i] = frame_alloc(FRAME_ZERO)), "out of frames");
	return true;
}

static paddr_t tf_pa(struct tframes *t, unsigned i)
{
	return page_to_pa(t->pg[i]);
}

static void tf_end(struct tframes *t, struct hat *h)
{
	hat_switch(NULL);
	if (h)
		hat_destroy(h);
	for (unsigned i = 0; i < ARRAY_SIZE(t->pg); i++)
		if (t->pg[i])
			frame_free(t->pg[i]);
	KT_ASSERT(hat_stats.table_pages == t->tables && mem_frames_leaked(&t->before) == 0,
		  "frames or table pages not returned");
}

static bool targeted(struct hat *h, struct tframes *t)
{
	vaddr_t a = SVA, b = SVA + 2 * PAIR_SIZE;
	unsigned long flush_alls;
	uint32_t v;

	hat_switch(h);
	KT_CHECK(hat_enter(h, a, tf_pa(t, 0), HAT_PROT_RW, HAT_CANFAIL) == 0 &&
	      hat_enter(h, b, tf_pa(t, 1), HAT_PROT_RW, HAT_CANFAIL) == 0, "enter failed");
	KT_CHECK(hat_probe_read(a, &v) == 0 && hat_probe_read(b, &v) == 0, "reads faulted");
	KT_CHECK(tlb_lookup(h->asid, a) >= 0 && tlb_lookup(h->asid, b) >= 0,
	      "touched pages have no TLB entry");
	flush_alls = hat_stats.tlb_flush_alls;
	hat_remove(h, a, a + PAGE_SIZE);
	hat_update(h);
	KT_CHECK(tlb_lookup(h->asid, a) < 0, "the removed page's TLB entry survived hat_update");
	KT_CHECK(tlb_lookup(h->asid, b) >= 0 && hat_stats.tlb_flush_alls == flush_alls,
	      "removing one page flushed other TLB entries too: invalidate with tlbp/tlbwi");
	KT_CHECK(hat_probe_read(a, &v) == -EFAULT, "the removed page is still readable");
	return true;
}

/* Removing one page drops exactly its TLB entry. */
KTEST(mips_tlb_targeted)
{
	struct tframes t = { .pg = { NULL } };
	struct hat *h = NULL;

	if (tf_begin(&t) && (h = hat_create()) != NULL)
		targeted(h, &t);
	else
		ktest_fail_at(__FILE__, __LINE__, "out of memory");
	tf_end(&t, h);
}

static bool refmod(struct hat *h, struct tframes *t)
{
	struct tlb_counts c0 = tlb_counts;
	struct hat_mapping m;
	bool ref, mod;
	uint32_t v;

	hat_switch(h);
	KT_CHECK(hat_enter(h, SVA, tf_pa(t, 0), HAT_PROT_RW, HAT_CANFAIL) == 0, "enter failed");
	KT_CHECK(hat_extract(h, SVA, &m) && !m.referenced && !m.modified,
	      "a fresh mapping is reported referenced or modified");
	KT_CHECK(hat_probe_read(SVA, &v) == 0 && tlb_counts.invalid == c0.invalid + 1,
	      "the first read did not trap as a TLB Invalid exception");
	KT_CHECK(hat_extract(h, SVA, &m) && m.referenced && !m.modified, "read: expected R, not M");
	KT_CHECK(hat_probe_write(SVA, 1) == 0 && tlb_counts.modified == c0.modified + 1,
	      "the first write did not trap as a TLB Modified exception");
	KT_CHECK(hat_probe_write(SVA, 2) == 0 && tlb_counts.modified == c0.modified + 1,
	      "the second write trapped again");
	KT_CHECK(hat_extract(h, SVA, &m) && m.modified, "a written page is not reported modified");
	KT_CHECK(hat_harvest(h, SVA, &ref, &mod) == 0 && ref && mod, "harvest lost R or M");
	KT_CHECK(hat_extract(h, SVA, &m) && !m.referenced && !m.modified, "harvest did not clear");
	KT_CHECK(hat_probe_read(SVA, &v) == 0 && tlb_counts.invalid == c0.invalid + 2,
	      "after harvest, a read did not trap: the TLB entry survived");
	/* Entered for a write fault: preset, no trap. */
	KT_CHECK(hat_enter(h, SVA + PAGE_SIZE, tf_pa(t, 1), HAT_PROT_RW,
			HAT_CANFAIL | HAT_ACCESS_WRITE) == 0, "enter failed");
	KT_CHECK(hat_probe_write(SVA + PAGE_SIZE, 3) == 0 && tlb_counts.invalid == c0.invalid + 2 &&
	      tlb_counts.modified == c0.modified + 1, "HAT_ACCESS_WRITE did not preset V and D");
	/* Read-only: a write is refused and changes nothing. */
	KT_CHECK(hat_enter(h, SVA + 2 * PAGE_SIZE, tf_pa(t, 2), HAT_PROT_READ, HAT_CANFAIL) == 0,
	      "enter failed");
	KT_CHECK(hat_probe_write(SVA + 2 * PAGE_SIZE, 4) == -EFAULT &&
	      *(uint32_t *)phys_to_kva(tf_pa(t, 2)) == 0, "a read-only page took a write");
	KT_CHECK(hat_harvest(h, SVA + 3 * PAGE_SIZE, &ref, &mod) == -ENOENT,
	      "harvest of an unmapped page did not say -ENOENT");
	return true;
}

/* V and D are referenced and modified: set by the first access and the
 * first write (hat_fault), cleared by hat_harvest. */
KTEST(mips_refmod_faults)
{
	struct tframes t = { .pg = { NULL } };
	struct hat *h = NULL;

	if (tf_begin(&t) && (h = hat_create()) != NULL)
		refmod(h, &t);
	else
		ktest_fail_at(__FILE__, __LINE__, "out of memory");
	tf_end(&t, h);
}

/* Kernel-map entries are global: one entry, whatever the ASID. */
KTEST(mips_kmap_global)
{
	struct page *pg = frame_alloc(FRAME_ZERO);
	vaddr_t kva = KMAP_VA_MAX - 3 * PAGE_SIZE;
	struct tlb_entry e;
	int idx;

	KT_ASSERT(pg, "out of frames");
	hat_kenter(kva, page_to_pa(pg), HAT_PROT_RW, HAT_WIRED);
	*(volatile uint32_t *)kva = 0x6b6d6170;
	idx = tlb_lookup(77, kva);	/* an ASID nobody has */
	if (idx >= 0)
		tlb_read((unsigned)idx, &e);
	hat_kremove(kva, PAGE_SIZE);
	frame_free(pg);
	KT_ASSERT(idx >= 0, "the kernel map's entry does not match another ASID");
	KT_ASSERT((e.entrylo0 & e.entrylo1 & PTE_G) && (e.entrylo1 & PTE_V),
		  "the entry is not global and valid (lo0 %#x lo1 %#x)",
		  (unsigned)e.entrylo0, (unsigned)e.entrylo1);
	KT_ASSERT(tlb_lookup(77, kva) < 0, "hat_kremove left the TLB entry");
}

/* ---- hat_drop ---- */

#define DVA	(USER_VA_MIN + 8 * HAT_SEGMENT_SIZE)	/* segment-aligned */
#define DWHOLE	DVA					/* a whole private table */
#define DSEG	(DVA + HAT_SEGMENT_SIZE)		/* an attached segment */
#define DPART	(DVA + 2 * HAT_SEGMENT_SIZE)		/* a partly dropped table */
#define DEND	(DPART + 2 * PAGE_SIZE)

static bool reads(vaddr_t va, uint32_t want)
{
	uint32_t v = 0;

	return hat_probe_read(va, &v) == 0 && v == want;
}

static bool drop(struct hat *h, struct seghat *sh, struct tframes *t)
{
	static const vaddr_t touch[] = { DWHOLE, DWHOLE + 0x1f3000, DSEG - PAGE_SIZE, DPART };
	unsigned long tables;
	struct hat_mapping m;
	uint32_t v;

	for (unsigned i = 0; i < ARRAY_SIZE(t->pg); i++)
		*(uint32_t *)phys_to_kva(tf_pa(t, i)) = 0xd0000000u + i;
	for (vaddr_t va = DWHOLE; va < DSEG; va += PAGE_SIZE)
		KT_CHECK(hat_enter(h, va, tf_pa(t, (va >> PAGE_SHIFT) & 1), HAT_PROT_RW,
				   HAT_CANFAIL) == 0, "enter failed");
	for (unsigned i = 0; i < 4; i++)
		KT_CHECK(hat_enter(h, DPART + i * PAGE_SIZE, tf_pa(t, 2), HAT_PROT_RW,
				   HAT_CANFAIL) == 0, "enter failed");
	KT_CHECK(seghat_enter(sh, 0, tf_pa(t, 3), HAT_PROT_RW, HAT_CANFAIL) == 0 &&
		 hat_attach_segment(h, DSEG, sh) == 0, "attaching the segment failed");
	hat_switch(h);
	/* Load TLB entries that only a flush of h's ASID can remove (checked
	 * at once: the TLB is small and refills replace at random). */
	for (unsigned i = 0; i < ARRAY_SIZE(touch); i++) {
		uint32_t want = touch[i] == DPART ? 0xd0000002u :
			0xd0000000u + ((touch[i] >> PAGE_SHIFT) & 1);

		KT_CHECK(reads(touch[i], want) && tlb_lookup(h->asid, touch[i]) >= 0,
			 "reading %p faulted or loaded no TLB entry", (void *)touch[i]);
	}
	KT_CHECK(reads(DSEG, 0xd0000003u), "reading the segment failed");
	tables = hat_stats.table_pages;
	hat_drop(h, DWHOLE, DEND);
	hat_update(h);
	KT_CHECK(hat_stats.table_pages == tables - 1,
		 "%ld table page(s) freed, not the one wholly dropped",
		 (long)(tables - hat_stats.table_pages));
	KT_CHECK(tlb_current_asid() == h->asid && asid_live(h),
		 "EntryHi holds ASID %u, not the active hat's %u", tlb_current_asid(), h->asid);
	for (unsigned i = 0; i < ARRAY_SIZE(touch); i++)
		KT_CHECK(tlb_lookup(h->asid, touch[i]) < 0,
			 "%p's TLB entry survived hat_drop + hat_update", (void *)touch[i]);
	for (vaddr_t va = DWHOLE; va < DEND; va += PAGE_SIZE) {
		if (va == DSEG)
			va = DPART;
		KT_CHECK(!hat_extract(h, va, &m) && hat_probe_read(va, &v) == -EFAULT,
			 "%p is still mapped after hat_drop", (void *)va);
	}
	KT_CHECK(reads(DSEG, 0xd0000003u), "hat_drop removed an attached segment's page");
	KT_CHECK(reads(DPART + 2 * PAGE_SIZE, 0xd0000002u) && reads(DPART + 3 * PAGE_SIZE, 0xd0000002u),
		 "hat_drop removed pages past its end");
	return true;
}

/* hat_drop frees a table it covers wholly without reading it and drops
 * h's TLB entries at hat_update by a new ASID (loaded into EntryHi, since
 * h is active); partly covered tables and attached segments as in
 * hat_remove. */
KTEST(mips_hat_drop)
{
	struct tframes t = { .pg = { NULL } };
	struct seghat *sh = NULL;
	struct hat *h = NULL;

	if (tf_begin(&t) && (h = hat_create()) != NULL && (sh = seghat_create()) != NULL)
		drop(h, sh, &t);
	else
		ktest_fail_at(__FILE__, __LINE__, "out of memory");
	hat_switch(NULL);
	if (h)
		hat_destroy(h);		/* detaches sh too */
	if (sh)
		seghat_destroy(sh);
	tf_end(&t, NULL);
}
