/*
 * mm/fcm_bootimage.c - the boot-image FCM: the page cache of a file of the
 * boot image (kern/bootimage.h) is the image itself.  The boot loader put
 * every file on a page boundary and tools/mkbootimage.py padded its last
 * page with zeros, so offset off of the file is the frame at file.pa + off
 * and nothing is ever read, copied or freed: the frames are reserved, not
 * the frame allocator's.
 *
 * The same frames are mapped by every Region of every Process that maps
 * the file, so they must never be written: Regions with write access are
 * refused (the FR's prot_denied keeps them from being made; map_page
 * checks again, because fcm_enter maps with the Region's protection).
 *
 * Locking: attach and detach run under the boot-image FR's lock (the
 * Region list is shared between Processes); map_page and resident read
 * only what never changes after creation.
 */
#include "kern/bootimage.h"
#include "kern/errno.h"
#include "mm/fcm.h"
#include "mm/hat.h"
#include "mm/kmalloc.h"
#include "mm/region.h"
#include "mm/vm.h"

struct fcm_boot {
	struct fcm fcm;			/* first: the generic part */
	paddr_t pa;			/* the file's first frame */
	uint64_t pages;			/* its size in pages, the padding included */
};

static const struct fcm_boot *to_boot(const struct fcm *f)
{
	return (const struct fcm_boot *)f;
}

static void boot_attach(struct fcm *f, struct region *r)
{
	fcm_link_region(f, r);
}

/* The FCM outlives its Regions: its FR frees it (fcm_bootimage_destroy). */
static bool boot_detach(struct fcm *f, struct region *r)
{
	fcm_unlink_region(f, r);
	return false;
}

static int boot_map_page(struct fcm *f, struct region *r, vaddr_t va, unsigned access)
{
	const struct fcm_boot *b = to_boot(f);
	uint64_t off = region_offset_of(r, va);

	if ((access & VM_ACCESS_WRITE) || (r->prot & HAT_PROT_WRITE))
		return -EACCES;		/* every Process shares these frames */
	if (off >> PAGE_SHIFT >= b->pages)
		return -EFAULT;		/* past the end of the file */
	return fcm_enter(r, va, b->pa + off, r->prot, access);
}

/* For a copy-on-write FCM over the file: the image's frame, as is. */
static int boot_find_page(struct fcm *f, struct region *r, uint64_t off, paddr_t *pa)
{
	const struct fcm_boot *b = to_boot(f);

	(void)r;
	if (off >> PAGE_SHIFT >= b->pages)
		return -EFAULT;		/* past the end of the file */
	*pa = b->pa + off;
	return 0;
}

/* The frames are the image's: nothing to give back. */
static void boot_release(struct fcm *f, struct region *r)
{
	(void)f;
	(void)r;
}

/* Every page of the file is always there. */
static unsigned long boot_resident(const struct fcm *f, uint64_t off, uint64_t len)
{
	uint64_t end = to_boot(f)->pages << PAGE_SHIFT;

	if (off >= end)
		return 0;
	return (unsigned long)((MIN(len, end - off) + PAGE_MASK) >> PAGE_SHIFT);
}

static const struct fcm_ops boot_fcm_ops = {
	.kind = "bootimage",
	.attach = boot_attach,
	.detach = boot_detach,
	.map_page = boot_map_page,
	.release = boot_release,
	.resident = boot_resident,
	.find_page = boot_find_page,
};

struct fcm *fcm_bootimage_create(struct fr *fr, const struct bootfile *file)
{
	struct fcm_boot *b = kzalloc(sizeof(*b));

	if (!b)
		return NULL;
	b->fcm.ops = &boot_fcm_ops;
	b->fcm.fr = fr;
	b->pa = file->pa;
	b->pages = (file->size + PAGE_MASK) >> PAGE_SHIFT;
	return &b->fcm;
}

void fcm_bootimage_destroy(struct fcm *f)
{
	kfree((struct fcm_boot *)f);
}
