/*
 * arch/mips/cp0.h - the MIPS32r2 system control coprocessor (CP0): register
 * numbers, the bits Keel uses, and accessors.
 *
 * CP0 holds all of the machine state a kernel manages: the interrupt mask
 * and mode (Status), why the last exception happened (Cause, EPC,
 * BadVAddr), the timer (Count, Compare) and where the vectors are (EBase).
 * Included by C and by assembly.
 */
#ifndef MIPS_CP0_H
#define MIPS_CP0_H

/* Register numbers, as $reg, select. */
#define CP0_INDEX	$0, 0	/* TLB: the entry tlbwi/tlbr use, tlbp's result */
#define CP0_RANDOM	$1, 0	/* TLB: the entry tlbwr replaces */
#define CP0_ENTRYLO0	$2, 0	/* TLB: the even page of a pair */
#define CP0_ENTRYLO1	$3, 0	/* TLB: the odd page */
#define CP0_PAGEMASK	$5, 0	/* TLB: page size (0: 4 KiB) */
#define CP0_WIRED	$6, 0	/* TLB: entries below it tlbwr never picks */
#define CP0_BADVADDR	$8, 0
#define CP0_COUNT	$9, 0
#define CP0_ENTRYHI	$10, 0	/* TLB: VPN2 and the current ASID */
#define CP0_COMPARE	$11, 0
#define CP0_STATUS	$12, 0
#define CP0_INTCTL	$12, 1
#define CP0_CAUSE	$13, 0
#define CP0_EPC		$14, 0
#define CP0_EBASE	$15, 1
#define CP0_CONFIG1	$16, 1	/* MMU size, cache geometry */

/* Status */
#define ST_IE		0x00000001	/* interrupts enabled (unless EXL/ERL) */
#define ST_EXL		0x00000002	/* exception level: set by every exception */
#define ST_ERL		0x00000004	/* error level: set by reset */
#define ST_KSU		0x00000018	/* mode: 0 kernel, 0x10 user */
#define ST_UM		0x00000010	/* user mode (with EXL and ERL clear) */
#define ST_IM		0x0000ff00	/* interrupt mask, one bit per Cause.IP bit */
#define ST_IM_SHIFT	8
#define ST_BEV		0x00400000	/* vectors in the boot ROM (reset value) */
#define ST_CU0		0x10000000	/* CP0 usable in user mode */

/* Cause */
#define CAUSE_EXC	0x0000007c	/* ExcCode, bits 6..2 */
#define CAUSE_EXC_SHIFT	2
#define CAUSE_IP	0x0000ff00	/* interrupts pending */
#define CAUSE_IP_SHIFT	8
#define CAUSE_BD	0x80000000	/* the EPC instruction is a branch, the
					 * trap came from its delay slot */

/* Index: tlbp sets P (bit 31) when nothing matched. */
#define INDEX_P		0x80000000

/* EntryHi: the virtual page pair (VPN2, va bits 31..13) and the ASID. */
#define ENTRYHI_VPN2	0xffffe000
#define ENTRYHI_ASID	0x000000ff

/* Config1.MMUSize: TLB entries - 1, bits 30..25. */
#define CONFIG1_MMU_SHIFT 25
#define CONFIG1_MMU_MASK  0x3f

/* IntCtl.IPTI: which IP bit the CP0 timer raises (7 on malta's 24Kf). */
#define INTCTL_IPTI_SHIFT 29

/* The exception vectors, as offsets from EBase (with Status.BEV = 0). */
#define VEC_TLB_REFILL	0x000
#define VEC_GENERAL	0x180

/* ExcCodes of memory faults (Cause bits 6..2). */
#define EXC_MOD		1	/* store through a TLB entry with D clear */
#define EXC_TLBL	2	/* TLB miss or invalid entry: load or fetch */
#define EXC_TLBS	3	/* ... store */
#define EXC_ADEL	4	/* address error: load or fetch */
#define EXC_ADES	5	/* ... store */
#define EXC_SYS		8	/* a syscall instruction */

/* MIPS ABI register numbers the C code needs. */
#define REG_V0		2	/* system call number, and result */
#define REG_A0		4	/* a0..a3, t0, t1: system call arguments 0..5 */
#define REG_SP		29
#define REG_RA		31

#ifndef __ASSEMBLY__
#include "kern/types.h"

#define CP0_STR_(...)	#__VA_ARGS__
#define CP0_STR(...)	CP0_STR_(__VA_ARGS__)

/* mfc0/mtc0 on a register named by the constants above.  An ehb after
 * each write makes the change visible to the next instruction
 * (MIPS32r2's execution hazard barrier). */
#define cp0_read(reg) ({						\
	uint32_t v_;							\
	__asm__ volatile("mfc0 %0, " CP0_STR(reg) : "=r"(v_));		\
	v_;								\
})
#define cp0_write(reg, val) do {					\
	__asm__ volatile("mtc0 %z0, " CP0_STR(reg) "\n\tehb"		\
			 :: "Jr"((uint32_t)(val)) : "memory");		\
} while (0)

#endif /* __ASSEMBLY__ */
#endif
