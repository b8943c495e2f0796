/*
 * arch/ppc64/asm.h - helpers for the assembly files.
 */
#ifndef PPC64_ASM_H
#define PPC64_ASM_H

/* ELFv2: the smallest stack frame, and where its words are.  0(r1) is the
 * back chain (the caller's r1), 16(r1) is where the functions this frame's
 * owner calls save their return address (arch/ppc64/backtrace.c). */
#define FRAME_MIN	32
#define FRAME_LR	16
#define FRAME_TOC	24

/* Leaf code may use this much below r1 without moving r1, so a trap entry
 * must skip it before pushing anything. */
#define RED_ZONE	288

#ifdef __ASSEMBLY__
/* Load a 64-bit address into reg: does not assume where the kernel is. */
.macro LOAD_ADDR reg, sym
	lis	\reg, \sym@highest
	ori	\reg, \reg, \sym@higher
	rldicr	\reg, \reg, 32, 31
	oris	\reg, \reg, \sym@high	/* no overflow check: bits 16..31 */
	ori	\reg, \reg, \sym@l
.endm

.macro FUNC name
	.globl	\name
	.type	\name, @function
	.balign	4
\name:
.endm

.macro ENDFUNC name
	.size	\name, . - \name
.endm

/* A fault at an instruction in [start, end) resumes at fix instead of
 * being fatal: a row of the table arch_trap_fixup searches (fixup.c). */
.macro FIXUP start, end, fix
	.pushsection .fixups, "a"
	.balign	8
	.quad	\start, \end, \fix
	.popsection
.endm
#endif

#endif
