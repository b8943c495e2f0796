/*
 * mm/region.c - Regions (mm/region.h): the default kind, the fault
 * request protocol, split, merge and destruction.
 */
#include "kern/errno.h"
#include "kern/lab.h"
#include "kern/panic.h"
#include "mm/fcm.h"
#include "mm/fr.h"
#include "mm/hat.h"
#include "mm/kmalloc.h"
#include "mm/process.h"
#include "mm/region.h"
#include "mm/vm.h"

/* The default Region: va maps offset + (va - start) of its FCM. */
static int default_fault(struct region *r, vaddr_t va, unsigned access)
{
	return r->fcm->ops->map_page(r->fcm, r, va, access);
}

static const struct region_ops default_region_ops = {
	.kind = "default",
	.fault = default_fault,
};

/* A Region of kind ops over [start, end) of p, mapping fr from
 * offset, attached to fr (K42 section 4.1).  NULL: out of memory. */
static struct region *region_new(const struct region_ops *ops, struct process *p,
				 vaddr_t start, vaddr_t end, struct fr *fr,
				 uint64_t offset, unsigned prot)
{
	struct region *r = kzalloc(sizeof(*r));

	if (!r)
		return NULL;
	r->ops = ops;
	r->proc = p;
	r->start = start;
	r->end = end;
	r->offset = offset;
	r->prot = prot;
	r->fr = fr;
	r->fcm = fr->ops->attach_region(fr, r);
	if (!r->fcm) {
		kfree(r);
		return NULL;
	}
	return r;
}

struct region *region_create(struct process *p, vaddr_t start, vaddr_t end,
			     struct fr *fr, uint64_t offset, unsigned prot)
{
	return region_new(&default_region_ops, p, start, end, fr, offset, prot);
}

struct region *region_copy(const struct region *r, struct process *child, struct fr *fr)
{
	return region_new(r->ops, child, r->start, r->end, fr, r->offset, r->prot);
}

/* Nothing faults through an adapter: it has no address space. */
static int adapter_fault(struct region *r, vaddr_t va, unsigned access)
{
	(void)r;
	(void)va;
	(void)access;
	return -EFAULT;
}

static const struct region_ops adapter_region_ops = {
	.kind = "adapter",
	.fault = adapter_fault,
};

struct region *region_adapter_create(struct fr *fr, uint64_t offset, uint64_t len)
{
	return region_new(&adapter_region_ops, NULL, 0, (vaddr_t)len, fr, offset,
			  HAT_PROT_READ);
}

/* The protection bits an access needs. */
static unsigned prot_needed(unsigned access)
{
	unsigned need = 0;

	if (access & VM_ACCESS_READ)
		need |= HAT_PROT_READ;
	if (access & VM_ACCESS_WRITE)
		need |= HAT_PROT_WRITE;
	if (access & VM_ACCESS_EXEC)
		need |= HAT_PROT_EXEC;
	return need;
}

int region_fault(struct region *r, vaddr_t va, unsigned access)
{
	int e;

	if (r->stopped)
		return -EAGAIN;		/* being destroyed: no new faults */
	r->requests++;
#if SOLUTION(3)
	if ((prot_needed(access) & r->prot) != prot_needed(access))
		e = -EACCES;
	else
		e = r->ops->fault(r, PAGE_ROUNDDOWN(va), access);
#else
	/*
	 * LAB 3: the Region's part of a fault.  Refuse an access r->prot
	 * does not allow with -EACCES (prot_needed(access) gives the
	 * HAT_PROT_* bits it needs); otherwise let the Region's kind handle
	 * the page holding va: r->ops->fault(r, PAGE_ROUNDDOWN(va), access).
	 * Checked by: lab3_fault_errors, lab3_zero_fill.
	 */
	(void)prot_needed;
	(void)va;
	(void)access;
	LAB_TODO(3, "region_fault: check the access, then ask the Region's kind");
	e = -ENOSYS;
#endif
	r->requests--;
	return e;
}

/* Put r (back) into its Process's map: its range is known to be free. */
static void map_put(struct region *r)
{
	int e = regionmap_insert(&r->proc->map, r);

	if (e)
		panic("region: reinserting [%#lx, %#lx) failed (%d)",
		      (unsigned long)r->start, (unsigned long)r->end, e);
}

int region_split(struct region *r, vaddr_t va)
{
#if SOLUTION(3)
	struct region *tail = region_new(r->ops, r->proc, va, r->end, r->fr,
					 region_offset_of(r, va), r->prot);

	if (!tail)
		return -ENOMEM;
	/* r's end changes its subtree summary: take it out and back in. */
	regionmap_remove(&r->proc->map, r);
	r->end = va;
	map_put(r);
	map_put(tail);
	return 0;
#else
	/*
	 * LAB 3: split r at va.  Make the tail Region [va, r->end) with
	 * region_new (same ops, Process, FR and protection; its offset is
	 * the one va maps, region_offset_of), then shrink r to [start, va)
	 * and put both in the region map.  Changing r->end changes the
	 * tree's summaries: take r out of the map (regionmap_remove) before,
	 * and back in (map_put) after.  -ENOMEM if region_new fails, with
	 * nothing changed.  The translations stay valid: same pages.
	 * Checked by: lab3_unmap_partial, lab3_protect_split_merge.
	 */
	(void)r;
	(void)va;
	(void)map_put;
	LAB_TODO(3, "region_split: split a Region in two");
	return -ENOSYS;
#endif
}

bool region_can_merge(const struct region *a, const struct region *b)
{
	return a->end == b->start && a->ops == b->ops && a->fcm == b->fcm &&
	       a->fr == b->fr && a->prot == b->prot && !a->stopped && !b->stopped &&
	       region_offset_of(a, a->end) == b->offset;
}

void region_merge(struct region *a, struct region *b)
{
	struct regionmap *m = &a->proc->map;

	if (!region_can_merge(a, b))
		panic("region_merge: Regions cannot merge");
	regionmap_remove(m, b);
	regionmap_remove(m, a);
	a->end = b->end;
	map_put(a);
	/* b's pages stay mapped, now through a: no release, no unmapping. */
	region_free(b);
}

void region_free(struct region *r)
{
	r->fr->ops->detach_region(r->fr, r);
	kfree(r);
}

void region_stop(struct region *r)
{
	r->stopped = true;
}

/* Wait until no fault is in flight in r.  With threads this sleeps until
 * the last region_fault ends; now no fault can be running while the
 * caller holds the Process lock, so a count left over is a bug. */
static void region_drain(struct region *r)
{
	if (r->requests)
		panic("region [%#lx, %#lx): %u fault(s) in flight at destruction",
		      (unsigned long)r->start, (unsigned long)r->end, r->requests);
}

void region_quiesce(struct region *r)
{
	struct hat *h = r->proc->hat;

	region_stop(r);
	region_drain(r);
	/* Dropped, not folded: the pages now belong to a fork-tree node,
	 * which counts them all as referenced and modified. */
	hat_drop(h, r->start, r->end);
	hat_update(h);
}

void region_resume(struct region *r)
{
	r->stopped = false;
}

void region_destroy(struct region *r, unsigned how)
{
	struct hat *h = r->proc->hat;

	region_stop(r);
	region_drain(r);
	regionmap_remove(&r->proc->map, r);
	if (!(how & REGION_HAT_GONE)) {
		hat_remove(h, r->start, r->end);
		hat_update(h);		/* before any frame can be freed */
	}
	if (how & REGION_RELEASE)
		r->fcm->ops->release(r->fcm, r);
	region_free(r);
}
