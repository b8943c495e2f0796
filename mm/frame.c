/*
 * mm/frame.c - page descriptors and the page-frame allocator (mm/frame.h).
 *
 * Layout: for each RAM range a contiguous array of struct page, itself
 * carved out of RAM at boot.  Free frames sit in a global pool (a list
 * under pool_lock) and in a small cache per CPU; frame_alloc and
 * frame_free work on the CPU's cache and move frames between it and the
 * pool FRAME_BATCH at a time, so the pool's lock is taken once per batch.
 */
#include "kern/bootinfo.h"
#include "kern/lab.h"
#include "kern/panic.h"
#include "kern/printf.h"
#include "kern/spinlock.h"
#include "kern/string.h"
#include "mm/frame.h"
#include "mm/hat.h"

#define NCPU		1	/* per-CPU caches: one CPU for now */

struct ram_range {
	paddr_t base;		/* page-aligned */
	unsigned long npages;
	struct page *pages;	/* npages descriptors, in the direct map */
};

/* One CPU's frames at hand. */
struct frame_cache {
	struct page *head;
	unsigned count;
	unsigned long refills, drains;	/* pool transfers, for tests */
};

static struct ram_range ranges[BOOT_MAX_RANGES];
static int nranges;
static unsigned long total_frames, reserved_frames;

static struct spinlock pool_lock = SPINLOCK_INIT("frame pool");
static struct page *pool_head;
static unsigned long pool_count;
static struct frame_cache caches[NCPU];

/* ---- descriptors ---------------------------------------------------- */

struct page *pa_to_page(paddr_t pa)
{
	for (int i = 0; i < nranges; i++) {
		struct ram_range *r = &ranges[i];

		if (pa >= r->base && (pa - r->base) >> PAGE_SHIFT < r->npages)
			return &r->pages[(pa - r->base) >> PAGE_SHIFT];
	}
	return NULL;
}

paddr_t page_to_pa(const struct page *pg)
{
	for (int i = 0; i < nranges; i++) {
		struct ram_range *r = &ranges[i];

		if (pg >= r->pages && pg < r->pages + r->npages)
			return r->base + ((paddr_t)(pg - r->pages) << PAGE_SHIFT);
	}
	panic("page_to_pa: %p is not a page descriptor", (const void *)pg);
}

void page_note_refmod(paddr_t pa, bool referenced, bool modified)
{
	struct page *pg = pa_to_page(pa);

	if (!pg)
		return;
	if (referenced)
		pg->flags |= PG_REFERENCED;
	if (modified)
		pg->flags |= PG_MODIFIED;
}

/* ---- the global pool (given code) ------------------------------------ */

/*
 * Runs of RUN_PAGES frames (kernel stacks: a thread per process) are
 * kept on a short list when freed and handed out again first, so that a
 * fork or spawn does not scan every descriptor for a free run.  They
 * count as free (frame_get_stats), and go back to the pool when it runs
 * dry (runs_to_pool).
 */
#define RUN_PAGES	2
#define RUN_CACHE	16
static struct page *run_cache[RUN_CACHE];
static unsigned nruns;

/* Give every cached run back to the pool.  Pool lock held. */
static void runs_to_pool(void)
{
	while (nruns) {
		struct page *pg = run_cache[--nruns];

		for (unsigned i = 0; i < RUN_PAGES; i++) {
			pg[i].flags = PG_FREE;
			pg[i].next = pool_head;
			pool_head = &pg[i];
			pool_count++;
		}
	}
}

/* Move up to n frames from the pool onto *list; returns how many. */
static unsigned pool_take(struct page **list, unsigned n)
{
	unsigned long s = spin_lock_irqsave(&pool_lock);
	unsigned got = 0;

	if (!pool_head)
		runs_to_pool();

	while (got < n && pool_head) {
		struct page *pg = pool_head;

		pool_head = pg->next;
		pg->next = *list;
		*list = pg;
		got++;
	}
	pool_count -= got;
	spin_unlock_irqrestore(&pool_lock, s);
	return got;
}

/* Move n frames from the front of *list back into the pool. */
static void pool_put(struct page **list, unsigned n)
{
	unsigned long s = spin_lock_irqsave(&pool_lock);

	for (unsigned i = 0; i < n && *list; i++) {
		struct page *pg = *list;

		*list = pg->next;
		pg->next = pool_head;
		pool_head = pg;
		pool_count++;
	}
	spin_unlock_irqrestore(&pool_lock, s);
}

static struct frame_cache *this_cpu_cache(void)
{
	return &caches[0];
}

/* ---- allocation (lab 2) --------------------------------------------- */

