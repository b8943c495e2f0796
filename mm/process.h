/*
 * mm/process.h - the VM part of a K42 Process: one address space, made of
 * a hat (its translations, mm/hat.h) and a region map (mm/regionmap.h)
 * holding its Regions, plus the rest of the Process: its identity, its
 * family, its thread and its open files, which kern/proc.c manages
 * (kern/proc.h: spawn, exit, wait, kill).
 *
 * Locking: p->lock (a spinlock) serializes everything on the address
 * space: the region map, the Regions, the FCM calls made for them and the
 * hat's operations (mm/hat.h requires that).  mm/vm.c takes it; the
 * objects' own functions expect it held.
 */
#ifndef MM_PROCESS_H
#define MM_PROCESS_H

#include "kern/spinlock.h"
#include "kern/thread.h"
#include "kern/types.h"
#include "mm/regionmap.h"

#define PROC_NAME_MAX	32	/* with the NUL */
#define PROC_MAX_FILES	16	/* open files per process (kern/file.h) */

struct file;

enum proc_state {
	PROC_EMBRYO,			/* being built by proc_spawn */
	PROC_ALIVE,			/* its thread runs */
	PROC_ZOMBIE,			/* exited; its parent has not waited */
};

struct process {
	struct spinlock lock;
	struct hat *hat;
	struct regionmap map;
	char name[PROC_NAME_MAX];

	/* The rest of the Process (kern/proc.c); unused by address spaces
	 * made directly with process_create (the VM tests). */
	int pid;
	enum proc_state state;
	int status;			/* PROC_ZOMBIE: what wait reports */
	struct process *parent;		/* NULL: the kernel's child */
	bool detached;			/* orphan: nobody waits, freed at exit */
	struct process *next;		/* kern/proc.c's list of all */
	struct thread *thread;		/* its one thread */
	struct waitq child_exited;	/* its waits sleep here */
	struct file *files[PROC_MAX_FILES];
};

/* A new, empty address space.  NULL if memory ran out. */
struct process *process_create(const char *name);

/* Remove every Region and translation but keep the (empty) address
 * space and its hat, active or not: exec, before it loads the new image. */
void process_clear(struct process *p);

/* Remove every Region and translation (as process_destroy) but keep p
 * itself: an exiting process's address space goes at once, its record
 * stays for wait (kern/proc.c).  Then process_free(p). */
void process_teardown(struct process *p);
void process_free(struct process *p);

/* Remove every Region (their memory is freed with the last Region that
 * maps it), every translation (hat_remove_all), the hat and p.  If p is
 * the current process (vm_current), there is none afterwards. */
void process_destroy(struct process *p);

#endif
