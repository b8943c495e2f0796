/*
 * user/tests/utest.h - checks for user test programs.
 *
 * A test program checks what it expects with CHECK/CHECK_EQ; the first
 * failed check prints "NAME: FAIL file:line: what" on stderr and exits
 * with status 1.  A program that gets to the end prints "NAME: ok" and
 * returns 0.  The kernel's user_* ktests (kern/user_ktest.c) run them and
 * look at the exit status, so the messages are for people.
 */
#ifndef USER_TESTS_UTEST_H
#define USER_TESTS_UTEST_H

#include "ulib.h"

extern const char *utest_name;	/* set by UTEST_MAIN's main */

#define CHECK(cond)							\
	do {								\
		if (!(cond))						\
			utest_fail(__FILE__, __LINE__, #cond, 0, 0);	\
	} while (0)

/* got and want as numbers: both are printed on failure. */
#define CHECK_EQ(got, want)						\
	do {								\
		long long g_ = (long long)(got), w_ = (long long)(want);\
		if (g_ != w_)						\
			utest_fail(__FILE__, __LINE__, #got, g_, w_);	\
	} while (0)

static inline void __attribute__((noreturn))
utest_fail(const char *file, int line, const char *what, long long got, long long want)
{
	if (got == want)
		fprintf(STDERR_FILENO, "%s: FAIL %s:%d: %s\n", utest_name, file, line, what);
	else
		fprintf(STDERR_FILENO, "%s: FAIL %s:%d: %s is %lld (%s), expected %lld\n",
			utest_name, file, line, what, got, got < 0 ? errstr(got) : "", want);
	exit(1);
}

static inline int utest_pass(void)
{
	printf("%s: ok\n", utest_name);
	return 0;
}

#define PAGE		4096UL

/* ---- for the fork tests: seeds, children, memory baselines ---------- */

/* A seed from the clock, printed: the values a test writes differ from
 * run to run, so a kernel cannot pass by returning stale pages that
 * happen to hold the right bytes.  The printed seed is what to rerun a
 * failure with in mind. */
static inline uint32_t utest_seed(void)
{
	struct keel_cycles c = { 0, 0 };
	uint32_t s;

	cycles(&c);
	s = (uint32_t)(c.count ^ (c.count >> 32)) ^ (uint32_t)uptime_ms() * 2654435761u;
	s |= 1;				/* never 0: 0 is what fresh pages hold */
	printf("%s: seed 0x%x\n", utest_name, s);
	return s;
}

/* A well-mixed 32-bit value from a few inputs (a step of splitmix-like
 * mixing): neighbouring pages and generations get unrelated values. */
static inline uint32_t utest_mix(uint32_t a, uint32_t b, uint32_t c)
{
	uint32_t h = a ^ (b * 0x9e3779b9u) ^ (c * 0x85ebca6bu);

	h ^= h >> 16;
	h *= 0x7feb352du;
	h ^= h >> 15;
	h *= 0x846ca68bu;
	return h ^ (h >> 16);
}

static inline void utest_memstats(struct keel_memstats *st)
{
	CHECK_EQ(memstats(st), 0);
}

/* Wait for child pid (which must be one): its wait status. */
static inline int utest_wait(int pid)
{
	int status = -1;

	CHECK_EQ(wait(pid, &status), pid);
	return status;
}

/* What a scenario must give back once its children are reaped: the
 * processes and fork-tree nodes it started with and, if frames, the free
 * frames too.  The kernel heap keeps the frames it grows by, so frames
 * can only be compared once the scenario has run before (a warm-up) and
 * every page the caller touches was touched before `before` was taken.
 * A macro so that a failure names the caller's line. */
#define CHECK_BASELINE(before, frames)					\
	do {								\
		struct keel_memstats now_;				\
		utest_memstats(&now_);					\
		CHECK_EQ(now_.processes, (before).processes);		\
		CHECK_EQ(now_.fork_nodes, (before).fork_nodes);		\
		if (frames)						\
			CHECK_EQ(now_.frames_free, (before).frames_free); \
	} while (0)

#endif