struct page *frame_alloc(unsigned flags)
{
	struct page *pg;
	unsigned long s = arch_intr_save();	/* the cache is this CPU's */
	struct frame_cache *c = this_cpu_cache();

#if SOLUTION(2)
	if (c->count == 0) {
		c->count += pool_take(&c->head, FRAME_BATCH);
		c->refills++;
	}
	pg = c->head;
	if (pg) {
		c->head = pg->next;
		c->count--;
	}
#else
	/*
	 * LAB 2: take a frame from this CPU's cache c (a list through
	 * pg->next, c->count long).  When the cache is empty, refill it from
	 * the global pool with pool_take(&c->head, FRAME_BATCH), adding what
	 * it returns to c->count and counting the refill in c->refills, so
	 * the pool's lock is taken once per FRAME_BATCH allocations.  Leave
	 * pg NULL when the pool is empty too.
	 * Checked by: lab2_frame_batching, lab2_frame_cache.
	 */
	LAB_TODO(2, "frame_alloc: allocate from the per-CPU cache");
	pg = NULL;			/* slow, one frame at a time from the */
	pool_take(&pg, 1);		/* pool under its lock: replace it */
	(void)c;
#endif
	arch_intr_restore(s);
	if (!pg)
		return NULL;
	KASSERT(pg->flags & PG_FREE);
	pg->flags = PG_KERNEL;
	pg->refs = 1;
	pg->kmclass = KMCLASS_NONE;
	pg->next = NULL;
	if (flags & FRAME_ZERO)
		hat_zero_page(page_to_pa(pg));
	return pg;
}

void frame_free(struct page *pg)
{
	unsigned long s;
	struct frame_cache *c;

	if (!pg || (pg->flags & (PG_FREE | PG_RESERVED)) || !(pg->flags & PG_KERNEL))
		panic("frame_free: frame %p (flags %#x) was not allocated",
		      pg ? (void *)(uintptr_t)page_to_pa(pg) : NULL,
		      pg ? pg->flags : 0);
	pg->flags = PG_FREE;
	pg->refs = 0;
	s = arch_intr_save();
	c = this_cpu_cache();
#if SOLUTION(2)
	pg->next = c->head;
	c->head = pg;
	c->count++;
	if (c->count > FRAME_CACHE_MAX) {
		pool_put(&c->head, FRAME_BATCH);
		c->count -= FRAME_BATCH;
		c->drains++;
	}
#else
	/*
	 * LAB 2: push pg onto this CPU's cache c.  When the cache holds more
	 * than FRAME_CACHE_MAX frames, give FRAME_BATCH of them back to the
	 * pool with pool_put(&c->head, FRAME_BATCH) and count the drain in
	 * c->drains, so one CPU cannot hoard the free memory.
	 * Checked by: lab2_frame_batching, lab2_frame_cache.
	 */
	LAB_TODO(2, "frame_free: free into the per-CPU cache");
	pg->next = NULL;		/* slow: straight back to the pool */
	pool_put(&pg, 1);
	(void)c;
#endif
	arch_intr_restore(s);
}

void frame_get_stats(struct frame_stats *st)
{
	unsigned long s = arch_intr_save(), cached = 0;

	for (int i = 0; i < NCPU; i++)
		cached += caches[i].count;
	st->total = total_frames;
	st->reserved = reserved_frames;
	st->free = pool_count + cached + nruns * RUN_PAGES;
	st->cached = cached;
	st->allocated = total_frames - reserved_frames - st->free;
	arch_intr_restore(s);
}

/* ---- contiguous runs (slow path) ------------------------------------- */

/* Unlink pg from the pool list.  Pool lock held. */
static void pool_unlink(struct page *pg)
{
	struct page **pp = &pool_head;

	while (*pp != pg)
		pp = &(*pp)->next;
	*pp = pg->next;
	pool_count--;
}

/* Is the run of n descriptors from pg all in the pool?  Pool lock held,
 * every CPU cache drained into the pool first. */
static bool run_free(const struct page *pg, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (!(pg[i].flags & PG_FREE))
			return false;
	return true;
}

/* A cached run, marked allocated, or NULL.  Interrupts off. */
static struct page *take_cached_run(void)
{
	struct page *pg;

	if (!nruns)
		return NULL;
	pg = run_cache[--nruns];
	for (unsigned i = 0; i < RUN_PAGES; i++)
		pg[i].refs = 1;
	return pg;
}

struct page *frame_alloc_contig(unsigned n, unsigned flags)
{
	unsigned long s = arch_intr_save(), ls;
	struct page *found = n == RUN_PAGES ? take_cached_run() : NULL;

	if (found) {
		arch_intr_restore(s);
		for (unsigned i = 0; (flags & FRAME_ZERO) && i < n; i++)
			hat_zero_page(page_to_pa(&found[i]));
		return found;
	}

