/*
 * arch/ppc64/hcall.h - calls into the hypervisor (PAPR hcalls).
 *
 * Under QEMU's pseries machine the kernel runs as a guest: the machine's
 * console, idle and page table belong to the hypervisor, reached with
 * `sc 1`, the opcode in r3 and the arguments in r4..r9 (hcall.S).
 */
#ifndef PPC64_HCALL_H
#define PPC64_HCALL_H

#include "kern/types.h"

#define H_SUCCESS		0
#define H_BUSY			1
#define H_PARAMETER		(-4)
#define H_PTEG_FULL		(-6)	/* H_ENTER: no free slot in the group */
#define H_NOT_FOUND		(-7)	/* no valid entry there (or AVPN mismatch) */

/* The hashed page table (PAPR "hcall-pft"): docs/mmu-ppc64.md. */
#define H_REMOVE		0x04	/* (flags, ptex, avpn) -> old V, R */
#define H_ENTER			0x08	/* (flags, ptex, V, R) -> ptex used */
#define H_READ			0x0c	/* (flags, ptex) -> V, R */
#define H_PROTECT		0x18	/* (flags|pp|N, ptex, avpn) */

#define H_GET_TERM_CHAR		0x54
#define H_PUT_TERM_CHAR		0x58
#define H_CEDE			0xe0

/* Flags, numbered from the left like every PAPR bit. */
#define H_BIT(n)		(1UL << (63 - (n)))
#define H_EXACT			H_BIT(24)	/* H_ENTER: this slot, not any free one */
#define H_AVPN			H_BIT(32)	/* only if the entry's AVPN matches */

/* Make hcall opcode with up to six arguments; returns its status (r3). */
long hcall(unsigned long opcode, unsigned long a1, unsigned long a2,
	   unsigned long a3, unsigned long a4, unsigned long a5,
	   unsigned long a6);

/* The same, storing the first four return values (r4..r7) in ret[]. */
long hcall_ret4(unsigned long ret[4], unsigned long opcode, unsigned long a1,
		unsigned long a2, unsigned long a3, unsigned long a4,
		unsigned long a5);

#endif
