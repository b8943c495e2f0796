/*
 * mm/process.h - the VM part of a K42 Process: one address space, made of
 * a hat (its translations, mm/hat.h) and a region map (mm/regionmap.h)
 * holding its Regions.  Threads, handles and the rest of a Process come
 * with later issues.
 *
 * Locking: p->lock (a spinlock) serializes everything on the address
 * space: the region map, the Regions, the FCM calls made for them and the
 * hat's operations (mm/hat.h requires that).  mm/vm.c takes it; the
 * objects' own functions expect it held.
 */
#ifndef MM_PROCESS_H
#define MM_PROCESS_H

#include "kern/spinlock.h"
#include "kern/types.h"
#include "mm/regionmap.h"

struct process {
	struct spinlock lock;
	struct hat *hat;
	struct regionmap map;
	const char *name;		/* for the monitor; not copied */
};

/* A new, empty address space.  NULL if memory ran out. */
struct process *process_create(const char *name);

/* Remove every Region (their memory is freed with the last Region that
 * maps it), every translation (hat_remove_all), the hat and p.  If p is
 * the current process (vm_current), there is none afterwards. */
void process_destroy(struct process *p);

#endif
