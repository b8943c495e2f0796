/*
 * mm/fork_ktest.c - tests of fork-copy trees and copy-on-write
 * (mm/forktree.h, mm/fcm_crw.c).  Lab 4 grades the lab4_* ones;
 * kern_fork_random is a random tester against a reference model.
 *
 * As in mm/vm_ktest.c, memory is touched through hat_probe_read and
 * hat_probe_write in the current process, so every fault takes the whole
 * path (Process -> Region -> FCM -> fork tree -> HAT).  The tests look at
 * the frames the HAT maps (hat_extract) to tell a shared page from a
 * copied or taken one, and at fork_get_stats() to tell a copy from a take.
 * Every test ends by destroying every process it made and checking that
 * every frame, heap object and fork-tree node came back.
 *
 * The lab4_crw_* tests map test/pattern, a file of the boot image: they
 * run in the kernel only (the host tests have no boot image).
 */
#include "kern/arch.h"
#include "kern/bootimage.h"
#include "kern/cmdline.h"
#include "kern/errno.h"
#include "kern/abi/pattern.h"
#include "kern/ktest.h"
#include "kern/printf.h"
#include "mm/fcm.h"
#include "mm/forktree.h"
#include "mm/fr.h"
#include "mm/hat.h"
#include "mm/memcheck.h"
#include "mm/process.h"
#include "mm/region.h"
#include "mm/regionmap.h"
#include "mm/vm.h"

#define PG	((vaddr_t)PAGE_SIZE)
/* A test address well inside the user range on every arch. */
#define TVA	(ROUNDUP((vaddr_t)USER_VA_MIN, HAT_SEGMENT_SIZE) + 4 * HAT_SEGMENT_SIZE)
#define NOPA	((paddr_t)-1)

/* ---- the processes of one test ------------------------------------------ */

/*
 * Every process a test makes is recorded here, so that run() can destroy
 * whatever a failed assertion left behind and still check for leaks.
 */
#define MAXP	12
static struct process *procs[MAXP];

static struct process *spawn(const char *name)
{
	for (unsigned i = 0; i < MAXP; i++) {
		if (!procs[i]) {
			procs[i] = process_create(name);
			return procs[i];
		}
	}
	return NULL;
}

/* Destroy p (one of procs) and forget it. */
static void drop(struct process *p)
{
	for (unsigned i = 0; i < MAXP; i++)
		if (procs[i] == p)
			procs[i] = NULL;
	process_destroy(p);
}

/* A new process whose address space vm_fork copied from p; NULL if that
 * failed (the half-made child is gone). */
static struct process *fork_of(struct process *p)
{
	struct process *q = spawn("ktest-child");

	if (q && vm_fork(p, q)) {
		drop(q);
		q = NULL;
	}
	return q;
}

/* Run body with a fresh current Process, then destroy every process of
 * the test and check that frames, heap objects and tree nodes came back. */
static void run(void (*body)(struct process *p))
{
	struct mem_snapshot before;
	struct fork_stats st0, st;
	struct process *p;
	long frames, objects;

	fork_get_stats(&st0);
	mem_snapshot(&before);
	p = spawn("ktest");
	KT_ASSERT(p, "process_create returned NULL");
	vm_set_current(p);
	body(p);
	vm_set_current(NULL);
	for (unsigned i = 0; i < MAXP; i++)
		if (procs[i])
			drop(procs[i]);
	fork_get_stats(&st);
	frames = mem_frames_leaked(&before);
	objects = mem_objects_leaked(&before);
	KT_ASSERT(st.nodes == st0.nodes, "%ld fork-tree node(s) left after every process went",
		  (long)(st.nodes - st0.nodes));
	KT_ASSERT(frames == 0, "%ld frame(s) not returned after process_destroy "
		  "(negative: a boot-image frame was freed)", frames);
	KT_ASSERT(objects == 0, "%ld kmalloc object(s) not freed after process_destroy", objects);
}

/* ---- touching memory ----------------------------------------------------- */

/* Write v at va in p (made the current process). */
static bool put(struct process *p, vaddr_t va, uint32_t v)
{
	vm_set_current(p);
	return hat_probe_write(va, v) == 0;
}

/* va reads as want in p. */
static bool got(struct process *p, vaddr_t va, uint32_t want)
{
	uint32_t v = ~want;

	vm_set_current(p);
	return hat_probe_read(va, &v) == 0 && v == want;
}

