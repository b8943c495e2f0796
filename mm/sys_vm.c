/*
 * mm/sys_vm.c - the memory system calls: mmap, munmap, mprotect and
 * memstats, regions (docs/syscalls.md), thin checks over mm/vm.h.
 */
#include "kern/arch.h"
#include "kern/errno.h"
#include "kern/file.h"
#include "kern/proc.h"
#include "kern/string.h"
#include "kern/syscall.h"
#include "mm/fcm.h"
#include "mm/forktree.h"
#include "mm/fr.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "mm/process.h"
#include "mm/uaccess.h"
#include "mm/vm.h"

#include "kern/abi/syscall.h"

_Static_assert(PROT_READ == HAT_PROT_READ && PROT_WRITE == HAT_PROT_WRITE &&
	       PROT_EXEC == HAT_PROT_EXEC, "the ABI's PROT_* are the HAT's bits");

#define PROT_ALL	(PROT_READ | PROT_WRITE | PROT_EXEC)

/* Round a user length up to pages; 0 if it is 0 or would overflow. */
static size_t page_len(uintptr_t len)
{
	if (len == 0 || len > USER_VA_MAX)
		return 0;
	return PAGE_ROUNDUP(len);
}

/* Where a new anonymous mapping goes when placement is free: a big one
 * starts on a HAT segment boundary (a page table's span: 2 MiB on x86),
 * so it shares no table with its neighbours and the HAT can drop whole
 * tables of it at once (a fork's hat_drop). */
static size_t anon_align(size_t len)
{
	return len >= HAT_SEGMENT_SIZE ? HAT_SEGMENT_SIZE : 0;
}

/* Map a private, copy-on-write copy of fr's [off, off + len). */
static long map_private(struct process *p, uintptr_t addr, size_t len, unsigned prot,
			unsigned vmflags, struct fr *fr, uintptr_t off)
{
	struct fr *copy;
	long va;
	int e = fr_crw_create(fr, off, len, &copy);

	if (e)
		return e;
	va = vm_map_file(p, addr, len, prot, vmflags, copy, off);
	fr_unref(copy);			/* the Region holds its own reference */
	return va;
}

/* mmap of a file: its FR (shared, as the file allows) or a private copy,
 * from offset off. */
static long map_file(struct process *p, uintptr_t addr, size_t len, unsigned prot,
		     unsigned vmflags, bool private, int fd, uintptr_t off)
{
	struct file *f = file_get(p, fd);
	struct fr *fr;
	long va;
	int e;

	if (!f)
		return -EBADF;
	if (off & PAGE_MASK)
		return -EINVAL;
	if ((e = f->ops->get_fr(f, &fr)) != 0)
		return e;
	if (private)
		va = map_private(p, addr, len, prot, vmflags, fr, off);
	else
		va = vm_map_file(p, addr, len, prot, vmflags, fr, off);
	f->ops->fr_put(fr);		/* the Region holds its own reference */
	return va;
}

long sys_mmap(const uintptr_t a[6])
{
	struct process *p = proc_current();
	uintptr_t addr = a[0];
	size_t len = page_len(a[1]);
	unsigned prot = a[2], flags = a[3];
	unsigned vmflags = (flags & MAP_FIXED) ? VM_FIXED : 0;

	if (!len || (prot & ~PROT_ALL) || (flags & ~(MAP_FIXED | MAP_ANON | MAP_PRIVATE)) ||
	    (addr & PAGE_MASK))
		return -EINVAL;
	if (flags & MAP_ANON)		/* private by nature */
		return vm_map_anon(p, addr, len, anon_align(len), prot, vmflags);
	return map_file(p, addr, len, prot, vmflags, flags & MAP_PRIVATE, (int)a[4], a[5]);
}

long sys_munmap(const uintptr_t a[6])
{
	size_t len = page_len(a[1]);

	if (!len || (a[0] & PAGE_MASK))
		return -EINVAL;
	return vm_unmap(proc_current(), a[0], len);
}

long sys_mprotect(const uintptr_t a[6])
{
	size_t len = page_len(a[1]);

	if (!len || (a[0] & PAGE_MASK) || (a[2] & ~PROT_ALL))
		return -EINVAL;
	return vm_protect(proc_current(), a[0], len, a[2]);
}

long sys_memstats(const uintptr_t a[6])
{
	struct process *p = proc_current();
	struct keel_memstats st;
	struct frame_stats fs;
	struct fork_stats fk;

	frame_get_stats(&fs);
	memset(&st, 0, sizeof(st));
	st.page_size = PAGE_SIZE;
	st.frames_total = fs.total;
	st.frames_free = fs.free;
	st.kheap_bytes = (unsigned long long)kmalloc_frames() * PAGE_SIZE;
	st.processes = proc_count();
	vm_usage(p, &st.regions, &st.resident);
	fork_get_stats(&fk);
	st.fork_nodes = fk.nodes;
	st.fork_collapses = fk.collapses;
	st.cow_copies = fk.copies + fcm_crw_copies();
	st.cow_takes = fk.takes;
	return copyout(a[0], &st, sizeof(st)) ? -EFAULT : 0;
}

/* Print the Regions of process a[0] (0: the caller) on the console, as a
 * table or (a[1] != 0) a Graphviz graph: the `regions` program. */
long sys_regions(const uintptr_t a[6])
{
	/* Interrupts off from lookup to print: the process cannot exit and
	 * be freed in between. */
	unsigned long s = arch_intr_save();
	struct process *p = a[0] ? proc_find((int)a[0]) : proc_current();
	long e = -ESRCH;

	if (p && p->state == PROC_ALIVE) {
		vm_print_regions(p, a[1] != 0);
		e = 0;
	}
	arch_intr_restore(s);
	return e;
}
