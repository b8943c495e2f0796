/*
 * user/bin/init.c - init: the first user program, which the kernel starts
 * as bin/init.  It runs the shell, and runs it again whenever it exits,
 * so the console always has one.
 *
 * init waits with wait(-1), so a background program the shell started
 * and init's own strays are collected on the way.  (Orphans are not
 * handed to init: the kernel detaches a process whose parent exits, and
 * frees it when it exits in turn, kern/proc.c.)
 */
#include "ulib.h"

#define RETRY_MS	1000	/* after a failure, before trying again */

/* Wait until the child pid exits, reaping other children meanwhile; returns its
 * status word, or -1 if wait failed (which should not happen). */
static int wait_for(int pid)
{
	int st, got;

	for (;;) {
		got = wait(-1, &st);
		if (got == pid)
			return st;
		if (got < 0) {
			fprintf(STDERR_FILENO, "init: wait: %s\n", errstr(got));
			return -1;
		}
	}
}

static void report(int st)
{
	if (st < 0)
		return;
	if (WIFKILLED(st))
		printf("init: sh was killed, restarting\n");
	else
		printf("init: sh exited with status %d, restarting\n", WEXITSTATUS(st));
}

int main(void)
{
	char *argv[] = { "sh", NULL };
	unsigned long started;
	int pid, st;

	printf("init: Keel user mode is up (pid %d); starting the shell\n", getpid());
	for (;;) {
		started = uptime_ms();
		pid = spawn("bin/sh", argv);
		if (pid < 0) {
			fprintf(STDERR_FILENO, "init: cannot start bin/sh: %s\n", errstr(pid));
			sleep_ms(RETRY_MS);
			continue;
		}
		st = wait_for(pid);
		report(st);
		/* A shell that dies at once would otherwise be restarted in a
		 * tight loop, filling the console. */
		if (st < 0 || uptime_ms() - started < RETRY_MS)
			sleep_ms(RETRY_MS);
	}
}
