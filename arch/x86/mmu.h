/*
 * arch/x86/mmu.h - x86-64 architectural constants: the kernel's address
 * space layout, segment selectors, control-register and EFER bits,
 * page-table entry bits.
 *
 * Plain #defines so that entry.S, kernel.ld's checks and C can all use
 * them.  docs/mmu-x86.md draws the layout and the entry format.
 */
#ifndef X86_MMU_H
#define X86_MMU_H

/*
 * The kernel's half of every address space (PML4 slots 256-511):
 *   DIRECTMAP_BASE  all RAM, pa + DIRECTMAP_BASE  (slots 256-383: 64 TiB)
 *   KMAP_BASE       hat_kenter's wired mappings   (slot 384: 512 GiB)
 *   KERNEL_BASE     the kernel image, pa + KERNEL_BASE (slot 511, the top
 *                   2 GiB, where -mcmodel=kernel code must live)
 * kernel.ld repeats KERNEL_BASE (a linker script cannot include this
 * file); entry.S exports kernel_base_check so that kernel.ld can assert
 * that the two agree.
 */
#define DIRECTMAP_BASE	0xffff800000000000
#define DIRECTMAP_SIZE	0x0000400000000000	/* 64 TiB */
#define KMAP_BASE	0xffffc00000000000
#define KMAP_SIZE	0x0000008000000000	/* 512 GiB: one PML4 slot */
#define KERNEL_BASE	0xffffffff80000000

/* The physical address of a kernel symbol, for the 32-bit entry code that
 * runs before paging maps the kernel where it was linked. */
#define PHYS(sym)	((sym) - KERNEL_BASE)

/*
 * Selectors into the GDT (entry.S).  The order is the one syscall and
 * sysret impose (usermode.c programs STAR with it): syscall loads
 * CS = KCODE_SEL and SS = KCODE_SEL + 8; 64-bit sysret loads
 * SS = STAR_SYSRET_BASE + 8 and CS = STAR_SYSRET_BASE + 16, both with RPL 3.
 * The TSS descriptor is 16 bytes: two slots.
 */
#define KCODE_SEL	0x08		/* 64-bit kernel code */
#define KDATA_SEL	0x10		/* kernel data and stack */
#define UDATA_SEL	0x18		/* user data and stack (DPL 3) */
#define UCODE_SEL	0x20		/* 64-bit user code (DPL 3) */
#define TSS_SEL		0x28		/* the 64-bit TSS (usermode.c) */
#define SEL_RPL_USER	3		/* requested privilege level, ring 3 */
#define STAR_SYSRET_BASE (UDATA_SEL - 8)

/* Control registers. */
#define CR0_PE		0x00000001	/* protected mode */
#define CR0_WP		0x00010000	/* honour read-only pages in ring 0 */
#define CR0_PG		0x80000000	/* paging */
#define CR4_PAE		0x00000020	/* 64-bit page-table entries (required by long mode) */
#define CR4_PGE		0x00000080	/* global pages survive a CR3 load */

/* Extended feature enable register. */
#define MSR_EFER	0xc0000080
#define EFER_SCE	0x00000001	/* the syscall/sysret instructions */
#define EFER_LME	0x00000100	/* long mode enable */
#define EFER_NXE	0x00000800	/* the PTE_NX bit means no-execute */

/* The syscall instruction's MSRs. */
#define MSR_STAR	0xc0000081	/* selectors: syscall 47-32, sysret 63-48 */
#define MSR_LSTAR	0xc0000082	/* 64-bit syscall entry point */
#define MSR_SFMASK	0xc0000084	/* RFLAGS bits syscall clears */

/* CPUID leaf 0x80000001, %edx. */
#define CPUID_EXT_NX	(1 << 20)	/* no-execute pages */
#define CPUID_EXT_LM	(1 << 29)	/* long mode */
/* CPUID leaf 1, %edx. */
#define CPUID_PGE	(1 << 13)	/* global pages */

/*
 * Page-table entry bits, the same at every level except where noted.
 * Bits 9-11 are ignored by the MMU: the HAT keeps its own facts there.
 */
#define PTE_P		0x001		/* present */
#define PTE_W		0x002		/* writable */
#define PTE_U		0x004		/* user-accessible */
#define PTE_PWT		0x008		/* write-through */
#define PTE_PCD		0x010		/* cache disable */
#define PTE_A		0x020		/* accessed: set by the MMU */
#define PTE_D		0x040		/* dirty: set by the MMU (leaf entries) */
#define PTE_PS		0x080		/* large page (PDE: 2 MiB, PDPTE: 1 GiB) */
#define PTE_G		0x100		/* global: kept across CR3 loads (leaf) */
#define PTE_WIRED	0x200		/* software, leaf: entered HAT_WIRED */
#define PTE_SEG		0x400		/* software, PDE: points at a seghat's PT */
#define PTE_NX		0x8000000000000000	/* no-execute (EFER.NXE) */
#define PTE_ADDR	0x000ffffffffff000	/* the frame or next table */

#ifdef __ASSEMBLY__		/* C has mm/page.h's */
#define PAGE_SIZE	4096
#endif
#define LARGE_PAGE_SIZE	0x200000	/* what a PDE with PTE_PS maps */
#define PT_ENTRIES	512		/* entries in each table page */

/* RFLAGS. */
#define RFLAGS_RESERVED	0x2		/* bit 1 always reads as 1 */
#define RFLAGS_TF	0x100		/* single-step trap */
#define RFLAGS_IF	0x200		/* interrupts enabled */
#define RFLAGS_DF	0x400		/* string instructions go down */
#define RFLAGS_NT	0x4000		/* nested task: iretq in long mode #GPs */
#define RFLAGS_AC	0x40000		/* alignment check (ring 3) */

#endif
