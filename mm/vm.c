/*
 * mm/vm.c - the fault path and the mmap-like calls (mm/vm.h).
 */
#include "kern/errno.h"
#include "kern/lab.h"
#include "mm/fr.h"
#include "mm/hat.h"
#include "mm/process.h"
#include "mm/region.h"
#include "mm/vm.h"

static struct process *current;

struct process *vm_current(void)
{
	return current;
}

void vm_set_current(struct process *p)
{
	hat_switch(p ? p->hat : NULL);
	current = p;
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
	struct process *p = current;

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

long vm_map_anon(struct process *p, vaddr_t addr, size_t len, size_t align,
		 unsigned prot, unsigned flags)
{
	struct region *r;
	struct fr *fr;
	unsigned long s;
	vaddr_t va;
	int e;

	align = align ? align : PAGE_SIZE;
	if ((addr || (flags & VM_FIXED)) && !user_range_ok(addr, len))
		return -EINVAL;
	if (!user_range_ok(USER_VA_MIN, len) || (align & (align - 1)) || (align & PAGE_MASK) ||
	    (prot & ~HAT_PROT_ALL))
		return -EINVAL;
	fr = fr_comp_create();
	if (!fr)
		return -ENOMEM;
	s = spin_lock_irqsave(&p->lock);
	e = place(p, addr, len, align, flags, &va);
	r = e ? NULL : region_create(p, va, va + len, fr, 0, prot);
	if (!e && !r)
		e = -ENOMEM;
	if (!e) {
		e = regionmap_insert(&p->map, r);
		if (e)
			region_free(r);
	}
	spin_unlock_irqrestore(&p->lock, s);
	fr_unref(fr);		/* the Region holds its own reference */
	return e ? e : (long)va;
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

/* True if Regions cover [start, end) without a hole. */
static bool range_mapped(struct process *p, vaddr_t start, vaddr_t end)
{
	vaddr_t at = start;

	for (struct region *r = regionmap_next(&p->map, at); r && r->start <= at && at < end;
	     r = regionmap_next(&p->map, at))
		at = r->end;
	return at >= end;
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
	e = range_mapped(p, start, end) ? split_edges(p, start, end) : -ENOMEM;
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
