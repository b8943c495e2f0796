/*
 * user/tests/t_forkbomb.c - fork until fork fails.  PROC_MAX processes
 * may exist, zombies included; past that fork and spawn must fail with
 * -EAGAIN, neither crashing nor hanging the kernel.  Half the children
 * exit at once (zombies until reaped), half sleep first.  Once all are
 * reaped, every process, fork-tree node and frame must be back.
 *
 * The bomb goes off three times: the first two warm the kernel heap, the
 * last must give back the exact number of free frames.
 */
#include "utest.h"

const char *utest_name = "t_forkbomb";

#define SLEEP_MS	300

static int pids[PROC_MAX];
static uint32_t seed;

/* Child i's exit status: from the seed, so that it proves which child
 * ended, never 0 or 1 (a failed check). */
static int code_of(int i)
{
	return 2 + (int)((seed + (uint32_t)i * 7) % 200);
}

static void bomb(void)
{
	struct keel_memstats before, full;
	int n = 0, pid, status, seen = 0;

	utest_memstats(&before);
	for (;;) {
		pid = fork();
		if (pid < 0)
			break;
		if (pid == 0) {
			if (n % 2)
				sleep_ms(SLEEP_MS);
			exit(code_of(n));
		}
		CHECK(n < PROC_MAX);
		pids[n++] = pid;
	}
	CHECK_EQ(pid, -EAGAIN);
	utest_memstats(&full);
	CHECK_EQ(full.processes, PROC_MAX);
	CHECK_EQ(before.processes + n, PROC_MAX);
	/* At the limit: still -EAGAIN, for spawn too, and nothing started. */
	CHECK_EQ(fork(), -EAGAIN);
	CHECK_EQ(spawn("bin/t_args", (char *const[]){ "t_args", NULL }), -EAGAIN);
	printf("t_forkbomb: %d children, then EAGAIN\n", n);
	while ((pid = wait(-1, &status)) > 0) {
		int i = 0;

		while (i < n && pids[i] != pid)
			i++;
		CHECK(i < n);
		CHECK_EQ(status, code_of(i));
		pids[i] = 0;
		seen++;
	}
	CHECK_EQ(pid, -ECHILD);
	CHECK_EQ(seen, n);
	CHECK_BASELINE(before, 0);
}

int main(void)
{
	struct keel_memstats before;

	seed = utest_seed();
	/* The kernel heap keeps what it grew by; its lists settle after a
	 * bomb or two (measured: two). */
	bomb();
	bomb();
	utest_memstats(&before);
	bomb();
	CHECK_BASELINE(before, 1);
	return utest_pass();
}
