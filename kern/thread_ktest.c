/*
 * kern/thread_ktest.c - threads, the scheduler and wait queues.
 */
#include "kern/arch.h"
#include "kern/clock.h"
#include "kern/ksym.h"
#include "kern/ktest.h"
#include "kern/string.h"
#include "kern/thread.h"
#include "mm/hat.h"
#include "mm/memcheck.h"
#include "mm/process.h"
#include "mm/vm.h"

/* Yield until the thread count is back to n (dead threads reaped), for at
 * most a few seconds' worth of yields. */
static bool wait_threads(unsigned long n)
{
	for (long i = 0; i < 2000000 && thread_count() != n; i++)
		thread_yield();
	return thread_count() == n;
}

static volatile int counter, finished;

static void add_with_yields(void *arg)
{
	for (int i = 0; i < 200; i++) {
		counter += (int)(uintptr_t)arg;
		thread_yield();
	}
	finished++;
}

KTEST(kern_thread_run)
{
	unsigned long base = thread_count();
	struct mem_snapshot mem;

	mem_snapshot(&mem);
	counter = finished = 0;
	for (uintptr_t i = 1; i <= 3; i++)
		KT_ASSERT(thread_create("adder", add_with_yields, (void *)i), "thread_create failed");
	KT_ASSERT(wait_threads(base), "the threads did not all exit (%lu left)",
		  thread_count() - base);
	KT_ASSERT(finished == 3 && counter == 200 * (1 + 2 + 3),
		  "3 threads finished %d times with counter %d, expected 3 and %d",
		  finished, counter, 200 * 6);
	KT_ASSERT(mem_frames_leaked(&mem) == 0 && mem_objects_leaked(&mem) == 0,
		  "exited threads leaked %ld frame(s), %ld object(s)",
		  mem_frames_leaked(&mem), mem_objects_leaked(&mem));
}

/* A thread that never yields must still lose the CPU to the timer. */
static volatile bool stop_spinning, spinner_done;
static volatile unsigned long spins;

static void spinner(void *arg)
{
	uint64_t rate = arch_cycles_per_sec(), t0 = arch_cycles();

	(void)arg;
	while (!stop_spinning && (rate ? arch_cycles() - t0 < 3 * rate : spins < 300000000UL))
		spins++;
	spinner_done = true;
}

KTEST(kern_thread_preempt)
{
	unsigned long base = thread_count(), t0 = ticks;

	stop_spinning = spinner_done = false;
	spins = 0;
	KT_ASSERT(thread_create("spinner", spinner, NULL), "thread_create failed");
	thread_yield();		/* the spinner runs until the timer takes it off */
	KT_ASSERT(!spinner_done, "the spinner ran to its end: the timer never preempted it "
		  "(ticks went %lu -> %lu)", t0, ticks);
	KT_ASSERT(spins > 0, "came back before the spinner ran at all");
	stop_spinning = true;
	KT_ASSERT(wait_threads(base), "the spinner did not exit");
}

/* Two threads take turns through two wait queues. */
static struct waitq ping_q = WAITQ_INIT, pong_q = WAITQ_INIT;
static volatile int turn, rounds_done;

static void ponger(void *arg)
{
	(void)arg;
	for (int i = 0; i < 100; i++) {
		unsigned long s = arch_intr_save();

		while (turn != 1)
			thread_sleep(&pong_q);
		turn = 0;
		rounds_done++;
		arch_intr_restore(s);
		thread_wakeup(&ping_q);
	}
}

KTEST(kern_thread_sleep_wakeup)
{
	unsigned long base = thread_count();

	turn = 0;
	rounds_done = 0;
	KT_ASSERT(thread_create("ponger", ponger, NULL), "thread_create failed");
	for (int i = 0; i < 100; i++) {
		unsigned long s = arch_intr_save();

		turn = 1;
		thread_wakeup(&pong_q);
		while (turn != 0)
			thread_sleep(&ping_q);
		arch_intr_restore(s);
	}
	KT_ASSERT(rounds_done == 100, "%d rounds of ping-pong, expected 100", rounds_done);
	KT_ASSERT(wait_threads(base), "the ponger did not exit");
}

static void quick(void *arg)
{
	(void)arg;
}

