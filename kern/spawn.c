/*
 * kern/spawn.c - building a process and starting it in user mode
 * (proc_spawn, kern/proc.h).
 *
 * The address space is made of Regions from the start: the program's
 * segments (mm/elf_load.c: text shared from the boot image, data copied,
 * bss zero-filled) and a zero-filled stack Region at the top of the user
 * range, below one unmapped guard page.  The arguments are copied to the
 * top of that stack:
 *
 *	USER_VA_MAX - PAGE_SIZE   +-------------------------+ (guard page above)
 *	                          | argument strings        |
 *	                          | argv[0..argc-1], NULL   | <- argv (aligned)
 *	                          | 64 bytes for the entry  |
 *	             initial sp   +-------------------------+ (16-byte aligned)
 *	                          | the stack grows down    |
 *
 * and the thread enters user mode at the ELF entry with argc and argv in
 * the first two argument registers (arch_user_frame_init).
 */
#include "kern/arch.h"
#include "kern/errno.h"
#include "kern/file.h"
#include "kern/proc.h"
#include "kern/string.h"
#include "kern/thread.h"
#include "mm/elf.h"
#include "mm/hat.h"
#include "mm/kmalloc.h"
#include "mm/process.h"
#include "mm/vm.h"

#include "kern/abi/syscall.h"

extern struct process *proc_list;	/* kern/proc.c */
static int next_pid = 1;

/* Where the new thread enters user mode. */
struct user_start {
	struct process *proc;
	uintptr_t pc, sp, argc, argv;
};

#define STACK_TOP	(USER_VA_MAX - PAGE_SIZE)	/* a guard page above */
#define ENTRY_GAP	64	/* below argv: what entry code may touch */

/* The first thing a process's thread runs: into user mode, for good. */
static void user_thread_start(void *arg)
{
	struct user_start st = *(struct user_start *)arg;
	struct trapframe *tf = arch_user_frame(thread_current()->stack_hi);

	kfree(arg);
	vm_set_current(st.proc);
	arch_user_frame_init(tf, st.pc, st.sp, st.argc, st.argv);
	arch_user_enter(tf);
}

/* The process's name: the last part of its path. */
static const char *base_name(const char *path)
{
	const char *name = path;

	for (; *path; path++)
		if (*path == '/')
			name = path + 1;
	return name;
}

/* Copy argv to the top of p's stack; fill st's sp, argc and argv. */
static int push_args(struct process *p, int argc, char *const argv[], struct user_start *st)
{
	uintptr_t ptrs[SPAWN_MAX_ARGS + 1];
	uintptr_t top = STACK_TOP;
	int e;

	if (argc < 0 || argc > SPAWN_MAX_ARGS)
		return -E2BIG;
	for (int i = argc - 1; i >= 0; i--) {
		size_t n = strlen(argv[i]) + 1;

		if (STACK_TOP - top + n > SPAWN_MAX_ARGBYTES)
			return -E2BIG;
		top -= n;
		if ((e = vm_write(p, top, argv[i], n)) != 0)
			return e;
		ptrs[i] = top;
	}
	ptrs[argc] = 0;
	top = (top - (argc + 1) * sizeof(uintptr_t)) & ~(uintptr_t)15;
	if ((e = vm_write(p, top, ptrs, (argc + 1) * sizeof(uintptr_t))) != 0)
		return e;
	st->argc = argc;
	st->argv = top;
	st->sp = (top - ENTRY_GAP) & ~(uintptr_t)15;
	return 0;
}

/* Map the program and its stack and copy the arguments. */
static int build_image(struct process *p, const char *path, int argc,
		       char *const argv[], struct user_start *st)
{
	vaddr_t entry;
	long va;
	int e;

	if ((e = elf_load(p, path, &entry)) != 0)
		return e;
	va = vm_map_anon(p, STACK_TOP - PROC_STACK_SIZE, PROC_STACK_SIZE, 0,
			 HAT_PROT_RW, VM_FIXED);
	if (va < 0)
		return va;
	st->pc = entry;
	return push_args(p, argc, argv, st);
}

/* Give p its pid, parent and thread, and put it on the list: all with
 * interrupts off, so the new thread cannot run (and exit) before p is
 * complete.  The pid, or -ENOMEM. */
static int proc_start(struct process *p, struct process *parent, struct user_start *st)
{
	unsigned long s = arch_intr_save();
	int pid = -ENOMEM;

	st->proc = p;
	p->thread = thread_create(p->name, user_thread_start, st);
	if (p->thread) {
		pid = p->pid = next_pid++;
		p->parent = parent;
		p->state = PROC_ALIVE;
		p->next = proc_list;
		proc_list = p;
	}
	arch_intr_restore(s);
	return pid;
}

int proc_spawn(const char *path, int argc, char *const argv[], struct process *parent)
{
	struct process *p = process_create(base_name(path));
	struct user_start *st = kzalloc(sizeof(*st));
	int e;

	if (!p || !st) {
		e = -ENOMEM;
		goto fail;
	}
	if ((e = build_image(p, path, argc, argv, st)) != 0 ||
	    (e = file_open_console(p)) != 0)
		goto fail;
	if ((e = proc_start(p, parent, st)) > 0)
		return e;
fail:
	if (p) {
		file_close_all(p);
		process_destroy(p);
	}
	kfree(st);
	return e;
}
