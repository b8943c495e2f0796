/*
 * hosttest.h - a minimal unit-test harness for kernel code built on the
 * host.  Each CHECK counts; main() prints "N passed, N failed" last.
 */
#ifndef HOSTTEST_H
#define HOSTTEST_H

#include <stdio.h>
#include <string.h>

extern int ht_passed, ht_failed;

#define CHECK(cond)							\
	do {								\
		if (cond) {						\
			ht_passed++;					\
		} else {						\
			ht_failed++;					\
			printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
		}							\
	} while (0)

#define CHECK_STR(got, want)						\
	do {								\
		const char *g_ = (got), *w_ = (want);			\
		if (strcmp(g_, w_) == 0) {				\
			ht_passed++;					\
		} else {						\
			ht_failed++;					\
			printf("FAIL %s:%d: expected \"%s\", got \"%s\"\n", \
			       __FILE__, __LINE__, w_, g_);		\
		}							\
	} while (0)

void test_printf(void);
void test_string(void);
void test_cmdline(void);
void test_ksym(void);
void test_hat(void);
void test_vm(void);
void test_ulib(void);

#endif
