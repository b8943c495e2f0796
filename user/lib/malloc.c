/*
 * user/lib/malloc.c - the heap: malloc, calloc, realloc and free over
 * memory from mmap.
 *
 * Small requests come from arenas, 128 KiB mmaps cut into blocks.  Every
 * block starts with a header; the payload the caller gets follows it.
 * Free blocks sit on one doubly-linked free list (the links live in the
 * free payload) and malloc takes the first that is big enough (first
 * fit), splitting off what it does not need.  free() merges a block with
 * free neighbours on both sides (coalescing), so memory freed in pieces
 * becomes one block again: the header records the size of the block
 * before it too, to find that neighbour.  An arena that becomes entirely
 * free goes back to the kernel, unless it is the last one.
 *
 * Requests of 64 KiB or more get an mmap of their own, munmapped on free.
 *
 * Headers carry a magic number that says what the block is; free()
 * checks it and dies on a pointer malloc never returned or one freed
 * twice, instead of quietly corrupting the heap.
 *
 *	arena:  | hdr | payload ... | hdr | payload ... | ... | end hdr |
 */
#include "ulib.h"

#define ALIGN		16		/* payload alignment, as C's malloc */
#define ARENA_SIZE	(128 * 1024)
#define BIG		(64 * 1024)	/* this or more: an mmap of its own */
#define PAGE		4096		/* mmap rounds up to pages anyway */

#define MAGIC_USED	0x5553ED01u	/* a block the program owns */
#define MAGIC_FREE	0xF5EEB10Cu	/* a block on the free list */
#define MAGIC_BIG	0xB16B10C5u	/* a request with its own mmap */
#define MAGIC_END	0xE4DA7E4Au	/* the marker closing an arena */

struct header {
	size_t size;		/* bytes in the block, this header included */
	size_t prev_size;	/* the block just before in the arena; 0: first */
	uint32_t magic;
} __attribute__((aligned(ALIGN)));	/* so payloads stay aligned */

#define HDR		sizeof(struct header)

/* What a free block holds in its payload: its place on the free list. */
struct links {
	struct header *next, *prev;
};

/* The smallest block: a header and room for the links. */
#define MIN_BLOCK	(HDR + ALIGN)

static struct header *free_list;	/* the first free block, or NULL */
static int arenas;			/* arenas mapped now */

static size_t round_up(size_t n, size_t to)
{
	return (n + to - 1) / to * to;
}

static struct links *links(struct header *h)
{
	return (struct links *)(h + 1);
}

static struct header *next_block(struct header *h)
{
	return (struct header *)((char *)h + h->size);
}

static struct header *prev_block(struct header *h)
{
	return (struct header *)((char *)h - h->prev_size);
}

static void list_insert(struct header *h)
{
	h->magic = MAGIC_FREE;
	links(h)->prev = NULL;
	links(h)->next = free_list;
	if (free_list)
		links(free_list)->prev = h;
	free_list = h;
}

static void list_remove(struct header *h)
{
	struct links *l = links(h);

	if (l->prev)
		links(l->prev)->next = l->next;
	else
		free_list = l->next;
	if (l->next)
		links(l->next)->prev = l->prev;
}

/* A new arena: one free block filling it, then the end marker. */
static int arena_new(void)
{
	struct header *h = mmap(NULL, ARENA_SIZE, PROT_READ | PROT_WRITE, MAP_ANON, -1, 0);
	struct header *end;

	if (mmap_failed(h))
		return -1;
	h->size = ARENA_SIZE - HDR;
	h->prev_size = 0;
	end = next_block(h);
	end->size = HDR;
	end->prev_size = h->size;
	end->magic = MAGIC_END;
	list_insert(h);
	arenas++;
	return 0;
}

/* Cut block h (already off the free list) down to size bytes, if what
 * is left is big enough to be a block of its own; that rest is freed. */
static void split(struct header *h, size_t size)
{
	struct header *rest;

	if (h->size - size < MIN_BLOCK)
		return;
	rest = (struct header *)((char *)h + size);
	rest->size = h->size - size;
	rest->prev_size = size;
	next_block(rest)->prev_size = rest->size;
	h->size = size;
	list_insert(rest);
}

