/*
 * arch/ppc64/seghat.c - shared segments (SegmentHAT).
 *
 * On an inverted/hashed MMU sharing is nearly free: a segment's hash-table
 * entries are named by its VSID alone.  A seghat is one segment record
 * (segrec.c) with its own VSID; attaching it at va in a hat points that
 * hat's directory entry for va's ESID at it, so the hat's SLB entry for the
 * ESID will name the seghat's VSID.  Every attached address space then uses
 * the very same HPTEs (and TLB entries): seghat_enter/remove change all of
 * them at once, with one hcall per page whatever the number of hats.
 *
 * A seghat is its segrec: the pointer types are converted, never mixed.
 */
#include "kern/errno.h"
#include "kern/panic.h"
#include "mmu.h"

static struct segrec *rec_of(struct seghat *sh)
{
	return (struct segrec *)sh;
}

struct seghat *seghat_create(void)
{
	return (struct seghat *)seg_create(true);
}

int seghat_enter(struct seghat *sh, vaddr_t offset, paddr_t pa, unsigned prot,
		 unsigned flags)
{
	int r;

	if (offset >= SEG_SIZE || (offset & PAGE_MASK))
		panic("seghat_enter: bad offset %#lx", (unsigned long)offset);
	r = seg_enter(rec_of(sh), offset, pa, prot, flags);
	if (r == -ENOMEM && !(flags & HAT_CANFAIL))
		panic("seghat_enter: out of memory");
	return r;
}

static void remove_one(struct segrec *sr, vaddr_t offset, void *arg)
{
	(void)arg;
	seg_remove(sr, offset);
}

void seghat_remove(struct seghat *sh, vaddr_t start, vaddr_t end)
{
	seg_walk(rec_of(sh), start, MIN(end, SEG_SIZE), remove_one, NULL);
}

int hat_attach_segment(struct hat *h, vaddr_t va, struct seghat *sh)
{
	struct segrec *old;
	int r;

	if ((va & (SEG_SIZE - 1)) || va < USER_VA_MIN || va >= USER_VA_MAX)
		return -EINVAL;
	old = hat_seg(h, ESID(va));
	if (old && (old->shared || old->npages))
		return -EEXIST;
	if (old) {			/* an empty private segment: replace it */
		hat_set_seg(h, ESID(va), NULL);
		seg_destroy(old);
	}
	r = hat_set_seg(h, ESID(va), rec_of(sh));
	if (r == 0)
		rec_of(sh)->nattached++;
	return r;
}

/* The hat's SLB entry for the ESID goes with the directory entry
 * (hat_set_seg), so the segment is gone from h when this returns. */
void hat_detach_segment(struct hat *h, vaddr_t va)
{
	struct segrec *sr = hat_seg(h, ESID(va));

	if (!sr || !sr->shared)
		return;
	hat_set_seg(h, ESID(va), NULL);
	sr->nattached--;
}

void seghat_destroy(struct seghat *sh)
{
	if (rec_of(sh)->nattached)
		panic("seghat_destroy: still attached to %u hat(s)", rec_of(sh)->nattached);
	seg_destroy(rec_of(sh));
}
