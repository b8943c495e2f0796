/*
 * user/lib/printf.c - formatted output: printf and friends, puts,
 * putchar and die.
 *
 * One engine, format(), writes characters into a struct out.  For
 * snprintf the out is the caller's buffer; for printf it is a small
 * buffer on the stack that is written to the file (write()) each time it
 * fills, so output of any length works with no heap.
 *
 * Conversions: %d %i %u %x %X %o %c %s %p %%; length l, ll, z; flags '-'
 * (left-justify) and '0' (pad numbers with zeros); a width, or '*' to take
 * it from the arguments; a precision (".3") for numbers and strings.
 */
#include "ulib.h"

#define CHUNK 256		/* printf's stack buffer */

struct out {
	char *buf;
	size_t cap;		/* characters buf can take (no NUL) */
	size_t pos;		/* characters in buf now */
	int fd;			/* where a full buf goes, or -1: it is discarded */
	int err;		/* a write failed */
	size_t total;		/* characters produced in all */
};

/* Write all of buf, retrying after short writes. */
static int write_all(int fd, const char *buf, size_t n)
{
	while (n > 0) {
		long w = write(fd, buf, n);

		if (w <= 0)
			return -1;
		buf += w;
		n -= w;
	}
	return 0;
}

static void flush(struct out *o)
{
	if (o->fd >= 0 && o->pos > 0 && write_all(o->fd, o->buf, o->pos) < 0)
		o->err = 1;
	o->pos = 0;
}

/* A character past the end of a string buffer is counted but dropped:
 * snprintf returns the length it would have written. */
static void put(struct out *o, char c)
{
	if (o->pos == o->cap && o->fd >= 0)
		flush(o);
	if (o->pos < o->cap)
		o->buf[o->pos++] = c;
	o->total++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

/* What one % conversion asked for. */
struct spec {
	int left;		/* '-' */
	int zero;		/* '0' */
	int width;
	int prec;		/* -1: none given */
	int lng;		/* 0 int, 1 long, 2 long long, 3 size_t */
};

/* Put a converted body with its sign or prefix, padded to the width:
 * zeros go between the prefix and the digits ("-0042"), spaces outside. */
static void emit(struct out *o, const struct spec *sp, const char *prefix,
		 const char *body, int len)
{
	int plen = (int)strlen(prefix);
	int fill = sp->width - len - plen;

	if (!sp->left && !sp->zero)
		pad(o, ' ', fill);
	while (*prefix)
		put(o, *prefix++);
	if (!sp->left && sp->zero)
		pad(o, '0', fill);
	while (len-- > 0)
		put(o, *body++);
	if (sp->left)
		pad(o, ' ', fill);
}

/*
 * *n /= base, returning the remainder, for base <= 16.  A plain
 * `n % base` on a 64-bit number compiles to a call of libgcc's __umoddi3
 * on 32-bit mips, and Keel programs link no libgcc.  So this is long
 * division as on paper, with 16-bit "digits": the remainder is below 16,
 * so each step divides a number below 2^21, which 32 bits hold.
 */
static unsigned divmod(unsigned long long *n, unsigned base)
{
	unsigned long long q = 0;
	unsigned r = 0;
	int shift;

	for (shift = 48; shift >= 0; shift -= 16) {
		unsigned cur = (r << 16) | (unsigned)((*n >> shift) & 0xffff);

		q = (q << 16) | (cur / base);
		r = cur % base;
	}
	*n = q;
	return r;
}

static void emit_number(struct out *o, const struct spec *sp, unsigned long long v,
			unsigned base, int upper, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[32];		/* 22 octal digits for 64 bits, and a precision */
	int i = sizeof(buf);
	struct spec s = *sp;

	/* "%.0d" of 0 prints no digits at all, as in C. */
	while (v || (i == (int)sizeof(buf) && s.prec != 0))
		buf[--i] = digits[divmod(&v, base)];
	while ((int)sizeof(buf) - i < s.prec && i > 0)
		buf[--i] = '0';
	if (s.prec >= 0)
		s.zero = 0;	/* a precision overrides the '0' flag */
	emit(o, &s, prefix, buf + i, (int)sizeof(buf) - i);
}

static unsigned long long arg_unsigned(const struct spec *sp, va_list *ap)
{
	switch (sp->lng) {
	case 1: return va_arg(*ap, unsigned long);
	case 2: return va_arg(*ap, unsigned long long);
	case 3: return va_arg(*ap, size_t);
	default: return va_arg(*ap, unsigned int);
	}
}

static long long arg_signed(const struct spec *sp, va_list *ap)
{
	switch (sp->lng) {
	case 1: return va_arg(*ap, long);
	case 2: return va_arg(*ap, long long);
	case 3: return (long long)va_arg(*ap, size_t);
	default: return va_arg(*ap, int);
	}
}

static int parse_number(const char **f)
{
	int n = 0;

	while (**f >= '0' && **f <= '9')
		n = n * 10 + (*(*f)++ - '0');
	return n;
}

/* Read flags, width, precision and length after a '%'; returns a pointer
 * to the conversion character. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){ .prec = -1 };
	for (;; f++) {
		if (*f == '-')
			sp->left = 1;
		else if (*f == '0')
			sp->zero = 1;
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		f++;
		if (sp->width < 0) {	/* C's rule: a negative width means '-' */
			sp->left = 1;
			sp->width = -sp->width;
		}
	} else {
		sp->width = parse_number(&f);
	}
	if (*f == '.') {
		f++;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);
			f++;
		} else {
			sp->prec = parse_number(&f);
		}
	}
	for (; *f == 'l' || *f == 'z'; f++)
		sp->lng = *f == 'z' ? 3 : sp->lng + 1;
	if (sp->lng > 3)
		sp->lng = 2;
	if (sp->left)
		sp->zero = 0;
	return f;
}