	/* Frames in a CPU cache are PG_FREE too: put them back in the pool
	 * so that every PG_FREE frame is on one list. */
	for (int c = 0; c < NCPU; c++) {
		pool_put(&caches[c].head, caches[c].count);
		caches[c].count = 0;
	}
	ls = spin_lock_irqsave(&pool_lock);
	runs_to_pool();		/* a cached run may be part of the one wanted */
	for (int r = 0; r < nranges && !found; r++)
		for (unsigned long i = 0; i + n <= ranges[r].npages && !found; i++)
			if (run_free(&ranges[r].pages[i], n))
				found = &ranges[r].pages[i];
	for (unsigned i = 0; found && i < n; i++) {
		pool_unlink(&found[i]);
		found[i].flags = PG_KERNEL;
		found[i].refs = 1;
		found[i].kmclass = KMCLASS_NONE;
		found[i].next = NULL;
	}
	spin_unlock_irqrestore(&pool_lock, ls);
	arch_intr_restore(s);
	for (unsigned i = 0; found && (flags & FRAME_ZERO) && i < n; i++)
		hat_zero_page(page_to_pa(&found[i]));
	return found;
}

void frame_free_contig(struct page *pg, unsigned n)
{
	unsigned long s = arch_intr_save();

	if (n == RUN_PAGES && nruns < RUN_CACHE) {
		/* Cached runs stay PG_KERNEL (off the pool's list), refs 0. */
		for (unsigned i = 0; i < n; i++) {
			if (pg[i].flags != PG_KERNEL || pg[i].refs != 1)
				panic("frame_free_contig: frame %p was not allocated",
				      (void *)(uintptr_t)page_to_pa(&pg[i]));
			pg[i].refs = 0;
		}
		run_cache[nruns++] = pg;
		arch_intr_restore(s);
		return;
	}
	arch_intr_restore(s);
	for (unsigned i = 0; i < n; i++)
		frame_free(&pg[i]);
}

/* For the lab-2 tests: this CPU's pool transfers so far. */
void frame_cache_counts(unsigned long *refills, unsigned long *drains)
{
	*refills = this_cpu_cache()->refills;
	*drains = this_cpu_cache()->drains;
}

/* ---- boot ------------------------------------------------------------ */

static bool overlaps(paddr_t a, paddr_t a_end, paddr_t b, paddr_t b_end)
{
	return a < b_end && b < a_end;
}

/* Is [pa, end) free of the kernel image and the reserved ranges? */
static bool usable(const struct bootinfo *bi, paddr_t pa, paddr_t end)
{
	if (pa == 0 || overlaps(pa, end, bi->kernel_start, bi->kernel_end))
		return false;	/* frame 0 too: a NULL-looking address */
	for (int i = 0; i < bi->nreserved; i++)
		if (overlaps(pa, end, bi->reserved[i].base,
			     bi->reserved[i].base + bi->reserved[i].size))
			return false;
	return true;
}

/* Find room for len bytes of descriptors in RAM, highest first. */
static paddr_t place_descriptors(const struct bootinfo *bi, size_t len)
{
	for (int i = bi->nranges - 1; i >= 0; i--) {
		paddr_t lo = PAGE_ROUNDUP(bi->ranges[i].base);
		paddr_t hi = PAGE_ROUNDDOWN(bi->ranges[i].base + bi->ranges[i].size);

		for (paddr_t pa = hi - len; pa >= lo && pa < hi; pa -= PAGE_SIZE)
			if (usable(bi, pa, pa + len))
				return pa;
	}
	panic("frame_init: no room for %zu bytes of page descriptors", len);
}

void frame_init(const struct bootinfo *bi)
{
	size_t need = 0;
	paddr_t desc_pa, desc_end;
	struct page *next;

	for (int i = 0; i < bi->nranges; i++) {
		paddr_t lo = PAGE_ROUNDUP(bi->ranges[i].base);
		paddr_t hi = PAGE_ROUNDDOWN(bi->ranges[i].base + bi->ranges[i].size);

		if (hi <= lo)
			continue;
		ranges[nranges].base = lo;
		ranges[nranges].npages = (hi - lo) >> PAGE_SHIFT;
		need += ranges[nranges].npages * sizeof(struct page);
		nranges++;
	}
	need = PAGE_ROUNDUP(need);
	desc_pa = place_descriptors(bi, need);
	desc_end = desc_pa + need;
	next = phys_to_kva(desc_pa);
	for (int i = 0; i < nranges; i++) {
		ranges[i].pages = next;
		next += ranges[i].npages;
	}
	/* Highest frames first onto the pool, so low frames come out first. */
	for (int i = nranges - 1; i >= 0; i--) {
		for (long j = (long)ranges[i].npages - 1; j >= 0; j--) {
			struct page *pg = &ranges[i].pages[j];
			paddr_t pa = ranges[i].base + ((paddr_t)j << PAGE_SHIFT);

			memset(pg, 0, sizeof(*pg));
			total_frames++;
			if (!usable(bi, pa, pa + PAGE_SIZE) ||
			    overlaps(pa, pa + PAGE_SIZE, desc_pa, desc_end)) {
				pg->flags = PG_RESERVED;
				reserved_frames++;
				continue;
			}
			pg->flags = PG_FREE;
			pg->next = pool_head;
			pool_head = pg;
			pool_count++;
		}
	}
	kprintf("frames: %lu KiB free of %lu KiB (%lu frames reserved)\n",
		(pool_count * PAGE_SIZE) >> 10, (total_frames * PAGE_SIZE) >> 10,
		reserved_frames);
}
