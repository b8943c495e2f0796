/*
 * mm/vm.c - the fault path and the mmap-like calls (mm/vm.h).
 */
#include "kern/arch.h"
#include "kern/errno.h"
#include "kern/lab.h"
#include "kern/string.h"
#include "kern/thread.h"
#include "mm/fr.h"
#include "mm/hat.h"
#include "mm/process.h"
#include "mm/region.h"
#include "mm/vm.h"

/* The process of code that runs outside any thread: before thread_init,
 * and in the host tests, which have no threads. */
static struct process *threadless;

struct process *vm_current(void)
{
	struct thread *t = thread_current();

	return t ? t->proc : threadless;
}

void vm_set_current(struct process *p)
{
	struct thread *t = thread_current();
	unsigned long s = arch_intr_save();	/* no switch between the two */

	hat_switch(p ? p->hat : NULL);
	if (t)
		t->proc = p;
	else
		threadless = p;
	arch_intr_restore(s);
}

int vm_fault(struct process *p, vaddr_t va, unsigned access)
{
	unsigned long s = spin_lock_irqsave(&p->lock);
	int e;

	/*
	 * The lock is held across the whole fault: nothing below sleeps yet.
	 * When an FCM can wait for a page-in, it drops the lock around the
	 * wait and the Region's request count keeps the Region alive.
	 */
#if SOLUTION(3)
	struct region *r = regionmap_lookup(&p->map, va);

	e = r ? region_fault(r, va, access) : -EFAULT;
#else
	/*
	 * LAB 3: the Process's part of a fault: find the Region holding va in
	 * p's region map; none means a bad address (-EFAULT).  Otherwise the
	 * Region handles it (region_fault) and its result is the fault's.
	 * Checked by: lab3_zero_fill, lab3_fault_errors.
	 */
	(void)va;
	(void)access;
	LAB_TODO(3, "vm_fault: find the Region and let it handle the fault");
	e = -ENOSYS;
#endif
	spin_unlock_irqrestore(&p->lock, s);
	return e;
}

bool vm_fault_current(vaddr_t va, bool write, bool exec)
{
	struct process *p = vm_current();

	/* A hat activated behind the VM's back (the HAT tests do) is not
	 * the current process's: faults there are not ours to resolve. */
	if (!p || p->hat != hat_current() || va < USER_VA_MIN || va >= USER_VA_MAX)
		return false;
	return vm_fault(p, va, vm_access(write, exec)) == 0;
}

/* [start, start + len) is a non-empty page-aligned user range. */
static bool user_range_ok(vaddr_t start, size_t len)
{
	return len && !(start & PAGE_MASK) && !(len & PAGE_MASK) &&
	       start >= USER_VA_MIN && start < USER_VA_MAX &&
	       len <= USER_VA_MAX - start;
}

/* Where a new mapping of len bytes goes: addr if it must or can, else the
 * lowest hole.  0 or -errno. */
static int place(struct process *p, vaddr_t addr, size_t len, size_t align,
		 unsigned flags, vaddr_t *va)
{
	if (addr && regionmap_range_free(&p->map, addr, addr + len)) {
		*va = addr;
		return 0;
	}
	if (flags & VM_FIXED)
		return -EEXIST;
	return regionmap_find_free(&p->map, len, align, USER_VA_MIN, USER_VA_MAX, va);
}

/* Map [addr, addr + len) (placed as vm_map_anon says) onto fr's offsets
 * from offset on.  The arguments are checked, except against fr.  The
 * Region takes its own reference to fr.  The address or -errno. */
static long map_fr(struct process *p, vaddr_t addr, size_t len, size_t align,
		   unsigned prot, unsigned flags, struct fr *fr, uint64_t offset)
{
	struct region *r;
	unsigned long s;
	vaddr_t va;
	int e;

	s = spin_lock_irqsave(&p->lock);
	e = place(p, addr, len, align, flags, &va);
	r = e ? NULL : region_create(p, va, va + len, fr, offset, prot);
	if (!e && !r)
		e = -ENOMEM;
	if (!e) {
		e = regionmap_insert(&p->map, r);
		if (e)
			region_free(r);
	}
	spin_unlock_irqrestore(&p->lock, s);
	return e ? e : (long)va;
}

/* The checks vm_map_anon and vm_map_file share.  0 or -EINVAL. */
static int map_args_ok(vaddr_t addr, size_t len, size_t align, unsigned prot,
		       unsigned flags)
{
	if ((addr || (flags & VM_FIXED)) && !user_range_ok(addr, len))
		return -EINVAL;
	if (!user_range_ok(USER_VA_MIN, len) || (align & (align - 1)) || (align & PAGE_MASK) ||
	    (prot & ~HAT_PROT_ALL))
		return -EINVAL;
	return 0;
}

