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

#endif
