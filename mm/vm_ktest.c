/*
 * mm/vm_ktest.c - tests of the VM objects and the fault path.  Lab 3
 * grades the lab3_* ones; kern_vm_* check what students do not write.
 *
 * Memory is touched the way the kernel will touch user memory: through
 * hat_probe_read/hat_probe_write, whose faults go through trap_memory and
 * the whole K42 path (Process -> Region -> FCM -> HAT).  Every test runs
 * in a fresh Process that becomes the current one, and ends by checking
 * that process_destroy gave back every frame and heap object.
 */
#include "kern/arch.h"
#include "kern/errno.h"
#include "kern/ktest.h"
#include "kern/printf.h"
#include "mm/fcm.h"
#include "mm/hat.h"
#include "mm/memcheck.h"
#include "mm/process.h"
#include "mm/region.h"
#include "mm/regionmap.h"
#include "mm/vm.h"

#define PG	((vaddr_t)PAGE_SIZE)
/* A test address well inside the user range on every arch. */
#define TVA	(ROUNDUP((vaddr_t)USER_VA_MIN, HAT_SEGMENT_SIZE) + 4 * HAT_SEGMENT_SIZE)

/* Run body in a fresh current Process, then destroy it and check that
 * everything came back.  body's KT_ASSERTs return to here. */
static void run(void (*body)(struct process *p))
{
	struct mem_snapshot before;
	struct process *p;
	long frames, objects;

	mem_snapshot(&before);
	p = process_create("ktest");
	KT_ASSERT(p, "process_create returned NULL");
	vm_set_current(p);
	body(p);
	process_destroy(p);
	KT_ASSERT(vm_current() == NULL, "process_destroy left a current process");
	frames = mem_frames_leaked(&before);
	objects = mem_objects_leaked(&before);
	KT_ASSERT(frames == 0, "%ld frame(s) not returned after process_destroy", frames);
	KT_ASSERT(objects == 0, "%ld kmalloc object(s) not freed after process_destroy", objects);
}

static uint32_t peek(vaddr_t va, int *err)
{
	uint32_t v = 0xdeadbeef;

	*err = hat_probe_read(va, &v);
	return v;
}

/* va reads as want (no fault). */
static bool reads(vaddr_t va, uint32_t want)
{
	int err;
	uint32_t v = peek(va, &err);

	return err == 0 && v == want;
}

static bool read_faults(vaddr_t va)
{
	int err;

	peek(va, &err);
	return err == -EFAULT;
}

/* Map, or fail the test saying what vm_map_anon returned. */
#define MAP_OK(p, va, len, prot)					\
	do {								\
		long r_ = vm_map_anon((p), (va), (len), 0, (prot), VM_FIXED); \
		KT_ASSERT(r_ == (long)(va), "vm_map_anon(%#lx, %lu pages) returned %ld (%s)", \
			  (unsigned long)(va), (unsigned long)((len) / PG), r_, \
			  r_ < 0 ? errno_name((int)r_) : "wrong address"); \
	} while (0)

static struct region *region_at(struct process *p, vaddr_t va)
{
	unsigned long s = spin_lock_irqsave(&p->lock);
	struct region *r = regionmap_lookup(&p->map, va);

	spin_unlock_irqrestore(&p->lock, s);
	return r;
}

static unsigned long resident(struct process *p, vaddr_t va)
{
	struct region *r = region_at(p, va);

	return r ? r->fcm->ops->resident(r->fcm, r->offset, r->end - r->start) : 0;
}

/* ---- zero fill and isolation ----------------------------------------- */

