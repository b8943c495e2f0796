/*
 * mm/uaccess.h - the kernel touching user memory: copies between a kernel
 * buffer and user addresses of the current process (vm_current) that never
 * crash the kernel.  A bad user pointer -- outside the user range, wrapping
 * around, unmapped, or lacking the access (writing read-only memory) --
 * makes them return -EFAULT; faults on good pointers take the ordinary
 * path (Process -> Region -> FCM) and the copy goes on.
 *
 * They are built on the HAT's fault-tolerant 32-bit accessors
 * (hat_probe_read/hat_probe_write), a word at a time: portable and simple
 * rather than fast.  A partly covered word at either end of a copyout is
 * read, patched and written back, so another thread of the same process
 * writing those bytes at the same moment could lose its write: an arch may
 * replace these with a faster copy on its fault-fixup table later.
 *
 * Call with interrupts on or off, no VM lock held (faults take the
 * process's lock).
 */
#ifndef MM_UACCESS_H
#define MM_UACCESS_H

#include "kern/types.h"

/* Copy len bytes from user address src to dst.  0 or -EFAULT (dst may
 * then hold part of the data). */
int copyin(void *dst, vaddr_t src, size_t len);

/* Copy len bytes from src to user address dst.  0 or -EFAULT (part of the
 * user range may have been written). */
int copyout(vaddr_t dst, const void *src, size_t len);

/* Copy the NUL-terminated string at user address src into dst (size
 * bytes, terminator included).  0, -EFAULT, or -ENAMETOOLONG if no
 * terminator came within size bytes (dst then holds size-1 bytes and a
 * NUL). */
int copyinstr(char *dst, vaddr_t src, size_t size);

#endif
