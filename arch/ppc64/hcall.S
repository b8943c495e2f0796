/*
 * arch/ppc64/hcall.S - the hcall instruction, wrapped as C functions
 * (hcall.h).  The C calling convention already puts the arguments where
 * the hypervisor wants them, and a call tells the compiler that the
 * volatile registers are gone, which is what an hcall may do to them.
 */
#include "asm.h"

	.text
/* long hcall(opcode, a1..a6): r3 = opcode, r4..r9 = arguments */
FUNC hcall
	sc	1
	blr
ENDFUNC hcall

/* long hcall_ret4(ret[4], opcode, a1..a5): shift the arguments down one
 * register, remember ret in the red zone, store r4..r7 there after. */
FUNC hcall_ret4
	std	r3, -8(r1)
	mr	r3, r4
	mr	r4, r5
	mr	r5, r6
	mr	r6, r7
	mr	r7, r8
	mr	r8, r9
	sc	1
	ld	r12, -8(r1)
	std	r4, 0(r12)
	std	r5, 8(r12)
	std	r6, 16(r12)
	std	r7, 24(r12)
	blr
ENDFUNC hcall_ret4