static void zero_fill(struct process *p)
{
	struct process *q = process_create("ktest-q");
	struct hat_mapping mp, mq;

	KT_ASSERT(q, "process_create returned NULL");
	MAP_OK(p, TVA, 4 * PG, HAT_PROT_RW);
	for (vaddr_t va = TVA; va < TVA + 4 * PG; va += PG) {
		KT_ASSERT(reads(va, 0) && reads(va + PG - 4, 0),
			  "first touch of %#lx did not read zero", (unsigned long)va);
		KT_ASSERT(hat_probe_write(va + 8, (uint32_t)va) == 0,
			  "writing %#lx faulted", (unsigned long)va);
	}
	KT_ASSERT_EQ(resident(p, TVA), 4);
	/* Another address space: the same address is other memory. */
	MAP_OK(q, TVA, 4 * PG, HAT_PROT_RW);
	vm_set_current(q);
	KT_ASSERT(reads(TVA + 8, 0), "a second process sees the first one's data");
	KT_ASSERT(hat_probe_write(TVA + 8, 0x1234) == 0, "writing in the second process faulted");
	KT_ASSERT(hat_extract(q->hat, TVA, &mq) && hat_extract(p->hat, TVA, &mp) &&
		  mp.pa != mq.pa, "two processes map the same frame at TVA");
	vm_set_current(p);
	KT_ASSERT(reads(TVA + 8, (uint32_t)TVA), "the first process lost its data");
	process_destroy(q);
	KT_ASSERT(vm_current() == p, "destroying another process changed the current one");
}

KTEST(lab3_zero_fill)
{
	run(zero_fill);
}

/* ---- the region map with many Regions ---------------------------------- */

#define NMANY	2000

/* The i-th of NMANY scattered one-page Regions: every other page of a
 * window, inserted in a shuffled order: i * 7919 mod NMANY visits every
 * slot once, 7919 being a prime that does not divide NMANY. */
static vaddr_t many_va(unsigned i)
{
	return TVA + (vaddr_t)((i * 7919u) % NMANY) * 2 * PG;
}

static void regionmap_many(struct process *p)
{
	uint64_t t0, cycles;
	unsigned found = 0;

	for (unsigned i = 0; i < NMANY; i++)
		MAP_OK(p, many_va(i), PG, HAT_PROT_RW);
	KT_ASSERT_EQ(p->map.count, NMANY);
	KT_ASSERT(regionmap_check(&p->map), "the region map's tree is malformed");
	t0 = arch_cycles();
	for (unsigned i = 0; i < NMANY; i++) {
		struct region *r = regionmap_lookup(&p->map, many_va(i) + 40);

		found += r && r->start == many_va(i);
	}
	cycles = arch_cycles() - t0;
	KT_ASSERT_EQ(found, NMANY);
	for (unsigned i = 0; i < NMANY; i++) {
		KT_ASSERT(!regionmap_lookup(&p->map, many_va(i) + PG),
			  "lookup found a Region in the hole at %#lx", (unsigned long)(many_va(i) + PG));
	}
	KT_ASSERT(!regionmap_lookup(&p->map, TVA - PG) &&
		  !regionmap_lookup(&p->map, TVA + 2 * NMANY * PG), "lookup outside every Region");
	kprintf("kern_vm: %u lookups among %u Regions: %llu cycles (%llu per lookup, %llu cycles/s)\n",
		NMANY, NMANY, (unsigned long long)cycles, (unsigned long long)(cycles / NMANY),
		(unsigned long long)arch_cycles_per_sec());
	/* The fault path finds them too. */
	KT_ASSERT(hat_probe_write(many_va(17), 17) == 0 && reads(many_va(17), 17),
		  "touching one of many Regions failed");
	KT_ASSERT(read_faults(many_va(17) + PG), "a hole between Regions did not fault");
}

KTEST(lab3_regionmap_lookup)
{
	run(regionmap_many);
}

/* ---- free ranges ------------------------------------------------------- */

