/*
 * mm/page.h - page frames and their descriptors.
 *
 * Every frame of RAM the kernel manages has a struct page.  Descriptors
 * live in one array per RAM range (mm/frame.c), so pa_to_page and
 * page_to_pa are arithmetic.  The VM objects (FCMs, later issues) hang
 * their per-page state here; the HAT records referenced/modified bits it
 * learns from hardware (page_note_refmod).
 */
#ifndef MM_PAGE_H
#define MM_PAGE_H

#include "kern/types.h"

#define PAGE_SHIFT	12
#define PAGE_SIZE	((size_t)1 << PAGE_SHIFT)
#define PAGE_MASK	(PAGE_SIZE - 1)
#define PAGE_ROUNDUP(x)	(((x) + PAGE_MASK) & ~(__typeof__(x))PAGE_MASK)
#define PAGE_ROUNDDOWN(x) ((x) & ~(__typeof__(x))PAGE_MASK)

/* struct page flags */
#define PG_FREE		0x01	/* on a free list */
#define PG_RESERVED	0x02	/* never allocated: kernel image, firmware, holes */
#define PG_KERNEL	0x04	/* allocated to the kernel (tables, heap) */
#define PG_REFERENCED	0x10	/* the HAT saw an access */
#define PG_MODIFIED	0x20	/* the HAT saw (or could not rule out) a write */

#define KMCLASS_NONE	0xffffffffu	/* not a kmalloc frame */

struct page {
	struct page *next;	/* free list link, or an FCM's page set chain */
	uint64_t offset;	/* the FCM offset it holds (mm/pageset.h) */
	uint32_t flags;
	uint32_t refs;		/* later: mappings/holders; 0 while free */
	uint32_t kmclass;	/* kmalloc's size class when it owns the frame */
};

struct bootinfo;

/* The descriptor of the frame containing pa, or NULL if pa is not RAM
 * the kernel manages. */
struct page *pa_to_page(paddr_t pa);

/* The physical address of the frame pg describes. */
paddr_t page_to_pa(const struct page *pg);

/* Record what the HAT learned about a frame's use (a harvest, or an entry
 * evicted from a hash table).  Safe from any context. */
void page_note_refmod(paddr_t pa, bool referenced, bool modified);

#endif
