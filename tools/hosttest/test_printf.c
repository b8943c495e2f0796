/* kern/printf.c on the host, compared with what C's snprintf prints. */
#include "hosttest.h"
#include "kern/printf.h"

#undef strlen
#undef strcmp

static char got[256], want[256];

#define SAME(...)							\
	do {								\
		int ng = ksnprintf(got, sizeof(got), __VA_ARGS__);	\
		int nw = snprintf(want, sizeof(want), __VA_ARGS__);	\
		CHECK_STR(got, want);					\
		CHECK(ng == nw);					\
	} while (0)

void test_printf(void)
{
	SAME("%d|%i|%u|%x|%X|%o", -5, 17, 4000000000U, 0xabcU, 0xabcU, 9U);
	SAME("%5d|%-5d|%05d|%.3d|%8.3d", 42, 42, -42, 7, -7);
	SAME("%ld|%lu|%lx", -1234567890123L, 18446744073709551615UL, 0xdeadbeefcafeUL);
	SAME("%lld|%llx|%zu", -9223372036854775807LL - 1, 0x0123456789abcdefULL, (size_t)77);
	SAME("%s|%.2s|%7s|%-7s|%c|%%", "hello", "hello", "hi", "hi", 'x');
	SAME("%*d|%-*d|%.*s", 6, 1, 6, 2, 3, "abcdef");
	SAME("%#x|%#X|%#o|%#x|%#10x|%#llx", 0x1fU, 0x1fU, 8U, 0U, 0xabU, 0x123ULL);
	SAME("%s", "");
	SAME("%d", 0);
	SAME("%hhd %hd", 5, 300);
	/* Truncation: NUL-terminated, and the return value is the full length. */
	CHECK(ksnprintf(got, 5, "%s", "0123456789") == 10);
	CHECK_STR(got, "0123");
	CHECK(ksnprintf(NULL, 0, "%d", 12345) == 5);
	/* Differs from glibc on purpose: %p always shows the full width. */
	ksnprintf(got, sizeof(got), "%p", (void *)0x10);
	CHECK_STR(got, "0x0000000000000010");
	const char *volatile nothing = NULL;	/* hide the NULL from -Wformat */
	ksnprintf(got, sizeof(got), "%s", nothing);
	CHECK_STR(got, "(null)");
}