static void free_range(struct process *p)
{
	const vaddr_t U = USER_VA_MIN;
	long r;

	r = vm_map_anon(p, 0, PG, 0, HAT_PROT_RW, 0);
	KT_ASSERT(r == (long)U, "first pick: expected %#lx, got %ld", (unsigned long)U, r);
	KT_ASSERT_EQ(vm_unmap(p, U, PG), 0);
	MAP_OK(p, U, 4 * PG, HAT_PROT_RW);
	MAP_OK(p, U + 5 * PG, 3 * PG, HAT_PROT_RW);
	MAP_OK(p, U + 10 * PG, PG, HAT_PROT_RW);
	KT_ASSERT_EQ(vm_map_anon(p, U + 2 * PG, PG, 0, HAT_PROT_RW, VM_FIXED), -EEXIST);
	KT_ASSERT_EQ(vm_map_anon(p, U + 4 * PG, 2 * PG, 0, HAT_PROT_RW, VM_FIXED), -EEXIST);
	KT_ASSERT_EQ(vm_map_anon(p, U + PG, PG, 0, HAT_PROT_RW, 0), (long)(U + 4 * PG));
	KT_ASSERT_EQ(vm_map_anon(p, 0, 2 * PG, 0, HAT_PROT_RW, 0), (long)(U + 8 * PG));
	KT_ASSERT_EQ(vm_map_anon(p, 0, PG, 0, HAT_PROT_RW, 0), (long)(U + 11 * PG));
	r = vm_map_anon(p, 0, PG, 16 * PG, HAT_PROT_RW, 0);
	KT_ASSERT(r > 0 && !((vaddr_t)r % (16 * PG)) && (vaddr_t)r >= U + 12 * PG,
		  "aligned pick returned %#lx", (unsigned long)r);
	KT_ASSERT(regionmap_check(&p->map), "the region map's tree is malformed");
	/* Bad requests. */
	KT_ASSERT_EQ(vm_map_anon(p, U + 100, PG, 0, HAT_PROT_RW, VM_FIXED), -EINVAL);
	KT_ASSERT_EQ(vm_map_anon(p, 0, 0, 0, HAT_PROT_RW, 0), -EINVAL);
	KT_ASSERT_EQ(vm_map_anon(p, USER_VA_MAX - PG, 2 * PG, 0, HAT_PROT_RW, VM_FIXED), -EINVAL);
	KT_ASSERT_EQ(vm_map_anon(p, 0, PG, 3 * PG, HAT_PROT_RW, 0), -EINVAL);
	/* Fill everything but the last two pages: picks go to the top hole,
	 * then there is no room (no page is touched: mapping is lazy). */
	KT_ASSERT_EQ(vm_unmap(p, U, USER_VA_MAX - U), 0);
	KT_ASSERT_EQ(p->map.count, 0);
	MAP_OK(p, U, USER_VA_MAX - U - 2 * PG, HAT_PROT_RW);
	KT_ASSERT_EQ(vm_map_anon(p, 0, PG, 0, HAT_PROT_RW, 0), (long)(USER_VA_MAX - 2 * PG));
	KT_ASSERT_EQ(vm_map_anon(p, 0, 2 * PG, 0, HAT_PROT_RW, 0), -ENOMEM);
	KT_ASSERT_EQ(vm_map_anon(p, 0, PG, 0, HAT_PROT_RW, 0), (long)(USER_VA_MAX - PG));
	KT_ASSERT_EQ(vm_map_anon(p, 0, PG, 0, HAT_PROT_RW, 0), -ENOMEM);
}

KTEST(lab3_free_range)
{
	run(free_range);
}

/* ---- partial unmaps ----------------------------------------------------- */

/* Write each page's index at the start of the pages of [va, va + n pages). */
static int fill(vaddr_t va, unsigned n)
{
	int e = 0;

	for (unsigned i = 0; i < n && !e; i++)
		e = hat_probe_write(va + i * PG, 100 + i);
	return e;
}

