/*
 * kern/printf.c - the kernel's printf engine.  See kern/printf.h.
 */
#include "kern/printf.h"
#include "kern/string.h"

struct spec {
	bool left;		/* '-' */
	bool zero;		/* '0' */
	bool alt;		/* '#': 0x before hex, 0 before octal */
	int width;
	int prec;		/* -1: none */
	int lng;		/* 0 int, 1 long, 2 long long, 3 size_t */
};

struct out {
	printf_sink_t sink;
	void *arg;
	int count;
};

static void put(struct out *o, int c)
{
	o->sink(c, o->arg);
	o->count++;
}

static void pad(struct out *o, int c, int n)
{
	while (n-- > 0)
		put(o, c);
}

/* Emit a prepared string with padding per the spec. */
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

static void emit_number(struct out *o, struct spec *sp, unsigned long long v,
			bool neg, unsigned base, bool upper, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	int i = sizeof(buf);

	do {
		buf[--i] = digits[v % base];
		v /= base;
	} while (v);
	while (sp->prec > 0 && (int)sizeof(buf) - i < sp->prec && i > 0)
		buf[--i] = '0';
	if (sp->prec >= 0)
		sp->zero = false;
	emit(o, sp, neg ? "-" : prefix, buf + i, (int)sizeof(buf) - i);
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

/* Parse flags, width, precision and length; returns the conversion char. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){ .prec = -1 };
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->zero = true;
		else if (*f == '#')
			sp->alt = true;
		else
			break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		f++;
	}
	while (*f >= '0' && *f <= '9')
		sp->width = sp->width * 10 + (*f++ - '0');
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);
			f++;
		}
		while (*f >= '0' && *f <= '9')
			sp->prec = sp->prec * 10 + (*f++ - '0');
	}
	for (;; f++) {
		if (*f == 'l')
			sp->lng++;
		else if (*f == 'z' || *f == 't')
			sp->lng = 3;
		else if (*f != 'h')
			break;
	}
	if (sp->left)
		sp->zero = false;
	return f;
}

static void convert(struct out *o, char c, struct spec *sp, va_list *ap)
{
	long long sv;
	unsigned long long uv;
	const char *s;
	char ch;

	switch (c) {
	case 'd':
	case 'i':
		sv = arg_signed(sp, ap);
		emit_number(o, sp, sv < 0 ? -(unsigned long long)sv : (unsigned long long)sv,
			    sv < 0, 10, false, "");
		break;
	case 'u':
		emit_number(o, sp, arg_unsigned(sp, ap), false, 10, false, "");
		break;
	case 'x':
	case 'X':
		uv = arg_unsigned(sp, ap);
		emit_number(o, sp, uv, false, 16, c == 'X',
			    sp->alt && uv ? (c == 'X' ? "0X" : "0x") : "");
		break;
	case 'o':
		uv = arg_unsigned(sp, ap);
		emit_number(o, sp, uv, false, 8, false, sp->alt && uv ? "0" : "");
		break;
	case 'p':
		sp->lng = 3;
		sp->prec = (int)sizeof(void *) * 2;
		emit_number(o, sp, (uintptr_t)va_arg(*ap, void *), false, 16, false, "0x");
		break;
	case 's':
		s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		emit(o, sp, "", s, (int)strnlen(s, sp->prec < 0 ? (size_t)-1 : (size_t)sp->prec));
		break;
	case 'c':
		ch = (char)va_arg(*ap, int);
		emit(o, sp, "", &ch, 1);
		break;
	default:		/* %% and unknown conversions print themselves */
		put(o, '%');
		if (c != '%')
			put(o, c);
	}
}

int kvprintf_sink(printf_sink_t sink, void *arg, const char *fmt, va_list ap)
{
	struct out o = { sink, arg, 0 };
	struct spec sp;
	va_list aq;

	va_copy(aq, ap);
	while (*fmt) {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &aq);
		if (!*fmt)
			break;
		convert(&o, *fmt++, &sp, &aq);
	}
	va_end(aq);
	return o.count;
}

struct bufsink {
	char *buf;
	size_t size;
	size_t len;
};

static void buf_putc(int c, void *arg)
{
	struct bufsink *b = arg;

	if (b->len + 1 < b->size)
		b->buf[b->len] = (char)c;
	b->len++;
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct bufsink b = { buf, size, 0 };
	int n = kvprintf_sink(buf_putc, &b, fmt, ap);

	if (size)
		buf[b.len < size ? b.len : size - 1] = '\0';
	return n;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