/* The frame p maps at va now (NOPA: none), and its protection. */
static paddr_t pa_of(struct process *p, vaddr_t va, unsigned *prot)
{
	struct hat_mapping m;

	if (!hat_extract(p->hat, va, &m))
		return NOPA;
	if (prot)
		*prot = m.prot;
	return m.pa;
}

/* Read va in p, then the frame it maps there, which must be read-only. */
static paddr_t shared_pa(struct process *p, vaddr_t va)
{
	uint32_t v;
	unsigned prot = 0;
	paddr_t pa;

	vm_set_current(p);
	if (hat_probe_read(va, &v) != 0)
		return NOPA;
	pa = pa_of(p, va, &prot);
	return prot & HAT_PROT_WRITE ? NOPA : pa;
}

static unsigned long resident(struct process *p, vaddr_t va)
{
	unsigned long s = spin_lock_irqsave(&p->lock);
	struct region *r = regionmap_lookup(&p->map, va);
	unsigned long n = r ? r->fcm->ops->resident(r->fcm, r->offset, r->end - r->start) : 0;

	spin_unlock_irqrestore(&p->lock, s);
	return n;
}

#define MAP_OK(p, va, len, prot)					\
	do {								\
		long r_ = vm_map_anon((p), (va), (len), 0, (prot), VM_FIXED); \
		KT_ASSERT(r_ == (long)(va), "vm_map_anon(%#lx, %lu pages) returned %ld", \
			  (unsigned long)(va), (unsigned long)((len) / PG), r_); \
	} while (0)

/* Write base + i to page i of [TVA, TVA + n pages) in p. */
#define FILL_OK(p, n, base)						\
	do {								\
		for (unsigned i_ = 0; i_ < (n); i_++)			\
			KT_ASSERT(put((p), TVA + i_ * PG, (base) + i_),	\
				  "writing page %u faulted", i_);	\
	} while (0)

#define FORK_OK(q, p)							\
	do {								\
		(q) = fork_of(p);					\
		KT_ASSERT((q), "vm_fork failed");			\
	} while (0)

/* ---- a read shares, a write copies ---------------------------------------- */

static void fork_read_shares(struct process *p)
{
	struct mem_snapshot snap;
	struct fork_stats st0, st;
	struct process *q;
	paddr_t pp, pq, mine;

	MAP_OK(p, TVA, 4 * PG, HAT_PROT_RW);
	FILL_OK(p, 4, 0x1000);
	KT_ASSERT(put(p, TVA + 3 * PG + PG - 4, 0xe11d), "writing the end of page 3 faulted");
	mem_snapshot(&snap);
	FORK_OK(q, p);
	KT_ASSERT(mem_frames_leaked(&snap) <= 0,
		  "vm_fork took %ld frame(s): fork must copy no page", mem_frames_leaked(&snap));
	for (unsigned i = 0; i < 4; i++) {
		vaddr_t va = TVA + i * PG;

		KT_ASSERT(got(q, va, 0x1000 + i), "the child does not read the parent's page %u", i);
		pq = shared_pa(q, va);
		KT_ASSERT(pq != NOPA, "the child's read of page %u mapped no read-only frame", i);
		KT_ASSERT(got(p, va, 0x1000 + i), "the parent lost page %u at fork", i);
		pp = shared_pa(p, va);
		KT_ASSERT(pp != NOPA, "after fork the parent's page %u is not read-only", i);
		KT_ASSERT(pp == pq, "parent and child map different frames for page %u "
			  "after reading it: a read must share", i);
	}
	KT_ASSERT(got(q, TVA + 3 * PG + PG - 4, 0xe11d), "the child misses the end of page 3");
	/* The child's write gets a frame of its own, the parent's stays. */
	pp = pa_of(p, TVA, NULL);
	fork_get_stats(&st0);
	mem_snapshot(&snap);
	KT_ASSERT(put(q, TVA + 8, 0xc0de), "the child's write faulted");
	fork_get_stats(&st);
	KT_ASSERT_EQ(st.copies, st0.copies + 1);
	KT_ASSERT_EQ(mem_frames_leaked(&snap), 1);
	mine = pa_of(q, TVA, NULL);
	KT_ASSERT(mine != NOPA && mine != pp, "the child's write did not get a new frame");
	KT_ASSERT(got(q, TVA + 8, 0xc0de) && got(q, TVA, 0x1000),
		  "the child's copy is wrong (the write, or the rest of the page)");
	KT_ASSERT(got(p, TVA + 8, 0) && got(p, TVA, 0x1000), "the child's write reached the parent");
	KT_ASSERT(pa_of(p, TVA, NULL) == pp, "the parent's frame changed under a child's write");
}

