/*
 * arch/mips/context.h - struct arch_context: what arch_context_switch
 * (switch.S) saves of a thread that is not running, on that thread's own
 * kernel stack.  The offsets are for the assembly; context.c checks them.
 *
 * o32's callee-saved registers are s0-s7, s8 (fp), gp and sp; ra is where
 * the switch returns to.  sp itself is not stored in the context: the
 * context's address *is* the saved sp (the struct sits at the stack's
 * bottom-most used word), and the switch pops it to get sp back.  hi/lo,
 * t*, a*, v*, at are caller-saved: the C caller of the switch has
 * already given them up.  Status is not saved: every switch runs with
 * interrupts off (the scheduler's rule), and thread_start turns them on.
 */
#ifndef MIPS_CONTEXT_H
#define MIPS_CONTEXT_H

#define CTX_S(n)	((n) * 4)	/* s0..s7 */
#define CTX_FP		32		/* s8 */
#define CTX_GP		36
#define CTX_RA		40		/* where the switch returns */
#define CTX_SIZE	48		/* 11 words, padded: sp stays 8-aligned */

#ifndef __ASSEMBLY__
#include "kern/types.h"

struct arch_context {
	uint32_t s[8];
	uint32_t fp;
	uint32_t gp;
	uint32_t ra;
	uint32_t pad;
};

/* switch.S: a new thread's first return address, which calls
 * thread_start with ra = 0 (the end of every backtrace). */
void mips_thread_entry(void);
#endif

#endif
