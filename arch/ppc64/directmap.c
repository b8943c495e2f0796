/*
 * arch/ppc64/directmap.c - hat_bootstrap: the kernel's own translations,
 * and the page operations that use them.
 *
 * Until hat_bootstrap the kernel runs in real mode (MSR[IR] = MSR[DR] = 0)
 * at 0xc000000000000000 + pa: a guest's real-mode accesses ignore the top
 * four EA bits, so that address *is* the direct map before the MMU is on
 * (phys_to_kva works from the first instruction of boot_main).
 *
 * hat_bootstrap makes the same addresses work with translation on:
 *   1. every RAM page is entered in the hash table as a bolted HPTE with the
 *      largest page size the hypervisor offers that fits the RAM layout
 *      (16 MiB under Keel's QEMU flags: 32 entries for 512 MiB; 64 KiB or
 *      4 KiB otherwise), read/write/execute for the kernel only;
 *   2. each 256 MiB of the direct map gets a bolted SLB entry whose VSID is
 *      the kernel's and whose base page size is that size, plus one for the
 *      kernel map (slb.c);
 *   3. MSR[IR|DR] go on.  Nothing moves: the next instruction is fetched
 *      through the table from the same address.
 *
 * Interrupts still arrive in real mode (the hardware clears IR/DR);
 * trapentry.S turns translation back on before calling trap().
 */
#include "kern/bootinfo.h"
#include "kern/panic.h"
#include "kern/printf.h"
#include "kern/string.h"
#include "cpu.h"
#include "mmu.h"

unsigned dmap_pshift;

/* The largest segment page size that every RAM range is aligned to. */
static const struct mmu_pagesize *dmap_page_size(const struct bootinfo *bi)
{
	for (int i = mmu.npsizes - 1; i > 0; i--) {
		const struct mmu_pagesize *ps = &mmu.psizes[i];
		uint64_t mask = (1UL << ps->shift) - 1;
		bool fits = ps->shift <= 24;	/* not 16 GiB pages */

		for (int j = 0; j < bi->nranges && fits; j++)
			fits = !(bi->ranges[j].base & mask) && !(bi->ranges[j].size & mask);
		if (fits)
			return ps;
	}
	return &mmu.psizes[0];
}

/* Enter one range of RAM as bolted kernel pages of size 2^ps->shift. */
static unsigned long map_range(const struct memrange *m, const struct mmu_pagesize *ps)
{
	unsigned long n = 0;

	for (paddr_t pa = m->base; pa < m->base + m->size; pa += 1UL << ps->shift) {
		uint64_t vsid = vsid_kernel_dmap((unsigned)(pa >> SEG_SHIFT));
		uint64_t v = hpte_v(vsid, SEG_OFFSET(pa), ps->shift > PAGE_SHIFT, true);
		uint64_t r = hpte_r(pa, HAT_PROT_ALL, 0, true) | ps->pte_enc << 12;

		if (hpt_insert(vsid, SEG_OFFSET(pa), ps->shift, v, r) < 0)
			panic("hat_bootstrap: no room for the direct map at %#llx",
			      (unsigned long long)pa);
		n++;
	}
	return n;
}

void hat_bootstrap(const struct bootinfo *bi)
{
	const struct mmu_pagesize *ps = dmap_page_size(bi);
	paddr_t top = 0;
	unsigned long n = 0;

	/* hpte_offset needs 2^11 groups; PAPR's smallest table has them. */
	if (mmu.htab_shift < 18)
		panic("hat_bootstrap: no usable hash table (ibm,pft-size %u)", mmu.htab_shift);
	for (int i = 0; i < bi->nranges; i++) {
		n += map_range(&bi->ranges[i], ps);
		top = MAX(top, bi->ranges[i].base + bi->ranges[i].size);
	}
	dmap_pshift = ps->shift;
	slb_bolt_kernel((unsigned)(ROUNDUP(top, SEG_SIZE) >> SEG_SHIFT), ps->slb_enc);
	__asm__ volatile("mtmsrd %0; isync" : : "r"(mfmsr() | MSR_IR | MSR_DR) : "memory");
	kprintf("hat: translation on; direct map of %llu MiB in %lu bolted %lu KiB pages;"
		" hash table %lu KiB\n", (unsigned long long)(top >> 20), n,
		(1UL << ps->shift) >> 10, (1UL << mmu.htab_shift) >> 10);
}

/* ---- frames through the direct map -------------------------------------- */

void hat_zero_page(paddr_t pa)
{
	memset(phys_to_kva(pa), 0, PAGE_SIZE);
}

void hat_copy_page(paddr_t dst, paddr_t src)
{
	memcpy(phys_to_kva(dst), phys_to_kva(src), PAGE_SIZE);
}

void hat_sync_icache(paddr_t pa, size_t len)
{
	sync_icache(phys_to_kva(pa), len);
}
