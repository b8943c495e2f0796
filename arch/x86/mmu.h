/*
 * arch/x86/mmu.h - x86-64 architectural constants: segment selectors,
 * control-register and EFER bits, page-table entry bits.
 *
 * Plain #defines so that both entry.S and C can use them.  The HAT (a later
 * issue) adds its page-table definitions here.
 */
#ifndef X86_MMU_H
#define X86_MMU_H

/* Selectors into the boot GDT (entry.S). */
#define KCODE_SEL	0x08		/* 64-bit kernel code */
#define KDATA_SEL	0x10		/* kernel data and stack */

/* Control registers. */
#define CR0_PE		0x00000001	/* protected mode */
#define CR0_WP		0x00010000	/* honour read-only pages in ring 0 */
#define CR0_PG		0x80000000	/* paging */
#define CR4_PAE		0x00000020	/* 64-bit page-table entries (required by long mode) */

/* Extended feature enable register. */
#define MSR_EFER	0xc0000080
#define EFER_LME	0x00000100	/* long mode enable */

/* CPUID leaf 0x80000001, %edx: long mode available. */
#define CPUID_EXT_LM	(1 << 29)

/* Page-table entry bits. */
#define PTE_P		0x001		/* present */
#define PTE_W		0x002		/* writable */
#define PTE_PS		0x080		/* large page (2 MiB in a page directory) */

#define PAGE_SIZE	4096
#define LARGE_PAGE_SIZE	0x200000

/* RFLAGS. */
#define RFLAGS_IF	0x200		/* interrupts enabled */

#endif