KTEST(lab4_fork_read_shares)
{
	run(fork_read_shares);
}

/* ---- two address spaces, one history --------------------------------------- */

static void fork_isolation(struct process *p)
{
	static const uint32_t want_p[8] = { 200, 101, 202, 103, 104, 105, 0, 207 };
	static const uint32_t want_q[8] = { 100, 301, 302, 103, 104, 105, 306, 0 };
	struct process *q, *r;

	MAP_OK(p, TVA, 8 * PG, HAT_PROT_RW);
	FILL_OK(p, 6, 100);		/* pages 6 and 7 untouched before the fork */
	FORK_OK(q, p);
	KT_ASSERT(put(p, TVA, 200) && put(q, TVA + PG, 301), "writes after fork faulted");
	KT_ASSERT(put(p, TVA + 2 * PG, 202) && put(q, TVA + 2 * PG, 302),
		  "writing one page in both faulted");
	KT_ASSERT(put(q, TVA + 6 * PG, 306) && put(p, TVA + 7 * PG, 207),
		  "writing a page untouched before the fork faulted");
	for (unsigned i = 0; i < 8; i++) {
		KT_ASSERT(got(p, TVA + i * PG, want_p[i]), "parent: page %u is not %u", i, want_p[i]);
		KT_ASSERT(got(q, TVA + i * PG, want_q[i]), "child: page %u is not %u", i, want_q[i]);
	}
	for (unsigned i = 3; i < 6; i++)
		KT_ASSERT(shared_pa(p, TVA + i * PG) == shared_pa(q, TVA + i * PG) &&
			  shared_pa(p, TVA + i * PG) != NOPA,
			  "page %u, written by neither, is not shared", i);
	/* Its own: pages 1, 2 and 6 it wrote, and 7, which nobody held: its
	 * read above zero-filled it in the child's own FCM. */
	KT_ASSERT_EQ(resident(q, TVA), 4);
	/* A grandchild's writes reach nobody else. */
	FORK_OK(r, q);
	KT_ASSERT(got(r, TVA + PG, 301) && got(r, TVA + 3 * PG, 103),
		  "the grandchild does not see the child's memory");
	KT_ASSERT(put(r, TVA + 3 * PG, 403) && put(r, TVA + PG, 401), "the grandchild's writes faulted");
	KT_ASSERT(got(p, TVA + 3 * PG, 103) && got(q, TVA + 3 * PG, 103) &&
		  got(q, TVA + PG, 301), "the grandchild's write reached its ancestors");
	/* Unmapping in one process frees nothing another one sees. */
	KT_ASSERT_EQ(vm_unmap(q, TVA + 4 * PG, PG), 0);
	KT_ASSERT(got(p, TVA + 4 * PG, 104) && got(r, TVA + 4 * PG, 104),
		  "an unmap in the child took the page from its relatives");
	drop(q);
	for (unsigned i = 0; i < 8; i++)
		KT_ASSERT(got(p, TVA + i * PG, want_p[i]), "after the child went, page %u changed", i);
	KT_ASSERT(got(r, TVA + PG, 401) && got(r, TVA + 2 * PG, 302) && got(r, TVA, 100),
		  "after its parent went, the grandchild's memory changed");
}

KTEST(lab4_fork_isolation)
{
	run(fork_isolation);
}

/* ---- a write nobody else can see takes the frame ---------------------------- */

/* p writes v at va, which nobody else can see any more: the write must
 * take the very frame p maps read-only now, allocating and copying none. */
static bool takes(struct process *p, vaddr_t va, uint32_t v)
{
	struct mem_snapshot snap;
	struct fork_stats st0, st;
	paddr_t before = shared_pa(p, va);

	KT_CHECK(before != NOPA, "reading %#lx mapped no read-only frame", (unsigned long)va);
	fork_get_stats(&st0);
	mem_snapshot(&snap);
	KT_CHECK(put(p, va, v), "writing %#lx faulted", (unsigned long)va);
	fork_get_stats(&st);
	KT_CHECK(st.takes == st0.takes + 1 && st.copies == st0.copies,
		 "a write only one process could see made %lu copies and %lu takes (want 0, 1)",
		 st.copies - st0.copies, st.takes - st0.takes);
	KT_CHECK(mem_frames_leaked(&snap) == 0, "taking a page allocated %ld frame(s)",
		 mem_frames_leaked(&snap));
	KT_CHECK(pa_of(p, va, NULL) == before, "the write did not keep the frame it took");
	return got(p, va, v);
}