static void unmap_partial(struct process *p)
{
	const vaddr_t A = TVA, B = TVA + 32 * PG;

	MAP_OK(p, A, 8 * PG, HAT_PROT_RW);
	KT_ASSERT(fill(A, 8) == 0, "writing a fresh Region faulted");
	KT_ASSERT_EQ(vm_unmap(p, A, PG), 0);				/* start */
	KT_ASSERT(read_faults(A), "an unmapped first page still reads");
	KT_ASSERT(reads(A + PG, 101), "the page after the hole lost its data");
	KT_ASSERT_EQ(vm_unmap(p, A + 3 * PG, 2 * PG), 0);		/* middle */
	KT_ASSERT(read_faults(A + 3 * PG) && read_faults(A + 4 * PG),
		  "unmapped middle pages still read");
	KT_ASSERT(reads(A + 2 * PG, 102) && reads(A + 5 * PG, 105),
		  "pages beside the middle hole lost their data");
	KT_ASSERT_EQ(vm_unmap(p, A + 7 * PG, PG), 0);		/* end */
	KT_ASSERT(read_faults(A + 7 * PG), "an unmapped last page still reads");
	KT_ASSERT(reads(A + 6 * PG, 106), "the page before the end hole lost its data");
	KT_ASSERT_EQ(p->map.count, 2);
	KT_ASSERT_EQ(resident(p, A + PG) + resident(p, A + 5 * PG), 4);
	/* Remapped, an unmapped page is fresh memory. */
	MAP_OK(p, A + 3 * PG, PG, HAT_PROT_RW);
	KT_ASSERT(reads(A + 3 * PG, 0), "a remapped page kept its old data");
	/* Across several Regions, and over holes. */
	MAP_OK(p, B, 2 * PG, HAT_PROT_RW);
	MAP_OK(p, B + 2 * PG, 2 * PG, HAT_PROT_RW);
	MAP_OK(p, B + 5 * PG, 2 * PG, HAT_PROT_RW);
	KT_ASSERT(fill(B, 4) == 0 && fill(B + 5 * PG, 2) == 0, "writing fresh Regions faulted");
	KT_ASSERT_EQ(vm_unmap(p, B + PG, 5 * PG), 0);
	KT_ASSERT(reads(B, 100) && reads(B + 6 * PG, 101), "pages outside the unmap lost data");
	for (vaddr_t va = B + PG; va < B + 6 * PG; va += PG)
		KT_ASSERT(read_faults(va), "%#lx still reads after the unmap", (unsigned long)va);
	KT_ASSERT_EQ(p->map.count, 5);
	KT_ASSERT_EQ(vm_unmap(p, B + 16 * PG, 4 * PG), 0);		/* a hole: fine */
	KT_ASSERT_EQ(vm_unmap(p, B + 1, PG), -EINVAL);
	KT_ASSERT(regionmap_check(&p->map), "the region map's tree is malformed");
}

KTEST(lab3_unmap_partial)
{
	run(unmap_partial);
}

/* ---- protection changes -------------------------------------------------- */

static bool write_faults(vaddr_t va)
{
	return hat_probe_write(va, 0x5a5a) == -EFAULT;
}

