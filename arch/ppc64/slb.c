/*
 * arch/ppc64/slb.c - the segment lookaside buffer.
 *
 * Translation starts in the SLB: each of its entries (32 on POWER8) maps
 * one 256 MiB effective segment (ESID) to a virtual segment (VSID).  On a
 * hash MMU the SLB is software-loaded: an access to a segment with no
 * entry raises a segment interrupt (0x380 data, 0x480 instruction) and
 * the kernel loads one with slbmte.
 *
 * The first entries are bolted: the direct map's segments and the kernel
 * map's, loaded once by hat_bootstrap and never replaced, so the trap
 * path itself can never miss.  The rest hold user segments of the current
 * hat, replaced round-robin; hat_activate drops them all (another hat's
 * ESIDs mean other VSIDs) and reloads the new hat's recent ones.
 *
 * The kernel keeps a shadow of which ESID each user entry holds: reading
 * the SLB back (slbmfee) would work too, but the shadow is also what tells
 * hat_fault whether a fault was a segment miss.
 */
#include "kern/panic.h"
#include "mmu.h"

#define SLB_MAX		64

/* Both keys: supervisor accesses use key 0, user ones key 1 (hpt.c's pp). */
#define SLB_FLAGS	SLB_VSID_KP

static unsigned nbolted;		/* entries 0..nbolted-1 */
static uint64_t user_esid[SLB_MAX];	/* ESID + 1 held by entry i, or 0 */
static unsigned rotor;
unsigned long slb_refills;

static void slbmte(uint64_t vsid_word, uint64_t esid_word)
{
	__asm__ volatile("slbmte %0, %1; isync" : : "r"(vsid_word), "r"(esid_word) : "memory");
}

static void slbie(uint64_t esid)
{
	__asm__ volatile("slbie %0; isync" : : "r"(esid << SEG_SHIFT) : "memory");
}

static void slb_write(unsigned index, uint64_t esid, uint64_t vsid, uint64_t llp)
{
	slbmte(vsid << SLB_VSID_SHIFT | SLB_FLAGS | llp,
	       esid << SEG_SHIFT | SLB_ESID_V | index);
}

void slb_bolt_kernel(unsigned dmap_segs, uint64_t dmap_llp)
{
	unsigned size = MIN(mmu.slb_size, SLB_MAX);

	if (dmap_segs + 1 + 4 > size)
		panic("slb: %u direct-map segments leave no room in a %u-entry SLB",
		      dmap_segs, size);
	__asm__ volatile("slbia; isync" : : : "memory");
	for (unsigned i = 0; i < dmap_segs; i++)
		slb_write(i, ESID(DMAP_BASE) + i, vsid_kernel_dmap(i), dmap_llp);
	slb_write(dmap_segs, ESID(KMAP_VA_MIN), vsid_kernel_kmap(), 0);
	nbolted = dmap_segs + 1;
	rotor = nbolted;
}

static int find_user(uint64_t esid)
{
	for (unsigned i = nbolted; i < MIN(mmu.slb_size, SLB_MAX); i++)
		if (user_esid[i] == esid + 1)
			return (int)i;
	return -1;
}

bool slb_has_user(uint64_t esid)
{
	return find_user(esid) >= 0;
}

void slb_load_user(uint64_t esid, uint64_t vsid)
{
	int i = find_user(esid);

	if (i < 0) {
		i = (int)rotor;
		if (++rotor == MIN(mmu.slb_size, SLB_MAX))
			rotor = nbolted;
	}
	/* An entry being replaced must be invalidated first, so that no
	 * stale translation of its old ESID survives in the ERAT. */
	if (user_esid[i])
		slbie(user_esid[i] - 1);
	slb_write((unsigned)i, esid, vsid, 0);
	user_esid[i] = esid + 1;
}

void slb_drop_user(uint64_t esid)
{
	int i = find_user(esid);

	if (i >= 0) {
		slbie(esid);
		user_esid[i] = 0;
	}
}

void slb_flush_user(void)
{
	for (unsigned i = nbolted; i < MIN(mmu.slb_size, SLB_MAX); i++)
		if (user_esid[i]) {
			slbie(user_esid[i] - 1);
			user_esid[i] = 0;
		}
}