/* p writes v at va, which another process still sees: a copy. */
static bool copies(struct process *p, vaddr_t va, uint32_t v)
{
	struct fork_stats st0, st;

	fork_get_stats(&st0);
	KT_CHECK(put(p, va, v), "writing %#lx faulted", (unsigned long)va);
	fork_get_stats(&st);
	KT_CHECK(st.copies == st0.copies + 1 && st.takes == st0.takes,
		 "a write to a page others still see made %lu copies and %lu takes (want 1, 0)",
		 st.copies - st0.copies, st.takes - st0.takes);
	return got(p, va, v);
}

static void fork_take(struct process *p)
{
	struct fork_stats st0, st;
	struct process *q, *r;

	MAP_OK(p, TVA, 4 * PG, HAT_PROT_RW);
	FILL_OK(p, 4, 100);
	fork_get_stats(&st0);
	FORK_OK(q, p);
	FORK_OK(r, p);			/* p held nothing: no second node */
	fork_get_stats(&st);
	KT_ASSERT_EQ(st.nodes, st0.nodes + 1);
	/* Page 0: the other two already have their own copies. */
	KT_ASSERT(copies(q, TVA, 10), "q's write to page 0");
	KT_ASSERT(copies(p, TVA, 20), "p's write to page 0");
	KT_ASSERT(takes(r, TVA, 30), "r's write to page 0, after p's and q's");
	/* Page 1: one has its own copy, the other is gone. */
	KT_ASSERT(copies(q, TVA + PG, 11), "q's write to page 1");
	drop(r);
	KT_ASSERT(takes(p, TVA + PG, 21), "p's write to page 1, q having a copy and r gone");
	/* Pages 2 and 3: a copy, then a take empties the node: it goes. */
	KT_ASSERT(copies(p, TVA + 2 * PG, 22) && takes(q, TVA + 2 * PG, 12), "page 2");
	KT_ASSERT(copies(q, TVA + 3 * PG, 13), "q's write to page 3");
	fork_get_stats(&st0);
	KT_ASSERT(takes(p, TVA + 3 * PG, 23), "p's write to page 3");
	fork_get_stats(&st);
	KT_ASSERT(st.nodes + 1 == st0.nodes && st.collapses == st0.collapses + 1,
		  "taking a node's last page must dissolve the node");
	for (unsigned i = 0; i < 4; i++)
		KT_ASSERT(got(p, TVA + i * PG, 20 + i) && got(q, TVA + i * PG, 10 + i),
			  "page %u lost a write", i);
}

KTEST(lab4_fork_take)
{
	run(fork_take);
}

/* ---- many generations ---------------------------------------------------- */

#define NGEN	8
#define NDEEP	10		/* pages */

struct deep {
	struct process *gen[NGEN + 1];	/* NULL once destroyed */
	uint32_t val[NGEN + 1][NDEEP];
};

/* Every live generation reads what the model says. */
static bool deep_check(struct deep *d, const char *when)
{
	struct fork_stats st;
	unsigned live = 0;

	for (unsigned g = 0; g <= NGEN; g++) {
		if (!d->gen[g])
			continue;
		live++;
		for (unsigned i = 0; i < NDEEP; i++)
			KT_CHECK(got(d->gen[g], TVA + i * PG, d->val[g][i]),
				 "%s: generation %u, page %u does not read %u", when, g, i,
				 d->val[g][i]);
	}
	fork_get_stats(&st);
	KT_CHECK(st.nodes < live + 1, "%s: %lu fork-tree nodes for %u processes", when,
		 st.nodes, live);
	return true;
}

static void fork_deep(struct process *p)
{
	static const unsigned order[NGEN + 1] = { 4, 1, 7, 0, 8, 2, 6, 3, 5 };
	struct deep d = { .gen = { p } };

	MAP_OK(p, TVA, NDEEP * PG, HAT_PROT_RW);
	for (unsigned i = 0; i < NDEEP; i++) {
		d.val[0][i] = i + 1;
		KT_ASSERT(put(p, TVA + i * PG, i + 1), "writing page %u faulted", i);
	}
	for (unsigned g = 1; g <= NGEN; g++) {
		FORK_OK(d.gen[g], d.gen[g - 1]);
		for (unsigned i = 0; i < NDEEP; i++)
			d.val[g][i] = d.val[g - 1][i];
		/* The child writes its own page and page 0; the parent, after
		 * the fork, the last page. */
		d.val[g][g] = 1000 * g + g;
		d.val[g][0] = 1000 * g;
		d.val[g - 1][NDEEP - 1] = 50 + g;
		KT_ASSERT(put(d.gen[g], TVA + g * PG, d.val[g][g]) &&
			  put(d.gen[g], TVA, d.val[g][0]) &&
			  put(d.gen[g - 1], TVA + (NDEEP - 1) * PG, d.val[g - 1][NDEEP - 1]),
			  "a write in generation %u faulted", g);
		if (!deep_check(&d, "forking"))
			return;
	}
	/* The generations exit in a scattered order: middles collapse. */
	for (unsigned k = 0; k <= NGEN; k++) {
		drop(d.gen[order[k]]);
		d.gen[order[k]] = NULL;
		if (!deep_check(&d, "exiting"))
			return;
	}
}

