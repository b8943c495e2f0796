/*
 * mm/kmalloc.h - the kernel heap, for objects smaller than a page.
 *
 * Sizes are rounded up to a power of two from 16 to PAGE_SIZE bytes; each
 * size class carves whole frames (through the direct map) into objects.
 * Larger requests fail: the kernel asks for frames directly for those.
 */
#ifndef MM_KMALLOC_H
#define MM_KMALLOC_H

#include "kern/types.h"

/* size bytes, aligned to the size class (at least 16); NULL if size is 0,
 * more than PAGE_SIZE, or memory ran out.  Never sleeps. */
void *kmalloc(size_t size);

/* The same, filled with zeroes. */
void *kzalloc(size_t size);

/* Free what kmalloc returned (NULL is ignored).  Frames whose objects are
 * all free stay with their class for reuse. */
void kfree(void *p);

/* Objects in use, and frames the heap holds (it keeps them for reuse),
 * for leak checks in tests. */
unsigned long kmalloc_in_use(void);
unsigned long kmalloc_frames(void);

#endif
