/*
 * kern/bootimage.h - the boot image: the files the boot loader hands the
 * kernel in one archive (QEMU -initrd, a GRUB module), made by
 * tools/mkbootimage.py.  Programs and data live here until Keel has a file
 * server; later the boot-image FR maps these files into address spaces.
 *
 * The image stays where the boot loader put it (its frames are reserved)
 * and is read through the direct map.  Every file starts on a page
 * boundary of physical memory, so its pages can be mapped directly.
 */
#ifndef KERN_BOOTIMAGE_H
#define KERN_BOOTIMAGE_H

#include "kern/types.h"

struct bootinfo;

struct bootfile {
	const char *name;
	paddr_t pa;		/* page-aligned */
	uint64_t size;
};

/* Find and check the boot image among bi's modules.  Returns the number
 * of files, 0 if there is no image, or a negative errno (-EINVAL) for a
 * malformed one (then no file is visible).  Called once by kmain. */
int bootimage_init(const struct bootinfo *bi);

/* The file called name: 0 and *f filled, or -ENOENT. */
int bootimage_find(const char *name, struct bootfile *f);

/* The i-th file (0-based): 0 and *f filled, or -ENOENT past the end. */
int bootimage_file(unsigned i, struct bootfile *f);

#endif