KTEST(lab4_fork_deep)
{
	run(fork_deep);
}

/* ---- collapse ------------------------------------------------------------- */

static void fork_collapse(struct process *p)
{
	static const uint32_t want[8] = { 500, 101, 502, 103, 104, 105, 106, 107 };
	struct mem_snapshot snap;
	struct fork_stats st0, st;
	struct process *q;

	MAP_OK(p, TVA, 8 * PG, HAT_PROT_RW);
	FILL_OK(p, 8, 100);
	fork_get_stats(&st0);
	FORK_OK(q, p);
	KT_ASSERT(put(q, TVA, 400) && put(q, TVA + PG, 401) && put(p, TVA + 2 * PG, 502) &&
		  put(p, TVA, 500), "writes after fork faulted");
	/* The child exits: the node folds into the parent's leaf. */
	drop(q);
	fork_get_stats(&st);
	KT_ASSERT(st.nodes == st0.nodes, "the child went but %ld fork-tree node(s) stayed",
		  (long)(st.nodes - st0.nodes));
	KT_ASSERT(st.collapses > st0.collapses, "the child went and nothing collapsed");
	for (unsigned i = 0; i < 8; i++)
		KT_ASSERT(got(p, TVA + i * PG, want[i]), "after the collapse page %u is not %u",
			  i, want[i]);
	/* The translations above predate the collapse: drop them (no access
	 * removes them), so that the reads fault and find the FCM's pages. */
	KT_ASSERT_EQ(vm_protect(p, TVA, 8 * PG, HAT_PROT_NONE), 0);
	KT_ASSERT_EQ(vm_protect(p, TVA, 8 * PG, HAT_PROT_RW), 0);
	for (unsigned i = 0; i < 8; i++)
		KT_ASSERT(got(p, TVA + i * PG, want[i]), "after the collapse, a fault on page %u "
			  "does not find %u (the child's page must win)", i, want[i]);
	KT_ASSERT_EQ(resident(p, TVA), 8);
	/* Its pages are its own now: a write neither copies nor takes. */
	fork_get_stats(&st0);
	mem_snapshot(&snap);
	KT_ASSERT(put(p, TVA + 5 * PG, 505), "writing after the collapse faulted");
	fork_get_stats(&st);
	KT_ASSERT(st.copies == st0.copies && st.takes == st0.takes &&
		  mem_frames_leaked(&snap) == 0, "after the collapse, a write went to the tree");
	/* The other way round: the parent exits, the child keeps all. */
	FORK_OK(q, p);
	KT_ASSERT(put(q, TVA + 3 * PG, 403), "the second child's write faulted");
	drop(p);
	fork_get_stats(&st);
	KT_ASSERT(st.nodes == st0.nodes, "the parent went but a fork-tree node stayed");
	for (unsigned i = 0; i < 8; i++) {
		uint32_t w = i == 3 ? 403 : i == 5 ? 505 : want[i];

		KT_ASSERT(got(q, TVA + i * PG, w), "after the parent went, page %u is not %u", i, w);
	}
	KT_ASSERT_EQ(resident(q, TVA), 8);
}

KTEST(lab4_collapse)
{
	run(fork_collapse);
}

/* ---- copy-on-write over a file of the boot image --------------------------- */

#define PATTERN	"test/pattern"	/* 3 pages, always in the image (Makefile) */

/* Map a private copy (an FRCRW) of test/pattern at TVA in p, with prot.
 * 0, or what failed. */
static long map_crw(struct process *p, unsigned prot)
{
	struct fr *file, *copy;
	long r = fr_bootimage_get(PATTERN, &file);

	if (r)
		return r;
	r = fr_crw_create(file, 0, 3 * PG, &copy);
	fr_bootimage_put(file);			/* the copy holds the file */
	if (r)
		return r;
	r = vm_map_file(p, TVA, 3 * PG, prot, VM_FIXED, copy, 0);
	fr_unref(copy);				/* the Region holds the copy */
	return r == (long)TVA ? 0 : r < 0 ? r : -EINVAL;
}

