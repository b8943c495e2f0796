/*
 * mm/pageset.c - page sets (mm/pageset.h).
 */
#include "kern/errno.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "mm/pageset.h"

#define FIRST_BUCKETS	16
#define MAX_LOAD	2	/* pages per bucket before the array doubles */

static unsigned long hash(const struct pageset *s, uint64_t off)
{
	return (unsigned long)(off >> PAGE_SHIFT) & (s->nbuckets - 1);
}

struct page *pageset_lookup(const struct pageset *s, uint64_t off)
{
	if (!s->count)
		return NULL;
	for (struct page *pg = s->bucket[hash(s, off)]; pg; pg = pg->next)
		if (pg->offset == off)
			return pg;
	return NULL;
}

static void chain(struct pageset *s, struct page *pg)
{
	struct page **b = &s->bucket[hash(s, pg->offset)];

	pg->next = *b;
	*b = pg;
}

/* Rehash into n buckets; false (nothing changed) if there is no memory. */
static bool resize(struct pageset *s, unsigned long n)
{
	struct page **old = s->bucket;
	unsigned long oldn = s->nbuckets;
	struct page **b = kzalloc(n * sizeof(*b));

	if (!b)
		return false;
	s->bucket = b;
	s->nbuckets = n;
	for (unsigned long i = 0; i < oldn; i++) {
		while (old[i]) {
			struct page *pg = old[i];

			old[i] = pg->next;
			chain(s, pg);
		}
	}
	kfree(old);
	return true;
}

int pageset_insert(struct pageset *s, struct page *pg, uint64_t off)
{
	if (!s->bucket && !resize(s, FIRST_BUCKETS))
		return -ENOMEM;
	if (s->count >= s->nbuckets * MAX_LOAD)
		resize(s, s->nbuckets * 2);	/* no memory: longer chains */
	pg->offset = off;
	chain(s, pg);
	s->count++;
	return 0;
}

struct page *pageset_remove(struct pageset *s, uint64_t off)
{
	if (!s->count)
		return NULL;
	for (struct page **pp = &s->bucket[hash(s, off)]; *pp; pp = &(*pp)->next) {
		struct page *pg = *pp;

		if (pg->offset == off) {
			*pp = pg->next;
			pg->next = NULL;
			s->count--;
			return pg;
		}
	}
	return NULL;
}

struct page *pageset_pop(struct pageset *s)
{
	for (unsigned long i = 0; s->count && i < s->nbuckets; i++) {
		struct page *pg = s->bucket[i];

		if (pg) {
			s->bucket[i] = pg->next;
			pg->next = NULL;
			s->count--;
			return pg;
		}
	}
	return NULL;
}

void pageset_swap(struct pageset *a, struct pageset *b)
{
	struct pageset t = *a;

	*a = *b;
	*b = t;
}

void pageset_filter(struct pageset *s, bool (*fn)(struct page *pg, void *arg), void *arg)
{
	for (unsigned long i = 0; s->count && i < s->nbuckets; i++) {
		struct page **pp = &s->bucket[i];

		while (*pp) {
			struct page *pg = *pp, *next = pg->next;

			if (fn(pg, arg)) {
				pp = &pg->next;
				continue;
			}
			/* fn owns pg now and may have reused its link already. */
			*pp = next;
			s->count--;
		}
	}
}

static bool free_one(struct page *pg, void *arg)
{
	(void)arg;
	frame_free(pg);
	return false;
}

void pageset_free_all(struct pageset *s)
{
	pageset_filter(s, free_one, NULL);
	kfree(s->bucket);
	pageset_init(s);
}

unsigned long pageset_count_range(const struct pageset *s, uint64_t off, uint64_t len)
{
	unsigned long n = 0;

	for (unsigned long i = 0; s->count && i < s->nbuckets; i++)
		for (const struct page *pg = s->bucket[i]; pg; pg = pg->next)
			n += pg->offset >= off && pg->offset - off < len;
	return n;
}
