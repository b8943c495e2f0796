/*
 * kern/ktest.c - the ktest runner (kern/ktest.h).
 */
#include "kern/arch.h"
#include "kern/cmdline.h"
#include "kern/ktest.h"
#include "kern/printf.h"
#include "kern/string.h"

extern const struct ktest __start_ktests[], __stop_ktests[];

static const struct ktest *current;
static bool current_failed;
static uint64_t nonce;		/* the grader's nonce= for this run */
static uint64_t proof;		/* the current test's proof so far */

/* splitmix64's finalizer: a good 64-bit mix, easy to redo in Python. */
static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

uint64_t ktest_hash_str(const char *str)
{
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a */

	while (*str)
		h = (h ^ (unsigned char)*str++) * 0x100000001b3ULL;
	return h;
}

uint64_t ktest_nonce(void)
{
	return nonce;
}

uint64_t ktest_random(uint64_t i)
{
	return mix64(nonce + 0x9e3779b97f4a7c15ULL * (i + 1));
}

void ktest_proof(uint64_t value)
{
	proof = mix64(proof ^ value);
}

/* nonce=HEX (up to 16 digits; 0 if absent). */
static uint64_t read_nonce(void)
{
	char buf[24];
	uint64_t v = 0;

	if (!cmdline_get("nonce", buf, sizeof(buf)))
		return 0;
	for (const char *p = buf; *p; p++) {
		int d = *p >= '0' && *p <= '9' ? *p - '0' :
			*p >= 'a' && *p <= 'f' ? *p - 'a' + 10 : -1;

		if (d < 0)
			return 0;
		v = v << 4 | (uint64_t)d;
	}
	return v;
}

/* One protocol line, to the console for people and, for the grader, to
 * the result channel (kern/arch.h) where console noise cannot reach it. */
static void __printf(1, 2) result_line(const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	kvsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	kprintf("%s\n", line);
	for (const char *p = line; *p; p++)
		arch_result_putc(*p);
	arch_result_putc('\n');
}

const char *ktest_current(void)
{
	return current ? current->name : NULL;
}

unsigned long ktest_seed(void)
{
	return cmdline_ulong("seed", 1);
}

void ktest_fail_at(const char *file, int line, const char *fmt, ...)
{
	char why[160];
	va_list ap;

	if (current_failed)	/* report the first failure only */
		return;
	current_failed = true;
	va_start(ap, fmt);
	kvsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	result_line("ktest: fail %s: %s (%s:%d) proof=%016llx",
		    current ? current->name : "?", why, file, line,
		    (unsigned long long)mix64(proof ^ 2));
}

/* Does one word of the filter (a name, "all" or "prefix*") select t? */
static bool word_matches(const char *w, size_t len, const struct ktest *t)
{
	bool alone = t->flags & KTEST_ALONE;

	if (len == 3 && strncmp(w, "all", 3) == 0)
		return !alone;
	if (len > 0 && w[len - 1] == '*')
		return !alone && strncmp(t->name, w, len - 1) == 0;
	return strlen(t->name) == len && strncmp(t->name, w, len) == 0;
}

static bool selected(const char *filter, const struct ktest *t)
{
	const char *p = filter;

	while (*p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);

		if (word_matches(p, len, t))
			return true;
		p += len + (comma ? 1 : 0);
	}
	return false;
}

static int count_selected(const char *filter)
{
	int n = 0;

	for (const struct ktest *t = __start_ktests; t < __stop_ktests; t++)
		n += selected(filter, t);
	return n;
}

int ktest_run(const char *filter)
{
	int passed = 0, failed = 0, n = count_selected(filter);

	nonce = read_nonce();
	result_line("ktest: begin count=%d filter=%s seed=%lu nonce=%016llx", n, filter,
		    ktest_seed(), (unsigned long long)nonce);
	if (n == 0) {
		result_line("ktest: no test matches '%s'", filter);
		return -1;
	}
	for (const struct ktest *t = __start_ktests; t < __stop_ktests; t++) {
		if (!selected(filter, t))
			continue;
		current = t;
		current_failed = false;
		proof = mix64(nonce ^ ktest_hash_str(t->name));
		result_line("ktest: start %s", t->name);
		t->fn();
		if (current_failed) {
			failed++;
		} else {
			passed++;
			result_line("ktest: pass %s proof=%016llx", t->name,
				    (unsigned long long)mix64(proof ^ 1));
		}
		current = NULL;
	}
	result_line("ktest: end passed=%d failed=%d", passed, failed);
	return failed;
}

void ktest_boot(const char *filter)
{
	int failed = ktest_run(filter);

	arch_poweroff(failed == 0 ? 0 : 1);
}