static void *big_alloc(size_t n)
{
	size_t len = round_up(HDR + n, PAGE);
	struct header *h = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_ANON, -1, 0);

	if (mmap_failed(h))
		return NULL;
	h->size = len;
	h->prev_size = 0;
	h->magic = MAGIC_BIG;
	return h + 1;
}

static struct header *first_fit(size_t size)
{
	struct header *h;

	for (h = free_list; h; h = links(h)->next)
		if (h->size >= size)
			return h;
	return NULL;
}

void *malloc(size_t n)
{
	struct header *h;
	size_t size;

	if (n > (size_t)-1 - HDR - PAGE)	/* would overflow the sums below */
		return NULL;
	if (n >= BIG)
		return big_alloc(n);
	size = round_up(HDR + n, ALIGN);
	if (size < MIN_BLOCK)
		size = MIN_BLOCK;
	h = first_fit(size);
	if (!h) {
		if (arena_new() < 0)
			return NULL;
		h = first_fit(size);
	}
	list_remove(h);
	split(h, size);
	h->magic = MAGIC_USED;
	return h + 1;
}

/* n * size can overflow size_t: then the caller gets nothing rather
 * than a block smaller than it thinks. */
void *calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > (size_t)-1 / size)
		return NULL;
	p = malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

/* The header of a pointer free() or realloc() got, after checking that
 * it is one malloc handed out and has not been freed since. */
static struct header *checked_header(void *p, const char *who)
{
	struct header *h = (struct header *)p - 1;

	if ((uintptr_t)p % ALIGN != 0)
		die("%s: bad pointer %p (not from malloc)", who, p);
	if (h->magic == MAGIC_FREE)
		die("%s: %p was already freed", who, p);
	if (h->magic != MAGIC_USED && h->magic != MAGIC_BIG)
		die("%s: bad pointer %p (not from malloc, or heap corrupted)", who, p);
	return h;
}

/* Merge h with its successor, which the caller knows is free. */
static void absorb_next(struct header *h)
{
	struct header *n = next_block(h);

	list_remove(n);
	h->size += n->size;
	n->magic = 0;		/* a stale pointer to n is no block now */
	next_block(h)->prev_size = h->size;
}

/* Give an arena that is one free block back to the kernel, keeping one
 * so that a program that frees and mallocs in turn does not mmap each
 * time. */
static void maybe_release(struct header *h)
{
	if (h->prev_size != 0 || next_block(h)->magic != MAGIC_END || arenas <= 1)
		return;
	list_remove(h);
	arenas--;
	munmap(h, h->size + HDR);
}

void free(void *p)
{
	struct header *h;

	if (!p)
		return;
	h = checked_header(p, "free");
	if (h->magic == MAGIC_BIG) {
		h->magic = 0;
		munmap(h, h->size);
		return;
	}
	list_insert(h);
	if (next_block(h)->magic == MAGIC_FREE)
		absorb_next(h);
	if (h->prev_size && prev_block(h)->magic == MAGIC_FREE) {
		h = prev_block(h);
		absorb_next(h);
	}
	maybe_release(h);
}

/* Can h (a small, used block) hold size bytes without moving, maybe by
 * taking in a free block after it?  Then make it so. */
static int grow_in_place(struct header *h, size_t size)
{
	struct header *n = next_block(h);

	if (h->size < size && n->magic == MAGIC_FREE && h->size + n->size >= size)
		absorb_next(h);
	if (h->size < size)
		return 0;
	split(h, size);		/* a shrink gives back the tail */
	if (next_block(h)->magic == MAGIC_FREE && next_block(next_block(h))->magic == MAGIC_FREE)
		absorb_next(next_block(h));	/* the tail meets a free block */
	return 1;
}

void *realloc(void *p, size_t n)
{
	struct header *h;
	size_t have;
	void *q;

	if (!p)
		return malloc(n);
	if (n == 0) {
		free(p);
		return NULL;
	}
	h = checked_header(p, "realloc");
	if (h->magic == MAGIC_USED && n < BIG &&
	    grow_in_place(h, n + HDR < MIN_BLOCK ? MIN_BLOCK : round_up(HDR + n, ALIGN)))
		return p;
	have = h->size - HDR;
	if (h->magic == MAGIC_BIG && n >= BIG && n <= have)
		return p;	/* still fits its mapping */
	q = malloc(n);
	if (!q)
		return NULL;	/* p is still the caller's */
	memcpy(q, p, have < n ? have : n);
	free(p);
	return q;
}
