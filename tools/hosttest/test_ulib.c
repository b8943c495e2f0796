/*
 * test_ulib.c - the user library (user/lib) on the host: strings,
 * vsnprintf (compared with the host's snprintf), printf's chunked writes,
 * errstr, die, readline, and the heap, over the fake system calls of
 * ushims.c.  urename.h turns the library's names into u_*: below,
 * strlen and malloc are the user library's; printf is libc's, and the
 * user library's is u_printf.
 */
#include <limits.h>
#include <stdint.h>

#include "hosttest.h"
#include "ushims.h"

#undef PATH_MAX		/* the host's, from limits.h; Keel's is in ulib.h */
#include "urename.h"
#include "user/lib/ulib.h"

/* The user library's printf, renamed by objcopy (urename.h says why). */
int u_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char got[512], want[512];

/* The user library's vsnprintf against the host's, result and length. */
#define SAME(...)							\
	do {								\
		int ng = snprintf(got, sizeof(got), __VA_ARGS__);	\
		int nw = host_snprintf(want, sizeof(want), __VA_ARGS__); \
		CHECK_STR(got, want);					\
		CHECK(ng == nw);					\
	} while (0)

/* Run stmt, which should end in exit(): true if it did, with status. */
#define EXITS(stmt, status)						\
	({								\
		jmp_buf jb_;						\
		int r_ = setjmp(jb_);					\
		if (r_ == 0) {						\
			ushim_exit_jmp = &jb_;				\
			stmt;						\
		}							\
		ushim_exit_jmp = NULL;					\
		r_ == (status) + 1;					\
	})

static void test_strings(void)
{
	char buf[16];

	CHECK(strlen("") == 0 && strlen("abc") == 3);
	CHECK(strcmp("abc", "abd") < 0 && strcmp("b", "a") > 0 && strcmp("x", "x") == 0);
	CHECK(strcmp("ab", "abc") < 0 && strcmp("abc", "ab") > 0);
	CHECK(strcmp("\xff", "a") > 0);		/* bytes compare unsigned */
	CHECK(strncmp("abcX", "abcY", 3) == 0 && strncmp("ab", "abc", 3) < 0);
	CHECK(strncmp("x", "y", 0) == 0 && strncmp("same", "same", 10) == 0);
	CHECK(strcpy(buf, "copy") == buf);
	CHECK_STR(buf, "copy");
	CHECK(strlcpy(buf, "truncate me please", 8) == 18);
	CHECK_STR(buf, "truncat");
	CHECK(strlcpy(buf, "exact", 6) == 5);
	CHECK_STR(buf, "exact");
	buf[0] = 'Z';
	CHECK(strlcpy(buf, "none", 0) == 4 && buf[0] == 'Z');	/* size 0: untouched */
	CHECK(strchr("hello", 'l') != NULL && strchr("hello", 'l')[1] == 'l');
	CHECK(strchr("hello", 'z') == NULL);
	CHECK(strchr("hello", '\0') != NULL && *strchr("hello", '\0') == '\0');

	CHECK(memset(buf, 'a', sizeof(buf)) == buf && buf[0] == 'a' && buf[15] == 'a');
	strlcpy(buf, "0123456789", sizeof(buf));
	CHECK(memmove(buf + 2, buf, 5) == buf + 2);	/* overlap, dst above */
	CHECK_STR(buf, "0101234789");
	strlcpy(buf, "0123456789", sizeof(buf));
	memmove(buf, buf + 2, 5);			/* overlap, dst below */
	CHECK_STR(buf, "2345656789");
	CHECK(memcpy(buf, "xyz", 4) == buf);
	CHECK_STR(buf, "xyz");
	CHECK(memcmp("abc", "abd", 3) < 0 && memcmp("abc", "abc", 3) == 0);
	CHECK(memcmp("\x80", "\x7f", 1) > 0 && memcmp("a", "b", 0) == 0);

	CHECK(atoi("42") == 42 && atoi("-17") == -17 && atoi("  +8x") == 8);
	CHECK(atoi("") == 0 && atoi("abc") == 0);
	CHECK(atol("-2147483648") == -2147483648L);
}

