/*
 * kern/cmdline.h - boot options.
 *
 * The command line (GRUB's module line, QEMU -append) is a list of words
 * separated by spaces; a word is a flag ("verbose") or key=value
 * ("ktest=lab1_*").  docs/boot-options.md lists the options.
 */
#ifndef KERN_CMDLINE_H
#define KERN_CMDLINE_H

#include "kern/types.h"

/* Use line as the command line (kmain does this with the boot loader's). */
void cmdline_init(const char *line);

/* Copy the value of key=value into buf (size > 0); true if key is present.
 * A bare flag "key" has the empty value. */
bool cmdline_get(const char *key, char *buf, size_t size);

/* True if key is present, with or without a value. */
bool cmdline_has(const char *key);

/* True if key is present with exactly this value. */
bool cmdline_is(const char *key, const char *value);

/* The value of key as a number (decimal or 0x hex), or dflt. */
unsigned long cmdline_ulong(const char *key, unsigned long dflt);

/* The whole line, as given. */
const char *cmdline_line(void);

#endif
