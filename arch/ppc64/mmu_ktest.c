/*
 * arch/ppc64/mmu_ktest.c - ppc64's own HAT tests.
 *
 * lab2_hat_arch_stress is the hashed page table's hard case: many pages
 * that all hash to one group pair, more than its 16 slots, so entering
 * them evicts, and touching them refaults and refills; wired pages must
 * stay put and evicted pages must keep their data and their modified bit.
 * The ppc64_* tests check the machinery students do not write.
 */
#include "kern/arch.h"
#include "kern/errno.h"
#include "kern/ktest.h"
#include "kern/string.h"
#include "mm/memcheck.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "cpu.h"
#include "mmu.h"

#define STRESS_PAGES	28	/* > 16: the pair's slots */
#define STRESS_WIRED	3
#define STRESS_BASE	((vaddr_t)4 << SEG_SHIFT)

struct stress {
	struct mem_snapshot before;
	struct hat *h;
	vaddr_t va[STRESS_PAGES];
	struct page *pg[STRESS_PAGES];
	long wired_slot[STRESS_WIRED];
};

static uint32_t word_of(unsigned page, unsigned i)
{
	return 0xc0110000u ^ (page << 12) ^ i;
}

static uint64_t seg_vsid(struct hat *h, vaddr_t va)
{
	return hat_seg(h, ESID(va))->vsid;
}

static struct mrec *rec_at(struct hat *h, vaddr_t va)
{
	return seg_rec(hat_seg(h, ESID(va)), SEG_OFFSET(va));
}

/*
 * Pick STRESS_PAGES addresses whose primary group is the first one's.  A
 * page's group is (VSID ^ page number) & mask: in a segment of VSID v the
 * pages numbered (g ^ v) & mask, plus multiples of mask + 1, hash to g.
 * The segments exist (and have VSIDs) once something was entered there.
 */
static bool pick_colliding(struct stress *s, paddr_t dummy)
{
	uint64_t mask = hpt_groups() - 1, g = 0;
	unsigned n = 0;

	for (vaddr_t seg = STRESS_BASE; n < STRESS_PAGES; seg += SEG_SIZE) {
		if (hat_enter(s->h, seg, dummy, HAT_PROT_READ, HAT_CANFAIL) != 0)
			return false;
		hat_remove(s->h, seg, seg + PAGE_SIZE);	/* the segment stays */
		if (n == 0)
			g = hpt_hash(seg_vsid(s->h, seg), 5 * PAGE_SIZE, PAGE_SHIFT);
		for (uint64_t p = (g ^ seg_vsid(s->h, seg)) & mask; p < SEG_PAGES && n < STRESS_PAGES;
		     p += mask + 1)
			s->va[n++] = seg + (p << PAGE_SHIFT);
	}
	return true;
}

/* Read page i's word w through the translation; true if it is right. */
static bool reads_right(struct stress *s, unsigned i, unsigned w)
{
	uint32_t v;

	return hat_probe_read(s->va[i] + 4 * w, &v) == 0 && v == word_of(i, w);
}

/* Touch the unwired pages other than skip, round-robin from *next. */
static bool touch_other(struct stress *s, unsigned skip, unsigned *next)
{
	unsigned i = STRESS_WIRED + (*next)++ % (STRESS_PAGES - STRESS_WIRED);

	return i == skip || reads_right(s, i, 0);
}

