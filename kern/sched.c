/*
 * kern/sched.c - the scheduler: a FIFO run queue, round-robin with a
 * quantum of SCHED_QUANTUM ticks (kern/thread.h).
 *
 * Everything here runs with interrupts off, which on one CPU is the whole
 * of the scheduler's locking.
 */
#include "kern/arch.h"
#include "kern/panic.h"
#include "kern/thread.h"
#include "mm/hat.h"
#include "mm/process.h"

extern struct thread *thread_running;	/* kern/thread.c */
extern struct thread *thread_idle;
void thread_reap(void);

static struct thread *runq_head, *runq_tail;
static unsigned quantum_left = SCHED_QUANTUM;
static volatile bool need_resched;

void sched_make_runnable(struct thread *t)
{
	t->state = THREAD_RUNNABLE;
	if (t == thread_idle)
		return;			/* idle runs when the queue is empty */
	t->next = NULL;
	if (runq_tail)
		runq_tail->next = t;
	else
		runq_head = t;
	runq_tail = t;
}

static struct thread *runq_take(void)
{
	struct thread *t = runq_head;

	if (!t)
		return thread_idle;
	runq_head = t->next;
	if (!runq_head)
		runq_tail = NULL;
	t->next = NULL;
	return t;
}

void sched_switch(void)
{
	struct thread *prev = thread_running, *next = runq_take();

	if (next == prev) {
		prev->state = THREAD_RUNNING;
		return;
	}
	next->state = THREAD_RUNNING;
	thread_running = next;
	if (next->proc != prev->proc)	/* threads carry their address space */
		hat_switch(next->proc ? next->proc->hat : NULL);
	quantum_left = SCHED_QUANTUM;
	need_resched = false;
	arch_set_kernel_stack(next->stack_hi);	/* its traps from user mode */
	arch_context_switch(&prev->ctx, next->ctx);
	/* prev runs again here. */
	thread_reap();
}

void sched_tick(void)
{
	if (!thread_running)
		return;			/* before thread_init */
	if (quantum_left > 0)
		quantum_left--;
	if (quantum_left == 0 && (runq_head || thread_running == thread_idle))
		need_resched = true;
}

void sched_preempt(void)
{
	if (!need_resched || panicking)
		return;
	need_resched = false;
	thread_yield();
}
