/*
 * kern/string.h - the C string and memory functions the kernel needs.
 * GCC may emit calls to memcpy/memset/memmove/memcmp itself, so they must
 * exist with these exact names.
 */
#ifndef KERN_STRING_H
#define KERN_STRING_H

#include "kern/types.h"

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

/* The first occurrence of needle in hay, or NULL. */
char *strstr(const char *hay, const char *needle);
char *strchr(const char *s, int c);
/* Copy at most size-1 bytes and always NUL-terminate (size > 0).
 * Returns strlen(src), like BSD strlcpy. */
size_t strlcpy(char *dst, const char *src, size_t size);
/* Parse an unsigned number: decimal, or hex with 0x.  Sets *end past it. */
unsigned long strtoul(const char *s, const char **end, int base);

#endif
