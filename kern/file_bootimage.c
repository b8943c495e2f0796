/*
 * kern/file_bootimage.c - boot-image files opened by open(): read-only,
 * read straight from the image through the direct map, and mappable via
 * the file's boot-image FR (mm/fr.h), the same one the ELF loader maps
 * programs from, so a file mapped twice shares its frames.
 */
#include "kern/bootimage.h"
#include "kern/errno.h"
#include "kern/file.h"
#include "mm/fr.h"
#include "mm/hat.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"

#include "kern/abi/syscall.h"

struct bootimage_file {
	struct file file;
	struct bootfile bf;		/* name, physical address, size */
};

static struct bootfile *bf_of(struct file *f)
{
	return &((struct bootimage_file *)f)->bf;
}

static long bootimage_read(struct file *f, uintptr_t ubuf, size_t len)
{
	struct bootfile *bf = bf_of(f);
	const char *data = phys_to_kva(bf->pa);

	if (f->pos >= bf->size)
		return 0;
	if (len > bf->size - f->pos)
		len = bf->size - f->pos;
	if (copyout(ubuf, data + f->pos, len) != 0)
		return -EFAULT;
	f->pos += len;
	return len;
}

static long bootimage_write(struct file *f, uintptr_t ubuf, size_t len)
{
	(void)f;
	(void)ubuf;
	(void)len;
	return -EBADF;			/* opened read-only */
}

static void bootimage_stat(struct file *f, struct keel_stat *st)
{
	st->size = bf_of(f)->size;
	st->kind = KEEL_FILE_BOOTIMAGE;
}

static int bootimage_get_fr(struct file *f, struct fr **frp)
{
	return fr_bootimage_get(bf_of(f)->name, frp);
}

static void bootimage_close(struct file *f)
{
	kfree(f);
}

static const struct file_ops bootimage_ops = {
	.read = bootimage_read,
	.write = bootimage_write,
	.stat = bootimage_stat,
	.get_fr = bootimage_get_fr,
	.fr_put = fr_bootimage_put,
	.close = bootimage_close,
};

struct file *file_open_bootimage(const char *name, int *err)
{
	struct bootimage_file *bfile;
	struct bootfile bf;

	if ((*err = bootimage_find(name, &bf)) != 0)
		return NULL;
	bfile = kzalloc(sizeof(*bfile));
	if (!bfile) {
		*err = -ENOMEM;
		return NULL;
	}
	bfile->file = (struct file){ .ops = &bootimage_ops, .refs = 1 };
	bfile->bf = bf;
	return &bfile->file;
}
