/*
 * kern/printf.h - formatted output for the kernel.
 *
 * Conversions: %d %i %u %x %X %o %p %s %c %%, with flags '-', '0' and '#', a
 * field width and precision (also as '*'), and the length modifiers hh h l
 * ll z t.  %p prints 0x and the full pointer width.  No floating point.
 *
 * The formatter writes through a sink so that the same code prints to the
 * console and into buffers; it is machine-independent and is unit-tested on
 * the host (tools/hosttest).
 */
#ifndef KERN_PRINTF_H
#define KERN_PRINTF_H

#include "kern/types.h"

/* A sink receives the formatted bytes one at a time. */
typedef void (*printf_sink_t)(int c, void *arg);

/* Format into sink; returns the number of bytes produced. */
int kvprintf_sink(printf_sink_t sink, void *arg, const char *fmt, va_list ap);

/* Format into buf (always NUL-terminated when size > 0); returns the length
 * the full output would have had, like C99 snprintf. */
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* Print to the console (kern/console.h).  Safe with interrupts off. */
int kprintf(const char *fmt, ...) __printf(1, 2);
int kvprintf(const char *fmt, va_list ap);

#endif
