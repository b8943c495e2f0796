/*
 * arch/mips/kmap.c - the kernel's half of the address space: the direct
 * map (kseg0, nothing to build), the kernel map in kseg2 (hat_kenter),
 * whole-frame operations, and hat_bootstrap, which sets both up.
 *
 * The kernel map has its own small directory, refill_kmap_dir: 16 tables
 * for 64 MiB, all allocated at boot so hat_kenter never allocates.  The
 * refill handler serves kseg2 misses from it whatever hat is active, and
 * its PTEs are global (G), so one TLB entry serves every ASID: the kernel
 * map is shared by all address spaces without being copied into any.
 */
#include "kern/arch.h"
#include "kern/bootinfo.h"
#include "kern/panic.h"
#include "kern/printf.h"
#include "kern/spinlock.h"
#include "kern/string.h"
#include "mm/frame.h"
#include "mips.h"
#include "mmu.h"

_Static_assert(KMAP_TABLES == (KMAP_VA_MAX - KMAP_VA_MIN) >> PGDIR_SHIFT,
	       "refill.S serves KMAP_TABLES tables of kseg2");
_Static_assert(KMAP_VA_MIN % HAT_SEGMENT_SIZE == 0, "the kernel map starts a table");

pte_t *refill_kmap_dir[KMAP_TABLES];
pte_t *pt_no_tables[PGDIR_USER];	/* the directory when no hat is active */
pte_t **refill_user_dir = pt_no_tables;

static struct spinlock kmap_lock = SPINLOCK_INIT("kmap");

pte_t *kmap_pte(vaddr_t va)
{
	vaddr_t off = va - KMAP_VA_MIN;

	KASSERT(va >= KMAP_VA_MIN && va < KMAP_VA_MAX);
	return &refill_kmap_dir[off >> PGDIR_SHIFT][PT_INDEX(va)];
}

/* Every table starts with empty global PTEs: the TLB makes an entry
 * global only if both of its pages say G (pte.h). */
static void kmap_init(void)
{
	for (unsigned i = 0; i < KMAP_TABLES; i++) {
		pte_t *t = pt_alloc_table();

		if (!t)
			panic("hat_bootstrap: no memory for the kernel map's tables");
		for (unsigned j = 0; j < PT_ENTRIES; j++)
			t[j] = PTE_G;
		refill_kmap_dir[i] = t;
	}
}

/* kseg0 reaches physical 0..512 MiB: all RAM Keel manages must be there,
 * or phys_to_kva would be wrong (boot.c keeps to 256 MiB). */
static void check_direct_map(const struct bootinfo *bi)
{
	for (int i = 0; i < bi->nranges; i++)
		if (bi->ranges[i].base + bi->ranges[i].size > DIRECT_MAP_SIZE)
			panic("hat_bootstrap: RAM at %#llx is beyond kseg0",
			      (unsigned long long)bi->ranges[i].base);
}

void hat_bootstrap(const struct bootinfo *bi)
{
	check_direct_map(bi);
	tlb_init();
	kmap_init();
	kprintf("hat: mips, %u-entry TLB, kseg0 direct map, kernel map [%p, %p)\n",
		tlb_size(), (void *)KMAP_VA_MIN, (void *)KMAP_VA_MAX);
}

void hat_kenter(vaddr_t va, paddr_t pa, unsigned prot, unsigned flags)
{
	unsigned long s;
	pte_t *pte, old;

	KASSERT(va % PAGE_SIZE == 0 && va >= KMAP_VA_MIN && va < KMAP_VA_MAX);
	/* Kernel pages are always referenced and, if writable, may be
	 * written at once: V and D set, no faults to track them. */
	pte = kmap_pte(va);
	s = spin_lock_irqsave(&kmap_lock);
	old = *pte;
	*pte = PTE_PRESENT | PTE_WIRED | PTE_G | PTE_V | pte_frame(pa, flags) |
	       pte_prot_bits(prot) | (prot & HAT_PROT_WRITE ? PTE_D : 0);
	if (old & PTE_PRESENT)
		tlb_invalidate(tlb_current_asid(), va);	/* global: any ASID */
	spin_unlock_irqrestore(&kmap_lock, s);
}

void hat_kremove(vaddr_t va, size_t len)
{
	KASSERT(va % PAGE_SIZE == 0 && len % PAGE_SIZE == 0);
	KASSERT(va >= KMAP_VA_MIN && va + len <= KMAP_VA_MAX);
	for (vaddr_t end = va + len; va < end; va += PAGE_SIZE) {
		unsigned long s = spin_lock_irqsave(&kmap_lock);
		pte_t *pte = kmap_pte(va);

		if (*pte & PTE_PRESENT) {
			*pte = PTE_G;
			tlb_invalidate(tlb_current_asid(), va);
		}
		spin_unlock_irqrestore(&kmap_lock, s);
	}
}

/* ---- frames through the direct map ---- */

static void *frame_kva(paddr_t pa)
{
	KASSERT(pa % PAGE_SIZE == 0 && pa < DIRECT_MAP_SIZE);
	return phys_to_kva(pa);
}

void hat_zero_page(paddr_t pa)
{
	memset(frame_kva(pa), 0, PAGE_SIZE);
}

void hat_copy_page(paddr_t dst, paddr_t src)
{
	memcpy(frame_kva(dst), frame_kva(src), PAGE_SIZE);
}

/*
 * MIPS caches are not coherent between the data and instruction sides:
 * code written through the D-cache must be written back and the I-cache
 * lines dropped before it runs.  MIPS32r2's synci does both for one line
 * (of SYNCI_Step bytes, read with rdhwr $1); sync orders them, and the
 * caller's next jr.hb or eret clears the instruction hazard.  QEMU models
 * no caches, so this only matters on hardware.
 */
void hat_sync_icache(paddr_t pa, size_t len)
{
	uintptr_t step, a, end;

	KASSERT(pa + len <= DIRECT_MAP_SIZE);
	__asm__ volatile(".set push\n\t.set mips32r2\n\trdhwr %0, $1\n\t.set pop" : "=r"(step));
	if (step == 0 || len == 0)
		return;		/* no caches to keep coherent */
	a = (uintptr_t)phys_to_kva(pa) & ~(step - 1);
	end = (uintptr_t)phys_to_kva(pa) + len;
	for (; a < end; a += step)
		__asm__ volatile("synci 0(%0)" :: "r"(a) : "memory");
	__asm__ volatile("sync" ::: "memory");
}