static void test_strtoul(void)
{
	char *end;
	const char *s;

	CHECK(strtoul("1234xyz", &end, 0) == 1234 && *end == 'x');
	CHECK(strtoul("0x1fG", &end, 0) == 0x1f && *end == 'G');
	CHECK(strtoul("0X1F", &end, 16) == 0x1f && *end == '\0');
	CHECK(strtoul("1f", &end, 16) == 0x1f);
	CHECK(strtoul("0777", &end, 0) == 0777 && *end == '\0');
	CHECK(strtoul("777", NULL, 8) == 0777);
	CHECK(strtoul("789", &end, 8) == 7 && *end == '8');
	CHECK(strtoul("0", &end, 0) == 0 && *end == '\0');
	CHECK(strtoul("0x", &end, 0) == 0 && *end == 'x');	/* just the 0 */
	CHECK(strtoul("101", NULL, 2) == 5);
	CHECK(strtoul("zz", NULL, 36) == 35 * 36 + 35);
	CHECK(strtoul("  \t42", &end, 10) == 42 && *end == '\0');
	CHECK(strtoul("-1", NULL, 10) == ULONG_MAX);
	CHECK(strtoul("18446744073709551615", NULL, 10) == ULONG_MAX || sizeof(long) == 4);
	s = "  nope";
	CHECK(strtoul(s, &end, 10) == 0 && end == s);		/* no digits */
	s = "12";
	CHECK(strtoul(s, &end, 1) == 0 && end == s);		/* bad base */
	CHECK(strtoul(s, &end, 37) == 0 && end == s);
}

static void test_vsnprintf(void)
{
	const char *volatile null = NULL;
	int x;

	SAME("%d|%i|%u|%x|%X|%o", -5, 17, 4000000000U, 0xabcU, 0xabcU, 9U);
	SAME("%5d|%-5d|%05d|%.3d|%8.3d|%-8.3d|", 42, 42, -42, 7, -7, 7);
	SAME("%ld|%lu|%lx|%lo", LONG_MIN, ULONG_MAX, 0xdeadbeefcafeUL, 0777UL);
	SAME("%ld|%ld", LONG_MAX, 0L);
	SAME("%lld|%lld|%llu|%llx|%llX", LLONG_MIN, LLONG_MAX, ULLONG_MAX, ULLONG_MAX,
	     0x0123456789abcdefULL);
	SAME("%llo|%llu", ULLONG_MAX, 10000000000000000000ULL);
	SAME("%zu|%zx|%zd", (size_t)77, SIZE_MAX, (size_t)5);
	SAME("%s|%.2s|%7s|%-7s|%c|%3c|%-3c|%%", "hello", "hello", "hi", "hi", 'x', 'y', 'z');
	SAME("%*d|%-*d|%*d|%.*s", 6, 1, 6, 2, -4, 3, 3, "abcdef");
	SAME("%s", "");
	SAME("%d %d %d", 0, INT_MIN, INT_MAX);
	SAME("%x %o %u", 0U, 0U, 0U);
	SAME("%010d|%08x|%-8x|", -123, 0xbeefU, 0xbeefU);
	SAME("%.0d|%.0x|%5.0d|", 0, 0U, 0);
	SAME("%p", (void *)&x);
	SAME("%20p|%-20p|", (void *)0x1234, (void *)0x1234);
	SAME("no conversions at all");

	snprintf(got, sizeof(got), "%s", null);
	CHECK_STR(got, "(null)");
	snprintf(got, sizeof(got), "%p", (void *)0);
	CHECK_STR(got, "0x0");

	/* Truncation: always NUL-terminated, the result is the full length. */
	memset(got, 'X', sizeof(got));
	CHECK(snprintf(got, 5, "%d", 123456789) == 9);
	CHECK_STR(got, "1234");
	CHECK(snprintf(got, 1, "abc") == 3 && got[0] == '\0');
	CHECK(snprintf(NULL, 0, "%s-%d", "abc", 42) == 6);	/* nothing written */
	memset(got, 'X', sizeof(got));
	CHECK(snprintf(got, 8, "%-10s|", "ab") == 11);
	CHECK_STR(got, "ab     ");
	CHECK(got[8] == 'X');				/* nothing past size */
}

static void test_fprintf(void)
{
	char line[301];

	/* Output longer than printf's 256-byte buffer, written in pieces
	 * that the fake write() cuts shorter still. */
	memset(line, 'a', 300);
	line[300] = '\0';
	line[299] = 'Z';
	ushim_out_reset();
	ushim_write_max = 100;
	CHECK(fprintf(2, "<%s>%d", line, 7) == 303);
	ushim_write_max = 0;
	CHECK(ushim_out_len == 303 && ushim_writes >= 4);
	CHECK(ushim_out[0] == '<' && ushim_out[300] == 'Z' && strcmp(ushim_out + 301, ">7") == 0);

	ushim_out_reset();
	CHECK(u_printf("x=%d\n", 5) == 4);
	CHECK_STR(ushim_out, "x=5\n");
	ushim_out_reset();
	CHECK(puts("line") >= 0 && putchar('!') == '!');
	CHECK_STR(ushim_out, "line\n!");
}

