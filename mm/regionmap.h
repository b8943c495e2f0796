/*
 * mm/regionmap.h - a Process's map from addresses to Regions.
 *
 * An AVL tree of the Regions, keyed by start (Regions never overlap, so
 * the key order is also the order of the ranges), augmented so that free
 * ranges are found without walking every Region: each node also records,
 * for its whole subtree, the lowest start, the highest end, and the largest
 * hole between two Regions of the subtree.  docs/vm.md draws it.
 *
 * Costs with n Regions: lookup, insert, remove, "is this range free" and
 * "the first Region ending after va" are O(log n).  A free-range search is
 * O(log n) for page alignment: subtrees whose largest hole is too small
 * are skipped whole.  With a larger alignment, a hole that is big enough
 * but loses its fit to alignment costs one more descent, so the search is
 * O(log n) per such hole (rare: holes are usually either small or huge).
 *
 * Callers hold the owning Process's lock; the map itself has none.  The
 * map does not own the Regions: removing one does not free it.
 */
#ifndef MM_REGIONMAP_H
#define MM_REGIONMAP_H

#include "kern/types.h"

struct region;

/* The tree links and the subtree summary, embedded in struct region. */
struct rm_link {
	struct region *left, *right;
	int height;			/* of the subtree; a leaf is 1 */
	vaddr_t min_start;		/* lowest start in the subtree */
	vaddr_t max_end;		/* highest end in the subtree */
	vaddr_t max_gap;		/* largest hole between two of its Regions */
};

struct regionmap {
	struct region *root;
	unsigned long count;
};

void regionmap_init(struct regionmap *m);

/* The Region with start <= va < end, or NULL. */
struct region *regionmap_lookup(const struct regionmap *m, vaddr_t va);

/* The first Region (lowest start) with end > va, or NULL: the Region
 * holding va, else the next one up.  Walks a range in address order:
 *	for (r = regionmap_next(m, s); r && r->start < e; r = regionmap_next(m, r->end)) */
struct region *regionmap_next(const struct regionmap *m, vaddr_t va);

/* True if no Region overlaps [start, end). */
bool regionmap_range_free(const struct regionmap *m, vaddr_t start, vaddr_t end);

/* Add r (its start and end set, page-aligned, start < end).  0, or
 * -EEXIST if it overlaps a Region already there (nothing changed). */
int regionmap_insert(struct regionmap *m, struct region *r);

/* Take r, which is in m, out of m. */
void regionmap_remove(struct regionmap *m, struct region *r);

/* Find the lowest free range of size bytes aligned to align (both
 * page multiples, align a power of two) within [lo, hi).  0 and *va set,
 * or -ENOMEM if there is no such hole. */
int regionmap_find_free(const struct regionmap *m, vaddr_t size, vaddr_t align,
			vaddr_t lo, vaddr_t hi, vaddr_t *va);

/* Check the tree's invariants (order, balance, summaries); for tests.
 * Returns true if they hold. */
bool regionmap_check(const struct regionmap *m);

#endif
