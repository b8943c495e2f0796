/*
 * kern/file.c - a process's descriptor table (kern/file.h).
 *
 * Descriptors are indices into p->files; several may share one file
 * (the console's three, and after a fork the parent's and the child's),
 * counted in f->refs.  Only the process's own thread touches its table,
 * so the table needs no lock; the count is shared between processes, so
 * it changes atomically.
 */
#include "kern/errno.h"
#include "kern/file.h"
#include "mm/process.h"

void file_ref(struct file *f)
{
	__atomic_add_fetch(&f->refs, 1, __ATOMIC_RELAXED);
}

/* Drop a reference; the last one closes f. */
static void file_unref(struct file *f)
{
	if (__atomic_sub_fetch(&f->refs, 1, __ATOMIC_ACQ_REL) == 0)
		f->ops->close(f);
}

int file_install(struct process *p, struct file *f)
{
	for (int fd = 0; fd < PROC_MAX_FILES; fd++) {
		if (!p->files[fd]) {
			p->files[fd] = f;
			return fd;
		}
	}
	file_unref(f);
	return -EMFILE;
}

struct file *file_get(struct process *p, int fd)
{
	if (fd < 0 || fd >= PROC_MAX_FILES)
		return NULL;
	return p->files[fd];
}

int file_close(struct process *p, int fd)
{
	struct file *f = file_get(p, fd);

	if (!f)
		return -EBADF;
	p->files[fd] = NULL;
	file_unref(f);
	return 0;
}

void file_close_all(struct process *p)
{
	for (int fd = 0; fd < PROC_MAX_FILES; fd++)
		file_close(p, fd);
}

void file_dup_all(struct process *to, const struct process *from)
{
	for (int fd = 0; fd < PROC_MAX_FILES; fd++) {
		to->files[fd] = from->files[fd];
		if (to->files[fd])
			file_ref(to->files[fd]);
	}
}