static void test_errstr(void)
{
	CHECK_STR(errstr(ENOMEM), "ENOMEM");
	CHECK_STR(errstr(-ENOMEM), "ENOMEM");
	CHECK_STR(errstr(-ENOENT), "ENOENT");
	CHECK_STR(errstr(EPERM), "EPERM");
	CHECK_STR(errstr(ENOTSUP), "ENOTSUP");
	CHECK_STR(errstr(ENAMETOOLONG), "ENAMETOOLONG");
	CHECK_STR(errstr(-999), "E?999");
	CHECK_STR(errstr(6), "E?6");		/* a gap in the table */
	CHECK_STR(errstr(0), "E?0");
	CHECK_STR(errstr(LONG_MIN), "E?9223372036854775808");
}

static void test_die(void)
{
	ushim_out_reset();
	CHECK(EXITS(die("prog: %s %d", "oops", 5), 1));
	CHECK_STR(ushim_out, "prog: oops 5\n");
}

static void input(const char *s)
{
	ushim_input = s;
	ushim_input_len = strlen(s);
	ushim_out_reset();
}

static void test_readline(void)
{
	char buf[8];

	/* The console: echo, backspace and DEL erase, '\r' ends a line. */
	input("ab\bc\r");
	CHECK(readline(0, buf, sizeof(buf)) == 2);
	CHECK_STR(buf, "ac");
	CHECK_STR(ushim_out, "ab\b \bc\n");
	input("\x7f" "x\x7f" "yz\n");		/* DEL at an empty line: nothing */
	CHECK(readline(0, buf, sizeof(buf)) == 2);
	CHECK_STR(buf, "yz");
	CHECK_STR(ushim_out, "x\b \byz\n");
	input("0123456789\n");			/* too long: the rest dropped */
	CHECK(readline(0, buf, sizeof(buf)) == 7);
	CHECK_STR(buf, "0123456");
	input("\x04");				/* ^D at an empty line */
	CHECK(readline(0, buf, sizeof(buf)) == -1);
	input("");
	CHECK(readline(0, buf, sizeof(buf)) == -1);

	/* Another file: no echo, lines end at '\n', a last one need not. */
	input("one\ntw\bo");
	CHECK(readline(3, buf, sizeof(buf)) == 3);
	CHECK_STR(buf, "one");
	CHECK(readline(3, buf, sizeof(buf)) == 4);
	CHECK_STR(buf, "tw\bo");
	CHECK(readline(3, buf, sizeof(buf)) == -1);
	CHECK(ushim_out_len == 0);
	input("\n");
	CHECK(readline(3, buf, sizeof(buf)) == 0 && buf[0] == '\0');
}

/* ---- the heap -------------------------------------------------------- */

static uint32_t rng = 12345;

static uint32_t rnd(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

struct slot {
	unsigned char *p;
	size_t n;
	unsigned char fill;
};

static int slot_ok(const struct slot *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->p[i] != (unsigned char)(s->fill + i))
			return 0;
	return 1;
}

static void slot_fill(struct slot *s, size_t from)
{
	size_t i;

	for (i = from; i < s->n; i++)
		s->p[i] = (unsigned char)(s->fill + i);
}

static size_t random_size(void)
{
	uint32_t r = rnd() % 100;

	if (r < 2)
		return 64 * 1024 + rnd() % 100000;	/* its own mmap */
	if (r < 10)
		return rnd() % 8000;
	return rnd() % 300;
}

/* Random malloc, free and realloc, each block filled with a pattern
 * that is checked before it is freed or moved. */
