/*
 * user/lib/string.c - strings, memory and number parsing for user
 * programs: byte-at-a-time versions of the C library's functions, written
 * to be read rather than to be fast.
 */
#include "ulib.h"

/*
 * GCC recognises a byte loop that fills or copies memory and replaces it
 * with a call to memset or memcpy, even in freestanding code.  Inside
 * memset and memcpy themselves that call would be endless recursion, so
 * these two functions are compiled without that optimisation.
 */
#define NO_LOOP_TO_CALL __attribute__((optimize("no-tree-loop-distribute-patterns")))

NO_LOOP_TO_CALL void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

NO_LOOP_TO_CALL void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

/* Like memcpy, but the areas may overlap: when dst is above src, copying
 * forwards would overwrite bytes before they are read, so go backwards. */
NO_LOOP_TO_CALL void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

/* Characters compare as unsigned char, as in C's library: "\xff" > "a". */
int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			return 0;
	}
	return 0;
}

char *strcpy(char *dst, const char *src)
{
	char *d = dst;

	while ((*d++ = *src++))
		;
	return dst;
}

/* Copy at most size - 1 bytes and always end with a NUL (when size > 0).
 * Returns strlen(src), so that a result >= size means "truncated". */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

/* The terminating NUL is part of the string: strchr(s, 0) finds it. */
char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* The value of a digit in bases up to 36, or 99 if c is no digit. */
static unsigned digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/*
 * Leading blanks, an optional sign, then digits of the base.  Base 0
 * picks it from the prefix: "0x" hex, "0" octal, else decimal; base 16
 * accepts a "0x" too.  A "0x" with no hex digit after it is just the 0.
 * *end (if end) gets where parsing stopped (s itself if there was no
 * number; a base outside 2..36 parses nothing).  Overflow wraps: there is no errno to report it in.
 */
unsigned long strtoul(const char *s, char **end, int base)
{
	const char *p = s, *digits;
	unsigned long v = 0;
	int neg = 0;

	if (base < 0 || base == 1 || base > 36) {
		if (end)
			*end = (char *)s;
		return 0;
	}
	while (is_space(*p))
		p++;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')
	    && digit_value(p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = *p == '0' ? 8 : 10;
	}
	digits = p;
	for (; digit_value(*p) < (unsigned)base; p++)
		v = v * base + digit_value(*p);
	if (end)
		*end = (char *)(p == digits ? s : p);
	return neg ? -v : v;
}

long atol(const char *s)
{
	return (long)strtoul(s, NULL, 10);
}

int atoi(const char *s)
{
	return (int)atol(s);
}
