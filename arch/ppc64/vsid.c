/*
 * arch/ppc64/vsid.c - naming segments: VSID allocation and lookup.
 *
 * The hashed page table is shared by every address space: an entry says
 * which *virtual* segment it belongs to by its VSID, not which process.
 * So every segment Keel creates (a hat's private segment, a seghat, the
 * kernel's) gets a VSID of its own, and switching address spaces only
 * changes which VSIDs the SLB points at.
 *
 * VSIDs come from a counter (the "proto-VSID") put through a scramble:
 * vsid = proto * M mod (2^36 - 1), M prime.  Consecutive protos then land
 * far apart in the hash (the hash XORs the VSID's low bits with the page
 * number, so VSIDs 5, 6, 7 would pile the first pages of three address
 * spaces into neighbouring groups).  Multiplying modulo 2^36 - 1 rather
 * than 2^36 folds the high bits into the low ones; since M is coprime with
 * 2^36 - 1 the map is one-to-one, so distinct protos give distinct VSIDs.
 *
 * A VSID is reused only after its segment is freed, and a segment is
 * freed only after every one of its entries left the hash table (and so
 * the TLB: the hypervisor invalidates on H_REMOVE) and its SLB entry is
 * gone.  Evictions need the way back, VSID -> segment: a small hash of
 * chains through the segments themselves.
 *
 * hat_drop may also retire a live segment's VSID (vsid_free, then a fresh
 * vsid_alloc for the same segment) while entries under it are still in
 * the table: nothing names it any more, and evictions drop such entries.
 * It is not handed out again before the counter wraps (2^36 VSIDs later);
 * by then those entries are assumed long evicted.
 */
#include "kern/panic.h"
#include "mmu.h"

#define VSID_BITS	36
#define VSID_MOD	((1UL << VSID_BITS) - 1)
#define VSID_MULT	15485863UL	/* prime; 2^36-1 = 3^3.5.7.13.19.37.73.109 */

#define PROTO_DMAP	1		/* 1..64: the direct map's segments */
#define PROTO_KMAP	65
#define PROTO_USER	128		/* user segments from here on */

#define VSID_BUCKETS	256

static struct segrec *buckets[VSID_BUCKETS];
static uint64_t next_proto = PROTO_USER;

/* proto * VSID_MULT mod 2^36-1, by folding: 2^36 = 1 modulo 2^36-1. */
static uint64_t scramble(uint64_t proto)
{
	uint64_t x = proto * VSID_MULT;	/* < 2^60: no overflow */

	x = (x & VSID_MOD) + (x >> VSID_BITS);
	x = (x & VSID_MOD) + (x >> VSID_BITS);
	return x == VSID_MOD ? 0 : x;
}

uint64_t vsid_kernel_dmap(unsigned i)
{
	KASSERT(PROTO_DMAP + i < PROTO_KMAP);
	return scramble(PROTO_DMAP + i);
}

uint64_t vsid_kernel_kmap(void)
{
	return scramble(PROTO_KMAP);
}

static struct segrec **bucket(uint64_t vsid)
{
	return &buckets[vsid % VSID_BUCKETS];
}

struct segrec *vsid_lookup(uint64_t vsid)
{
	struct segrec *sr = *bucket(vsid);

	while (sr && sr->vsid != vsid)
		sr = sr->vsid_next;
	return sr;
}

uint64_t vsid_alloc(struct segrec *sr)
{
	uint64_t vsid;

	do {			/* skip VSIDs still in use after a wrap */
		vsid = scramble(next_proto);
		if (++next_proto == VSID_MOD)
			next_proto = PROTO_USER;
	} while (vsid_lookup(vsid));
	sr->vsid = vsid;
	sr->vsid_next = *bucket(vsid);
	*bucket(vsid) = sr;
	return vsid;
}

void vsid_free(struct segrec *sr)
{
	struct segrec **pp = bucket(sr->vsid);

	while (*pp && *pp != sr)
		pp = &(*pp)->vsid_next;
	KASSERT(*pp == sr);
	*pp = sr->vsid_next;
	sr->vsid_next = NULL;
}