KTEST(kern_thread_many)
{
	unsigned long base = thread_count();
	struct mem_snapshot mem;

	mem_snapshot(&mem);
	for (int round = 0; round < 5; round++) {
		for (int i = 0; i < 40; i++)
			KT_ASSERT(thread_create("quick", quick, NULL), "thread_create %d failed", i);
		KT_ASSERT(wait_threads(base), "round %d: threads left over", round);
	}
	KT_ASSERT(mem_frames_leaked(&mem) == 0 && mem_objects_leaked(&mem) == 0,
		  "200 threads leaked %ld frame(s), %ld object(s)",
		  mem_frames_leaked(&mem), mem_objects_leaked(&mem));
}

/* A thread's backtrace ends cleanly where it began. */
static uintptr_t tb_pcs[16];
static volatile int tb_depth;

static __noinline void traced(void *arg)
{
	(void)arg;
	tb_depth = arch_backtrace(tb_pcs, ARRAY_SIZE(tb_pcs));
	__asm__ volatile("" ::: "memory");
}

KTEST(kern_thread_backtrace)
{
	unsigned long base = thread_count();
	bool saw_start = false;

	tb_depth = -1;
	KT_ASSERT(thread_create("traced", traced, NULL), "thread_create failed");
	KT_ASSERT(wait_threads(base), "the thread did not exit");
	KT_ASSERT(tb_depth >= 2 && tb_depth < (int)ARRAY_SIZE(tb_pcs),
		  "a new thread's backtrace has %d frames: it must end at thread_start",
		  tb_depth);
	for (int i = 0; i < tb_depth; i++)
		saw_start |= strcmp(ksym_owner(tb_pcs[i]), "thread_start") == 0;
	KT_ASSERT(saw_start, "the backtrace of a thread does not reach thread_start");
}

/* Two threads in two processes with the same user address mapped to
 * different frames, interleaved by preemption: the scheduler must switch
 * address spaces with threads (thread->proc). */
#define AS_VA	(ROUNDUP((vaddr_t)USER_VA_MIN, PAGE_SIZE) + 64 * PAGE_SIZE)

static struct process *as_procs[2];
static volatile unsigned long as_errors[2], as_reads[2], as_start[2], as_end[2];

static void as_worker(void *arg)
{
	int me = (int)(uintptr_t)arg;
	uint32_t want = 0xa5a50000u + (uint32_t)me, v;
	uint64_t rate = arch_cycles_per_sec(), c0 = arch_cycles();

	vm_set_current(as_procs[me]);
	as_start[me] = ticks;
	if (hat_probe_write(AS_VA, want) != 0)
		as_errors[me]++;
	/* Read until several quanta passed, so the other thread ran between. */
	while (ticks - as_start[me] < 4 * SCHED_QUANTUM && arch_cycles() - c0 < 5 * rate) {
		if (hat_probe_read(AS_VA, &v) != 0 || v != want)
			as_errors[me]++;
		as_reads[me]++;
	}
	as_end[me] = ticks;
	vm_set_current(NULL);
}

KTEST(kern_thread_address_spaces)
{
	unsigned long base = thread_count();
	struct mem_snapshot mem;

	mem_snapshot(&mem);
	for (int i = 0; i < 2; i++) {
		as_errors[i] = as_reads[i] = 0;
		as_procs[i] = process_create("as-test");
		KT_ASSERT(as_procs[i], "process_create failed");
		KT_ASSERT(vm_map_anon(as_procs[i], AS_VA, PAGE_SIZE, 0, HAT_PROT_RW, VM_FIXED) ==
			  (long)AS_VA, "vm_map_anon failed");
	}
	for (uintptr_t i = 0; i < 2; i++)
		KT_ASSERT(thread_create("as-worker", as_worker, (void *)i), "thread_create failed");
	KT_ASSERT(wait_threads(base), "the workers did not exit");
	for (int i = 0; i < 2; i++) {
		KT_ASSERT(as_reads[i] > 0, "worker %d never read", i);
		KT_ASSERT(as_errors[i] == 0,
			  "worker %d read another address space's memory %lu times in %lu "
			  "reads: the address space did not follow the thread",
			  i, as_errors[i], as_reads[i]);
	}
	KT_ASSERT(as_start[1] < as_end[0] && as_start[0] < as_end[1],
		  "the two workers never ran at the same time (%lu-%lu, %lu-%lu)",
		  as_start[0], as_end[0], as_start[1], as_end[1]);
	for (int i = 0; i < 2; i++)
		process_destroy(as_procs[i]);
	KT_ASSERT(mem_frames_leaked(&mem) == 0 && mem_objects_leaked(&mem) == 0,
		  "leaked %ld frame(s), %ld object(s)", mem_frames_leaked(&mem),
		  mem_objects_leaked(&mem));
}
