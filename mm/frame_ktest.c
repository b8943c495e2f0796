/*
 * mm/frame_ktest.c - tests of the frame allocator (lab 2) and the heap.
 */
#include "kern/ktest.h"
#include "kern/string.h"
#include "mm/frame.h"
#include "mm/hat.h"
#include "mm/kmalloc.h"

#define BATCH_TEST_FRAMES	100

KTEST(kern_frame_alloc_free)
{
	struct frame_stats before, during, after;
	struct page *pg[BATCH_TEST_FRAMES];
	uint32_t *w;

	frame_get_stats(&before);
	KT_ASSERT(before.free > 1000, "only %lu free frames at boot", before.free);
	for (int i = 0; i < BATCH_TEST_FRAMES; i++) {
		pg[i] = frame_alloc(0);
		KT_ASSERT(pg[i], "frame_alloc returned NULL after %d frames", i);
		KT_ASSERT(pg[i]->flags & PG_KERNEL, "an allocated frame is not marked PG_KERNEL");
		KT_ASSERT((page_to_pa(pg[i]) & PAGE_MASK) == 0, "a frame is not page-aligned");
		for (int j = 0; j < i; j++)
			KT_ASSERT(pg[j] != pg[i], "frame %d was handed out twice", i);
		memset(phys_to_kva(page_to_pa(pg[i])), 0xa5, PAGE_SIZE);
	}
	frame_get_stats(&during);
	KT_ASSERT(during.free == before.free - BATCH_TEST_FRAMES,
		  "free count went from %lu to %lu after %d allocations",
		  before.free, during.free, BATCH_TEST_FRAMES);
	for (int i = 0; i < BATCH_TEST_FRAMES; i++)
		frame_free(pg[i]);
	frame_get_stats(&after);
	KT_ASSERT(after.free == before.free, "free count %lu after freeing everything, was %lu",
		  after.free, before.free);
	/* FRAME_ZERO must hide what the last owner wrote. */
	pg[0] = frame_alloc(FRAME_ZERO);
	KT_ASSERT(pg[0], "frame_alloc(FRAME_ZERO) returned NULL");
	w = phys_to_kva(page_to_pa(pg[0]));
	for (unsigned i = 0; i < PAGE_SIZE / 4; i++)
		KT_ASSERT(w[i] == 0, "FRAME_ZERO frame has word %u = %#x", i, w[i]);
	frame_free(pg[0]);
	/* A freed frame is reused first (the CPU cache is last in, first out:
	 * the frame is still warm in the cache). */
	pg[0] = frame_alloc(0);
	pg[1] = pg[0];
	frame_free(pg[0]);
	pg[0] = frame_alloc(0);
	KT_ASSERT(pg[0] == pg[1], "the frame just freed was not the next one handed out");
	frame_free(pg[0]);
}

/* Frames freed stay in this CPU's cache (up to FRAME_CACHE_MAX) and are
 * handed out from it without touching the pool. */
KTEST(lab2_frame_cache)
{
	enum { N = FRAME_CACHE_MAX + FRAME_BATCH };
	struct page *pg[N];
	struct frame_stats a, b;

	for (int i = 0; i < N; i++) {
		pg[i] = frame_alloc(0);
		KT_ASSERT(pg[i], "frame_alloc returned NULL");
	}
	for (int i = 0; i < N; i++)
		frame_free(pg[i]);
	frame_get_stats(&a);
	KT_ASSERT(a.cached > 0 && a.cached <= FRAME_CACHE_MAX,
		  "after freeing %d frames this CPU's cache holds %lu, expected 1..%d",
		  N, a.cached, FRAME_CACHE_MAX);
	pg[0] = frame_alloc(0);
	frame_get_stats(&b);
	KT_ASSERT(b.cached == a.cached - 1 && b.free - b.cached == a.free - a.cached,
		  "an allocation with frames in the cache must come from the cache "
		  "(cache %lu -> %lu, pool %lu -> %lu)", a.cached, b.cached,
		  a.free - a.cached, b.free - b.cached);
	frame_free(pg[0]);
}

KTEST(lab2_frame_batching)
{
	struct page *pg[BATCH_TEST_FRAMES];
	unsigned long r0, d0, r1, d1;

	frame_cache_counts(&r0, &d0);
	for (int i = 0; i < BATCH_TEST_FRAMES; i++) {
		pg[i] = frame_alloc(0);
		KT_ASSERT(pg[i], "frame_alloc returned NULL");
	}
	frame_cache_counts(&r1, &d1);
	/* 100 frames from batches of 16: 6 or 7 refills, never 100. */
	KT_ASSERT(r1 - r0 >= 5 && r1 - r0 <= 8,
		  "%lu cache refills for %d allocations: expected one per batch of 16",
		  r1 - r0, BATCH_TEST_FRAMES);
	for (int i = 0; i < BATCH_TEST_FRAMES; i++)
		frame_free(pg[i]);
	frame_cache_counts(&r0, &d0);
	KT_ASSERT(d0 - d1 >= 4 && d0 - d1 <= 8,
		  "%lu cache drains for %d frees: the cache must give batches back to the pool",
		  d0 - d1, BATCH_TEST_FRAMES);
}

/* Take every free frame, check the count, give them all back.  Alone: it
 * briefly leaves nothing for anyone else. */
KTEST_FLAGS(kern_frame_exhaustion, KTEST_ALONE)
{
	struct frame_stats before, after;
	struct page *list = NULL, *pg;
	unsigned long n = 0;

	frame_get_stats(&before);
	while ((pg = frame_alloc(0)) != NULL) {
		pg->next = list;	/* an allocated frame's link is its owner's */
		list = pg;
		n++;
	}
	KT_ASSERT(n == before.free, "got %lu frames before NULL, but %lu were free", n, before.free);
	while (list) {
		pg = list;
		list = pg->next;
		frame_free(pg);
	}
	frame_get_stats(&after);
	KT_ASSERT(after.free == before.free, "free count %lu after giving all back, was %lu",
		  after.free, before.free);
}

KTEST(kern_kmalloc)
{
	static const size_t sizes[] = { 1, 8, 16, 17, 100, 256, 1000, 2048, 3000, PAGE_SIZE };
	void *p[ARRAY_SIZE(sizes)][8];
	unsigned long base = kmalloc_in_use();

	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++) {
		for (int j = 0; j < 8; j++) {
			p[i][j] = kmalloc(sizes[i]);
			KT_ASSERT(p[i][j], "kmalloc(%zu) returned NULL", sizes[i]);
			memset(p[i][j], (int)(i * 8 + j), sizes[i]);
		}
	}
	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++)
		for (int j = 0; j < 8; j++)
			for (size_t k = 0; k < sizes[i]; k++)
				KT_ASSERT(((unsigned char *)p[i][j])[k] == (unsigned char)(i * 8 + j),
					  "kmalloc objects overlap (size %zu)", sizes[i]);
	KT_ASSERT(kmalloc(0) == NULL && kmalloc(PAGE_SIZE + 1) == NULL,
		  "kmalloc(0) and kmalloc(PAGE_SIZE + 1) must fail");
	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++)
		for (int j = 0; j < 8; j++)
			kfree(p[i][j]);
	KT_ASSERT_EQ(kmalloc_in_use(), base);
}
