/*
 * kern/bootimage.c - reading the boot image (kern/bootimage.h).
 *
 * The format's numbers are little-endian on every arch, so they are read
 * byte by byte; the header is checked whole before any file is believed.
 */
#include "kern/bootimage.h"
#include "kern/bootinfo.h"
#include "kern/errno.h"
#include "kern/monitor.h"
#include "kern/printf.h"
#include "kern/string.h"
#include "mm/hat.h"

#define MAGIC		"KEELBOOT"
#define VERSION		1
#define NAME_MAX	48
#define HEADER_SIZE	16
#define ENTRY_SIZE	(NAME_MAX + 16)

static const uint8_t *image;	/* through the direct map */
static paddr_t image_pa;
static uint64_t image_size;
static unsigned nfiles;

static uint64_t le(const uint8_t *p, int bytes)
{
	uint64_t v = 0;

	for (int i = bytes - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* Is entry i well formed: a terminated name, page-aligned data inside the
 * image? */
static bool entry_ok(unsigned i)
{
	const uint8_t *e = image + HEADER_SIZE + i * ENTRY_SIZE;
	uint64_t off = le(e + NAME_MAX, 8), size = le(e + NAME_MAX + 8, 8);

	return strnlen((const char *)e, NAME_MAX) < NAME_MAX && e[0] &&
	       off % PAGE_SIZE == 0 && off <= image_size && size <= image_size - off;
}

static int check(const struct bootmodule *m)
{
	const uint8_t *p = phys_to_kva(m->base);
	unsigned count;

	if (m->size < HEADER_SIZE || memcmp(p, MAGIC, 8) != 0)
		return 0;		/* some other module: not ours */
	count = (unsigned)le(p + 8, 4);
	if (le(p + 12, 4) != VERSION || m->base % PAGE_SIZE ||
	    (uint64_t)count * ENTRY_SIZE > m->size - HEADER_SIZE)
		return -EINVAL;
	image = p;
	image_pa = m->base;
	image_size = m->size;
	for (unsigned i = 0; i < count; i++)
		if (!entry_ok(i)) {
			image = NULL;
			return -EINVAL;
		}
	nfiles = count;
	return (int)count;
}

int bootimage_init(const struct bootinfo *bi)
{
	for (int i = 0; i < bi->nmodules; i++) {
		int r = check(&bi->modules[i]);

		if (r < 0)
			kprintf("bootimage: module %d is a malformed boot image, ignored\n", i);
		if (r > 0)
			kprintf("bootimage: %d file(s), %llu KiB\n", r,
				(unsigned long long)(image_size >> 10));
		if (r != 0)
			return r;
	}
	return 0;
}

int bootimage_file(unsigned i, struct bootfile *f)
{
	const uint8_t *e;

	if (!image || i >= nfiles)
		return -ENOENT;
	e = image + HEADER_SIZE + i * ENTRY_SIZE;
	f->name = (const char *)e;
	f->pa = image_pa + le(e + NAME_MAX, 8);
	f->size = le(e + NAME_MAX + 8, 8);
	return 0;
}

int bootimage_find(const char *name, struct bootfile *f)
{
	for (unsigned i = 0; bootimage_file(i, f) == 0; i++)
		if (strcmp(f->name, name) == 0)
			return 0;
	return -ENOENT;
}

MONITOR_CMD(ls, "list the files of the boot image")
{
	struct bootfile f;

	if (!image) {
		kprintf("no boot image (boot with QEMU -initrd or a GRUB module)\n");
		return 1;
	}
	for (unsigned i = 0; bootimage_file(i, &f) == 0; i++)
		kprintf("  %-32s %8llu bytes at %#llx\n", f.name,
			(unsigned long long)f.size, (unsigned long long)f.pa);
	return 0;
}
