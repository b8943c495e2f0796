/*
 * kern/proc.h - processes: spawn, exit, wait and kill.
 *
 * A process is a K42 Process (mm/process.h): an address space built from
 * Regions, FRs and FCMs, plus one user thread, a pid, a parent and open
 * files.  proc_spawn builds one from a program in the boot image and
 * starts its thread in user mode; the thread comes back to the kernel
 * only by traps (kern/trap.c) and system calls (kern/syscall.c).  A
 * process ends by proc_exit (the exit system call) or proc_kill (a fault
 * it cannot survive); it stays a zombie until its parent's proc_wait
 * collects its status.  Orphans are detached: they vanish when they exit.
 *
 * Processes spawned by kernel code (kmain's init, the ktests) are the
 * kernel's children: a kernel thread waits for them with proc_wait.
 *
 * Locking: the process list and every field kern/proc.c owns are guarded
 * by "interrupts off" (one CPU).  Call from thread context, not from an
 * interrupt.
 */
#ifndef KERN_PROC_H
#define KERN_PROC_H

#include "kern/types.h"

struct process;
struct trapinfo;

#define PROC_STACK_SIZE	(256 * 1024)	/* a user stack, zero-filled on use */

/* Start the program at boot-image path path with the argc strings of
 * argv (kernel memory; argv[0] is the program's name by convention) as a
 * child of parent (NULL: of the kernel).  Returns the new pid, or
 * -ENOENT (no such file), -ENOEXEC (not a program for this machine),
 * -E2BIG (more than SPAWN_MAX_ARGS arguments or SPAWN_MAX_ARGBYTES bytes
 * of them), -ENOMEM.  Nothing is left behind on failure. */
int proc_spawn(const char *path, int argc, char *const argv[], struct process *parent);

/* Replace the calling process's program by the boot-image program path,
 * with the argc strings of argv (kernel memory, in argbuf, which is
 * kfree'd once they are copied): its Regions go, the new program's come,
 * its files stay open, and its thread starts the new program.  Returns
 * only on a failure found before the old image is let go: -ENOENT,
 * -ENOEXEC, -E2BIG (argbuf then still the caller's).  Running out of
 * memory after that point kills the process (as on Unix). */
int proc_exec(const char *path, int argc, char *const argv[], void *argbuf);

/* Start a copy of the calling process (fork): the same address space as
 * a logical copy (vm_fork: nothing is copied until written), the same
 * open files, and a thread that returns from the same system call with
 * 0.  Returns the child's pid, or -EAGAIN (PROC_MAX processes exist),
 * -ENOMEM, with nothing left behind. */
int proc_fork(void);

/* Make p (built by spawn or fork) a process: give it a thread running
 * entry(arg), a pid, a parent, and put it on the list, all with
 * interrupts off so that the thread cannot run (and exit) before p is
 * complete.  The pid, or -EAGAIN (PROC_MAX processes exist), -ENOMEM;
 * on failure p is untouched and the caller frees it (and arg). */
int proc_start(struct process *p, struct process *parent, void (*entry)(void *), void *arg);

/* End the calling thread's process with status (WEXITSTATUS-sized, or
 * WKILLED | reason from proc_kill): close its files, free its address
 * space, hand its children to nobody, and wake its parent.  Call from the
 * process's own thread; never returns. */
void proc_exit(int status) __noreturn;

/* Kill the calling thread's process for the trap described by ti, which
 * came from its user mode and cannot be resolved: print
 * "NAME[PID]: killed: ACCESS at ADDR (pc PC): REASON" (or the trap's
 * name and pc for traps that are not memory faults) and proc_exit with
 * WKILLED.  reason may be NULL for non-memory traps. */
void proc_kill(const struct trapinfo *ti, const char *reason) __noreturn;

/* Wait for a child of the calling thread's process (of the kernel, from a
 * kernel thread) to exit: pid, or -1 for any child.  Stores its status
 * in *status (may be NULL), frees it, returns its pid.  -ECHILD if there
 * is no such child.  Sleeps until one exits. */
int proc_wait(int pid, int *status);

/* The calling thread's process, or NULL in a kernel thread. */
struct process *proc_current(void);

/* The process with this pid (zombies too), or NULL.  The pointer is
 * good until the process is collected: use it at once. */
struct process *proc_find(int pid);

/* Processes that exist now, zombies included (for memstats and tests). */
unsigned long proc_count(void);

/* The text of the last kill message (tests compare it with what they
 * provoked).  Empty before the first kill. */
const char *proc_last_kill(void);

#endif
