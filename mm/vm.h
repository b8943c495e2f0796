/*
 * mm/vm.h - the VM system's entry points: the page-fault path through
 * K42's objects (Process -> Region -> FCM -> HAT), and the mmap-like
 * calls that make and change Regions.  docs/vm.md tells the story.
 *
 * Each function takes the Process's lock itself: callers hold no VM lock.
 * Addresses and lengths are bytes; ranges must be page-aligned and inside
 * [USER_VA_MIN, USER_VA_MAX).  Errors are negative errnos (kern/errno.h).
 */
#ifndef MM_VM_H
#define MM_VM_H

#include "kern/types.h"
#include "mm/hat.h"

struct process;
struct fr;

/* What a faulting access wanted: the HAT's own bits, so the fault path
 * hands them to hat_enter unchanged. */
#define VM_ACCESS_READ	HAT_ACCESS_READ
#define VM_ACCESS_WRITE	HAT_ACCESS_WRITE
#define VM_ACCESS_EXEC	HAT_ACCESS_EXEC

/* The VM_ACCESS_* bit of a trapped access. */
static inline unsigned vm_access(bool write, bool exec)
{
	return exec ? VM_ACCESS_EXEC : write ? VM_ACCESS_WRITE : VM_ACCESS_READ;
}

/* Resolve a fault at va in p (the history of a page fault, docs/vm.md).
 * 0: the page is mapped, retry the access.  -EFAULT: no Region holds va
 * ("bad address").  -EACCES: the Region's protection forbids the access.
 * -EAGAIN: the Region is being destroyed.  -ENOMEM: no frame.  Called by
 * trap_memory (interrupts off) and by tests. */
int vm_fault(struct process *p, vaddr_t va, unsigned access);

/* The trap's entry (kern/trap.c, and the simulated MMU's hook): if va is
 * a user address and there is a current process whose hat is the active
 * one, vm_fault there.  True if the page is mapped now (retry the access);
 * false leaves the fault to the caller (a bad access). */
bool vm_fault_current(vaddr_t va, bool write, bool exec);

/* vm_map_anon's flags. */
#define VM_FIXED	0x1	/* exactly at addr, or fail with -EEXIST */

/* Map len bytes of fresh zero-filled memory with prot (HAT_PROT_*).
 * addr 0: pick the lowest free range aligned to align (0: a page).  addr
 * with VM_FIXED: exactly there, -EEXIST if any of it is mapped.  addr
 * without VM_FIXED: a hint, tried first.  Returns the address (user
 * addresses are below LONG_MAX on every arch), or -EINVAL (misaligned,
 * empty, outside the user range), -EEXIST, -ENOMEM (no room or no memory). */
long vm_map_anon(struct process *p, vaddr_t addr, size_t len, size_t align,
		 unsigned prot, unsigned flags);

/* Map len bytes of fr's offsets [offset, offset + len) with prot: a
 * memory object someone else made (the boot-image FR of a file, later a
 * file server's).  addr and flags as for vm_map_anon (alignment: a page);
 * offset page-aligned.  The Region takes its own reference to fr; the
 * caller keeps its own.  Faults past the end of the object fail as the
 * FCM says (-EFAULT).  Returns the address, or -EINVAL, -EEXIST, -ENOMEM,
 * or -EACCES if fr refuses prot (its prot_denied: a read-only file). */
long vm_map_file(struct process *p, vaddr_t addr, size_t len, unsigned prot,
		 unsigned flags, struct fr *fr, uint64_t offset);

/* Copy len bytes from the kernel's src to va in p's address space, which
 * need not be the current one, faulting pages in as writes: the Regions
 * must allow writing.  For filling a new process's memory (the ELF
 * loader's data).  0, or -EFAULT (no Region), -EACCES, -ENOMEM; a failed
 * copy may have written a part. */
int vm_write(struct process *p, vaddr_t va, const void *src, size_t len);

/* Remove [start, start + len): Regions partly inside are split at the
 * edges, the pieces inside destroyed, memory that no Region maps any more
 * freed.  Unmapped holes in the range are fine.  0 or -EINVAL, -ENOMEM (a
 * split could not get memory; the Regions are then unchanged, perhaps
 * split). */
int vm_unmap(struct process *p, vaddr_t start, size_t len);

/* Set the protection of [start, start + len), which must be mapped
 * entirely (-ENOMEM otherwise, as mprotect) by Regions whose FRs allow
 * prot (-EACCES otherwise, nothing changed).  Regions are split at the
 * edges and merged back with neighbours that end up alike.  Narrowing
 * takes effect at once (hat_protect, hat_update); widened access is
 * entered by the next fault. */
int vm_protect(struct process *p, vaddr_t start, size_t len, unsigned prot);

/* Make child's address space (empty, made by process_create, not yet
 * running) a logical copy of parent's: every Region is copied, memory
 * that is shared (read-only files) stays shared, and private memory
 * (computational, copy-on-write) is fork-copied (mm/forktree.h): nothing
 * is copied now, a page is copied at the first write to it by either
 * side.  0, or -ENOMEM (child then holds part of the copy: destroy it;
 * parent is unchanged, though its memory may be unmapped). */
int vm_fork(struct process *parent, struct process *child);

/* The Process whose address space user-range faults are resolved in: the
 * running thread's (kern/thread.h, thread->proc), so the scheduler
 * switches address spaces with threads.  vm_set_current binds the running
 * thread to p (NULL: none) and activates p's hat.  Before threads exist
 * (and in host tests) a single global plays the running thread's part. */
struct process *vm_current(void);
void vm_set_current(struct process *p);

/* How many Regions p has and how many pages they have resident (pages
 * an FCM holds for them, mapped or not). */
void vm_usage(struct process *p, unsigned long long *regions,
	      unsigned long long *resident);

/* Print p's Regions (one line each: range, prot, FR and FCM kind and
 * identity, resident pages), or with dot a Graphviz graph of them. */
void vm_print_regions(struct process *p, bool dot);

#endif
