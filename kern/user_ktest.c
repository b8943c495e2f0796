/*
 * kern/user_ktest.c - user programs under test: the user_* ktests spawn
 * the programs of user/tests (as the kernel's children), wait for them
 * and check how they ended: the exit status the program's own checks
 * produced, or the kill message the kernel printed for the fault a test
 * provoked on purpose (t_fault).  Each test also checks that every frame
 * came back once its processes were gone.  grade/test_user.py grades them.
 */
#include "kern/arch.h"
#include "kern/errno.h"
#include "kern/ktest.h"
#include "kern/printf.h"
#include "kern/proc.h"
#include "kern/string.h"
#include "mm/hat.h"
#include "mm/memcheck.h"

#include "kern/abi/syscall.h"

#define FAULT_BASE	0x20000000UL	/* t_fault's pages: user range everywhere */
#define MAX_ARGS	12

/* Spawn path with the NULL-terminated args (argv[0] = path's name) and
 * wait for it: the wait status, or a negative errno if it did not start. */
static int run(const char *path, const char *const args[])
{
	char *argv[MAX_ARGS + 1];
	int argc = 0, pid, status = -1;

	argv[argc++] = (char *)path;
	for (; args && args[argc - 1] && argc < MAX_ARGS; argc++)
		argv[argc] = (char *)args[argc - 1];
	argv[argc] = NULL;
	pid = proc_spawn(path, argc, argv, NULL);
	if (pid < 0)
		return pid;
	if (proc_wait(pid, &status) != pid)
		return -ECHILD;
	return status;
}

/* Run a program twice: once to warm the caches that outlive a process
 * (the boot-image FR of the program's file), once measured.  The second
 * run must leave no frame behind. */
static bool run_clean(const char *path, const char *const args[], int *status)
{
	struct mem_snapshot before;
	unsigned long procs = proc_count();
	long leaked;

	run(path, args);
	mem_snapshot(&before);
	*status = run(path, args);
	leaked = mem_frames_leaked(&before);
	KT_CHECK(leaked == 0, "%s: %ld frame(s) not returned after it exited", path, leaked);
	KT_CHECK(proc_count() == procs, "%s: %lu process(es) left behind",
		 path, proc_count() - procs);
	return true;
}

/* A program that checks itself: exit status want. */
static void expect_exit(const char *path, const char *const args[], int want)
{
	int status;

	if (!run_clean(path, args, &status))
		return;
	KT_ASSERT(status == want, "%s: exit status %#x, expected %#x%s", path, status,
		  want, status < 0 ? " (did not start)" : "");
}

KTEST(user_args)	{ expect_exit("bin/t_args", (const char *[]){ "7", "a b", "", NULL }, 7); }
KTEST(user_zero_fill)	{ expect_exit("bin/t_zero", NULL, 0); }
KTEST(user_isolation)	{ expect_exit("bin/t_isolate", NULL, 0); }
KTEST(user_mmap)	{ expect_exit("bin/t_mmap", NULL, 0); }
KTEST(user_file)	{ expect_exit("bin/t_file", NULL, 0); }
KTEST(user_many_regions) { expect_exit("bin/t_regions", (const char *[]){ "3000", NULL }, 0); }
KTEST(user_many_processes) { expect_exit("bin/t_many", (const char *[]){ "40", NULL }, 0); }

/* Fork and copy-on-write (user/tests/t_fork.c, t_cow.c, t_forkdeep.c,
 * t_forkbomb.c, t_exec.c): each checks its own values and memstats
 * baselines; run_clean checks the frames and processes once more. */
KTEST(user_fork)	{ expect_exit("bin/t_fork", NULL, 0); }
KTEST(user_cow)		{ expect_exit("bin/t_cow", NULL, 0); }
KTEST(user_fork_deep)	{ expect_exit("bin/t_forkdeep", NULL, 0); }
KTEST(user_fork_bomb)	{ expect_exit("bin/t_forkbomb", NULL, 0); }
KTEST(user_exec)	{ expect_exit("bin/t_exec", NULL, 0); }

KTEST(user_bad_pointers)
{
	char kaddr[24];

	ksnprintf(kaddr, sizeof(kaddr), "%lx", (unsigned long)(uintptr_t)&kmain);
	expect_exit("bin/t_badptr", (const char *[]){ kaddr, NULL }, 0);
}

KTEST(user_spawn_errors)
{
	KT_ASSERT_EQ(run("bin/no-such-program", NULL), -ENOENT);
	KT_ASSERT_EQ(run("motd", NULL), -ENOEXEC);
}

/* ---- faults that kill ------------------------------------------------ */

/* Run t_fault with ops; it must be killed with a message that holds
 * each of the strings in want (NULL-terminated). */
static void expect_kill(const char *const ops[], const char *const want[])
{
	const char *args[MAX_ARGS] = { "20000000" };
	int status, n = 1;

	for (; ops[n - 1] && n < MAX_ARGS - 1; n++)
		args[n] = ops[n - 1];
	args[n] = NULL;
	if (!run_clean("bin/t_fault", args, &status))
		return;
	KT_ASSERT(WIFKILLED(status), "t_fault %s...: not killed (status %#x)", ops[0], status);
	for (; *want; want++)
		KT_ASSERT(strstr(proc_last_kill(), *want), "kill message \"%s\" lacks \"%s\"",
			  proc_last_kill(), *want);
}

