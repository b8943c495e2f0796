/*
 * kern/file_console.c - the console as a file: fds 0, 1 and 2.
 *
 * There is one console file, shared by every process.  Writes go out a
 * chunk at a time through a kernel buffer (copyin); reads wait until at
 * least one byte was typed, polling the serial port once per clock tick
 * (the UARTs' receive interrupts are not used), then take what is
 * waiting, up to len bytes.
 */
#include "kern/clock.h"
#include "kern/console.h"
#include "kern/errno.h"
#include "kern/file.h"
#include "mm/process.h"
#include "mm/uaccess.h"

#include "kern/abi/syscall.h"

#define CHUNK	128

static long console_write(struct file *f, uintptr_t ubuf, size_t len)
{
	char buf[CHUNK];
	size_t done = 0;

	(void)f;
	while (done < len) {
		size_t n = len - done < CHUNK ? len - done : CHUNK;

		if (copyin(buf, ubuf + done, n) != 0)
			return done ? (long)done : -EFAULT;
		for (size_t i = 0; i < n; i++)
			cons_putc(buf[i]);
		done += n;
	}
	return done;
}

static long console_read(struct file *f, uintptr_t ubuf, size_t len)
{
	char buf[CHUNK];
	size_t n = 0;
	int c;

	(void)f;
	if (len == 0)
		return 0;
	while ((c = cons_getc()) < 0)
		clock_sleep_ticks(1);
	do {
		buf[n++] = c;
	} while (n < len && n < CHUNK && (c = cons_getc()) >= 0);
	return copyout(ubuf, buf, n) ? -EFAULT : (long)n;
}

static void console_stat(struct file *f, struct keel_stat *st)
{
	(void)f;
	st->size = 0;
	st->kind = KEEL_FILE_CONSOLE;
}

static int console_get_fr(struct file *f, struct fr **frp)
{
	(void)f;
	(void)frp;
	return -ENODEV;
}

static void console_close(struct file *f)
{
	f->refs = 1;		/* the console never goes away */
}

static const struct file_ops console_ops = {
	.read = console_read,
	.write = console_write,
	.stat = console_stat,
	.get_fr = console_get_fr,
	.close = console_close,
};

static struct file console_file = { .ops = &console_ops, .refs = 1 };

int file_open_console(struct process *p)
{
	for (int fd = 0; fd < 3; fd++) {
		file_ref(&console_file);
		p->files[fd] = &console_file;
	}
	return 0;
}