#define MAP_CRW_OK(p, prot)						\
	do {								\
		long e_ = map_crw((p), (prot));				\
		KT_ASSERT(e_ == 0, "mapping a copy of " PATTERN " failed: %ld", e_); \
	} while (0)

/* Page i of the mapping at TVA in p reads as the file (words 0, 1 and the
 * last of the page). */
static bool reads_file(struct process *p, unsigned i)
{
	unsigned w = (unsigned)(i * PG / 4), last = w + (unsigned)(PG / 4) - 1;

	return got(p, TVA + i * PG, test_pattern_word(w)) &&
	       got(p, TVA + i * PG + 4, test_pattern_word(w + 1)) &&
	       got(p, TVA + i * PG + PG - 4, test_pattern_word(last));
}

static void crw_read_shares(struct process *p)
{
	struct bootfile f;
	struct process *q, *c;
	unsigned long copies0 = fcm_crw_copies();

	KT_ASSERT(bootimage_find(PATTERN, &f) == 0 && f.size == 3 * PG,
		  "no 3-page " PATTERN " in the boot image");
	MAP_CRW_OK(p, HAT_PROT_RW);
	for (unsigned i = 0; i < 3; i++) {
		KT_ASSERT(reads_file(p, i), "page %u of the copy does not read the file", i);
		KT_ASSERT(shared_pa(p, TVA + i * PG) == f.pa + i * PG,
			  "reading page %u did not map the image's own frame read-only", i);
	}
	KT_ASSERT_EQ(fcm_crw_copies(), copies0);
	KT_ASSERT_EQ(resident(p, TVA), 0);
	/* Another process's copy of the file: the same frames. */
	q = spawn("ktest-q");
	KT_ASSERT(q, "process_create returned NULL");
	MAP_CRW_OK(q, HAT_PROT_RW);
	KT_ASSERT(reads_file(q, 1) && shared_pa(q, TVA + PG) == f.pa + PG,
		  "a second copy of the file does not share the image's frame");
	/* A forked copy of the copy: the same frames again. */
	FORK_OK(c, p);
	KT_ASSERT(reads_file(c, 2) && shared_pa(c, TVA + 2 * PG) == f.pa + 2 * PG,
		  "a forked copy does not share the image's frame");
	KT_ASSERT(reads_file(p, 2) && shared_pa(p, TVA + 2 * PG) == f.pa + 2 * PG,
		  "after fork, the parent's page is not the image's frame");
	KT_ASSERT_EQ(fcm_crw_copies(), copies0);
}

KTEST(lab4_crw_read_shares)
{
	run(crw_read_shares);
}

static void crw_write_copies(struct process *p)
{
	struct bootfile f;
	struct mem_snapshot snap;
	struct process *q, *c;
	const uint32_t *image;
	unsigned long copies0 = fcm_crw_copies();
	unsigned prot = 0;
	paddr_t mine;

	KT_ASSERT(bootimage_find(PATTERN, &f) == 0 && f.size == 3 * PG,
		  "no 3-page " PATTERN " in the boot image");
	image = phys_to_kva(f.pa);
	MAP_CRW_OK(p, HAT_PROT_RW);
	KT_ASSERT(reads_file(p, 1), "page 1 of the copy does not read the file");
	mem_snapshot(&snap);
	KT_ASSERT(put(p, TVA + PG + 8, 0xc0ffee), "writing the copy faulted");
	KT_ASSERT_EQ(mem_frames_leaked(&snap), 1);
	KT_ASSERT_EQ(fcm_crw_copies(), copies0 + 1);
	mine = pa_of(p, TVA + PG, &prot);
	KT_ASSERT(mine != NOPA && mine != f.pa + PG && (prot & HAT_PROT_WRITE),
		  "the write did not map a writable frame of the copy's own");
	KT_ASSERT(image[PG / 4 + 2] == test_pattern_word((unsigned)(PG / 4) + 2),
		  "the write reached the file's own page");
	KT_ASSERT(got(p, TVA + PG + 8, 0xc0ffee) && reads_file(p, 1),
		  "the copied page lost the write or the file's other words");
	KT_ASSERT(reads_file(p, 0) && shared_pa(p, TVA) == f.pa,
		  "a page not written stopped being the image's frame");
	KT_ASSERT(put(p, TVA + PG + 12, 7) && fcm_crw_copies() == copies0 + 1,
		  "a second write to a copied page copied again");
	KT_ASSERT_EQ(resident(p, TVA), 1);
	/* Another copy of the file sees the file, not p's write. */
	q = spawn("ktest-q");
	KT_ASSERT(q, "process_create returned NULL");
	MAP_CRW_OK(q, HAT_PROT_RW);
	KT_ASSERT(got(q, TVA + PG + 8, test_pattern_word((unsigned)(PG / 4) + 2)),
		  "another copy of the file sees this copy's write");
	/* Forked: the child sees p's write; its own writes copy again. */
	FORK_OK(c, p);
	KT_ASSERT(got(c, TVA + PG + 8, 0xc0ffee), "the forked copy lost the parent's write");
	KT_ASSERT(put(c, TVA + 2 * PG, 0xbeef) && fcm_crw_copies() == copies0 + 2,
		  "the child's first write to a file page did not copy it from the file");
	KT_ASSERT(reads_file(p, 2) && shared_pa(p, TVA + 2 * PG) == f.pa + 2 * PG,
		  "the child's write reached the parent");
	KT_ASSERT(put(c, TVA + PG + 8, 0xfeed) && got(p, TVA + PG + 8, 0xc0ffee),
		  "the child's write to a page the parent wrote reached the parent");
	/* Read-only, a copy still refuses writes. */
	KT_ASSERT_EQ(vm_protect(c, TVA, 3 * PG, HAT_PROT_READ), 0);
	vm_set_current(c);
	KT_ASSERT_EQ(hat_probe_write(TVA, 1), -EFAULT);
	KT_ASSERT(image[0] == test_pattern_word(0) &&
		  image[2 * PG / 4] == test_pattern_word((unsigned)(2 * PG / 4)),
		  "the file's pages changed");
}

