/*
 * mm/hat_bench.c - HAT micro-benchmarks, run by `make bench`
 * (tools/bench.py) under QEMU -icount, where arch_cycles() follows the
 * instruction count.  Each prints "bench: NAME ops=N cycles=C rate=R";
 * the tool turns cycles into guest instructions per operation.
 */
#include "kern/arch.h"
#include "kern/ktest.h"
#include "kern/printf.h"
#include "mm/frame.h"
#include "mm/hat.h"

#define BENCH_PAGES	1000
#define BENCH_SWITCHES	1000
#define BVA		(ROUNDUP((vaddr_t)USER_VA_MIN, HAT_SEGMENT_SIZE) + HAT_SEGMENT_SIZE)

static void report(const char *name, unsigned long ops, uint64_t cycles)
{
	kprintf("bench: %s ops=%lu cycles=%llu rate=%llu\n", name, ops,
		(unsigned long long)cycles, (unsigned long long)arch_cycles_per_sec());
}

/* Enter a page, touch it, remove it: 1000 times, one hat_update at the
 * end (as an FCM unmapping a range would). */
KTEST_FLAGS(bench_hat_enter_touch_remove, KTEST_ALONE)
{
	struct hat *h = hat_create();
	struct page *pg = frame_alloc(FRAME_ZERO);
	paddr_t pa;
	uint64_t t0;

	KT_ASSERT(h && pg, "out of memory");
	pa = page_to_pa(pg);
	hat_switch(h);
	t0 = arch_cycles();
	for (unsigned i = 0; i < BENCH_PAGES; i++) {
		vaddr_t va = BVA + i * PAGE_SIZE;

		KT_ASSERT(hat_enter(h, va, pa, HAT_PROT_RW, HAT_CANFAIL) == 0, "enter failed");
		KT_ASSERT(hat_probe_write(va, i) == 0, "touch faulted");
	}
	hat_remove(h, BVA, BVA + BENCH_PAGES * PAGE_SIZE);
	hat_update(h);
	report("hat_enter_touch_remove", BENCH_PAGES, arch_cycles() - t0);
	hat_switch(NULL);
	hat_destroy(h);
	frame_free(pg);
}

/* Switch between two address spaces, touching one page in each. */
KTEST_FLAGS(bench_hat_activate, KTEST_ALONE)
{
	struct hat *a = hat_create(), *b = hat_create();
	struct page *pg = frame_alloc(FRAME_ZERO);
	uint32_t v;
	uint64_t t0;

	KT_ASSERT(a && b && pg, "out of memory");
	KT_ASSERT(hat_enter(a, BVA, page_to_pa(pg), HAT_PROT_RW, HAT_CANFAIL) == 0 &&
		  hat_enter(b, BVA, page_to_pa(pg), HAT_PROT_RW, HAT_CANFAIL) == 0, "enter failed");
	t0 = arch_cycles();
	for (unsigned i = 0; i < BENCH_SWITCHES; i++) {
		hat_switch(i % 2 ? b : a);
		KT_ASSERT(hat_probe_read(BVA, &v) == 0, "touch faulted");
	}
	report("hat_activate_touch", BENCH_SWITCHES, arch_cycles() - t0);
	hat_switch(NULL);
	hat_destroy(a);
	hat_destroy(b);
	frame_free(pg);
}