static void protect_split_merge(struct process *p)
{
	const vaddr_t A = TVA;

	MAP_OK(p, A, 6 * PG, HAT_PROT_RW);
	KT_ASSERT(fill(A, 6) == 0, "writing a fresh Region faulted");
	KT_ASSERT_EQ(vm_protect(p, A + 2 * PG, 2 * PG, HAT_PROT_READ), 0);
	KT_ASSERT_EQ(p->map.count, 3);
	KT_ASSERT(write_faults(A + 2 * PG) && write_faults(A + 3 * PG),
		  "writing a page made read-only did not fault");
	KT_ASSERT(reads(A + 2 * PG, 102) && reads(A + 3 * PG, 103),
		  "read-only pages lost their data");
	KT_ASSERT(hat_probe_write(A + PG, 1) == 0 && hat_probe_write(A + 4 * PG, 4) == 0,
		  "pages beside the read-only range became read-only");
	KT_ASSERT_EQ(vm_fault(p, A + 2 * PG, VM_ACCESS_WRITE), -EACCES);
	KT_ASSERT_EQ(vm_protect(p, A + 2 * PG, 2 * PG, HAT_PROT_RW), 0);
	KT_ASSERT_EQ(p->map.count, 1);
	KT_ASSERT(hat_probe_write(A + 2 * PG, 2) == 0 && reads(A + 2 * PG, 2),
		  "widening back to rw did not allow writes");
	/* The edges: first page, last page, then all back. */
	KT_ASSERT_EQ(vm_protect(p, A, PG, HAT_PROT_NONE), 0);
	KT_ASSERT_EQ(vm_protect(p, A + 5 * PG, PG, HAT_PROT_READ), 0);
	KT_ASSERT_EQ(p->map.count, 3);
	KT_ASSERT(read_faults(A), "a page with no access still reads");
	KT_ASSERT(write_faults(A + 5 * PG) && reads(A + 5 * PG, 105),
		  "the read-only last page is wrong");
	KT_ASSERT(regionmap_check(&p->map), "the region map's tree is malformed");
	KT_ASSERT_EQ(vm_protect(p, A, 6 * PG, HAT_PROT_RW), 0);
	KT_ASSERT_EQ(p->map.count, 1);
	KT_ASSERT(reads(A, 100) && reads(A + 5 * PG, 105), "data lost through protections");
	/* Separate mappings are separate memory objects: never merged. */
	MAP_OK(p, A + 6 * PG, PG, HAT_PROT_RW);
	KT_ASSERT_EQ(vm_protect(p, A, 7 * PG, HAT_PROT_RW), 0);
	KT_ASSERT_EQ(p->map.count, 2);
	KT_ASSERT_EQ(vm_protect(p, A, 8 * PG, HAT_PROT_READ), -ENOMEM);
	KT_ASSERT_EQ(vm_protect(p, A, PG, 0x80), -EINVAL);
}

KTEST(lab3_protect_split_merge)
{
	run(protect_split_merge);
}

/* ---- bad accesses -------------------------------------------------------- */

static void fault_errors(struct process *p)
{
	const vaddr_t A = TVA;

	KT_ASSERT_EQ(vm_fault(p, A, VM_ACCESS_READ), -EFAULT);
	KT_ASSERT(read_faults(A), "reading an unmapped address did not fault");
	MAP_OK(p, A, PG, HAT_PROT_READ);
	KT_ASSERT(reads(A, 0), "reading a read-only zero page failed");
	KT_ASSERT_EQ(vm_fault(p, A, VM_ACCESS_WRITE), -EACCES);
	KT_ASSERT(write_faults(A), "writing a read-only page did not fault");
	KT_ASSERT(reads(A, 0), "a refused write changed the page");
	KT_ASSERT_EQ(vm_fault(p, A + PG, VM_ACCESS_WRITE), -EFAULT);
	KT_ASSERT_EQ(vm_fault(p, A, VM_ACCESS_READ), 0);
}

KTEST(lab3_fault_errors)
{
	run(fault_errors);
}

/* ---- a Region being destroyed refuses faults ---------------------------- */

static void stopped_region(struct process *p)
{
	const vaddr_t A = TVA;
	struct region *r;

	MAP_OK(p, A, 2 * PG, HAT_PROT_RW);
	KT_ASSERT(hat_probe_write(A, 7) == 0, "writing a fresh Region faulted");
	r = region_at(p, A);
	KT_ASSERT(r, "no Region at a mapped address");
	KT_ASSERT_EQ(r->requests, 0);
	region_stop(r);
	KT_ASSERT_EQ(vm_fault(p, A + PG, VM_ACCESS_READ), -EAGAIN);
	KT_ASSERT(read_faults(A + PG), "a stopped Region resolved a fault");
	KT_ASSERT_EQ(r->requests, 0);
	KT_ASSERT_EQ(vm_unmap(p, A, 2 * PG), 0);
	KT_ASSERT_EQ(p->map.count, 0);
}

