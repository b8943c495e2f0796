/*
 * mm/memcheck.h - leak checks for tests: take a snapshot of the memory in
 * use, do something that should give everything back, and ask how much
 * did not come back.
 *
 * Frames the kernel heap took for its size classes stay with the heap for
 * reuse; they count as given back, so a backend may kmalloc its records.
 */
#ifndef MM_MEMCHECK_H
#define MM_MEMCHECK_H

#include "kern/types.h"

struct mem_snapshot {
	unsigned long free_frames;
	unsigned long heap_frames;
	unsigned long heap_objects;
};

void mem_snapshot(struct mem_snapshot *s);

/* Frames / heap objects taken since `before` and not given back (negative
 * if more came back than was taken). */
long mem_frames_leaked(const struct mem_snapshot *before);
long mem_objects_leaked(const struct mem_snapshot *before);

#endif
