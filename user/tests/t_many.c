/*
 * user/tests/t_many.c - many processes at once: N children alive
 * together (each sleeps a little before exiting with its own code), all
 * collected by wait(-1) with the right statuses.
 */
#include "utest.h"

const char *utest_name = "t_many";

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 32, seen[256] = { 0 };
	struct keel_memstats st;
	char code[8];

	if (argc == 3 && strcmp(argv[1], "child") == 0) {
		sleep_ms(50);
		return atoi(argv[2]);
	}
	CHECK(n > 0 && n <= 256);
	for (int i = 0; i < n; i++) {
		snprintf(code, sizeof(code), "%d", i);
		CHECK(spawn("bin/t_many", (char *const[]){ "t_many", "child", code, NULL }) > 0);
	}
	CHECK_EQ(memstats(&st), 0);
	CHECK((int)st.processes >= n + 1);	/* all alive (or zombies) at once */
	for (int i = 0; i < n; i++) {
		int status, pid = wait(-1, &status);

		CHECK(pid > 0);
		CHECK(!WIFKILLED(status));
		CHECK_EQ(seen[WEXITSTATUS(status)]++, 0);
	}
	CHECK_EQ(wait(-1, NULL), -ECHILD);
	printf("t_many: %d processes\n", n);
	return utest_pass();
}
