/*
 * kern/proc.c - the life of a process after it starts: exit, wait, kill
 * (kern/proc.h), and its start (proc_start).  kern/spawn.c and
 * kern/fork.c build processes.
 *
 * All processes are on one list; with one CPU, "interrupts off" guards it
 * and the parent/child links.  A parent sleeps on its own child_exited
 * wait queue (the kernel's children wake kernel_child_exited).
 */
#include "kern/arch.h"
#include "kern/errno.h"
#include "kern/file.h"
#include "kern/printf.h"
#include "kern/proc.h"
#include "kern/thread.h"
#include "kern/trap.h"
#include "mm/process.h"
#include "mm/vm.h"

#include "kern/abi/syscall.h"

struct process *proc_list;
static int next_pid = 1;
static struct waitq kernel_child_exited = WAITQ_INIT;
static char last_kill[128];

struct process *proc_current(void)
{
	struct thread *t = thread_current();

	return t ? t->proc : NULL;
}

unsigned long proc_count(void)
{
	unsigned long n = 0, s = arch_intr_save();

	for (struct process *p = proc_list; p; p = p->next)
		n++;
	arch_intr_restore(s);
	return n;
}

struct process *proc_find(int pid)
{
	unsigned long s = arch_intr_save();
	struct process *p = proc_list;

	while (p && p->pid != pid)
		p = p->next;
	arch_intr_restore(s);
	return p;
}

int proc_start(struct process *p, struct process *parent, void (*entry)(void *), void *arg)
{
	unsigned long s = arch_intr_save();
	int pid = -EAGAIN;

	if (proc_count() < PROC_MAX) {
		pid = -ENOMEM;
		p->thread = thread_create(p->name, entry, arg);
	}
	if (pid == -ENOMEM && p->thread) {
		pid = p->pid = next_pid++;
		p->parent = parent;
		p->state = PROC_ALIVE;
		p->next = proc_list;
		proc_list = p;
	}
	arch_intr_restore(s);
	return pid;
}

const char *proc_last_kill(void)
{
	return last_kill;
}

/* Take p off the list and free what is left of it.  Interrupts off. */
static void proc_unlink_free(struct process *p)
{
	struct process **pp = &proc_list;

	while (*pp != p)
		pp = &(*pp)->next;
	*pp = p->next;
	process_free(p);
}

/* p is exiting: its zombie children go now, its live ones are detached
 * (nobody will wait for them).  Interrupts off. */
static void proc_orphan_children(struct process *p)
{
	struct process *q = proc_list, *next;

	for (; q; q = next) {
		next = q->next;
		if (q->parent != p)
			continue;
		q->parent = NULL;
		if (q->state == PROC_ZOMBIE)
			proc_unlink_free(q);
		else
			q->detached = true;
	}
}

void proc_exit(int status)
{
	struct process *p = proc_current();
	unsigned long s;

	if (!p)
		panic("proc_exit: called by kernel thread %s", thread_current()->name);
	file_close_all(p);
	process_teardown(p);		/* also leaves p's address space */
	s = arch_intr_save();
	proc_orphan_children(p);
	p->status = status;
	p->thread = NULL;
	if (p->detached) {
		proc_unlink_free(p);
	} else {
		p->state = PROC_ZOMBIE;
		thread_wakeup(p->parent ? &p->parent->child_exited : &kernel_child_exited);
	}
	arch_intr_restore(s);
	thread_exit();
}

static const char *access_name(const struct trapinfo *ti)
{
	return ti->exec ? "exec" : ti->write ? "write" : "read";
}

void proc_kill(const struct trapinfo *ti, const char *reason)
{
	struct process *p = proc_current();

	if (ti->kind == TRAP_MEMORY || ti->kind == TRAP_ALIGN)
		ksnprintf(last_kill, sizeof(last_kill),
			 "%s[%d]: killed: %s at %p (pc %p): %s", p->name, p->pid,
			 access_name(ti), (void *)ti->addr, (void *)ti->pc,
			 reason ? reason : trap_kind_name(ti->kind));
	else
		ksnprintf(last_kill, sizeof(last_kill),
			 "%s[%d]: killed: %s (%s) at pc %p", p->name, p->pid,
			 trap_kind_name(ti->kind), ti->name, (void *)ti->pc);
	kprintf("%s\n", last_kill);
	proc_exit(WKILLED | (ti->kind & 0xff));
}

/* Is q a child of self that a wait for pid collects? */
static bool proc_waitable(struct process *q, struct process *self, int pid)
{
	return q->parent == self && !q->detached && q->state != PROC_EMBRYO &&
	       (pid == -1 || q->pid == pid);
}

int proc_wait(int pid, int *status)
{
	struct process *self = proc_current();
	unsigned long s = arch_intr_save();

	for (;;) {
		bool any = false;

		for (struct process *q = proc_list; q; q = q->next) {
			if (!proc_waitable(q, self, pid))
				continue;
			any = true;
			if (q->state != PROC_ZOMBIE)
				continue;
			pid = q->pid;
			if (status)
				*status = q->status;
			proc_unlink_free(q);
			arch_intr_restore(s);
			return pid;
		}
		if (!any) {
			arch_intr_restore(s);
			return -ECHILD;
		}
		thread_sleep(self ? &self->child_exited : &kernel_child_exited);
	}
}
