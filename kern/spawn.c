/*
 * kern/spawn.c - building a program's image and starting it in user mode:
 * in a new process (proc_spawn) or in place of the caller's (proc_exec),
 * kern/proc.h.  kern/fork.c starts processes the other way.
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
#include "kern/printf.h"
#include "kern/proc.h"
#include "kern/string.h"
#include "kern/thread.h"
#include "mm/elf.h"
#include "mm/hat.h"
#include "mm/kmalloc.h"
#include "mm/process.h"
#include "mm/vm.h"

#include "kern/abi/syscall.h"

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

int proc_spawn(const char *path, int argc, char *const argv[], struct process *parent)
{
	struct process *p = NULL;
	struct user_start *st = NULL;
	int e;

	if (proc_count() >= PROC_MAX)
		return -EAGAIN;		/* before any work: fork bombs are common */
	p = process_create(base_name(path));
	st = kzalloc(sizeof(*st));
	if (!p || !st) {
		e = -ENOMEM;
		goto fail;
	}
	if ((e = build_image(p, path, argc, argv, st)) != 0 ||
	    (e = file_open_console(p)) != 0)
		goto fail;
	st->proc = p;
	if ((e = proc_start(p, parent, user_thread_start, st)) > 0)
		return e;
fail:
	if (p) {
		file_close_all(p);
		process_destroy(p);
	}
	kfree(st);
	return e;
}

int proc_exec(const char *path, int argc, char *const argv[], void *argbuf)
{
	struct process *p = proc_current();
	struct user_start st = { .proc = p };
	struct trapframe *tf;
	int e = elf_probe(path);

	if (e)
		return e;
	if (argc > SPAWN_MAX_ARGS)
		return -E2BIG;
	/* No way back from here: the old image goes. */
	process_clear(p);
	e = build_image(p, path, argc, argv, &st);
	kfree(argbuf);
	if (e) {
		kprintf("%s[%d]: exec %s: %s: killed\n", p->name, p->pid, path, errno_name(e));
		proc_exit(WKILLED);
	}
	strlcpy(p->name, base_name(path), sizeof(p->name));
	tf = arch_user_frame(thread_current()->stack_hi);
	arch_user_frame_init(tf, st.pc, st.sp, st.argc, st.argv);
	arch_user_enter(tf);
}
