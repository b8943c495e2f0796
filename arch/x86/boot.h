/*
 * arch/x86/boot.h - what the boot code shares: the boot stack, the kernel
 * image bounds, and the two loader-specific parsers boot.c chooses between.
 */
#ifndef X86_BOOT_H
#define X86_BOOT_H

#include "kern/types.h"
#include "mmu.h"

struct bootinfo;

/* The physical address of a kernel symbol (linked at KERNEL_BASE + pa). */
#define KERNEL_PHYS(p)	((paddr_t)((uintptr_t)(p) - KERNEL_BASE))

/* Magic numbers that tell the loaders apart at _start (entry.S). */
#define MULTIBOOT2_BOOT_MAGIC	0x36d76289	/* in %eax from a multiboot2 loader */
#define PVH_START_MAGIC		0x336ec578	/* first word of hvm_start_info */

/* The boot stack (entry.S): [boot_stack, boot_stack_top). */
extern char boot_stack[], boot_stack_top[];

/* The loaded image, from kernel.ld: physical bounds (kernel_phys_*, the
 * symbols' values are the addresses) and the end of its high mapping. */
extern char kernel_phys_start[], kernel_phys_end[], kernel_image_end[];

/* Map RAM above the first 4 GiB into the boot direct map (bootmap.c). */
void bootmap_extend(struct bootinfo *bi);

/* Fill bi from a multiboot2 information structure / a PVH hvm_start_info. */
void multiboot2_parse(struct bootinfo *bi, uintptr_t info);
void pvh_parse(struct bootinfo *bi, uintptr_t start_info);

/* Called by entry.S in 64-bit mode; returns the bootinfo for kmain. */
struct bootinfo *boot_main(uint32_t magic, uint32_t info);

#endif
