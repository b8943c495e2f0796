/*
 * hat_arch.h for the simulated MMU (tools/hosttest/simhat.c): "physical
 * memory" is a host buffer, and the direct map is that buffer.
 */
#ifndef SIM_HAT_ARCH_H
#define SIM_HAT_ARCH_H

#include "kern/types.h"

#define HAT_SEGMENT_SHIFT	21		/* 2 MiB segments, like x86 */
#define USER_VA_MIN		0x400000UL
#define USER_VA_MAX		0x7fff00000000UL
#define SIM_RAM_BASE		0x100000UL	/* physical address of sim RAM */
#define SIM_RAM_SIZE		(32UL << 20)

/* The kernel map is a real host range: hat_kenter maps sim RAM there with
 * mmap, so the kernel can dereference it as on a machine. */
extern char *sim_kmap_base;
#define KMAP_VA_MIN		((vaddr_t)sim_kmap_base)
#define KMAP_VA_MAX		((vaddr_t)sim_kmap_base + (4UL << 20))

extern char *sim_ram;

static inline void *phys_to_kva(paddr_t pa)
{
	return sim_ram + (pa - SIM_RAM_BASE);
}

static inline paddr_t kva_to_phys(const void *va)
{
	return (paddr_t)((const char *)va - sim_ram) + SIM_RAM_BASE;
}

#endif
