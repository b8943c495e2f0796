/*
 * kern/proc_bench.c - the user-level benchmarks, run by `make bench`
 * (tools/bench.py) under QEMU -icount: bench_user starts bin/bench
 * (user/bin/bench.c) as the kernel's child and passes if it exited 0.
 * The figures are bench's own "bench:" lines on the console; a failed
 * system call in bench makes it exit 1, so a run whose figures cannot be
 * trusted fails here rather than reporting them.
 */
#include "kern/errno.h"
#include "kern/ktest.h"
#include "kern/proc.h"

#include "kern/abi/syscall.h"

/* Alone: it takes a few seconds of QEMU time, and only bench.py wants it. */
KTEST_FLAGS(bench_user, KTEST_ALONE)
{
	char *argv[] = { "bench", NULL };
	int pid, status = -1;

	pid = proc_spawn("bin/bench", 1, argv, NULL);
	KT_ASSERT(pid > 0, "cannot spawn bin/bench: %s", errno_name(pid));
	KT_ASSERT_EQ(proc_wait(pid, &status), pid);
	KT_ASSERT(status == 0, "bin/bench ended with status %#x", status);
}