KTEST(lab4_crw_write_copies)
{
	run(crw_write_copies);
}

/* ---- random forks, writes, protections and exits against a model ----------- */

#define NSP	6		/* address spaces alive at once, at most */
#define NWIN	12		/* pages in each */

struct world {
	struct process *sp[NSP];	/* NULL: a free slot */
	uint32_t val[NSP][NWIN];	/* the model: each page's value */
	uint8_t prot[NSP][NWIN];
	uint64_t rng;
	unsigned long nodes0;		/* fork-tree nodes before the test */
	unsigned forks, exits;
};

static unsigned rnd(struct world *w, unsigned n)
{
	w->rng = w->rng * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned)(w->rng >> 33) % n;
}

/* A random live space (-1 if none), or a free slot (-1 if none). */
static int pick(struct world *w, bool live)
{
	int s = (int)rnd(w, NSP);

	for (unsigned k = 0; k < NSP; k++, s = (s + 1) % NSP)
		if ((w->sp[s] != NULL) == live)
			return s;
	return -1;
}

/* A new space in slot s with the whole window mapped, zero-filled. */
static bool world_new(struct world *w, int s)
{
	w->sp[s] = spawn("ktest-rand");
	KT_CHECK(w->sp[s], "process_create returned NULL");
	KT_CHECK(vm_map_anon(w->sp[s], TVA, NWIN * PG, 0, HAT_PROT_RW, VM_FIXED) == (long)TVA,
		 "mapping a new space failed");
	for (unsigned i = 0; i < NWIN; i++) {
		w->val[s][i] = 0;
		w->prot[s][i] = HAT_PROT_RW;
	}
	return true;
}

/* Space s forks into a free slot, if there is one. */
static bool world_fork(struct world *w, int s, unsigned step)
{
	int t = pick(w, false);

	if (t < 0)
		return true;
	w->sp[t] = fork_of(w->sp[s]);
	KT_CHECK(w->sp[t], "step %u: vm_fork failed", step);
	for (unsigned k = 0; k < NWIN; k++) {
		w->val[t][k] = w->val[s][k];
		w->prot[t][k] = w->prot[s][k];
	}
	w->forks++;
	return true;
}

/* Space s writes v (never 0) to the first word of page i and ~v to the
 * last, so that a page copied in part is noticed; a read-only page must
 * refuse. */
static bool world_write(struct world *w, int s, unsigned i, uint32_t v, unsigned step)
{
	vaddr_t va = TVA + i * PG;

	vm_set_current(w->sp[s]);
	if (!(w->prot[s][i] & HAT_PROT_WRITE)) {
		KT_CHECK(hat_probe_write(va, v) == -EFAULT,
			 "step %u: writing a read-only page did not fault", step);
		return true;
	}
	KT_CHECK(hat_probe_write(va, v) == 0 && hat_probe_write(va + PG - 4, ~v) == 0,
		 "step %u: writing space %d page %u faulted", step, s, i);
	w->val[s][i] = v;
	return true;
}

