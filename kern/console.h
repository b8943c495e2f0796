/*
 * kern/console.h - the kernel console on top of the arch's serial port.
 *
 * Output translates "\n" to "\r\n" for terminals.  Input is polled: the
 * console has no interrupt-driven buffer yet, so cons_getc polls (idling
 * until the next tick between polls) until a byte arrives.
 */
#ifndef KERN_CONSOLE_H
#define KERN_CONSOLE_H

#include "kern/types.h"

void cons_putc(int c);
void cons_puts(const char *s);

/* Wait for one byte of input.  Returns the byte. */
int cons_getc(void);

/* Read a line with simple editing (backspace); echoes as it goes.  Stores
 * at most size-1 bytes and the NUL; returns the length.  The newline is not
 * stored. */
int cons_readline(const char *prompt, char *buf, size_t size);

#endif
