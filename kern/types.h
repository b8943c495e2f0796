/*
 * kern/types.h - the few standard types the kernel uses.
 *
 * The kernel is freestanding: these come from the compiler's own headers,
 * never from a C library.
 */
#ifndef KERN_TYPES_H
#define KERN_TYPES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uintptr_t vaddr_t;	/* a virtual address */
typedef uint64_t paddr_t;	/* a physical address (64 bits on every arch) */

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define ROUNDUP(x, a)	(((x) + (a) - 1) / (a) * (a))
#define ROUNDDOWN(x, a)	((x) / (a) * (a))
#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define MAX(a, b)	((a) > (b) ? (a) : (b))

#define __noreturn	__attribute__((noreturn))
#define __noinline	__attribute__((noinline))
#define __used		__attribute__((used))
#define __printf(f, a)	__attribute__((format(printf, f, a)))
#define __section(s)	__attribute__((section(s)))

#endif
