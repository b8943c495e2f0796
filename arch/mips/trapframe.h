/*
 * arch/mips/trapframe.h - struct trapframe: the registers trapentry.S saves
 * on every exception and interrupt, as trap() sees them.
 *
 * MIPS pushes nothing on an exception: the CPU only copies the pc to EPC,
 * records why in Cause (and BadVAddr), sets Status.EXL and jumps to a
 * vector.  So the entry code saves everything itself: the 31 general
 * registers by number (r[0] is $zero, kept so that r[n] is register n),
 * hi/lo, and the four CP0 registers that describe the trap.  The TF_*
 * offsets are for the assembly; trap.c checks them against the struct.
 */
#ifndef MIPS_TRAPFRAME_H
#define MIPS_TRAPFRAME_H

#define TF_R(n)		((n) * 4)
#define TF_HI		128
#define TF_LO		132
#define TF_STATUS	136
#define TF_CAUSE	140
#define TF_EPC		144
#define TF_BADVADDR	148
#define TF_VECTOR	152
#define TF_SIZE		156

/* What trap_common takes from the stack: the o32 ABI's 16-byte argument
 * save area for the call to trap(), then the frame; a multiple of 8, as
 * the ABI wants sp. */
#define TRAP_ARGAREA	16
#define TRAP_STACK	(TRAP_ARGAREA + TF_SIZE + 4)

#ifndef __ASSEMBLY__
#include "kern/types.h"

struct trapframe {
	uint32_t r[32];		/* r[29] is the trapped sp, r[31] its ra */
	uint32_t hi, lo;	/* multiply/divide results */
	uint32_t status;	/* Status at the trap (EXL set) */
	uint32_t cause;		/* ExcCode, pending interrupts, BD */
	uint32_t epc;		/* the trapped instruction (or its branch) */
	uint32_t badvaddr;	/* the faulting address, for address errors
				 * and TLB exceptions */
	uint32_t vector;	/* VEC_TLB_REFILL or VEC_GENERAL: which vector */
};

#endif
#endif