KTEST(lab3_stopped_region)
{
	run(stopped_region);
}

/* ---- random operations against a model, then no leaks ----------------- */

#define NWIN	48		/* pages in the window */
#define NSTEPS	400

struct model {
	uint8_t prot[NWIN];	/* 0xff: unmapped */
	uint32_t val[NWIN];
	uint64_t rng;
};

static unsigned rnd(struct model *m, unsigned n)
{
	m->rng = m->rng * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned)(m->rng >> 33) % n;
}

/* Apply one random operation to p and the model; false if p disagreed. */
static bool step(struct process *p, struct model *m, const char **what)
{
	unsigned i = rnd(m, NWIN), n = 1 + rnd(m, MIN(6u, NWIN - i)), k;
	vaddr_t va = TVA + i * PG;
	bool mapped = true, free = true;
	unsigned prot = rnd(m, 4) == 0 ? HAT_PROT_READ : HAT_PROT_RW;
	uint32_t v;
	int e;

	for (k = i; k < i + n; k++) {
		mapped &= m->prot[k] != 0xff;
		free &= m->prot[k] == 0xff;
	}
	switch (rnd(m, 4)) {
	case 0:
		*what = "map";
		if (vm_map_anon(p, va, n * PG, 0, prot, VM_FIXED) != (free ? (long)va : -EEXIST))
			return false;
		for (k = i; free && k < i + n; k++) {
			m->prot[k] = (uint8_t)prot;
			m->val[k] = 0;
		}
		return true;
	case 1:
		*what = "unmap";
		for (k = i; k < i + n; k++)
			m->prot[k] = 0xff;
		return vm_unmap(p, va, n * PG) == 0;
	case 2:
		*what = "protect";
		if (vm_protect(p, va, n * PG, prot) != (mapped ? 0 : -ENOMEM))
			return false;
		for (k = i; mapped && k < i + n; k++)
			m->prot[k] = (uint8_t)prot;
		return true;
	default:
		*what = "touch";
		if (rnd(m, 2)) {
			v = (uint32_t)m->rng;
			e = hat_probe_write(va, v);
			if (e != (m->prot[i] != 0xff && (m->prot[i] & HAT_PROT_WRITE) ? 0 : -EFAULT))
				return false;
			if (!e)
				m->val[i] = v;
			return true;
		}
		e = hat_probe_read(va, &v);
		return m->prot[i] == 0xff ? e == -EFAULT : e == 0 && v == m->val[i];
	}
}

static void random_ops(struct process *p)
{
	struct model m;
	const char *what = "";

	for (unsigned k = 0; k < NWIN; k++)
		m.prot[k] = 0xff;
	m.rng = ktest_seed() * 2654435761u + 1;
	for (unsigned s = 0; s < NSTEPS; s++) {
		KT_ASSERT(step(p, &m, &what), "step %u (%s) disagreed with the model", s, what);
		KT_ASSERT(regionmap_check(&p->map), "the tree is malformed after step %u (%s)",
			  s, what);
	}
}

KTEST(lab3_no_leaks)
{
	run(random_ops);
}

/* ---- the monitor's view -------------------------------------------------- */

static void print_regions(struct process *p)
{
	MAP_OK(p, TVA, 4 * PG, HAT_PROT_RW);
	MAP_OK(p, TVA + 8 * PG, PG, HAT_PROT_READ);
	KT_ASSERT(hat_probe_write(TVA, 1) == 0, "writing a fresh Region faulted");
	KT_ASSERT_EQ(vm_protect(p, TVA + PG, PG, HAT_PROT_READ), 0);
	vm_print_regions(p, false);
	vm_print_regions(p, true);
	KT_ASSERT_EQ(p->map.count, 4);
}

KTEST(kern_vm_print_regions)
{
	run(print_regions);
}