long vm_map_anon(struct process *p, vaddr_t addr, size_t len, size_t align,
		 unsigned prot, unsigned flags)
{
	struct fr *fr;
	long e;

	align = align ? align : PAGE_SIZE;
	e = map_args_ok(addr, len, align, prot, flags);
	if (e)
		return e;
	fr = fr_comp_create();
	if (!fr)
		return -ENOMEM;
	e = map_fr(p, addr, len, align, prot, flags, fr, 0);
	fr_unref(fr);		/* the Region holds its own reference */
	return e;
}

long vm_map_file(struct process *p, vaddr_t addr, size_t len, unsigned prot,
		 unsigned flags, struct fr *fr, uint64_t offset)
{
	long e = map_args_ok(addr, len, PAGE_SIZE, prot, flags);

	if (e)
		return e;
	if (offset & PAGE_MASK)
		return -EINVAL;
	if (prot & fr->prot_denied)
		return -EACCES;
	return map_fr(p, addr, len, PAGE_SIZE, prot, flags, fr, offset);
}

int vm_write(struct process *p, vaddr_t va, const void *src, size_t len)
{
	const uint8_t *from = src;
	unsigned long s = spin_lock_irqsave(&p->lock);
	int e = 0;

	/* One lock hold per call: between the fault that makes the page
	 * resident and the copy, nothing can take the translation away. */
	while (len && !e) {
		size_t n = MIN(len, PAGE_SIZE - (va & PAGE_MASK));
		struct region *r = regionmap_lookup(&p->map, va);
		struct hat_mapping m;

		e = r ? region_fault(r, va, VM_ACCESS_WRITE) : -EFAULT;
		if (!e && !hat_extract(p->hat, PAGE_ROUNDDOWN(va), &m))
			e = -EFAULT;	/* the HAT dropped it at once: should not happen */
		if (!e) {
			memcpy((uint8_t *)phys_to_kva(m.pa) + (va & PAGE_MASK), from, n);
			va += n;
			from += n;
			len -= n;
		}
	}
	spin_unlock_irqrestore(&p->lock, s);
	return e;
}

/* Split the Regions straddling start or end so that every Region is
 * either inside [start, end) or outside it.  0 or -ENOMEM. */
static int split_edges(struct process *p, vaddr_t start, vaddr_t end)
{
	struct region *r = regionmap_lookup(&p->map, start);
	int e = 0;

	if (r && r->start < start)
		e = region_split(r, start);
	r = regionmap_lookup(&p->map, end);
	if (!e && r && r->start < end)
		e = region_split(r, end);
	return e;
}

int vm_unmap(struct process *p, vaddr_t start, size_t len)
{
	vaddr_t end = start + len;
	struct region *r;
	unsigned long s;
	int e;

	if (!user_range_ok(start, len))
		return -EINVAL;
	s = spin_lock_irqsave(&p->lock);
	e = split_edges(p, start, end);
	while (!e && (r = regionmap_next(&p->map, start)) && r->start < end)
		region_destroy(r, REGION_RELEASE);
	spin_unlock_irqrestore(&p->lock, s);
	return e;
}

/* Can [start, end) take prot?  0 if Regions cover it without a hole and
 * none has an FR that denies prot; -ENOMEM (a hole), -EACCES. */
static int range_protectable(struct process *p, vaddr_t start, vaddr_t end, unsigned prot)
{
	vaddr_t at = start;

	for (struct region *r = regionmap_next(&p->map, at); r && r->start <= at && at < end;
	     r = regionmap_next(&p->map, at)) {
		if (prot & r->fr->prot_denied)
			return -EACCES;
		at = r->end;
	}
	return at >= end ? 0 : -ENOMEM;
}

/* Merge the Regions of [start, end) and their two outer neighbours
 * wherever they became alike. */
static void merge_around(struct process *p, vaddr_t start, vaddr_t end)
{
	struct region *a = start > USER_VA_MIN ? regionmap_lookup(&p->map, start - 1) : NULL;
	struct region *b;

	if (!a)
		a = regionmap_next(&p->map, start);
	while (a && (b = regionmap_next(&p->map, a->end)) && b->start <= end) {
		if (region_can_merge(a, b))
			region_merge(a, b);
		else
			a = b;
	}
}

int vm_protect(struct process *p, vaddr_t start, size_t len, unsigned prot)
{
	vaddr_t end = start + len;
	bool narrowed = false;
	struct region *r;
	unsigned long s;
	int e;

	if (!user_range_ok(start, len) || (prot & ~HAT_PROT_ALL))
		return -EINVAL;
	s = spin_lock_irqsave(&p->lock);
	e = range_protectable(p, start, end, prot);
	if (!e)
		e = split_edges(p, start, end);
	for (r = regionmap_next(&p->map, start); !e && r && r->start < end;
	     r = regionmap_next(&p->map, r->end)) {
		if (r->prot & ~prot) {
			/* Narrowing: the old translations must go now. */
			hat_protect(p->hat, r->start, r->end, prot);
			narrowed = true;
		}
		r->prot = prot;		/* widening: the next fault enters it */
	}
	if (narrowed)
		hat_update(p->hat);
	if (!e)
		merge_around(p, start, end);
	spin_unlock_irqrestore(&p->lock, s);
	return e;
}
