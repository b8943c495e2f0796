/*
 * mm/pageset.h - a page set: the frames an FCM (or a fork-tree node)
 * holds, found by the memory object's offset they hold.  The FCM's page
 * table in K42's words.
 *
 * A hash table of chains threaded through the frames' own descriptors
 * (struct page: next, offset), so holding a page costs no allocation.  The
 * bucket array doubles when the chains grow long, so a lookup stays O(1)
 * from one page to millions.  A set owns its frames: pageset_free_all
 * gives them back to the frame allocator.
 *
 * No locking of its own: the owner's lock (the Process lock for an FCM,
 * the fork-tree lock for a tree's pages) covers it.
 */
#ifndef MM_PAGESET_H
#define MM_PAGESET_H

#include "kern/types.h"
#include "mm/page.h"

struct pageset {
	struct page **bucket;		/* NULL while empty */
	unsigned long nbuckets;		/* a power of two, or 0 */
	unsigned long count;		/* pages held */
};

/* An empty set (a zeroed struct pageset is one too). */
static inline void pageset_init(struct pageset *s)
{
	s->bucket = NULL;
	s->nbuckets = s->count = 0;
}

/* The page holding off, or NULL. */
struct page *pageset_lookup(const struct pageset *s, uint64_t off);

/* Record pg as holding off (no page may hold it yet).  0, or -ENOMEM if
 * the set's first bucket array cannot be had (nothing changed); a failed
 * growth later only leaves the chains longer. */
int pageset_insert(struct pageset *s, struct page *pg, uint64_t off);

/* Forget the page holding off and return it (NULL: none). */
struct page *pageset_remove(struct pageset *s, uint64_t off);

/* Forget some page and return it; NULL once the set is empty.  For
 * emptying a set page by page (moving it into another). */
struct page *pageset_pop(struct pageset *s);

/* Exchange two sets' contents: O(1). */
void pageset_swap(struct pageset *a, struct pageset *b);

/* Call fn(pg, arg) for every page; fn returns true to keep the page,
 * false to have it forgotten (fn then owns it: frees or moves it). */
void pageset_filter(struct pageset *s, bool (*fn)(struct page *pg, void *arg), void *arg);

/* Give every frame back to the allocator (their translations must be
 * gone, hat_update done) and free the bucket array. */
void pageset_free_all(struct pageset *s);

/* Pages held for offsets in [off, off + len). */
unsigned long pageset_count_range(const struct pageset *s, uint64_t off, uint64_t len);

#endif