static void emit_string(struct out *o, struct spec *sp, const char *s)
{
	int len = 0;

	if (!s)
		s = "(null)";
	while (s[len] && (sp->prec < 0 || len < sp->prec))
		len++;
	sp->zero = 0;
	emit(o, sp, "", s, len);
}

static void convert(struct out *o, char c, struct spec *sp, va_list *ap)
{
	long long sv;
	char ch;

	switch (c) {
	case 'd':
	case 'i':
		sv = arg_signed(sp, ap);
		/* Negate as unsigned: -LLONG_MIN does not fit a long long. */
		emit_number(o, sp, sv < 0 ? -(unsigned long long)sv : (unsigned long long)sv,
			    10, 0, sv < 0 ? "-" : "");
		break;
	case 'u':
		emit_number(o, sp, arg_unsigned(sp, ap), 10, 0, "");
		break;
	case 'x':
	case 'X':
		emit_number(o, sp, arg_unsigned(sp, ap), 16, c == 'X', "");
		break;
	case 'o':
		emit_number(o, sp, arg_unsigned(sp, ap), 8, 0, "");
		break;
	case 'p':
		emit_number(o, sp, (uintptr_t)va_arg(*ap, void *), 16, 0, "0x");
		break;
	case 'c':
		ch = (char)va_arg(*ap, int);
		sp->zero = 0;
		emit(o, sp, "", &ch, 1);
		break;
	case 's':
		emit_string(o, sp, va_arg(*ap, const char *));
		break;
	case '%':
		put(o, '%');
		break;
	default:		/* unknown: print it as written, to be seen */
		put(o, '%');
		if (c)
			put(o, c);
		break;
	}
}

static void format(struct out *o, const char *fmt, va_list ap)
{
	struct spec sp;
	va_list aq;

	/* A copy, so that helpers can take a pointer to it (va_list may be
	 * an array type, whose address as a parameter is the wrong type). */
	va_copy(aq, ap);
	while (*fmt) {
		if (*fmt != '%') {
			put(o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &aq);
		convert(o, *fmt, &sp, &aq);
		if (*fmt)
			fmt++;
	}
	va_end(aq);
}

/* Always NUL-terminated when size > 0; returns the length the whole
 * output would have had, so a result >= size means it was cut short. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { .buf = buf, .cap = size ? size - 1 : 0, .fd = -1 };

	format(&o, fmt, ap);
	if (size)
		buf[o.pos] = '\0';
	return (int)o.total;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* Returns the number of characters written, or -1 if a write failed. */
int vfprintf(int fd, const char *fmt, va_list ap)
{
	char chunk[CHUNK];
	struct out o = { .buf = chunk, .cap = sizeof(chunk), .fd = fd };

	format(&o, fmt, ap);
	flush(&o);
	return o.err ? -1 : (int)o.total;
}

int fprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(STDOUT_FILENO, fmt, ap);
	va_end(ap);
	return n;
}

int puts(const char *s)
{
	if (write_all(STDOUT_FILENO, s, strlen(s)) < 0 ||
	    write_all(STDOUT_FILENO, "\n", 1) < 0)
		return -1;
	return 0;
}

/* Returns c as an unsigned char, or -1 if the write failed. */
int putchar(int c)
{
	char ch = (char)c;

	return write_all(STDOUT_FILENO, &ch, 1) < 0 ? -1 : (unsigned char)ch;
}

/* The message, then a newline, on stderr; then exit(1).  There is no
 * record of the program's name here, so callers start the message with
 * it: die("cat: %s: %s", name, errstr(fd)). */
void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(STDERR_FILENO, fmt, ap);
	va_end(ap);
	write_all(STDERR_FILENO, "\n", 1);
	exit(1);
}
