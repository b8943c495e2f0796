/*
 * mm/vm_fork.c - copying an address space for fork (mm/vm.h, vm_fork).
 *
 * Each of the parent's Regions gets a twin in the child, attached to what
 * the Region's FR says the child should see (fr_ops.fork): the same FR
 * for a shared file, a fork-copy of the FCM for private memory.  Several
 * Regions of one FR (an anonymous mapping mprotect split in three) must
 * all land on the same child FR, so the FR remembers its fork's result in
 * fork_peer for the length of the call.
 */
#include "kern/errno.h"
#include "mm/fr.h"
#include "mm/process.h"
#include "mm/region.h"
#include "mm/regionmap.h"
#include "mm/vm.h"

/* Copy r into child.  0 or -ENOMEM. */
static int fork_region(struct region *r, struct process *child)
{
	struct fr *fr = r->fr;
	struct region *copy;

	if (!fr->fork_peer && !(fr->fork_peer = fr->ops->fork(fr)))
		return -ENOMEM;
	copy = region_copy(r, child, fr->fork_peer);
	if (!copy)
		return -ENOMEM;
	if (regionmap_insert(&child->map, copy)) {
		region_free(copy);
		return -ENOMEM;
	}
	return 0;
}

/* Forget the fork's results: the child's Regions hold their own
 * references to the new FRs now. */
static void forget_peers(struct process *parent)
{
	for (struct region *r = regionmap_next(&parent->map, 0); r;
	     r = regionmap_next(&parent->map, r->end)) {
		struct fr *peer = r->fr->fork_peer;

		if (!peer)
			continue;
		r->fr->fork_peer = NULL;
		if (peer != r->fr)
			fr_unref(peer);
	}
}

int vm_fork(struct process *parent, struct process *child)
{
	/* child is not running and nobody else knows it: the parent's lock
	 * covers both. */
	unsigned long s = spin_lock_irqsave(&parent->lock);
	int e = 0;

	for (struct region *r = regionmap_next(&parent->map, 0); r && !e;
	     r = regionmap_next(&parent->map, r->end))
		e = fork_region(r, child);
	forget_peers(parent);
	spin_unlock_irqrestore(&parent->lock, s);
	return e;
}
