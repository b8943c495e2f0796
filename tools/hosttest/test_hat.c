/* The simulated MMU itself, then the kernel's HAT conformance suite, frame
 * allocator and heap tests (mm/hat_ktest.c, mm/frame_ktest.c) run against it. */
#include "hosttest.h"
#include "kern/errno.h"
#include "kern/ktest.h"
#include "mm/frame.h"
#include "mm/hat.h"
#include "simhat.h"

/* The TLB is a real cache: a remove takes effect only at hat_update. */
static void test_stale_tlb(void)
{
	struct hat *h = hat_create();
	struct page *pg = frame_alloc(FRAME_ZERO);
	vaddr_t va = USER_VA_MIN + 0x10000;
	uint32_t v = 0;

	hat_activate(h);
	CHECK(hat_enter(h, va, page_to_pa(pg), HAT_PROT_RW, 0) == 0);
	CHECK(hat_probe_write(va, 77) == 0);
	hat_remove(h, va, va + PAGE_SIZE);
	CHECK(hat_probe_read(va, &v) == 0 && v == 77);	/* stale, as on hardware */
	hat_update(h);
	CHECK(hat_probe_read(va, &v) == -EFAULT);
	CHECK(pg->flags & PG_MODIFIED);
	hat_deactivate(h);
	hat_destroy(h);
	frame_free(pg);
}

void test_hat(void)
{
	int failed;

	sim_init();
	test_stale_tlb();
	failed = ktest_run("lab2_*,kern_hat_*,kern_frame_*,kern_frame_exhaustion,kern_kmalloc");
	CHECK(failed == 0);
	CHECK(sim_tlb_hits > 0 && sim_tlb_misses > 0);
}
