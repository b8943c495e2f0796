/*
 * mm/region.h - a Region: one contiguous, page-aligned range [start, end)
 * of a Process's address space, mapped onto the offsets
 * [offset, offset + (end - start)) of one FCM, reached through an FR, with
 * one access mode (HAT_PROT_*).  K42's Region (docs/vm.md).
 *
 * A Region's kind is its ops (region_ops); the default kind maps va to
 * offset + (va - start).  (K42's processor-specific Region would mix the
 * CPU number into that computation: one more ops struct, one more file.)
 *
 * Faults and destruction: every fault in flight holds a request on the
 * Region (region_fault counts it).  region_stop makes new faults fail with
 * -EAGAIN; region_destroy stops the Region, then waits for the requests in
 * flight to end before it unmaps and detaches.  While faults come only
 * from the kernel's own probes, none can be in flight while the Process
 * lock is held, so the wait is a check that panics; once user threads
 * fault concurrently it becomes a sleep on the count (kern/thread.h).
 *
 * Locking: everything here is called with the owning Process's lock held
 * (mm/process.h).
 */
#ifndef MM_REGION_H
#define MM_REGION_H

#include "kern/types.h"
#include "mm/regionmap.h"

struct process;
struct region;
struct fr;
struct fcm;

/* VM_ACCESS_*: what a faulting access wanted (mm/vm.h). */

struct region_ops {
	const char *kind;
	/* Resolve a fault at va (page-aligned, inside r) for an access the
	 * Region's protection allows: have the FCM map the page.  0 or a
	 * negative errno. */
	int (*fault)(struct region *r, vaddr_t va, unsigned access);
};

struct region {
	vaddr_t start, end;		/* page-aligned, start < end */
	uint64_t offset;		/* FCM offset that start maps */
	unsigned prot;			/* HAT_PROT_* */
	const struct region_ops *ops;
	struct process *proc;		/* owner */
	struct fr *fr;			/* what the Region was attached through */
	struct fcm *fcm;		/* the FR's FCM, recorded at attach */
	struct region *fcm_next;	/* the FCM's list of attached Regions */
	struct rm_link link;		/* the Process's region map */
	unsigned requests;		/* faults in flight */
	bool stopped;			/* refusing new faults: being destroyed */
};

/* A default Region over [start, end) of p, mapping fr's offsets from
 * offset on, attached to fr (which makes sure an FCM exists).  It is not
 * yet in p's region map.  NULL if memory ran out (nothing attached). */
struct region *region_create(struct process *p, vaddr_t start, vaddr_t end,
			     struct fr *fr, uint64_t offset, unsigned prot);

/* The FCM offset va (inside r) maps. */
static inline uint64_t region_offset_of(const struct region *r, vaddr_t va)
{
	return r->offset + (va - r->start);
}

/* Handle a fault at va inside r for access (VM_ACCESS_*): -EAGAIN if r is
 * stopped, -EACCES if r's protection forbids the access, else what the
 * Region kind's fault returns. */
int region_fault(struct region *r, vaddr_t va, unsigned access);

/* Split r at va (page-aligned, start < va < end): r keeps [start, va), a
 * new Region of the same kind, FR and protection takes [va, end) and is
 * put into the region map.  0, or -ENOMEM (nothing changed). */
int region_split(struct region *r, vaddr_t va);

/* True if b can be folded into a: b starts where a ends, same kind, FCM,
 * protection, and contiguous offsets. */
bool region_can_merge(const struct region *a, const struct region *b);

/* Fold b into a (region_can_merge(a, b)); b is destroyed. */
void region_merge(struct region *a, struct region *b);

/* Refuse new faults from now on (they get -EAGAIN). */
void region_stop(struct region *r);

/* Stop r, wait out its faults in flight and remove its translations
 * (hat_drop, then hat_update: their referenced/modified bits are not
 * folded, the pages count as both): the first half of a fork-copy
 * (mm/forktree.h), after
 * which r's FCM may move its pages.  region_resume lets faults in again. */
void region_quiesce(struct region *r);
void region_resume(struct region *r);

/* A Region like r (kind, range, offset, protection) in child, attached
 * to fr (r's FR's fork, mm/fr.h), not yet in child's region map: fork's
 * copy of r.  NULL if memory ran out (nothing attached). */
struct region *region_copy(const struct region *r, struct process *child, struct fr *fr);

/* An adapter Region (K42 section 8): how a copy-on-write FR attaches to
 * its base FR, covering the base's offsets [offset, offset + len).  It
 * belongs to no Process and is never faulted on; the base FCM only
 * learns that someone uses those offsets (and hands out their frames,
 * fcm_ops.find_page).  Free it with region_free.  NULL: out of memory. */
struct region *region_adapter_create(struct fr *fr, uint64_t offset, uint64_t len);

/* Detach r from its FR and free it: for a Region that never made it into
 * the region map (and so was never faulted on). */
void region_free(struct region *r);

/* region_destroy's how. */
#define REGION_RELEASE	0x1	/* the FCM may free what only r mapped (unmap) */
#define REGION_HAT_GONE	0x2	/* r's translations are gone already (exit) */

/* Stop r, wait out its faults in flight, take it out of the region map,
 * remove its translations (with hat_update) unless REGION_HAT_GONE,
 * detach it from its FR and free it. */
void region_destroy(struct region *r, unsigned how);

#endif
