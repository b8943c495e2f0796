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

#define H_GET_TERM_CHAR		0x54
#define H_PUT_TERM_CHAR		0x58
#define H_CEDE			0xe0

/* Make hcall opcode with up to six arguments; returns its status (r3). */
long hcall(unsigned long opcode, unsigned long a1, unsigned long a2,
	   unsigned long a3, unsigned long a4, unsigned long a5,
	   unsigned long a6);

/* The same, storing the first four return values (r4..r7) in ret[]. */
long hcall_ret4(unsigned long ret[4], unsigned long opcode, unsigned long a1,
		unsigned long a2, unsigned long a3, unsigned long a4,
		unsigned long a5);

#endif
