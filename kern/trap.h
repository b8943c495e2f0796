/*
 * kern/trap.h - the one machine-independent trap dispatcher.
 *
 * Every arch's assembly entry saves the interrupted registers in a struct
 * trapframe and calls trap(tf).  trap() asks the arch to classify the trap
 * (arch_trap_classify), then handles it by kind: a timer tick, a breakpoint,
 * a device interrupt, or an unexpected trap, which dumps the registers and a
 * backtrace and panics.  Later issues add system calls and page faults here.
 */
#ifndef KERN_TRAP_H
#define KERN_TRAP_H

#include "kern/types.h"

struct trapframe;

enum trap_kind {
	TRAP_UNKNOWN = 0,	/* anything the arch cannot name more precisely */
	TRAP_TIMER,		/* the periodic clock interrupt */
	TRAP_DEVICE,		/* another external interrupt; irq says which */
	TRAP_SPURIOUS,		/* an interrupt with no source: ignored */
	TRAP_BREAKPOINT,	/* int3 / trap / break: resumable */
	TRAP_ILLEGAL,		/* illegal or privileged instruction */
	TRAP_MEMORY,		/* a bad memory access; addr says where */
	TRAP_ALIGN,		/* a misaligned access; addr says where */
	TRAP_ARITH,		/* divide by zero, overflow */
	TRAP_SYSCALL,		/* a system call instruction */
	TRAP_MACHINE,		/* machine check, double fault: never resumable */
};

/* What the arch tells trap() about one trap. */
struct trapinfo {
	enum trap_kind kind;
	const char *name;	/* the hardware's name, e.g. "#UD", "program" */
	uintptr_t pc;		/* the trapped instruction */
	uintptr_t addr;		/* faulting data address, when there is one */
	int irq;		/* TRAP_DEVICE: the interrupt number */
	bool user;		/* trapped from user mode */
	bool write;		/* TRAP_MEMORY: the access was a write */
	bool exec;		/* TRAP_MEMORY: an instruction fetch */
};

/* Called only by the arch's trap entry code, with interrupts disabled.
 * Returns to the entry code, which restores *tf (possibly modified). */
void trap(struct trapframe *tf);

/* Counters for tests and the monitor. */
extern volatile unsigned long trap_breakpoints;	/* breakpoints handled */

/* Name of a trap kind, for messages. */
const char *trap_kind_name(enum trap_kind kind);

#endif
