/*
 * mm/kmalloc.c - power-of-two size classes over whole frames.
 *
 * A frame given to a class is cut into equal objects, all put on the
 * class's free list; the frame's struct page remembers the class so that
 * kfree finds it from the address alone.
 */
#include "kern/panic.h"
#include "kern/spinlock.h"
#include "kern/string.h"
#include "mm/frame.h"
#include "mm/hat.h"
#include "mm/kmalloc.h"

#define MIN_SHIFT	4			/* 16 bytes */
#define NCLASSES	(PAGE_SHIFT - MIN_SHIFT + 1)	/* 16 .. PAGE_SIZE */

struct free_obj {
	struct free_obj *next;
};

static struct spinlock heap_lock = SPINLOCK_INIT("kmalloc");
static struct free_obj *free_lists[NCLASSES];
static unsigned long in_use, frames_held;

static int size_class(size_t size)
{
	int c = 0;

	while (((size_t)1 << (c + MIN_SHIFT)) < size)
		c++;
	return c;
}

/* Give class c a new frame's worth of objects.  Heap lock held. */
static bool grow(int c)
{
	struct page *pg = frame_alloc(0);
	size_t size = (size_t)1 << (c + MIN_SHIFT);
	char *base;

	if (!pg)
		return false;
	frames_held++;
	pg->kmclass = c;
	base = phys_to_kva(page_to_pa(pg));
	for (size_t off = 0; off + size <= PAGE_SIZE; off += size) {
		struct free_obj *o = (struct free_obj *)(base + off);

		o->next = free_lists[c];
		free_lists[c] = o;
	}
	return true;
}

void *kmalloc(size_t size)
{
	struct free_obj *o;
	unsigned long s;
	int c;

	if (size == 0 || size > PAGE_SIZE)
		return NULL;
	c = size_class(size);
	s = spin_lock_irqsave(&heap_lock);
	if (!free_lists[c] && !grow(c)) {
		spin_unlock_irqrestore(&heap_lock, s);
		return NULL;
	}
	o = free_lists[c];
	free_lists[c] = o->next;
	in_use++;
	spin_unlock_irqrestore(&heap_lock, s);
	return o;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void kfree(void *p)
{
	struct page *pg;
	struct free_obj *o = p;
	unsigned long s;

	if (!p)
		return;
	pg = pa_to_page(kva_to_phys(p));
	if (!pg || !(pg->flags & PG_KERNEL) || pg->kmclass >= NCLASSES ||
	    ((uintptr_t)p & (((size_t)1 << (pg->kmclass + MIN_SHIFT)) - 1)))
		panic("kfree(%p): not an object kmalloc returned", p);
	s = spin_lock_irqsave(&heap_lock);
	o->next = free_lists[pg->kmclass];
	free_lists[pg->kmclass] = o;
	in_use--;
	spin_unlock_irqrestore(&heap_lock, s);
}

unsigned long kmalloc_in_use(void)
{
	return in_use;
}

unsigned long kmalloc_frames(void)
{
	return frames_held;
}
