/*
 * kern/thread.c - kernel threads and wait queues (kern/thread.h).
 *
 * A thread's struct comes from the heap and its stack is KSTACK_PAGES
 * contiguous frames reached through the direct map (trap entry code on
 * some arches cannot take a fault on its stack).  A thread cannot free the
 * stack it runs on: thread_exit puts it on the dead list and the next
 * thread to run frees it (thread_reap).
 */
#include "kern/arch.h"
#include "kern/panic.h"
#include "kern/string.h"
#include "kern/thread.h"
#include "mm/frame.h"
#include "mm/hat.h"
#include "mm/kmalloc.h"

struct thread *thread_running;
struct thread *thread_idle;

static struct thread boot_thread;
static struct thread *dead;
static unsigned long next_id = 1, nthreads;

struct thread *thread_current(void)
{
	return thread_running;
}

unsigned long thread_count(void)
{
	return nthreads;
}

bool thread_stack_ok(uintptr_t addr, size_t len)
{
	const struct thread *t = thread_running;

	return t && t->stack && addr >= t->stack_lo && addr <= t->stack_hi &&
	       len <= t->stack_hi - addr;
}

/* Free the threads that have exited (never the running one). */
void thread_reap(void)
{
	while (dead) {
		struct thread *t = dead;

		dead = t->next;
		frame_free_contig(t->stack, KSTACK_PAGES);
		kfree(t);
		nthreads--;
	}
}

void thread_start(void)
{
	struct thread *t = thread_running;

	thread_reap();
	arch_intr_enable();
	t->entry(t->arg);
	thread_exit();
}

static void name_thread(struct thread *t, const char *name)
{
	strlcpy(t->name, name, sizeof(t->name));
	t->id = next_id++;
	nthreads++;
}

/* A new thread, not yet on any queue. */
static struct thread *thread_alloc(const char *name, void (*fn)(void *), void *arg)
{
	struct thread *t = kzalloc(sizeof(*t));
	unsigned long s;

	if (!t)
		return NULL;
	t->stack = frame_alloc_contig(KSTACK_PAGES, 0);
	if (!t->stack) {
		kfree(t);
		return NULL;
	}
	t->stack_lo = (uintptr_t)phys_to_kva(page_to_pa(t->stack));
	t->stack_hi = t->stack_lo + KSTACK_PAGES * PAGE_SIZE;
	t->entry = fn;
	t->arg = arg;
	/* The top of the stack is the user frame's (arch_user_frame): a
	 * thread that enters user mode builds it there while running on
	 * this stack, so the kernel's frames start below it. */
	t->ctx = arch_context_new(arch_user_frame(t->stack_hi));
	s = arch_intr_save();
	name_thread(t, name);
	arch_intr_restore(s);
	return t;
}

struct thread *thread_create(const char *name, void (*fn)(void *), void *arg)
{
	struct thread *t = thread_alloc(name, fn, arg);
	unsigned long s;

	if (t) {
		s = arch_intr_save();
		sched_make_runnable(t);
		arch_intr_restore(s);
	}
	return t;
}

void thread_exit(void)
{
	struct thread *t = thread_running;

	arch_intr_disable();
	if (t == &boot_thread || t == thread_idle)
		panic("thread_exit: the %s thread cannot exit", t->name);
	t->state = THREAD_DEAD;
	t->next = dead;
	dead = t;
	sched_switch();
	panic("thread_exit: a dead thread ran again");
}

void thread_yield(void)
{
	unsigned long s = arch_intr_save();

	sched_make_runnable(thread_running);
	sched_switch();
	arch_intr_restore(s);
}

void thread_sleep(struct waitq *q)
{
	struct thread *t = thread_running;

	if (t == thread_idle)
		panic("thread_sleep: the idle thread must not sleep");
	t->state = THREAD_SLEEPING;
	t->next = NULL;
	if (q->tail)
		q->tail->next = t;
	else
		q->head = t;
	q->tail = t;
	sched_switch();
}

void thread_wakeup(struct waitq *q)
{
	unsigned long s = arch_intr_save();

	while (q->head) {
		struct thread *t = q->head;

		q->head = t->next;
		sched_make_runnable(t);
	}
	q->tail = NULL;
	arch_intr_restore(s);
}

/* The idle thread: wait for an interrupt whenever nothing is runnable.
 * arch_idle returns after an interrupt was handled, so a wakeup from an
 * interrupt is seen at the next yield. */
static void idle_loop(void *arg)
{
	(void)arg;
	for (;;) {
		thread_yield();
		arch_idle();
	}
}

void thread_init(void)
{
	name_thread(&boot_thread, "kmain");
	boot_thread.state = THREAD_RUNNING;
	thread_running = &boot_thread;
	thread_idle = thread_alloc("idle", idle_loop, NULL);
	if (!thread_idle)
		panic("thread_init: no memory for the idle thread");
	thread_idle->state = THREAD_RUNNABLE;	/* runs when nothing else can */
}
