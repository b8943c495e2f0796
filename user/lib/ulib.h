/*
 * user/lib/ulib.h - the user library: everything a Keel program can call.
 *
 * One header, as in xv6's user.h: system call wrappers (user/lib/syscalls.c
 * over the arch's stub, arch/<arch>/user/syscall.S), strings, formatted
 * output, a heap over mmap, and a line reader for interactive programs.
 * Programs start at main(argc, argv) (user/lib/start.c); returning from
 * main is exit(return value).
 *
 * Errors: the system call wrappers return what the kernel returned: a
 * result >= 0, or a negative code (-ENOENT ...) from kern/abi/errno.h;
 * errstr(-ENOENT) or errstr(ENOENT) names it.  There is no global errno.
 */
#ifndef USER_ULIB_H
#define USER_ULIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "kern/abi/errno.h"
#include "kern/abi/syscall.h"

#ifndef NULL
#define NULL ((void *)0)
#endif

/* ---- system calls (kern/abi/syscall.h has the numbers) -------------- */

long __syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);

void exit(int status) __attribute__((noreturn));
int spawn(const char *path, char *const argv[]);	/* -> pid */
int fork(void);		/* -> the child's pid in the parent, 0 in the child */
int exec(const char *path, char *const argv[]);	/* returns only on failure */
int wait(int pid, int *status);		/* pid or -1 (any child) -> pid */
int getpid(void);
int getppid(void);
int yield(void);
int sleep_ms(unsigned long ms);
long read(int fd, void *buf, size_t len);
long write(int fd, const void *buf, size_t len);
int open(const char *path, int flags);
int close(int fd);
void *mmap(void *addr, size_t len, int prot, int flags, int fd, long off);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
int memstats(struct keel_memstats *st);
int fstat(int fd, struct keel_stat *st);
int readdir(unsigned index, char *name, size_t size);
unsigned long uptime_ms(void);
int regions(int pid, int dot);		/* print pid's Regions (0: mine) */
int cycles(struct keel_cycles *c);
void poweroff(int status) __attribute__((noreturn));	/* stops the machine */

/* mmap's result is an address or a negative code cast to a pointer:
 * true if it is a code. */
static inline int mmap_failed(void *p)
{
	return (unsigned long)p >= (unsigned long)-MAP_FAILED_MAX;
}

/* ---- strings and memory (user/lib/string.c) ------------------------- */

size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *dst, const char *src);
size_t strlcpy(char *dst, const char *src, size_t size);
char *strchr(const char *s, int c);
void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
long atol(const char *s);		/* decimal, optional sign */
int atoi(const char *s);
unsigned long strtoul(const char *s, char **end, int base);	/* base 0: 0x.. hex */

/* Name of an error code, "ENOMEM", given ENOMEM or -ENOMEM. */
const char *errstr(long e);

/* ---- formatted output (user/lib/printf.c) --------------------------- */
/* %d %i %u %x %X %o %c %s %p %%, with l, ll, z; flags - 0 and a width. */

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int fprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int vfprintf(int fd, const char *fmt, va_list ap);
int puts(const char *s);		/* s and a newline, on stdout */
int putchar(int c);

/* ---- the heap (user/lib/malloc.c), over mmap ------------------------ */

void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);

/* ---- input (user/lib/readline.c) ------------------------------------ */

/* Read one line from fd into buf (at most size - 1 bytes, NUL-ended,
 * without the newline), echoing and handling backspace when fd is the
 * console.  Returns the length, or -1 at end of input. */
long readline(int fd, char *buf, size_t size);

/* Die with a message on stderr and exit status 1: "prog: message". */
void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#endif
