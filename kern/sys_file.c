/*
 * kern/sys_file.c - the file system calls: read, write, open, close,
 * fstat, readdir (docs/syscalls.md).  The work is the file kinds' (kern/file.h);
 * these check descriptors and copy names and structs.
 */
#include "kern/bootimage.h"
#include "kern/errno.h"
#include "kern/file.h"
#include "kern/proc.h"
#include "kern/string.h"
#include "kern/syscall.h"
#include "mm/process.h"
#include "mm/uaccess.h"

#include "kern/abi/syscall.h"

/* Lengths beyond this are refused rather than risking sign trouble. */
#define IO_MAX	((size_t)1 << 30)

long sys_read(const uintptr_t a[6])
{
	struct file *f = file_get(proc_current(), (int)a[0]);

	if (!f)
		return -EBADF;
	if (a[2] > IO_MAX)
		return -EINVAL;
	return f->ops->read(f, a[1], a[2]);
}

long sys_write(const uintptr_t a[6])
{
	struct file *f = file_get(proc_current(), (int)a[0]);

	if (!f)
		return -EBADF;
	if (a[2] > IO_MAX)
		return -EINVAL;
	return f->ops->write(f, a[1], a[2]);
}

long sys_open(const uintptr_t a[6])
{
	char path[PATH_MAX];
	struct file *f;
	int e;

	if ((e = copyinstr(path, a[0], sizeof(path))) != 0)
		return e;
	if (a[1] != O_RDONLY)
		return -EINVAL;
	if (!(f = file_open_bootimage(path, &e)))
		return e;
	return file_install(proc_current(), f);
}

long sys_close(const uintptr_t a[6])
{
	return file_close(proc_current(), (int)a[0]);
}

long sys_fstat(const uintptr_t a[6])
{
	struct file *f = file_get(proc_current(), (int)a[0]);
	struct keel_stat st;

	if (!f)
		return -EBADF;
	memset(&st, 0, sizeof(st));
	f->ops->stat(f, &st);
	return copyout(a[1], &st, sizeof(st)) ? -EFAULT : 0;
}

/* The name of boot-image file number a[0], copied to a[1] (a[2] bytes):
 * its length, -ENOENT past the last file, -ERANGE if it does not fit. */
long sys_readdir(const uintptr_t a[6])
{
	struct bootfile bf;
	size_t n;

	if (a[0] > 0xffff || bootimage_file(a[0], &bf) != 0)
		return -ENOENT;
	n = strlen(bf.name);
	if (n + 1 > a[2])
		return -ERANGE;
	return copyout(a[1], bf.name, n + 1) ? -EFAULT : (long)n;
}
