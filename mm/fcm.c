/*
 * mm/fcm.c - what every FCM kind shares (mm/fcm.h): the list of attached
 * Regions, and entering a page into a Region's address space.
 */
#include "kern/panic.h"
#include "mm/fcm.h"
#include "mm/hat.h"
#include "mm/process.h"
#include "mm/region.h"

void fcm_link_region(struct fcm *f, struct region *r)
{
	r->fcm_next = f->regions;
	f->regions = r;
}

void fcm_unlink_region(struct fcm *f, struct region *r)
{
	struct region **pp = &f->regions;

	while (*pp && *pp != r)
		pp = &(*pp)->fcm_next;
	if (!*pp)
		panic("fcm: detaching a Region that is not attached");
	*pp = r->fcm_next;
	r->fcm_next = NULL;
}

bool fcm_offset_mapped(const struct fcm *f, uint64_t off, const struct region *except)
{
	for (const struct region *r = f->regions; r; r = r->fcm_next)
		if (r != except && off >= r->offset &&
		    off - r->offset < (uint64_t)(r->end - r->start))
			return true;
	return false;
}

int fcm_enter(struct region *r, vaddr_t va, paddr_t pa, unsigned prot, unsigned access)
{
	struct hat *h = r->proc->hat;
	struct hat_mapping old;
	bool replacing = hat_extract(h, va, &old);
	int e;

	/* VM_ACCESS_* are the HAT_ACCESS_* bits (mm/vm.h): the HAT presets
	 * referenced/modified so the retried access does not trap again. */
	e = hat_enter(h, va, pa, prot, HAT_CANFAIL | access);
	/* Replacing a mapping (a widened protection) may be deferred like a
	 * remove: a TLB may keep the old, narrower entry and fault again. */
	if (!e && replacing)
		hat_update(h);
	return e;
}
