/*
 * kern/file.h - open files: what a process's file descriptors refer to.
 *
 * A file is a small object with an operations table per kind, like the
 * VM objects: the console (kern/file_console.c: fds 0, 1, 2 of every
 * process) and read-only boot-image files (kern/file_bootimage.c, which
 * can also be mapped: the mmap system call asks the file for its FR).
 * Buffers are user addresses of the calling process: the kinds copy with
 * copyin/copyout (mm/uaccess.h), so a bad pointer is -EFAULT.
 *
 * Call from the owning process's thread, interrupts on.
 */
#ifndef KERN_FILE_H
#define KERN_FILE_H

#include "kern/types.h"

struct file;
struct fr;
struct process;
struct keel_stat;

struct file_ops {
	/* Read up to len bytes at the file's position into user buffer
	 * ubuf: bytes read (0 at the end), or -errno.  May sleep. */
	long (*read)(struct file *f, uintptr_t ubuf, size_t len);
	/* Write len bytes from user buffer ubuf: bytes written or -errno. */
	long (*write)(struct file *f, uintptr_t ubuf, size_t len);
	/* Fill *st (kernel memory). */
	void (*stat)(struct file *f, struct keel_stat *st);
	/* The memory object behind the file, with a reference the caller
	 * drops with fr_put; -ENODEV if it cannot be mapped. */
	int (*get_fr)(struct file *f, struct fr **frp);
	void (*fr_put)(struct fr *fr);
	/* The last descriptor went away. */
	void (*close)(struct file *f);
};

struct file {
	const struct file_ops *ops;
	unsigned refs;			/* descriptors referring to it */
	uint64_t pos;			/* read position */
};

/* Take one more reference to f (a new descriptor for it). */
void file_ref(struct file *f);

/* Give p the console as fds 0, 1 and 2.  0 or -ENOMEM. */
int file_open_console(struct process *p);

/* Open the boot-image file name read-only: a new file with one reference,
 * or NULL with *err = -ENOENT / -ENOMEM. */
struct file *file_open_bootimage(const char *name, int *err);

/* Put f in p's lowest free descriptor: the fd, or -EMFILE
 * (the table is full; f is then closed). */
int file_install(struct process *p, struct file *f);

/* The file behind p's descriptor fd, or NULL if fd is not open. */
struct file *file_get(struct process *p, int fd);

/* Close descriptor fd of p: 0 or -EBADF. */
int file_close(struct process *p, int fd);

/* Give to (which has no open file) every descriptor of from, referring
 * to the same files, read position included (fork). */
void file_dup_all(struct process *to, const struct process *from);

/* Close every descriptor of p (exit). */
void file_close_all(struct process *p);

#endif
