/*
 * arch/ppc64/trapframe.h - the registers trapentry.S saves on every trap.
 *
 * The layout is shared with the assembly through the TF_* offsets; trap.c
 * checks them against the struct at compile time.
 */
#ifndef PPC64_TRAPFRAME_H
#define PPC64_TRAPFRAME_H

#define TF_GPR(n)	((n) * 8)
#define TF_SRR0		256	/* the trapped pc */
#define TF_SRR1		264	/* the trapped MSR, plus cause bits */
#define TF_LR		272
#define TF_CTR		280
#define TF_XER		288
#define TF_CR		296
#define TF_DAR		304	/* data address of a DSI or alignment trap */
#define TF_DSISR	312	/* why a DSI happened */
#define TF_VEC		320	/* the vector offset: 0x700 for program, ... */
#define TF_SIZE		336	/* a multiple of 16, to keep r1 aligned */

#ifndef __ASSEMBLY__
#include "kern/types.h"

struct trapframe {
	uint64_t gpr[32];	/* r0..r31; gpr[1] is the trapped stack pointer */
	uint64_t srr0;
	uint64_t srr1;
	uint64_t lr;
	uint64_t ctr;
	uint64_t xer;
	uint64_t cr;
	uint64_t dar;
	uint64_t dsisr;
	uint64_t vec;
	uint64_t pad;
};
#endif

#endif