static void heap_stress(void)
{
	enum { SLOTS = 300, OPS = 20000 };
	static struct slot slots[SLOTS];
	int i, bad = 0, misaligned = 0, maps_before = ushim_mmaps - ushim_munmaps;
	struct slot *s;
	size_t old;

	for (i = 0; i < OPS; i++) {
		s = &slots[rnd() % SLOTS];
		if (s->p && !slot_ok(s))
			bad++;
		switch (rnd() % 3) {
		case 0:
			free(s->p);
			s->n = random_size();
			s->fill = (unsigned char)rnd();
			s->p = malloc(s->n);
			slot_fill(s, 0);
			break;
		case 1:
			free(s->p);
			s->p = NULL;
			s->n = 0;
			break;
		default:
			old = s->n;
			s->n = random_size() + 1;
			s->p = realloc(s->p, s->n);
			slot_fill(s, old < s->n ? old : s->n);
			if (!s->p)
				bad++;
			break;
		}
		if ((uintptr_t)s->p % 16)
			misaligned++;
	}
	CHECK(bad == 0 && misaligned == 0);
	/* About 300 live blocks of mostly < 300 bytes, some 8 KiB, a few
	 * big: a handful of arenas, if freed blocks were merged and reused. */
	CHECK(ushim_mmaps - ushim_munmaps - maps_before < 40);
	for (i = 0; i < SLOTS; i++) {
		if (slots[i].p && !slot_ok(&slots[i]))
			bad++;
		free(slots[i].p);
		slots[i].p = NULL;
	}
	CHECK(bad == 0);
	/* Everything freed: all merged back, all but one arena returned. */
	CHECK(ushim_mmaps - ushim_munmaps - maps_before <= 1);
}

static void test_malloc(void)
{
	_Alignas(16) unsigned char fake[64];
	unsigned char *p, *q, *r;
	int *z, i, maps, ok;

	p = malloc(10);
	q = malloc(0);
	CHECK(p && q && p != q && (uintptr_t)p % 16 == 0 && (uintptr_t)q % 16 == 0);
	memset(p, 0xaa, 10);
	p = realloc(p, 5000);				/* grows, keeps the bytes */
	CHECK(p && p[0] == 0xaa && p[9] == 0xaa);
	p = realloc(p, 3);				/* shrinks in place */
	CHECK(p && p[2] == 0xaa);
	CHECK(realloc(p, 0) == NULL);			/* = free */
	free(q);
	free(NULL);
	p = realloc(NULL, 20);				/* = malloc */
	CHECK(p != NULL);
	free(p);

	z = calloc(100, sizeof(int));
	for (ok = 1, i = 0; i < 100; i++)
		ok &= z[i] == 0;
	CHECK(z && ok);
	for (i = 0; i < 100; i++)
		z[i] = -1;
	free(z);
	z = calloc(100, sizeof(int));			/* reused memory zeroed too */
	for (ok = 1, i = 0; i < 100; i++)
		ok &= z[i] == 0;
	CHECK(z && ok);
	free(z);
	CHECK(calloc(SIZE_MAX / 2, 3) == NULL);		/* n * size overflows */
	CHECK(malloc(SIZE_MAX - 8) == NULL);

	/* A big block is its own mapping, returned on free. */
	maps = ushim_munmaps;
	p = malloc(100000);
	CHECK(p && (uintptr_t)p % 16 == 0);
	p[99999] = 1;
	p = realloc(p, 90000);				/* still fits */
	CHECK(p && p[0] == p[0]);
	free(p);
	CHECK(ushim_munmaps == maps + 1);

	/* Freeing in any order merges neighbours back into one block, so a
	 * request as big as all of them fits without a new arena. */
	p = malloc(1000);
	q = malloc(1000);
	r = malloc(1000);
	free(q);
	free(p);
	free(r);
	maps = ushim_mmaps;
	p = malloc(3000);
	CHECK(p && ushim_mmaps == maps);
	free(p);

	ushim_mmap_fail = 1;
	CHECK(malloc(200000) == NULL);
	ushim_mmap_fail = 0;

	heap_stress();

	/* Bad frees die instead of corrupting the heap. */
	p = malloc(32);
	free(p);
	ushim_out_reset();
	CHECK(EXITS(free(p), 1));			/* twice */
	CHECK(strstr(ushim_out, "already freed") != NULL);
	memset(fake, 0, sizeof(fake));
	CHECK(EXITS(free(fake + 32), 1));		/* never malloc'd */
	p = malloc(32);
	CHECK(EXITS(free(p + 1), 1));			/* not the start */
	CHECK(EXITS(realloc(p + 16, 8), 1));
	free(p);
}

void test_ulib(void)
{
	test_strings();
	test_strtoul();
	test_vsnprintf();
	test_fprintf();
	test_errstr();
	test_die();
	test_readline();
	test_malloc();
}