/* "ACCESS at ADDR" for page i of FAULT_BASE, as the kernel prints it. */
static const char *at_page(const char *access, unsigned long i)
{
	static char buf[64];

	ksnprintf(buf, sizeof(buf), "%s at %p", access, (void *)(FAULT_BASE + i * PAGE_SIZE + 0x10));
	return buf;
}

#define NO_REGION	"no Region maps it"
#define PROTECTION	"protection forbids it"

KTEST(user_fault_unmapped_edges)
{
	/* A hole at the first, middle and last page of a mapping. */
	expect_kill((const char *[]){ "map:3", "unmap:1:1", "r:0", "r:2", "r:1", NULL },
		    (const char *[]){ at_page("read", 1), NO_REGION, "t_fault[", NULL });
	expect_kill((const char *[]){ "map:3", "unmap:0:1", "r:1", "r:2", "w:0", NULL },
		    (const char *[]){ at_page("write", 0), NO_REGION, NULL });
	expect_kill((const char *[]){ "map:3", "unmap:2:1", "w:0", "w:1", "r:2", NULL },
		    (const char *[]){ at_page("read", 2), NO_REGION, NULL });
	expect_kill((const char *[]){ "map:2", "w:0", "w:1", "w:2", NULL },
		    (const char *[]){ at_page("write", 2), NO_REGION, NULL });
}

KTEST(user_fault_protect_edges)
{
	/* Read-only first, middle, last page: the others stay writable. */
	expect_kill((const char *[]){ "map:3", "prot:0:1:r", "w:1", "w:2", "r:0", "w:0", NULL },
		    (const char *[]){ at_page("write", 0), PROTECTION, NULL });
	expect_kill((const char *[]){ "map:3", "prot:1:1:r", "w:0", "w:2", "r:1", "w:1", NULL },
		    (const char *[]){ at_page("write", 1), PROTECTION, NULL });
	expect_kill((const char *[]){ "map:3", "prot:2:1:r", "w:0", "w:1", "w:2", NULL },
		    (const char *[]){ at_page("write", 2), PROTECTION, NULL });
	/* PROT_NONE forbids reading; widening again allows writing. */
	expect_kill((const char *[]){ "map:3", "prot:0:3:none", "prot:0:1:rw", "w:0", "r:1", NULL },
		    (const char *[]){ at_page("read", 1), PROTECTION, NULL });
}

KTEST(user_fault_kernel_address)
{
	char op[32], where[40];

	ksnprintf(op, sizeof(op), "rd:%lx", (unsigned long)(uintptr_t)&kmain);
	ksnprintf(where, sizeof(where), "read at %p", (void *)&kmain);
	expect_kill((const char *[]){ op, NULL },
		    (const char *[]){ where, "not a user address", NULL });
	ksnprintf(op, sizeof(op), "wr:%lx", (unsigned long)(uintptr_t)&kmain);
	expect_kill((const char *[]){ op, NULL }, (const char *[]){ "write at", NULL });
	expect_kill((const char *[]){ "rd:0", NULL },
		    (const char *[]){ "read at", "not a user address", NULL });
}

KTEST(user_fault_text_and_stack)
{
	expect_kill((const char *[]){ "text-write", NULL },
		    (const char *[]){ "write at", PROTECTION, NULL });
	expect_kill((const char *[]){ "stack", NULL },
		    (const char *[]){ "write at", NO_REGION, NULL });
	expect_kill((const char *[]){ "illegal", NULL }, (const char *[]){ "killed: ", NULL });
}

/* Executing a page mapped without PROT_EXEC.  On mips the 24Kf has no
 * execute permission bit (docs/mmu-mips.md), but the first fetch from a
 * page not yet in the TLB is a fault the VM system checks like any
 * other, which is what happens here; a page already mapped by a data
 * access could be executed there. */
KTEST(user_fault_noexec)
{
	char op[32];

	ksnprintf(op, sizeof(op), "x:%lx", FAULT_BASE + 0x10);
	expect_kill((const char *[]){ "map:1", op, NULL },
		    (const char *[]){ at_page("exec", 0), PROTECTION, NULL });
}

/* Programs run again and again leave nothing behind. */
KTEST(user_no_leaks)
{
	static const char *const progs[] = { "bin/t_zero", "bin/t_mmap", "bin/t_file",
					     "bin/t_isolate", "bin/t_args" };
	struct mem_snapshot before;
	long frames;

	for (unsigned i = 0; i < ARRAY_SIZE(progs); i++)
		run(progs[i], NULL);		/* warm the boot-image FRs */
	mem_snapshot(&before);
	for (int round = 0; round < 3; round++)
		for (unsigned i = 0; i < ARRAY_SIZE(progs); i++)
			KT_ASSERT_EQ(run(progs[i], NULL), 0);
	frames = mem_frames_leaked(&before);
	KT_ASSERT(frames == 0, "%ld frame(s) not returned", frames);
	KT_ASSERT_EQ(proc_count(), 0);
}
