/*
 * kern/thread.h - kernel threads, wait queues and the scheduler.
 *
 * A thread is a kernel stack and the registers saved on it.  The boot
 * context (kmain) becomes the first thread; an idle thread runs when
 * nothing else can.  Scheduling is round-robin with preemption: the timer
 * ends a thread's quantum (SCHED_QUANTUM ticks) and trap() switches
 * threads on the way out of the timer interrupt.  One CPU for now: the
 * scheduler's lock is "interrupts off".
 *
 * User threads in processes join with the user-mode issue; the shape is
 * the same (a thread's kernel stack is where its traps land).
 */
#ifndef KERN_THREAD_H
#define KERN_THREAD_H

#include "kern/types.h"

#define KSTACK_PAGES	2		/* 8 KiB kernel stacks, in the direct map */
#define SCHED_QUANTUM	2		/* ticks a thread runs before preemption */

enum thread_state {
	THREAD_RUNNING,			/* on the CPU */
	THREAD_RUNNABLE,		/* on the run queue */
	THREAD_SLEEPING,		/* on a wait queue */
	THREAD_DEAD,			/* exited; its stack is freed by another */
};

struct arch_context;
struct page;
struct process;

struct thread {
	char name[16];
	unsigned long id;
	enum thread_state state;
	struct arch_context *ctx;	/* saved state while not running */
	struct page *stack;		/* KSTACK_PAGES frames; NULL: boot stack */
	uintptr_t stack_lo, stack_hi;
	void (*entry)(void *);
	void *arg;
	struct process *proc;		/* its address space (mm/process.h), or
					 * NULL: only the kernel map.  Set with
					 * vm_set_current (mm/vm.h); the
					 * scheduler activates its hat. */
	struct thread *next;		/* run queue, wait queue or dead list */
};

/* A FIFO of sleeping threads. */
struct waitq {
	struct thread *head, *tail;
};
#define WAITQ_INIT	{ NULL, NULL }

/* Make the boot context the first thread and create the idle thread.
 * Called once by kmain, interrupts off. */
void thread_init(void);

/* A new runnable thread running fn(arg); when fn returns the thread exits.
 * NULL if memory ran out.  Any thread may call it. */
struct thread *thread_create(const char *name, void (*fn)(void *), void *arg);

/* End the calling thread. */
void thread_exit(void) __noreturn;

/* Give the CPU to the next runnable thread, if any. */
void thread_yield(void);

/* The running thread. */
struct thread *thread_current(void);

/* Threads that exist, the idle thread included (for tests). */
unsigned long thread_count(void);

/* Sleep on q until thread_wakeup.  Call with interrupts OFF, having just
 * checked the condition you wait for: a wakeup cannot slip in between.
 * Returns with interrupts off; check the condition again. */
void thread_sleep(struct waitq *q);

/* Wake every thread sleeping on q.  Any context, interrupts included. */
void thread_wakeup(struct waitq *q);

/* Is [addr, addr+len) inside the running thread's own kernel stack? (For
 * arch_stack_ok.) */
bool thread_stack_ok(uintptr_t addr, size_t len);

/* Where a new thread begins (arch_context_new arranges it): runs the
 * thread's function with interrupts on.  Not called directly. */
void thread_start(void) __noreturn;

/* ---- the scheduler (kern/sched.c) ---------------------------------- */

/* Count a tick against the running thread's quantum.  Timer interrupt. */
void sched_tick(void);

/* Called by trap() on its way out of a timer interrupt: switch threads if
 * the quantum ran out. */
void sched_preempt(void);

/* Switch to the next runnable thread (or idle).  Interrupts off; the
 * caller has already put the current thread where it belongs (run queue,
 * wait queue, dead list). */
void sched_switch(void);

/* Put t on the run queue.  Interrupts off. */
void sched_make_runnable(struct thread *t);

#endif
