/*
 * arch/x86/hatdump.c - printing translations: hat_dump (the monitor's
 * `pmap`) and the monitor command `pt`, which shows the hardware's 4-level
 * walk of one address entry by entry.
 *
 * hat_dump walks the tree and merges consecutive pages that map
 * consecutive frames with the same permissions into one line, so a large
 * range prints in a few lines.  `pt` reads the tables CR3 points at right
 * now, which is what the MMU uses, whatever the HAT believes.
 */
#include "kern/monitor.h"
#include "kern/printf.h"
#include "kern/string.h"
#include "pt.h"
#include "x86.h"

/* A run of pages being merged into one line. */
struct run {
	vaddr_t va, end;		/* [va, end) */
	paddr_t pa;
	uint64_t attrs;			/* the entry bits that must match */
	bool seg;
	unsigned long accessed, dirty;
	unsigned long pages, runs;	/* totals */
};

#define RUN_ATTRS	(PTE_W | PTE_U | PTE_PCD | PTE_G | PTE_WIRED | PTE_NX)

static void run_print(const struct run *r)
{
	uint64_t a = r->attrs;

	if (r->end == r->va)
		return;
	kprintf("  %016lx-%016lx  pa %010llx  r%c%c %s%s%s%s%s %lu pages, A %lu D %lu\n",
		r->va, r->end, (unsigned long long)r->pa, a & PTE_W ? 'w' : '-',
		a & PTE_NX ? '-' : 'x', a & PTE_U ? "user" : "kern",
		a & PTE_WIRED ? " wired" : "", a & PTE_G ? " global" : "",
		a & PTE_PCD ? " uncached" : "", r->seg ? " segment" : "",
		(r->end - r->va) / PAGE_SIZE, r->accessed, r->dirty);
}

/* Add [va, va+size) mapped by leaf entry e to the run, or start a new one. */
static void run_add(struct run *r, vaddr_t va, vaddr_t size, uint64_t e, bool seg)
{
	paddr_t pa = e & PTE_ADDR & ~(uint64_t)(size - 1);
	unsigned long n = size / PAGE_SIZE;

	if (va != r->end || pa != r->pa + (r->end - r->va) ||
	    (e & RUN_ATTRS) != r->attrs || seg != r->seg) {
		run_print(r);
		*r = (struct run){ .va = va, .end = va, .pa = pa, .attrs = e & RUN_ATTRS,
				   .seg = seg, .pages = r->pages, .runs = r->runs + 1 };
	}
	r->end = va + size;
	r->pages += n;
	r->accessed += (e & PTE_A) ? n : 0;
	r->dirty += (e & PTE_D) ? n : 0;
}

static void dump_table(struct run *r, const uint64_t *table, int level, vaddr_t start,
		       vaddr_t end, bool seg)
{
	for (vaddr_t va = start, next; va < end && va >= start; va = next) {
		uint64_t e = table[pt_index(va, level)];

		next = (va | (pt_span(level) - 1)) + 1;
		if (next > end || next == 0)
			next = end;
		if (!(e & PTE_P))
			continue;
		if (level == 1 || (e & PTE_PS))
			run_add(r, va & ~(pt_span(level) - 1), pt_span(level), e, seg);
		else
			dump_table(r, pte_table(e), level - 1, va, next,
				   seg || (level == 2 && (e & PTE_SEG)));
	}
}

void hat_dump(struct hat *h, vaddr_t start, vaddr_t end)
{
	struct run r = { 0 };

	kprintf("%s %p, pml4 at pa %#llx: [%016lx, %016lx)\n", h ? "hat" : "kernel tables",
		(void *)h, (unsigned long long)(h ? h->pml4_pa : kernel_pml4_pa), start, end);
	dump_table(&r, h ? h->pml4 : kernel_pml4, PT_LEVELS, start, end, false);
	run_print(&r);
	kprintf("%lu pages in %lu runs; %lu table pages in use by all hats\n", r.pages, r.runs,
		hat_stats.table_pages);
}

/* ---- pt: one address's walk ---------------------------------------- */

static void print_entry(const char *name, unsigned index, uint64_t e)
{
	static const struct {
		uint64_t bit;
		const char *name;
	} bits[] = {
		{ PTE_P, "P" }, { PTE_W, "W" }, { PTE_U, "U" }, { PTE_PWT, "PWT" },
		{ PTE_PCD, "PCD" }, { PTE_A, "A" }, { PTE_D, "D" }, { PTE_PS, "PS" },
		{ PTE_G, "G" }, { PTE_WIRED, "wired" }, { PTE_SEG, "seg" }, { PTE_NX, "NX" },
	};

	kprintf("  %-5s[%3u] = %016llx  addr %010llx ", name, index, (unsigned long long)e,
		(unsigned long long)(e & PTE_ADDR));
	for (unsigned i = 0; i < ARRAY_SIZE(bits); i++)
		if (e & bits[i].bit)
			kprintf(" %s", bits[i].name);
	kprintf("\n");
}

static void walk_print(vaddr_t va)
{
	static const char *const names[] = { "", "PTE", "PDE", "PDPTE", "PML4E" };
	const uint64_t *table = phys_to_kva(read_cr3() & PTE_ADDR);

	kprintf("walk of %016lx (cr3 %#llx, hat %p):\n", va,
		(unsigned long long)read_cr3(), (void *)hat_current());
	for (int l = PT_LEVELS; l >= 1; l--) {
		uint64_t e = table[pt_index(va, l)];

		print_entry(names[l], pt_index(va, l), e);
		if (!(e & PTE_P)) {
			kprintf("  not present: va is not mapped\n");
			return;
		}
		if (l == 1 || (e & PTE_PS)) {
			paddr_t off = va & (pt_span(l) - 1);

			kprintf("  -> pa %010llx (%s page)\n",
				(unsigned long long)((e & PTE_ADDR & ~(uint64_t)(pt_span(l) - 1)) + off),
				l == 1 ? "4 KiB" : l == 2 ? "2 MiB" : "1 GiB");
			return;
		}
		table = pte_table(e);
	}
}

MONITOR_CMD(pt, "pt [VA]: the page-table walk of VA, or the present PML4 entries")
{
	const uint64_t *pml4 = phys_to_kva(read_cr3() & PTE_ADDR);

	if (argc == 2) {
		walk_print((vaddr_t)strtoul(argv[1], NULL, 0));
		return 0;
	}
	if (argc != 1) {
		kprintf("usage: pt [VA]\n");
		return 1;
	}
	kprintf("present PML4 entries (cr3 %#llx):\n", (unsigned long long)read_cr3());
	for (unsigned i = 0; i < PT_ENTRIES; i++) {
		vaddr_t va = (vaddr_t)i << 39;

		if (!(pml4[i] & PTE_P))
			continue;
		if (i >= PT_ENTRIES / 2)
			va |= 0xffff000000000000;	/* sign-extended */
		kprintf("  %016lx", va);
		print_entry("PML4E", i, pml4[i]);
	}
	return 0;
}
