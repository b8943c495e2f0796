/*
 * kern/console.c - console output and line input.  See kern/console.h.
 */
#include "kern/arch.h"
#include "kern/clock.h"
#include "kern/console.h"
#include "kern/panic.h"
#include "kern/printf.h"

void cons_putc(int c)
{
	if (c == '\n')
		arch_cons_putc('\r');
	arch_cons_putc(c);
}

void cons_puts(const char *s)
{
	while (*s)
		cons_putc(*s++);
}

static void cons_sink(int c, void *arg)
{
	(void)arg;
	cons_putc(c);
}

int kvprintf(const char *fmt, va_list ap)
{
	unsigned long s = arch_intr_save();	/* keep lines whole */
	int n = kvprintf_sink(cons_sink, NULL, fmt, ap);

	arch_intr_restore(s);
	return n;
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvprintf(fmt, ap);
	va_end(ap);
	return n;
}

int cons_getc(void)
{
	int c;

	/* The console has no input interrupt yet: poll, and between polls
	 * sleep until the next tick rather than spin the host's CPU.  During
	 * a panic interrupts stay off, so spin. */
	while ((c = arch_cons_getc()) < 0)
		if (clock_running() && !panicking)
			arch_idle();
	return c;
}

int cons_readline(const char *prompt, char *buf, size_t size)
{
	size_t n = 0;
	int c;

	if (prompt)
		cons_puts(prompt);
	for (;;) {
		c = cons_getc();
		if (c == '\r' || c == '\n') {
			cons_putc('\n');
			break;
		}
		if ((c == '\b' || c == 0x7f) && n > 0) {
			n--;
			cons_puts("\b \b");
		} else if (c >= ' ' && c < 0x7f && n + 1 < size) {
			buf[n++] = (char)c;
			cons_putc(c);
		}
	}
	buf[n] = '\0';
	return (int)n;
}
