/*
 * arch/ppc64/mmu_dt.c - what the device tree says about the MMU.
 *
 * The hypervisor decides the hashed page table's size and which page
 * sizes a guest may use; the CPU node says so in three properties, read
 * once at boot while the firmware is alive:
 *
 *   ibm,pft-size            <0 S>: the table is 2^S bytes (QEMU: RAM/128)
 *   ibm,slb-size            the number of SLB entries (32 on POWER8)
 *   ibm,segment-page-sizes  for each base page size a segment can have:
 *                           <base-shift slb-enc n  {shift pte-enc} x n>
 *
 * Keel builds whole segments of one page size (no mixed sizes within a
 * segment), so it keeps the sizes whose list contains the base size itself.
 */
#include "kern/panic.h"
#include "mmu.h"
#include "of.h"

struct mmu_facts mmu;

static void read_pft_size(phandle_t cpu)
{
	uint32_t pft[2];

	if (of_getprop(cpu, "ibm,pft-size", pft, sizeof(pft)) == sizeof(pft))
		mmu.htab_shift = pft[1];
}

/* Keep (base, slb_enc, pte_enc) for each base size usable alone. */
static void read_page_sizes(phandle_t cpu)
{
	uint32_t c[64];
	int n = of_getprop(cpu, "ibm,segment-page-sizes", c, sizeof(c));
	int i = 0;

	if (n <= 0 || n > (int)sizeof(c))
		n = 0;
	n /= 4;
	while (i + 3 <= n) {
		uint32_t base = c[i], enc = c[i + 1], count = c[i + 2];

		for (uint32_t j = 0; j < count && i + 4 + 2 * (int)j < n; j++) {
			if (c[i + 3 + 2 * j] == base && mmu.npsizes < (int)ARRAY_SIZE(mmu.psizes)) {
				mmu.psizes[mmu.npsizes].shift = base;
				mmu.psizes[mmu.npsizes].slb_enc = enc;
				mmu.psizes[mmu.npsizes].pte_enc = c[i + 4 + 2 * j];
				mmu.npsizes++;
			}
		}
		i += 3 + 2 * (int)count;
	}
}

void mmu_dt_read(uint32_t cpu)
{
	mmu.htab_shift = 0;
	mmu.slb_size = of_getprop_u32(cpu, "ibm,slb-size", 32);
	read_pft_size(cpu);
	read_page_sizes(cpu);
	if (mmu.npsizes == 0) {		/* every hash MMU has 4 KiB pages */
		mmu.psizes[0].shift = 12;
		mmu.npsizes = 1;
	}
}