KTEST(lab2_hat_arch_stress)
{
	static struct stress s;
	unsigned long ev0 = hat_stats.evictions, rf0;
	const unsigned victim = STRESS_WIRED;	/* the first unwired page */
	struct hat_mapping m;
	unsigned next = 0;
	uint32_t v;

	memset(&s, 0, sizeof(s));
	mem_snapshot(&s.before);
	s.h = hat_create();
	KT_ASSERT(s.h, "hat_create returned NULL");
	for (unsigned i = 0; i < STRESS_PAGES; i++) {
		KT_ASSERT((s.pg[i] = frame_alloc(0)), "out of frames");
		for (unsigned w = 0; w < PAGE_SIZE / 4; w++)
			((uint32_t *)phys_to_kva(page_to_pa(s.pg[i])))[w] = word_of(i, w);
	}
	KT_ASSERT(pick_colliding(&s, page_to_pa(s.pg[0])), "hat_enter failed");

	/* Enter them all, the wired ones first: the rest must evict. */
	for (unsigned i = 0; i < STRESS_PAGES; i++) {
		unsigned fl = HAT_CANFAIL | (i < STRESS_WIRED ? HAT_WIRED : 0);

		KT_ASSERT(hat_enter(s.h, s.va[i], page_to_pa(s.pg[i]), HAT_PROT_RW, fl) == 0,
			  "hat_enter of colliding page %u failed", i);
		if (i < STRESS_WIRED)
			s.wired_slot[i] = rec_at(s.h, s.va[i])->slot;
	}
	KT_ASSERT(hat_stats.evictions - ev0 >= STRESS_PAGES - 2 * HPTEG_SLOTS,
		  "%lu evictions for %u pages hashing to one group pair",
		  hat_stats.evictions - ev0, STRESS_PAGES);

	/* Touch every page, three rounds: the evicted ones refault and refill. */
	hat_switch(s.h);
	rf0 = hat_stats.refills;
	for (unsigned round = 0; round < 3; round++)
		for (unsigned i = 0; i < STRESS_PAGES; i++)
			KT_ASSERT(reads_right(&s, i, (i * 37 + round) % (PAGE_SIZE / 4)),
				  "round %u: page %u reads wrong or faults", round, i);
	KT_ASSERT(hat_stats.refills - rf0 >= STRESS_PAGES - 2 * HPTEG_SLOTS,
		  "only %lu refills for %u colliding pages touched three times",
		  hat_stats.refills - rf0, STRESS_PAGES);

	/* A write survives eviction, and so does the modified bit. */
	pa_to_page(page_to_pa(s.pg[victim]))->flags &= ~PG_MODIFIED;
	KT_ASSERT(hat_probe_write(s.va[victim] + 8, 0x5eed) == 0, "write to page %u faulted", victim);
	while (rec_at(s.h, s.va[victim])->slot >= 0) {
		KT_ASSERT(next < 10 * STRESS_PAGES, "page %u is never evicted", victim);
		KT_ASSERT(touch_other(&s, victim, &next), "touching another page failed");
	}
	KT_ASSERT(pa_to_page(page_to_pa(s.pg[victim]))->flags & PG_MODIFIED,
		  "an evicted page's changed bit was not folded into its struct page");
	KT_ASSERT(hat_extract(s.h, s.va[victim], &m) && m.modified,
		  "extract of an evicted, written page does not report it modified");
	KT_ASSERT(hat_probe_read(s.va[victim] + 8, &v) == 0 && v == 0x5eed,
		  "the evicted page reads %#x after refilling, not the value written", v);

	/* The wired pages never moved. */
	for (unsigned i = 0; i < STRESS_WIRED; i++) {
		struct mrec *rec = rec_at(s.h, s.va[i]);
		uint64_t hv = hpte_v(seg_vsid(s.h, s.va[i]), SEG_OFFSET(s.va[i]), false, true);

		KT_ASSERT(rec->slot == s.wired_slot[i] && rec->slot >= 0,
			  "wired page %u moved from slot %ld to %ld", i, s.wired_slot[i], rec->slot);
		KT_ASSERT(hpt_read_r(rec->slot, hv) != 0, "wired page %u left the hash table", i);
	}

	hat_switch(NULL);
	hat_destroy(s.h);
	for (unsigned i = 0; i < STRESS_PAGES; i++)
		frame_free(s.pg[i]);
	KT_ASSERT(mem_frames_leaked(&s.before) == 0, "%ld frame(s) not returned",
		  mem_frames_leaked(&s.before));
	KT_ASSERT(mem_objects_leaked(&s.before) == 0, "heap objects leaked");
}

/* hat_bootstrap left translation on, and the kernel runs in the direct map. */
KTEST(ppc64_translation_on)
{
	uint32_t v;

	KT_ASSERT((mfmsr() & (MSR_IR | MSR_DR)) == (MSR_IR | MSR_DR),
		  "MSR %#lx: translation is off", mfmsr());
	KT_ASSERT((uintptr_t)&v >= DMAP_BASE && (uintptr_t)ppc64_translation_on >= DMAP_BASE,
		  "the stack or the code is not in the direct map");
	KT_ASSERT(hat_probe_read(KMAP_VA_MAX - PAGE_SIZE, &v) == -EFAULT,
		  "an unmapped kernel-map page did not fault");
	KT_ASSERT(hat_probe_read(USER_VA_MIN, &v) == -EFAULT,
		  "a user address with no hat active did not fault");
}

/* Eviction finds a victim's record from its HPTE alone: the offset comes
 * back out of the AVPN and the group, by either hash. */
