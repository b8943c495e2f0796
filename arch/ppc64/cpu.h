/*
 * arch/ppc64/cpu.h - the POWER registers the kernel touches, as constants
 * and one-instruction C helpers.
 *
 * Bit names follow the Power ISA, but as masks on the 64-bit value: the
 * ISA numbers bits from the left (bit 0 is the most significant), so its
 * MSR bit 48 (EE) is 1 << (63 - 48).
 */
#ifndef PPC64_CPU_H
#define PPC64_CPU_H

#ifdef __ASSEMBLY__
#define UL(x)		x		/* the assembler has no suffixes */
#else
#define UL(x)		x##UL
#endif

/* Machine State Register */
#define MSR_SF		(UL(1) << 63)	/* 64-bit mode */
#define MSR_EE		(UL(1) << 15)	/* external and decrementer interrupts */
#define MSR_PR		(UL(1) << 14)	/* problem (user) state */
#define MSR_ME		(UL(1) << 12)	/* machine checks enabled */
#define MSR_IR		(UL(1) << 5)	/* instruction translation */
#define MSR_DR		(UL(1) << 4)	/* data translation */
#define MSR_RI		(UL(1) << 1)	/* SRR0/SRR1 hold a recoverable state */

/* SRR1 bits that say why a program interrupt (0x700) happened */
#define SRR1_PROG_FPE	(UL(1) << 20)	/* floating-point enabled exception */
#define SRR1_PROG_ILL	(UL(1) << 19)	/* illegal instruction */
#define SRR1_PROG_PRIV	(UL(1) << 18)	/* privileged instruction */
#define SRR1_PROG_TRAP	(UL(1) << 17)	/* a trap instruction (tw, td) */

/* DSISR bit: the access that failed was a store */
#define DSISR_STORE	(UL(1) << 25)

#define CACHE_LINE	128		/* POWER8's L1 line size */

#ifndef __ASSEMBLY__
#include "kern/types.h"

static inline unsigned long mfmsr(void)
{
	unsigned long v;

	__asm__ volatile("mfmsr %0" : "=r"(v));
	return v;
}

/* mtmsrd with L=1 changes only MSR[EE] and MSR[RI]: the cheap way to mask
 * interrupts. */
static inline void mtmsr_ee_ri(unsigned long v)
{
	__asm__ volatile("mtmsrd %0, 1" : : "r"(v) : "memory");
}

static inline uint64_t mftb(void)
{
	uint64_t v;

	__asm__ volatile("mftb %0" : "=r"(v));
	return v;
}

static inline void mtdec(uint32_t v)
{
	__asm__ volatile("mtdec %0" : : "r"((unsigned long)v));
}

/* Make instructions just written to [start, start+len) visible to
 * instruction fetch: push the data cache lines out, then drop the stale
 * instruction cache lines. */
static inline void sync_icache(void *start, size_t len)
{
	uintptr_t a = (uintptr_t)start & ~(uintptr_t)(CACHE_LINE - 1);
	uintptr_t end = (uintptr_t)start + len;

	for (uintptr_t p = a; p < end; p += CACHE_LINE)
		__asm__ volatile("dcbst 0, %0" : : "r"(p) : "memory");
	__asm__ volatile("sync" : : : "memory");
	for (uintptr_t p = a; p < end; p += CACHE_LINE)
		__asm__ volatile("icbi 0, %0" : : "r"(p) : "memory");
	__asm__ volatile("sync; isync" : : : "memory");
}
#endif

#endif
