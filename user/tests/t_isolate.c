/*
 * user/tests/t_isolate.c - processes do not see each other's memory.
 *
 * The parent starts N children running "t_isolate child K".  Each writes
 * its own pattern into a global array and into a mapping at the same
 * fixed address, then yields and re-checks many times while the others
 * do the same at the same virtual addresses.  Any child that sees another
 * one's bytes fails; the parent fails if any child did.
 */
#include "utest.h"

const char *utest_name = "t_isolate";

#define NCHILD	4
#define FIXED	0x30000000UL
#define WORDS	2048

static unsigned int global[WORDS];

static void fill(unsigned int *w, unsigned int k)
{
	for (unsigned i = 0; i < WORDS; i++)
		w[i] = k * 0x01000193u + i;
}

static void verify(const unsigned int *w, unsigned int k)
{
	for (unsigned i = 0; i < WORDS; i++)
		CHECK_EQ(w[i], k * 0x01000193u + i);
}

static int child(unsigned int k)
{
	unsigned int *m = mmap((void *)FIXED, 4 * PAGE, PROT_READ | PROT_WRITE,
			       MAP_ANON | MAP_FIXED, -1, 0);

	CHECK(m == (unsigned int *)FIXED);
	fill(global, k);
	fill(m, k + 100);
	for (int round = 0; round < 50; round++) {
		yield();
		verify(global, k);
		verify(m, k + 100);
	}
	return 0;
}

int main(int argc, char **argv)
{
	int pids[NCHILD], status;
	char num[8];

	if (argc == 3 && strcmp(argv[1], "child") == 0)
		return child(atoi(argv[2]));
	fill(global, 999);
	for (int k = 0; k < NCHILD; k++) {
		snprintf(num, sizeof(num), "%d", k + 1);
		pids[k] = spawn("bin/t_isolate", (char *const[]){ "t_isolate", "child", num, NULL });
		CHECK(pids[k] > 0);
	}
	for (int k = 0; k < NCHILD; k++) {
		CHECK_EQ(wait(pids[k], &status), pids[k]);
		CHECK_EQ(status, 0);
	}
	verify(global, 999);
	return utest_pass();
}
