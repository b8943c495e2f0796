/*
 * arch/mips/mips.h - what the files of arch/mips share with each other:
 * the boot stack, the console's setup, the address-space layout.
 */
#ifndef MIPS_MIPS_H
#define MIPS_MIPS_H

#include "kern/types.h"

/* kseg0 (cached) and kseg1 (uncached) see the low 512 MiB of physical
 * memory without the TLB, at these offsets. */
#define KSEG0_BASE	0x80000000u
#define KSEG1_BASE	0xa0000000u
#define KSEG0_TO_PHYS(va) ((uintptr_t)(va) - KSEG0_BASE)
#define PHYS_TO_KSEG1(pa) ((uintptr_t)(pa) + KSEG1_BASE)

/* entry.S: the stack the kernel boots and runs on. */
extern char boot_stack[], boot_stack_top[];

/* kernel.ld: the image's bounds. */
extern char _kernel_start[], _end[];

/* boot.c, entered from entry.S with the boot stub's registers. */
void mips_boot(int argc, char **argv, char **envp, uint32_t memsize) __noreturn;

/* uart.c: program the 16550 (before the first kprintf). */
void uart_init(void);

#endif
