/*
 * arch/x86/kpt.c - the kernel's page tables: hat_bootstrap, and the table
 * pages every tree is made of.
 *
 * entry.S's boot tables map the first 4 GiB three times (identity, direct
 * map, kernel image) with 2 MiB pages, all writable and executable.
 * hat_bootstrap builds the real kernel half from frames and switches to it:
 *   - the direct map: every RAM range bootinfo reports, at DIRECTMAP_BASE,
 *     2 MiB pages where alignment allows, 4 KiB pages at ragged edges
 *     (nothing that is not RAM gets a cacheable mapping), no-execute;
 *   - the kernel image at KERNEL_BASE with 4 KiB pages: text read-only and
 *     executable, rodata read-only, data and bss writable (a stray write
 *     into code or a jump into data faults at once);
 *   - the kernel map's PDPT, empty: hat_kenter hangs tables under it.
 * All of them global (CR4.PGE), so a CR3 load keeps their TLB entries.
 * The identity map is gone afterwards: the low half is the user's, and a
 * null pointer faults.  These PML4 entries (slots 256-511) never change
 * again, which is why hat_create may copy them.
 *
 * The boot tables stay in .bss, unused (28 KiB).
 */
#include "kern/bootinfo.h"
#include "kern/panic.h"
#include "kern/printf.h"
#include "kern/string.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "pt.h"
#include "x86.h"

/* Section bounds from kernel.ld. */
extern char _stext[], _etext[], __rodata_start[], __data_start[], kernel_image_end[];

uint64_t *kernel_pml4;
paddr_t kernel_pml4_pa;
uint64_t pte_nx;

/* Kernel mappings: global, wired, never executable unless text. */
#define KPTE_DATA	(PTE_P | PTE_W | PTE_G | PTE_WIRED)
#define KPTE_TEXT	(PTE_P | PTE_G | PTE_WIRED)
#define KPTE_TABLE	(PTE_P | PTE_W)	/* tables: the leaf decides */

/* ---- table pages ---------------------------------------------------- */

uint64_t *pt_table_alloc(void)
{
	struct page *pg = frame_alloc(FRAME_ZERO);

	if (!pg)
		return NULL;
	hat_stats.table_pages++;
	return phys_to_kva(page_to_pa(pg));
}

/* The caller made sure no entry and no paging-structure cache still
 * points at the table (tlb.c). */
void pt_table_free(uint64_t *table)
{
	hat_stats.table_pages--;
	frame_free(pa_to_page(kva_to_phys(table)));
}

bool pt_table_empty(const uint64_t *table)
{
	for (int i = 0; i < PT_ENTRIES; i++)
		if (table[i])
			return false;
	return true;
}

/* ---- walking the kernel's tree -------------------------------------- */

uint64_t *kpt_walk(vaddr_t va, int level, bool alloc)
{
	uint64_t *table = kernel_pml4;

	for (int l = PT_LEVELS; l > level; l--) {
		uint64_t *e = &table[pt_index(va, l)];

		if (!(*e & PTE_P)) {
			uint64_t *t;

			if (!alloc)
				return NULL;
			t = pt_table_alloc();
			if (!t)
				panic("x86 hat: no frame for a kernel page table (va %p)",
				      (void *)va);
			/* The zeroed table is in place before the entry that
			 * publishes it: the MMU may walk at any moment. */
			__atomic_store_n(e, kva_to_phys(t) | KPTE_TABLE, __ATOMIC_RELEASE);
		}
		KASSERT(!(*e & PTE_PS));
		table = pte_table(*e);
	}
	return &table[pt_index(va, level)];
}

uint64_t *pt_leaf(uint64_t *pml4, vaddr_t va, int *level)
{
	uint64_t *table = pml4;

	for (int l = PT_LEVELS; l >= 1; l--) {
		uint64_t *e = &table[pt_index(va, l)];

		if (!(*e & PTE_P))
			return NULL;
		if (l == 1 || (*e & PTE_PS)) {
			*level = l;
			return e;
		}
		table = pte_table(*e);
	}
	return NULL;
}

