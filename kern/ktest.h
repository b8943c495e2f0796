/*
 * kern/ktest.h - in-kernel tests.
 *
 * Any file may define tests:
 *
 *	KTEST(kern_printf_padding)
 *	{
 *		KT_ASSERT(x == 3, "x is %d", x);
 *		KT_ASSERT_EQ(f(2), 4);
 *	}
 *
 * The linker gathers them (section "ktests").  Boot option ktest=FILTER
 * runs the tests FILTER selects and powers off with status 0 if all passed,
 * 1 if any failed: "all", a name, a prefix ending in '*', or a comma list
 * of those.  Tests declared KTEST_ALONE (they panic or trap on purpose) run
 * only when named exactly.  The protocol, one line each, read by grade/:
 *
 *	ktest: begin count=N filter=F seed=S
 *	ktest: start NAME
 *	ktest: pass NAME
 *	ktest: fail NAME: REASON (FILE:LINE)
 *	ktest: end passed=P failed=F
 *
 * Tests run one after another on the boot thread with interrupts on.
 *
 * The lines also go to the result channel (arch_result_putc), where the
 * grader reads them.  With nonce=HEX on the command line (the grader sends
 * a fresh one per run) every pass/fail line ends in proof=HEX: a hash of
 * the nonce, the test's name, its outcome and the values the test folded
 * in with ktest_proof().  A test that folds values the grader can compute
 * on its own (from the nonce and the kernel's ELF) proves it computed them;
 * docs/grading-security.md says what this protects and what it does not.
 */
#ifndef KERN_KTEST_H
#define KERN_KTEST_H

#include "kern/types.h"

#define KTEST_ALONE	0x1	/* ends the boot: run only when named */

struct ktest {
	const char *name;
	void (*fn)(void);
	unsigned flags;
};

#define KTEST_FLAGS(name_, flags_)					\
	static void name_(void);					\
	static const struct ktest ktest_ent_##name_			\
		__section("ktests") __used				\
		__attribute__((aligned(sizeof(void *)))) =		\
		{ #name_, name_, flags_ };				\
	static void name_(void)

#define KTEST(name_)	KTEST_FLAGS(name_, 0)

/* Fail the current test with a message and return from the calling
 * function (the test, or the helper it called). */
#define KT_ASSERT(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			ktest_fail_at(__FILE__, __LINE__, __VA_ARGS__);	\
			return;						\
		}							\
	} while (0)

/* KT_ASSERT for helpers that return bool to their test: fail the current
 * test and return false, so that the test can still give back what it
 * took before returning itself. */
#define KT_CHECK(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			ktest_fail_at(__FILE__, __LINE__, __VA_ARGS__);	\
			return false;					\
		}							\
	} while (0)

#define KT_ASSERT_EQ(got, want)						\
	do {								\
		long long got_ = (long long)(got);			\
		long long want_ = (long long)(want);			\
		KT_ASSERT(got_ == want_, "%s: expected %lld, got %lld",	\
			  #got, want_, got_);				\
	} while (0)

void ktest_fail_at(const char *file, int line, const char *fmt, ...) __printf(3, 4);

/* Run the tests filter selects; returns the number that failed, or -1 if
 * none matched. */
int ktest_run(const char *filter);

/* Run per the ktest= boot option, then power off.  Never returns. */
void ktest_boot(const char *filter) __noreturn;

/* The run's nonce (0 without nonce=), and the i-th pseudo-random number
 * derived from it: the grader can derive the same ones. */
uint64_t ktest_nonce(void);
uint64_t ktest_random(uint64_t i);

/* Fold a computed value into this test's proof. */
void ktest_proof(uint64_t value);

/* FNV-1a of a string, for folding names. */
uint64_t ktest_hash_str(const char *s);

/* The seed= boot option (default 1), for tests that randomize. */
unsigned long ktest_seed(void);

/* The test running now, or NULL. */
const char *ktest_current(void);

#endif
