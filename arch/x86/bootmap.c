/*
 * arch/x86/bootmap.c - the boot direct map beyond the first 4 GiB.
 *
 * entry.S maps the first 4 GiB of physical memory at DIRECTMAP_BASE with
 * four page directories in .bss.  kmain needs phys_to_kva for all RAM
 * before hat_bootstrap runs (frame_init puts the page descriptors at the
 * top of RAM and zeroes frames through the direct map), so on a machine
 * with more, boot_main adds page directories for the rest here: one per
 * GiB, 2 MiB pages, carved out of RAM below 4 GiB (mapped already) and
 * reserved in bootinfo so that frame_init leaves them alone.  They stay
 * reserved after hat_bootstrap replaces the boot tables: 4 KiB per GiB.
 * The boot PDPT has 512 entries, so RAM beyond 512 GiB is left out.
 */
#include "kern/bootinfo.h"
#include "kern/printf.h"
#include "mm/page.h"
#include "boot.h"
#include "hat_arch.h"

#define GIB		((paddr_t)1 << 30)
#define BOOT_MAPPED	(4 * GIB)		/* by entry.S */
#define BOOT_MAP_LIMIT	(PT_ENTRIES * GIB)	/* one PDPT */

extern uint64_t boot_pdpt[];			/* entry.S */

static paddr_t ram_top(const struct bootinfo *bi)
{
	paddr_t top = 0;

	for (int i = 0; i < bi->nranges; i++)
		top = MAX(top, bi->ranges[i].base + bi->ranges[i].size);
	return top;
}

/* Forget RAM at and above limit: it has no direct mapping. */
static void trim_ranges(struct bootinfo *bi, paddr_t limit)
{
	for (int i = 0; i < bi->nranges; i++) {
		struct memrange *r = &bi->ranges[i];
		paddr_t end = r->base + r->size;

		if (end <= limit)
			continue;
		bi->mem_bytes -= end - MAX(r->base, limit);
		r->size = r->base < limit ? limit - r->base : 0;
	}
}

/* len bytes of RAM below 4 GiB outside the kernel image, page-aligned,
 * as high as possible; 0 if there is no such room. */
static paddr_t carve(const struct bootinfo *bi, uint64_t len)
{
	for (int i = bi->nranges - 1; i >= 0; i--) {
		paddr_t lo = PAGE_ROUNDUP(bi->ranges[i].base);
		paddr_t hi = PAGE_ROUNDDOWN(MIN(bi->ranges[i].base + bi->ranges[i].size,
						BOOT_MAPPED));

		if (hi > bi->kernel_start && lo < bi->kernel_end)
			hi = MIN(hi, PAGE_ROUNDDOWN(bi->kernel_start));
		if (hi > lo && hi - lo >= len && hi - len != 0)
			return hi - len;
	}
	return 0;
}

void bootmap_extend(struct bootinfo *bi)
{
	paddr_t top = ram_top(bi), pa;
	unsigned n;

	if (top > BOOT_MAP_LIMIT) {
		kprintf("x86 boot: ignoring RAM above %llu GiB\n",
			(unsigned long long)(BOOT_MAP_LIMIT / GIB));
		trim_ranges(bi, BOOT_MAP_LIMIT);
		top = BOOT_MAP_LIMIT;
	}
	if (top <= BOOT_MAPPED)
		return;
	n = (ROUNDUP(top, GIB) - BOOT_MAPPED) / GIB;
	pa = carve(bi, (uint64_t)n * PAGE_SIZE);
	if (!pa) {
		kprintf("x86 boot: no room for the direct map above 4 GiB: ignoring that RAM\n");
		trim_ranges(bi, BOOT_MAPPED);
		return;
	}
	bootinfo_reserve(bi, pa, (uint64_t)n * PAGE_SIZE);
	for (unsigned i = 0; i < n; i++) {
		paddr_t pd_pa = pa + (paddr_t)i * PAGE_SIZE, gib = BOOT_MAPPED + i * GIB;
		uint64_t *pd = phys_to_kva(pd_pa);

		for (unsigned j = 0; j < PT_ENTRIES; j++)
			pd[j] = (gib + (paddr_t)j * LARGE_PAGE_SIZE) | PTE_P | PTE_W | PTE_PS;
		/* The directory is complete before the entry that publishes it. */
		__atomic_store_n(&boot_pdpt[BOOT_MAPPED / GIB + i], pd_pa | PTE_P | PTE_W,
				 __ATOMIC_RELEASE);
	}
}
