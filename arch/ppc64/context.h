/*
 * arch/ppc64/context.h - a sleeping thread's saved registers (kern/arch.h's
 * struct arch_context), shared by switch.S and context.c.
 *
 * ELFv2 makes r14-r31, CR fields 2-4, r1 and r2 (the TOC) the callee's to
 * preserve; LR is where the switch returns.  arch_context_switch pushes
 * them as one ordinary stack frame on the running thread's own stack and
 * the thread's struct arch_context pointer is that frame's address (its r1).
 * r13 is reserved by the ABI and never touched by the kernel.
 */
#ifndef PPC64_CONTEXT_H
#define PPC64_CONTEXT_H

#define CTX_BACKCHAIN	0	/* the r1 to return with: the caller's frame */
#define CTX_CR		8	/* the whole CR (only fields 2-4 matter) */
#define CTX_LR		16	/* where arch_context_switch returns to */
#define CTX_TOC		24	/* r2 */
#define CTX_GPR(n)	(32 + ((n) - 14) * 8)	/* r14..r31 */
#define CTX_SIZE	176	/* 32 + 18 * 8, a multiple of 16 */

#ifndef __ASSEMBLY__
#include "kern/types.h"

struct arch_context {
	uint64_t backchain;	/* == the saved r1 + CTX_SIZE */
	uint64_t cr;
	uint64_t lr;
	uint64_t toc;
	uint64_t gpr[18];	/* r14..r31 */
};
#endif

#endif