/* ---- hat_bootstrap --------------------------------------------------- */

/* Global pages and, if the CPU has it, no-execute. */
static void mmu_features_init(void)
{
	uint32_t r[4];

	cpuid(1, r);
	if (r[3] & CPUID_PGE)
		write_cr4(read_cr4() | CR4_PGE);
	cpuid(0x80000001, r);
	if (r[3] & CPUID_EXT_NX) {
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
		pte_nx = PTE_NX;
	}
}

/* Map [va, va+len) to pa with leaf bits; 2 MiB pages where both addresses
 * are aligned and the whole large page is inside the range, if large. */
static void kmap_range(vaddr_t va, paddr_t pa, uint64_t len, uint64_t bits, bool large,
		       unsigned long *nlarge, unsigned long *nsmall)
{
	while (len > 0) {
		if (large && (va | pa) % LARGE_PAGE_SIZE == 0 && len >= LARGE_PAGE_SIZE) {
			*kpt_walk(va, 2, true) = pa | bits | PTE_PS;
			va += LARGE_PAGE_SIZE, pa += LARGE_PAGE_SIZE, len -= LARGE_PAGE_SIZE;
			(*nlarge)++;
		} else {
			*kpt_walk(va, 1, true) = pa | bits;
			va += PAGE_SIZE, pa += PAGE_SIZE, len -= PAGE_SIZE;
			(*nsmall)++;
		}
	}
}

static void map_direct(const struct bootinfo *bi)
{
	unsigned long nlarge = 0, nsmall = 0;

	for (int i = 0; i < bi->nranges; i++) {
		paddr_t lo = PAGE_ROUNDUP(bi->ranges[i].base);
		paddr_t hi = PAGE_ROUNDDOWN(bi->ranges[i].base + bi->ranges[i].size);

		if (hi > lo)
			kmap_range((vaddr_t)phys_to_kva(lo), lo, hi - lo, KPTE_DATA | pte_nx,
				   true, &nlarge, &nsmall);
	}
	kprintf("hat: direct map of RAM at %p: %lu 2 MiB and %lu 4 KiB pages\n",
		phys_to_kva(0), nlarge, nsmall);
}

static void map_image_part(char *start, char *end, uint64_t bits)
{
	vaddr_t va = PAGE_ROUNDDOWN((vaddr_t)start);
	unsigned long nlarge = 0, nsmall = 0;

	kmap_range(va, va - KERNEL_BASE, PAGE_ROUNDUP((vaddr_t)end) - va, bits, false,
		   &nlarge, &nsmall);
}

static void map_image(void)
{
	map_image_part(_stext, _etext, KPTE_TEXT);
	map_image_part(__rodata_start, __data_start, KPTE_TEXT | pte_nx);
	map_image_part(__data_start, kernel_image_end, KPTE_DATA | pte_nx);
}

void hat_bootstrap(const struct bootinfo *bi)
{
	uint64_t *kmap_pdpt;

	mmu_features_init();
	kernel_pml4 = pt_table_alloc();
	if (!kernel_pml4)
		panic("hat_bootstrap: no frame for the kernel's PML4");
	kernel_pml4_pa = kva_to_phys(kernel_pml4);
	map_direct(bi);
	map_image();
	/* The kernel map's PDPT exists from the start, so that the PML4
	 * entry every hat copies never changes. */
	kmap_pdpt = pt_table_alloc();
	if (!kmap_pdpt)
		panic("hat_bootstrap: no frame for the kernel map");
	kernel_pml4[pt_index(KMAP_VA_MIN, 4)] = kva_to_phys(kmap_pdpt) | KPTE_TABLE;
	write_cr3(kernel_pml4_pa);
	kprintf("hat: kernel map at %p, %lu table pages, NX %s\n", (void *)KMAP_VA_MIN,
		hat_stats.table_pages, pte_nx ? "on" : "not supported");
}
