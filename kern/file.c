/*
 * kern/file.c - a process's descriptor table (kern/file.h).
 *
 * Descriptors are indices into p->files; several may share one file
 * (the console's three), counted in f->refs.  Only the process's own
 * thread touches its table, so no lock is needed.
 */
#include "kern/errno.h"
#include "kern/file.h"
#include "mm/process.h"

int file_install(struct process *p, struct file *f)
{
	for (int fd = 0; fd < PROC_MAX_FILES; fd++) {
		if (!p->files[fd]) {
			p->files[fd] = f;
			return fd;
		}
	}
	if (--f->refs == 0)
		f->ops->close(f);
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
	if (--f->refs == 0)
		f->ops->close(f);
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
			to->files[fd]->refs++;
	}
}
