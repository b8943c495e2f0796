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
	va_list ap;

	if (current_failed)	/* report the first failure only */
		return;
	current_failed = true;
	kprintf("ktest: fail %s: ", current ? current->name : "?");
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf(" (%s:%d)\n", file, line);
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

	kprintf("ktest: begin count=%d filter=%s seed=%lu\n", n, filter,
		ktest_seed());
	if (n == 0) {
		kprintf("ktest: no test matches '%s'\n", filter);
		return -1;
	}
	for (const struct ktest *t = __start_ktests; t < __stop_ktests; t++) {
		if (!selected(filter, t))
			continue;
		current = t;
		current_failed = false;
		kprintf("ktest: start %s\n", t->name);
		t->fn();
		if (current_failed) {
			failed++;
		} else {
			passed++;
			kprintf("ktest: pass %s\n", t->name);
		}
		current = NULL;
	}
	kprintf("ktest: end passed=%d failed=%d\n", passed, failed);
	return failed;
}

void ktest_boot(const char *filter)
{
	int failed = ktest_run(filter);

	arch_poweroff(failed == 0 ? 0 : 1);
}