KTEST(ppc64_hpte_offset)
{
	uint64_t mask = hpt_groups() - 1, x = ktest_seed() | 1;

	for (int i = 0; i < 1000; i++) {
		uint64_t vsid, g;
		vaddr_t off;

		x ^= x << 13, x ^= x >> 7, x ^= x << 17;	/* xorshift */
		vsid = x & 0xfffffffffUL;
		off = (x >> 20) & (SEG_SIZE - PAGE_SIZE);
		g = hpt_hash(vsid, off, PAGE_SHIFT);
		KT_ASSERT(hpte_offset(hpte_v(vsid, off, false, false), g) == off,
			  "primary: vsid %#llx offset %#lx", (unsigned long long)vsid,
			  (unsigned long)off);
		KT_ASSERT(hpte_offset(hpte_v(vsid, off, false, false) | HPTE_V_SECONDARY,
				      ~g & mask) == off, "secondary: vsid %#llx offset %#lx",
			  (unsigned long long)vsid, (unsigned long)off);
	}
}

/* More segments than SLB entries: each access past the SLB's reach
 * faults its segment in (round-robin replacement), transparently. */
KTEST(ppc64_slb_many_segments)
{
	const unsigned nseg = 40;
	struct mem_snapshot before;
	struct page *pg = frame_alloc(FRAME_ZERO);
	struct hat *h = hat_create();
	unsigned long r0 = slb_refills;
	uint32_t v;

	KT_ASSERT(pg && h, "out of memory");
	mem_snapshot(&before);
	for (unsigned i = 0; i < nseg; i++)
		KT_ASSERT(hat_enter(h, STRESS_BASE + i * SEG_SIZE, page_to_pa(pg), HAT_PROT_RW,
				    HAT_CANFAIL) == 0, "enter in segment %u failed", i);
	hat_switch(h);
	for (unsigned round = 0; round < 2; round++)
		for (unsigned i = 0; i < nseg; i++)
			KT_ASSERT(hat_probe_write(STRESS_BASE + i * SEG_SIZE + 4 * i, i) == 0 &&
				  hat_probe_read(STRESS_BASE + i * SEG_SIZE + 4 * i, &v) == 0 && v == i,
				  "round %u: segment %u", round, i);
	KT_ASSERT(slb_refills - r0 >= 2 * nseg, "only %lu SLB refills for %u segments, twice",
		  slb_refills - r0, nseg);
	hat_switch(NULL);
	hat_destroy(h);
	KT_ASSERT(mem_frames_leaked(&before) <= 0, "%ld table frame(s) leaked",
		  mem_frames_leaked(&before));
	frame_free(pg);
}

/*
 * hat_drop of most of a segment renames it (a new VSID) and leaves the
 * range's entries in the hash table, dead.  Checks: the range faults and
 * is gone from the record, the pages outside it still read (and a write
 * to one is still known), the range can be mapped again, nothing leaks;
 * and 50 drop cycles, some with the hat inactive, each leaving entries
 * in one chosen group pair, so that the later cycles must evict the
 * dead entries of the earlier ones.  (The cycles' range covers out[1].)
 */
#define DROP_BASE	((vaddr_t)6 << SEG_SHIFT)
#define DROP_PAGES	300
#define DROP_LO		(DROP_BASE + 246 * PAGE_SIZE)	/* straddles leaves */
#define DROP_HI		(DROP_LO + DROP_PAGES * PAGE_SIZE)

static bool reads_word(vaddr_t va, uint32_t want)
{
	uint32_t v;

	return hat_probe_read(va, &v) == 0 && v == want;
}

static bool faults(vaddr_t va)
{
	uint32_t v;

	return hat_probe_read(va, &v) == -EFAULT;
}

/* Map and touch the range; also the pages of [DROP_HI, end) hashing to
 * group g under the segment's VSID (those stay dead in g's pair).  Returns
 * how many of those there were. */
static unsigned drop_fill(struct hat *h, paddr_t pa, uint64_t g, vaddr_t end)
{
	uint64_t mask = hpt_groups() - 1, vsid = seg_vsid(h, DROP_BASE);
	unsigned n = 0;

	for (vaddr_t va = DROP_LO; va < DROP_HI; va += PAGE_SIZE) {
		hat_enter(h, va, pa, HAT_PROT_RW, 0);
		if (!reads_word(va, 0xd0d0))
			return ~0u;
	}
	for (uint64_t p = (g ^ vsid) & mask; p < SEG_PAGES; p += mask + 1) {
		vaddr_t va = DROP_BASE + (p << PAGE_SHIFT);

		if (va < DROP_HI || va >= end)
			continue;
		hat_enter(h, va, pa, HAT_PROT_RW, 0);
		if (!reads_word(va, 0xd0d0))
			return ~0u;
		n++;
	}
	return n;
}

