/*
 * arch/mips/thread_ktest.c - traps taken on a thread's own stack (kseg0,
 * not the boot stack): the trap frame goes on the current sp, breakpoints
 * resume, TLB refills of kseg2 and kuseg reach the fault fixups, and the
 * timer keeps interrupting (and preempting) the thread.  kern/thread_ktest.c
 * has the machine-independent suite.
 */
#include "kern/arch.h"
#include "kern/clock.h"
#include "kern/errno.h"
#include "kern/ktest.h"
#include "kern/lab.h"
#include "kern/thread.h"
#include "kern/trap.h"
#include "mm/hat.h"

static volatile bool on_own_stack, done;
static volatile int kseg2_err, kuseg_err, after_bp;
static volatile unsigned long bps, ticks_seen;

static __noinline void in_thread(void *arg)
{
	uint32_t v;
	unsigned long t0, b0 = trap_breakpoints;
	uint64_t c0;
	int local;

	(void)arg;
	on_own_stack = thread_stack_ok((uintptr_t)&local, sizeof(local));
#if SOLUTION(1)
	arch_breakpoint();		/* lab 1 resumes after a breakpoint */
	after_bp = 1;
	arch_breakpoint();
	after_bp = 2;
	bps = trap_breakpoints - b0;
#else
	(void)b0;
#endif
	/* No TLB entry and no page table: refill -> trap_common -> fixup. */
	kseg2_err = hat_probe_read(0xd0000000u, &v);
	kuseg_err = hat_probe_read(0x00001000u, &v);
	/* Let a few timer interrupts land on this stack.  Bounded by time
	 * (Count), not by iterations: a loaded host can starve QEMU's timer
	 * for longer than any fixed number of iterations takes. */
	t0 = ticks;
	c0 = arch_cycles();
	while (ticks - t0 < 3 && arch_cycles() - c0 < 5 * arch_cycles_per_sec())
		__asm__ volatile("" ::: "memory");
	ticks_seen = ticks - t0;
	done = true;
}

KTEST(mips_thread_traps)
{
	unsigned long base = thread_count();

	on_own_stack = done = false;
	after_bp = kseg2_err = kuseg_err = 0;
	bps = ticks_seen = 0;
	KT_ASSERT(thread_create("traps", in_thread, NULL), "thread_create failed");
	for (long i = 0; i < 2000000 && thread_count() != base; i++)
		thread_yield();
	KT_ASSERT(done && thread_count() == base, "the thread did not finish");
	KT_ASSERT(on_own_stack, "the thread did not run on its own stack");
#if SOLUTION(1)
	KT_ASSERT(after_bp == 2 && bps == 2,
		  "breakpoints on a thread stack: resumed to %d, counted %lu, expected 2 and 2",
		  after_bp, bps);
#endif
	KT_ASSERT(kseg2_err == -EFAULT && kuseg_err == -EFAULT,
		  "probes of unmapped kseg2/kuseg gave %d/%d, expected -EFAULT",
		  kseg2_err, kuseg_err);
	KT_ASSERT(ticks_seen >= 3, "only %lu ticks reached the thread", ticks_seen);
}
