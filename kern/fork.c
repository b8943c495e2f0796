/*
 * kern/fork.c - fork: a new process that is a copy of the caller
 * (proc_fork, kern/proc.h).
 *
 * The address space is copied by vm_fork (mm/vm_fork.c), which copies no
 * memory: private memory becomes a fork tree (mm/forktree.h).  The child's
 * thread starts from a copy of the parent's user registers, taken when
 * the parent made the system call, with the call's result set to 0.
 */
#include "kern/arch.h"
#include "kern/errno.h"
#include "kern/file.h"
#include "kern/proc.h"
#include "kern/string.h"
#include "kern/thread.h"
#include "mm/kmalloc.h"
#include "mm/process.h"
#include "mm/vm.h"

#include "kern/abi/syscall.h"

/* What the child's thread starts from. */
struct fork_start {
	struct process *proc;
	struct trapframe *regs;		/* arch_trapframe_size bytes, kmalloc'd */
};

/* The child's thread: its user frame from the parent's copy, then into
 * user mode, returning 0 from fork. */
static void fork_thread_start(void *arg)
{
	struct fork_start *fs = arg;
	struct trapframe *tf = arch_user_frame(thread_current()->stack_hi);

	memcpy(tf, fs->regs, arch_trapframe_size);
	vm_set_current(fs->proc);
	kfree(fs->regs);
	kfree(fs);
	arch_syscall_return(tf, 0);
	arch_user_enter(tf);
}

/* The start record, with a copy of the calling thread's user registers. */
static struct fork_start *fork_start_new(struct process *child)
{
	struct fork_start *fs = kmalloc(sizeof(*fs));
	struct trapframe *regs = kmalloc(arch_trapframe_size);

	if (!fs || !regs) {
		kfree(fs);
		kfree(regs);
		return NULL;
	}
	/* The parent's frame: the registers it made the system call with;
	 * it keeps running (and changing them) once fork returns. */
	memcpy(regs, arch_user_frame(thread_current()->stack_hi), arch_trapframe_size);
	fs->proc = child;
	fs->regs = regs;
	return fs;
}

int proc_fork(void)
{
	struct process *parent = proc_current();
	struct process *child;
	struct fork_start *fs = NULL;
	int e;

	if (proc_count() >= PROC_MAX)
		return -EAGAIN;		/* before any work */
	child = process_create(parent->name);
	if (!child)
		return -ENOMEM;
	e = vm_fork(parent, child);
	if (!e && !(fs = fork_start_new(child)))
		e = -ENOMEM;
	if (!e) {
		file_dup_all(child, parent);
		e = proc_start(child, parent, fork_thread_start, fs);
		if (e > 0)
			return e;
		file_close_all(child);
	}
	if (fs) {
		kfree(fs->regs);
		kfree(fs);
	}
	process_destroy(child);		/* collapses what vm_fork forked */
	return e;
}