/* Page i of space s holds what the model says: its value in the first
 * word, the value's complement in the last (zero for a fresh page). */
static bool page_agrees(struct world *w, int s, unsigned i, unsigned step)
{
	uint32_t v = w->val[s][i];

	KT_CHECK(got(w->sp[s], TVA + i * PG, v) && got(w->sp[s], TVA + i * PG + PG - 4, v ? ~v : 0),
		 "step %u: space %d page %u disagrees with the model (%#x)", step, s, i, v);
	return true;
}

/* One random operation, applied to the spaces and the model. */
static bool world_step(struct world *w, unsigned step)
{
	int s = pick(w, true);
	unsigned i = rnd(w, NWIN), n = 1 + rnd(w, MIN(4u, NWIN - i));
	unsigned prot = rnd(w, 2) ? HAT_PROT_READ : HAT_PROT_RW;
	vaddr_t va = TVA + i * PG;

	if (s < 0)
		return world_new(w, pick(w, false));
	switch (rnd(w, 10)) {
	case 0:
	case 1:
		return world_fork(w, s, step);
	case 2:					/* exit */
		drop(w->sp[s]);
		w->sp[s] = NULL;
		w->exits++;
		return true;
	case 3:					/* mprotect */
		KT_CHECK(vm_protect(w->sp[s], va, n * PG, prot) == 0,
			 "step %u: vm_protect failed", step);
		for (unsigned k = i; k < i + n; k++)
			w->prot[s][k] = (uint8_t)prot;
		return true;
	case 4:					/* unmap, and map fresh memory there */
		KT_CHECK(vm_unmap(w->sp[s], va, n * PG) == 0 &&
			 vm_map_anon(w->sp[s], va, n * PG, 0, HAT_PROT_RW, VM_FIXED) == (long)va,
			 "step %u: unmapping and remapping failed", step);
		for (unsigned k = i; k < i + n; k++) {
			w->val[s][k] = 0;
			w->prot[s][k] = HAT_PROT_RW;
		}
		return true;
	case 5:
	case 6:
	case 7:
		return world_write(w, s, i, (uint32_t)(w->rng >> 7) | 1, step);
	default:
		return page_agrees(w, s, i, step);
	}
}

/* Every page of every live space reads what the model says, and the
 * trees are no bigger than their leaves allow: each Region's FCM is at
 * most one leaf, and a tree has fewer nodes than leaves. */
static bool world_check(struct world *w, unsigned step)
{
	struct fork_stats st;
	unsigned long regions = 0;

	for (int s = 0; s < NSP; s++) {
		for (unsigned i = 0; w->sp[s] && i < NWIN; i++)
			if (!page_agrees(w, s, i, step))
				return false;
		regions += w->sp[s] ? w->sp[s]->map.count : 0;
	}
	fork_get_stats(&st);
	KT_CHECK(st.nodes - w->nodes0 <= regions, "step %u: %lu fork-tree nodes for %lu Regions",
		 step, st.nodes - w->nodes0, regions);
	return true;
}

static void world_run(uint64_t seed, unsigned nsteps)
{
	struct world w = { .rng = seed * 2654435761u + 1 };
	struct fork_stats st;

	fork_get_stats(&st);
	w.nodes0 = st.nodes;
	for (unsigned step = 0; step < nsteps; step++) {
		if (!world_step(&w, step))
			return;
		/* A full check costs; every few steps is enough to notice. */
		if ((step % 8 == 7 || step + 1 == nsteps) && !world_check(&w, step))
			return;
	}
	kprintf("%s: %u steps, %u forks, %u exits\n", ktest_current(), nsteps, w.forks, w.exits);
}

static void fork_no_leaks(struct process *p)
{
	drop(p);			/* the world makes its own */
	world_run(ktest_seed(), 300);
}

KTEST(lab4_no_leaks)
{
	run(fork_no_leaks);
}

/* Longer, and from a new seed every boot unless seed= names one: the
 * seed is printed, so that a failure can be replayed. */
static void fork_random(struct process *p)
{
	unsigned long seed = cmdline_has("seed") ? ktest_seed() : (unsigned long)arch_cycles();

	kprintf("kern_fork_random: seed %lu (replay: ktest=kern_fork_random seed=%lu)\n",
		seed, seed);
	drop(p);
	world_run(seed, 1500);
}

KTEST(kern_fork_random)
{
	run(fork_random);
}
