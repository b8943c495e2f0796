/*
 * mm/frame.h - the page-frame allocator.
 *
 * Frames come from RAM the boot loader reported, minus the kernel image and
 * the ranges the arch reserved (bootinfo).  Allocation is built to become
 * per-CPU: each CPU takes frames from its own cache (no lock on that fast
 * path once there are several CPUs) and refills or drains it in batches
 * from a global pool under a lock.  Lab 2.
 */
#ifndef MM_FRAME_H
#define MM_FRAME_H

#include "kern/types.h"
#include "mm/page.h"

#define FRAME_ZERO	0x1	/* return the frame filled with zeroes */

#define FRAME_BATCH	16	/* frames moved between a CPU cache and the pool */
#define FRAME_CACHE_MAX	(2 * FRAME_BATCH)	/* a cache drains above this */

/* Take over the free RAM described by bi.  Called once by kmain before
 * hat_bootstrap. */
void frame_init(const struct bootinfo *bi);

/* A free frame, marked PG_KERNEL with refs 1, or NULL if none is left.
 * Callable with interrupts on or off; never sleeps. */
struct page *frame_alloc(unsigned flags);

/* Give back a frame from frame_alloc.  The caller has made sure no
 * mapping of it survives (hat_update).  Freeing a frame twice, or one that
 * frame_alloc did not hand out, panics. */
void frame_free(struct page *pg);

/* n physically contiguous frames (descriptors pg[0..n-1]), or NULL.  A
 * slow path for the rare multi-page need (kernel stacks): it searches the
 * descriptors under the pool's lock.  Never sleeps. */
struct page *frame_alloc_contig(unsigned n, unsigned flags);

/* Give back a run from frame_alloc_contig. */
void frame_free_contig(struct page *pg, unsigned n);

/* Counts, in frames. */
struct frame_stats {
	unsigned long total;	/* managed RAM */
	unsigned long free;	/* in the pool and the per-CPU caches */
	unsigned long cached;	/* of which in the per-CPU caches */
	unsigned long reserved;	/* kernel image, firmware, descriptors */
	unsigned long allocated;
};
void frame_get_stats(struct frame_stats *st);

/* This CPU's cache refills from and drains to the pool so far (tests). */
void frame_cache_counts(unsigned long *refills, unsigned long *drains);

#endif
