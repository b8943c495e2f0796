/*
 * arch/mips/refill.S - the TLB-refill handler.
 *
 * A load, store or fetch at a mapped address (kuseg, kseg2) whose page
 * pair has no TLB entry jumps to EBase + 0 (trapentry.S), which comes
 * here.  The handler walks the software page table for BadVAddr, loads
 * the pair's two PTEs into EntryLo0/1, and lets tlbwr write them into a
 * random entry; EntryHi already holds the missing VPN2 and the current
 * ASID (the CPU set it).  eret retries the access.  That is all: about
 * twenty instructions, no stack, only $k0/$k1.
 *
 *   BadVAddr  31       22 21      13 12 11        0
 *            +----------+----------+--+-----------+
 *            | dir slot | pair     |eo| offset    |
 *            +----------+----------+--+-----------+
 *   kuseg:  refill_user_dir[slot]      (the active hat's table[])
 *   kseg2:  refill_kmap_dir[slot - 0x300] (the kernel map, every hat)
 *   then    table + pair * 8: the even and the odd PTE
 *
 * It must never miss itself: the directories and tables are in kseg0,
 * which needs no TLB.  It also decides nothing: an invalid PTE is loaded
 * as an invalid entry (V clear), and the retried access raises a TLB
 * Invalid exception through the general vector, which reaches hat_fault
 * in C.  Only when there is no table at all, or the address is outside
 * the kernel map, does it hand the miss to C itself, through trap_common
 * as a "TLB refill" trap, so that a missing table costs no TLB entry.
 */
#include "cp0.h"
#include "pte.h"
#include "trapframe.h"

	.set	noreorder
	.set	noat

	.text
	.globl	tlb_refill
	.ent	tlb_refill
tlb_refill:
	/* $k0 = BadVAddr (trapentry.S read it in the vector's delay slot) */
	bltz	$k0, 1f			/* top bit set: kseg2, the kernel map */
	lui	$k1, %hi(refill_user_dir)
	lw	$k1, %lo(refill_user_dir)($k1)
	b	2f
	srl	$k0, $k0, PGDIR_SHIFT	/* slot */

1:	lui	$k1, KMAP_BASE >> 16
	subu	$k0, $k0, $k1
	srl	$k0, $k0, PGDIR_SHIFT	/* slot in the kernel map */
	sltiu	$k1, $k0, KMAP_TABLES
	beqz	$k1, refill_to_c	/* kseg2 beyond the kernel map */
	lui	$k1, %hi(refill_kmap_dir)
	addiu	$k1, $k1, %lo(refill_kmap_dir)

2:	sll	$k0, $k0, 2
	addu	$k1, $k1, $k0
	lw	$k1, 0($k1)		/* the table, or NULL */
	beqz	$k1, refill_to_c
	mfc0	$k0, CP0_BADVADDR
	srl	$k0, $k0, PT_PAGE_SHIFT - 2	/* va bit 12 -> bit 2 ... */
	andi	$k0, $k0, 0xff8		/* ... bits 21..13: the pair's even PTE */
	addu	$k1, $k1, $k0
	lw	$k0, 0($k1)
	lw	$k1, 4($k1)
	ext	$k0, $k0, 0, PTE_HW_BITS	/* drop Keel's software bits */
	ext	$k1, $k1, 0, PTE_HW_BITS
	mtc0	$k0, CP0_ENTRYLO0
	mtc0	$k1, CP0_ENTRYLO1
	ehb
	tlbwr
	lui	$k0, %hi(tlb_refills)	/* count it, for `tlb` */
	lw	$k1, %lo(tlb_refills)($k0)
	addiu	$k1, $k1, 1
	sw	$k1, %lo(tlb_refills)($k0)
	eret

	/* No table: let C decide (hat_fault, then the fixups, then panic). */
refill_to_c:
	j	trap_common
	li	$k1, VEC_TLB_REFILL
	.end	tlb_refill

	.bss
	.balign	4
	.globl	tlb_refills
tlb_refills:
	.word	0
