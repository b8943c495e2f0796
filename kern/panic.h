/*
 * kern/panic.h - stopping the kernel with a message and a backtrace.
 *
 * panic() prints "panic: <message> (file:line)" and a symbolized backtrace,
 * then either powers off with status 2 (the default when tests run, so the
 * grader sees the panic at once) or, with boot option panic=monitor (the
 * default for interactive boots), enters the kernel monitor with interrupts
 * off so you can look around.  A panic during a panic powers off at once.
 */
#ifndef KERN_PANIC_H
#define KERN_PANIC_H

#include "kern/types.h"

struct trapframe;
struct trapinfo;

#define panic(...)	panic_at(__FILE__, __LINE__, __VA_ARGS__)
#define KASSERT(c)							\
	do {								\
		if (!(c))						\
			panic("assertion failed: %s", #c);		\
	} while (0)

void panic_at(const char *file, int line, const char *fmt, ...)
	__printf(3, 4) __noreturn;

/* The end of an unexpected trap: dump the frame, print the backtrace of
 * the trapped context, then stop as panic() does.  Called by trap(). */
void panic_trap(const struct trapframe *tf, const struct trapinfo *ti) __noreturn;

/* Print "  #i 0xPC in name+0xoff" for each pc. */
void backtrace_print(const uintptr_t *pcs, int n);

/* Print the backtrace of the caller. */
void backtrace_here(void);

/* True once a panic has begun. */
extern volatile bool panicking;

#endif
