/*
 * kern/sys_proc.c - the process system calls: exit, spawn, fork, exec,
 * wait, getpid, getppid, yield, sleep, uptime (docs/syscalls.md).
 */
#include "kern/arch.h"
#include "kern/clock.h"
#include "kern/errno.h"
#include "kern/printf.h"
#include "kern/proc.h"
#include "kern/string.h"
#include "kern/syscall.h"
#include "kern/thread.h"
#include "mm/kmalloc.h"
#include "mm/process.h"
#include "mm/uaccess.h"

#include "kern/abi/syscall.h"

long sys_exit(const uintptr_t a[6])
{
	proc_exit((int)a[0] & 0xff);
}

/* Copy the user's argv (an array of string pointers ending with NULL):
 * the strings packed into buf (SPAWN_MAX_ARGBYTES), pointers to them in
 * argv.  The count, or -EFAULT, -E2BIG. */
static int copy_argv(char *argv[SPAWN_MAX_ARGS + 1], char *buf, uintptr_t uargv)
{
	size_t used = 0;

	for (int argc = 0; ; argc++) {
		uintptr_t ustr;
		int e;

		if (copyin(&ustr, uargv + argc * sizeof(ustr), sizeof(ustr)))
			return -EFAULT;
		if (!ustr)
			return argc;
		if (argc == SPAWN_MAX_ARGS)
			return -E2BIG;
		e = copyinstr(buf + used, ustr, SPAWN_MAX_ARGBYTES - used);
		if (e)
			return e == -ENAMETOOLONG ? -E2BIG : e;
		argv[argc] = buf + used;
		used += strlen(buf + used) + 1;
	}
}

/* What spawn and exec take from the user: a path, and argv's strings
 * packed into a kmalloc'd buffer. */
struct prog_args {
	char path[PATH_MAX];
	char *argv[SPAWN_MAX_ARGS + 1];
	char *buf;			/* SPAWN_MAX_ARGBYTES, the caller kfrees */
	int argc;
};

/* Copy in the path at upath and the argv at uargv.  0, or -EFAULT,
 * -ENAMETOOLONG, -E2BIG, -ENOMEM (nothing to free then). */
static int copy_prog_args(struct prog_args *pa, uintptr_t upath, uintptr_t uargv)
{
	int e = copyinstr(pa->path, upath, sizeof(pa->path));

	if (e)
		return e;
	if (!(pa->buf = kmalloc(SPAWN_MAX_ARGBYTES)))
		return -ENOMEM;
	pa->argc = copy_argv(pa->argv, pa->buf, uargv);
	if (pa->argc >= 0)
		return 0;
	kfree(pa->buf);
	return pa->argc;
}

long sys_spawn(const uintptr_t a[6])
{
	struct prog_args pa;
	int e = copy_prog_args(&pa, a[0], a[1]);

	if (e)
		return e;
	e = proc_spawn(pa.path, pa.argc, pa.argv, proc_current());
	kfree(pa.buf);
	return e;
}

long sys_fork(const uintptr_t a[6])
{
	(void)a;
	return proc_fork();
}

long sys_exec(const uintptr_t a[6])
{
	struct prog_args pa;
	int e = copy_prog_args(&pa, a[0], a[1]);

	if (e)
		return e;
	e = proc_exec(pa.path, pa.argc, pa.argv, pa.buf);
	kfree(pa.buf);		/* proc_exec returned: it did not take it */
	return e;
}

long sys_wait(const uintptr_t a[6])
{
	int status = 0, pid;

	/* Check the pointer first: a child reaped into a bad pointer would
	 * lose its status for good. */
	if (a[1] && copyout(a[1], &status, sizeof(status)))
		return -EFAULT;
	pid = proc_wait((int)a[0], &status);
	if (pid > 0 && a[1] && copyout(a[1], &status, sizeof(status)))
		return -EFAULT;
	return pid;
}

long sys_getpid(const uintptr_t a[6])
{
	(void)a;
	return proc_current()->pid;
}

long sys_getppid(const uintptr_t a[6])
{
	struct process *parent = proc_current()->parent;

	(void)a;
	return parent ? parent->pid : 0;
}

long sys_yield(const uintptr_t a[6])
{
	(void)a;
	thread_yield();
	return 0;
}

long sys_sleep(const uintptr_t a[6])
{
	unsigned long ms = a[0];

	if (ms > 24UL * 3600 * 1000)
		return -EINVAL;		/* a day at most: no overflow below */
	clock_sleep_ticks((ms * HZ + 999) / 1000);
	return 0;
}

long sys_uptime(const uintptr_t a[6])
{
	(void)a;
	return (long)(ticks * (1000 / HZ));
}

long sys_cycles(const uintptr_t a[6])
{
	struct keel_cycles c = { arch_cycles(), arch_cycles_per_sec() };

	return copyout(a[0], &c, sizeof(c)) ? -EFAULT : 0;
}

/* Stop the machine (the shell's way out of QEMU, and the grader's).  A
 * teaching kernel has no users to protect from each other. */
long sys_poweroff(const uintptr_t a[6])
{
	kprintf("poweroff requested by %s[%d]\n", proc_current()->name, proc_current()->pid);
	arch_poweroff((int)a[0]);
}