KTEST(ppc64_hat_drop)
{
	const vaddr_t out[3] = { DROP_BASE, DROP_HI, DROP_BASE + SEG_SIZE - PAGE_SIZE };
	const vaddr_t end = out[2];	/* the cycles drop [DROP_LO, end) */
	struct page *in_pg = frame_alloc(FRAME_ZERO), *out_pg = frame_alloc(FRAME_ZERO);
	unsigned long ev0 = hat_stats.evictions;
	struct mem_snapshot before;
	struct hat_mapping m;
	unsigned colliding = 0;
	uint64_t vsid, g;
	struct hat *h;

	KT_ASSERT(in_pg && out_pg, "out of frames");
	*(uint32_t *)phys_to_kva(page_to_pa(in_pg)) = 0xd0d0;
	*(uint32_t *)phys_to_kva(page_to_pa(out_pg)) = 0x0a7;
	mem_snapshot(&before);
	h = hat_create();
	KT_ASSERT(h, "hat_create returned NULL");
	for (unsigned i = 0; i < 3; i++)
		KT_ASSERT(hat_enter(h, out[i], page_to_pa(out_pg), HAT_PROT_RW, HAT_CANFAIL) == 0,
			  "enter outside failed");
	hat_switch(h);
	g = hpt_hash(seg_vsid(h, DROP_BASE), 0, PAGE_SHIFT);
	KT_ASSERT(drop_fill(h, page_to_pa(in_pg), g, DROP_HI) == 0, "the range reads wrong");
	KT_ASSERT(hat_probe_write(out[1] + 4, 1) == 0, "write outside faulted");
	pa_to_page(page_to_pa(out_pg))->flags &= ~PG_MODIFIED;

	vsid = seg_vsid(h, DROP_BASE);
	hat_drop(h, DROP_LO, DROP_HI);
	hat_update(h);
	KT_ASSERT(seg_vsid(h, DROP_BASE) != vsid, "a drop of 300 of 303 pages did not rename");
	for (vaddr_t va = DROP_LO; va < DROP_HI; va += PAGE_SIZE)
		KT_ASSERT(faults(va) && !hat_extract(h, va, &m), "%p survived hat_drop", (void *)va);
	for (unsigned i = 0; i < 3; i++)
		KT_ASSERT(reads_word(out[i], 0x0a7), "outside page %u lost", i);
	KT_ASSERT(hat_extract(h, out[1], &m) && m.modified &&
		  (pa_to_page(page_to_pa(out_pg))->flags & PG_MODIFIED),
		  "a written page outside the drop is not known modified");
	KT_ASSERT(hat_enter(h, DROP_LO, page_to_pa(in_pg), HAT_PROT_RW, HAT_CANFAIL) == 0 &&
		  reads_word(DROP_LO, 0xd0d0), "re-entering a dropped page failed");

	/* The cycles: every 3rd drops with the hat inactive (no SLB reload). */
	for (unsigned c = 0; c < 50; c++) {
		unsigned n = drop_fill(h, page_to_pa(in_pg), g, end);

		KT_ASSERT(n != ~0u, "cycle %u: the range reads wrong", c);
		colliding += n;
		if (c % 3 == 2)
			hat_switch(NULL);
		hat_drop(h, DROP_LO, end);
		hat_update(h);
		hat_switch(h);
		KT_ASSERT(faults(DROP_LO) && faults(DROP_HI - PAGE_SIZE), "cycle %u: not dropped", c);
		for (unsigned i = 0; i < 3; i++)
			KT_ASSERT(i == 1 || reads_word(out[i], 0x0a7), "cycle %u: outside page %u", c, i);
	}
	KT_ASSERT(colliding <= 2 * HPTEG_SLOTS || hat_stats.evictions - ev0 >= colliding - 2 * HPTEG_SLOTS,
		  "%u entries left in one group pair, only %lu evictions", colliding,
		  hat_stats.evictions - ev0);
	hat_switch(NULL);
	hat_destroy(h);
	KT_ASSERT(mem_frames_leaked(&before) == 0, "%ld frame(s) leaked", mem_frames_leaked(&before));
	KT_ASSERT(mem_objects_leaked(&before) == 0, "heap objects leaked");
	frame_free(in_pg);
	frame_free(out_pg);
}
