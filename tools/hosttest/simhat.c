/*
 * simhat.c - a software MMU implementing mm/hat.h on the host, so that
 * machine-independent mm/ code (the frame allocator, the heap, the HAT
 * conformance suite, later the VM objects) runs under AddressSanitizer.
 *
 * The model is deliberately unforgiving where real MMUs are:
 *  - a 16-entry TLB caches translations, tagged by hat; hat_remove and
 *    hat_protect change the tables but NOT the TLB, so only hat_update
 *    makes them take effect, and code that forgets it reads stale data;
 *  - referenced/modified live in the table entry and are folded into the
 *    struct page when the entry goes away, as the contract requires;
 *  - table entries come from kmalloc, so the suites' leak checks see them.
 * "Physical memory" is a memfd; the kernel map is a real host range onto
 * which hat_kenter maps frames, so kernel-map addresses can be
 * dereferenced like on a machine.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kern/bootinfo.h"
#include "kern/errno.h"
#include "kern/panic.h"
#include "kern/string.h"
#include "mm/frame.h"
#include "mm/hat.h"
#include "mm/kmalloc.h"
#include "simhat.h"

#define NBUCKETS	64
#define NTLB		16
#define MAX_ATTACH	8
#define KMAP_PAGES	((KMAP_VA_MAX - KMAP_VA_MIN) / PAGE_SIZE)

struct pte {
	struct pte *next;
	vaddr_t va;		/* page address (offset within a seghat) */
	paddr_t pa;
	unsigned prot;
	bool wired, ref, mod;
};

struct table {
	struct pte *bucket[NBUCKETS];
};

struct seghat {
	struct table t;
	int attached;
};

struct hat {
	struct table t;
	struct {
		vaddr_t va;
		struct seghat *sh;
	} seg[MAX_ATTACH];
};

struct tlbe {
	const struct hat *h;	/* NULL: empty */
	const struct table *src;
	vaddr_t va;
	paddr_t pa;
	unsigned prot;
	vaddr_t key;		/* the entry's key in src */
	bool dirty;		/* the table entry's modified bit is set */
};

char *sim_ram, *sim_kmap_base;
bool (*sim_vm_fault)(vaddr_t va, bool write);
unsigned long sim_tlb_hits, sim_tlb_misses;

static int ram_fd;
static struct tlbe tlb[NTLB];
static unsigned tlb_next;
static struct hat *current;
static bool kmap_present[1024];

/* ---- tables ----------------------------------------------------------- */

static unsigned bucket_of(vaddr_t va)
{
	return (unsigned)(va >> PAGE_SHIFT) % NBUCKETS;
}

static struct pte *lookup(const struct table *t, vaddr_t va)
{
	for (struct pte *p = t->bucket[bucket_of(va)]; p; p = p->next)
		if (p->va == va)
			return p;
	return NULL;
}

/* Unlink and free p, folding what it knew into the frame. */
static void drop(struct table *t, struct pte *p)
{
	struct pte **pp = &t->bucket[bucket_of(p->va)];

	while (*pp != p)
		pp = &(*pp)->next;
	*pp = p->next;
	page_note_refmod(p->pa, p->ref, p->mod);
	kfree(p);
}

static int table_enter(struct table *t, vaddr_t va, paddr_t pa, unsigned prot, unsigned flags)
{
	struct pte *p = lookup(t, va);

	if (p) {
		page_note_refmod(p->pa, p->ref, p->mod);
	} else {
		p = kzalloc(sizeof(*p));
		if (!p) {
			if (flags & HAT_CANFAIL)
				return -ENOMEM;
			panic("simhat: out of memory");
		}
		p->va = va;
		p->next = t->bucket[bucket_of(va)];
		t->bucket[bucket_of(va)] = p;
	}
	p->pa = pa;
	p->prot = prot;
	p->wired = flags & HAT_WIRED;
	p->ref = flags & (HAT_ACCESS_READ | HAT_ACCESS_WRITE | HAT_ACCESS_EXEC);
	p->mod = flags & HAT_ACCESS_WRITE;
	hat_stats.enters++;
	return 0;
}

/* Narrow [start, end) of t to prot (none: remove); protect==false removes. */
static void table_change(struct table *t, vaddr_t start, vaddr_t end, bool protect,
			 unsigned prot)
{
	for (int b = 0; b < NBUCKETS; b++) {
		struct pte *p = t->bucket[b], *next;

		for (; p; p = next) {
			next = p->next;
			if (p->va < start || p->va >= end)
				continue;
			if (protect && (p->prot & prot))
				p->prot &= prot;
			else
				drop(t, p);
		}
	}
}

static bool table_empty(const struct table *t, vaddr_t start, vaddr_t end)
{
	for (int b = 0; b < NBUCKETS; b++)
		for (struct pte *p = t->bucket[b]; p; p = p->next)
			if (p->va >= start && p->va < end)
				return false;
	return true;
}

/* ---- the TLB ---------------------------------------------------------- */

static void tlb_flush_if(const struct hat *h, const struct table *src, vaddr_t lo, vaddr_t hi)
{
	for (int i = 0; i < NTLB; i++)
		if (tlb[i].h && (!h || tlb[i].h == h) && (!src || tlb[i].src == src) &&
		    tlb[i].va >= lo && tlb[i].va < hi)
			tlb[i].h = NULL;
}

/* The seghat attached over va in h, or NULL. */
static struct seghat *segment_at(const struct hat *h, vaddr_t va, vaddr_t *base)
{
	vaddr_t seg = va & ~(HAT_SEGMENT_SIZE - 1);

	for (int i = 0; i < MAX_ATTACH; i++)
		if (h->seg[i].sh && h->seg[i].va == seg) {
			*base = seg;
			return h->seg[i].sh;
		}
	return NULL;
}

/* Translate va for an access, through the TLB; NULL if it faults. */
static struct tlbe *translate(vaddr_t va)
{
	vaddr_t page = PAGE_ROUNDDOWN(va), base = 0;
	struct seghat *sh;
	struct table *t;
	struct pte *p;
	struct tlbe *e;

	if (!current)
		return NULL;
	for (int i = 0; i < NTLB; i++)
		if (tlb[i].h == current && tlb[i].va == page) {
			sim_tlb_hits++;
			return &tlb[i];
		}
	sim_tlb_misses++;
	sh = segment_at(current, page, &base);
	t = sh ? &sh->t : &current->t;
	p = lookup(t, page - base);
	if (!p)
		return NULL;
	p->ref = true;
	e = &tlb[tlb_next++ % NTLB];
	*e = (struct tlbe){ current, t, page, p->pa, p->prot, page - base, p->mod };
	return e;
}

/* The first write through a clean TLB entry sets the table entry's
 * modified bit, as x86 hardware sets D; if the entry is already gone (a
 * stale TLB entry), the write lands in the frame all the same, so the
 * frame itself is marked. */
static void note_write(struct tlbe *e)
{
	struct pte *p = lookup(e->src, e->key);

	if (p && p->pa == e->pa)
		p->mod = true;
	else
		page_note_refmod(e->pa, true, true);
	e->dirty = true;
}

static int user_access(vaddr_t va, bool write, uint32_t *val)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		struct tlbe *e = translate(va);

		if (e && (e->prot & (write ? HAT_PROT_WRITE : HAT_PROT_READ))) {
			uint32_t *w = (uint32_t *)((char *)phys_to_kva(e->pa) + (va & PAGE_MASK));

			if (write) {
				if (!e->dirty)
					note_write(e);
				*w = *val;
			} else {
				*val = *w;
			}
			return 0;
		}
		if (!sim_vm_fault || !sim_vm_fault(va, write))
			break;
	}
	return -EFAULT;
}

static int sim_access(vaddr_t va, bool write, uint32_t *val)
{
	if (va >= KMAP_VA_MIN && va < KMAP_VA_MAX) {
		if (!kmap_present[(va - KMAP_VA_MIN) / PAGE_SIZE])
			return -EFAULT;
		if (write)
			*(volatile uint32_t *)va = *val;
		else
			*val = *(volatile uint32_t *)va;
		return 0;
	}
	return user_access(va, write, val);
}

int hat_probe_read(vaddr_t va, uint32_t *value)
{
	return sim_access(va, false, value);
}

int hat_probe_write(vaddr_t va, uint32_t value)
{
	return sim_access(va, true, &value);
}

/* ---- address spaces --------------------------------------------------- */

static void check_user(vaddr_t va)
{
	if (va < USER_VA_MIN || va >= USER_VA_MAX || (va & PAGE_MASK))
		panic("simhat: bad user address %#lx", (unsigned long)va);
}

struct hat *hat_create(void)
{
	return kzalloc(sizeof(struct hat));
}

struct hat *hat_current(void)
{
	return current;
}

void hat_activate(struct hat *h)
{
	current = h;
	hat_stats.activates++;
}

void hat_deactivate(struct hat *h)
{
	if (current == h)
		current = NULL;
}

int hat_enter(struct hat *h, vaddr_t va, paddr_t pa, unsigned prot, unsigned flags)
{
	vaddr_t base;

	check_user(va);
	if (segment_at(h, va, &base))
		panic("simhat: private hat_enter at %#lx inside an attached segment",
		      (unsigned long)va);
	return table_enter(&h->t, va, pa, prot, flags);
}

void hat_remove(struct hat *h, vaddr_t start, vaddr_t end)
{
	table_change(&h->t, start, end, false, 0);
	hat_stats.removes++;
}

void hat_protect(struct hat *h, vaddr_t start, vaddr_t end, unsigned prot)
{
	table_change(&h->t, start, end, prot != HAT_PROT_NONE, prot);
	hat_stats.protects++;
}

bool hat_extract(struct hat *h, vaddr_t va, struct hat_mapping *m)
{
	vaddr_t base = 0;
	struct seghat *sh = segment_at(h, va, &base);
	struct pte *p = lookup(sh ? &sh->t : &h->t, PAGE_ROUNDDOWN(va) - base);

	if (!p)
		return false;
	*m = (struct hat_mapping){ p->pa, p->prot, p->wired, p->ref, p->mod };
	return true;
}

void hat_update(struct hat *h)
{
	tlb_flush_if(h, NULL, 0, (vaddr_t)-1);
	hat_stats.updates++;
}

bool hat_fault(struct hat *h, vaddr_t va, bool write, bool exec)
{
	(void)h, (void)va, (void)write, (void)exec;
	return false;		/* the tables are authoritative */
}

int hat_harvest(struct hat *h, vaddr_t va, bool *referenced, bool *modified)
{
	vaddr_t base = 0;
	struct seghat *sh = segment_at(h, va, &base);
	struct pte *p = lookup(sh ? &sh->t : &h->t, PAGE_ROUNDDOWN(va) - base);

	if (!p)
		return -ENOENT;
	*referenced = p->ref;
	*modified = p->mod;
	p->ref = p->mod = false;
	tlb_flush_if(h, NULL, p->va, p->va + PAGE_SIZE);	/* re-learn on next use */
	return 0;
}

void hat_remove_all(struct hat *h)
{
	table_change(&h->t, 0, (vaddr_t)-1, false, 0);
	tlb_flush_if(h, NULL, 0, (vaddr_t)-1);
}

void hat_destroy(struct hat *h)
{
	if (current == h)
		panic("simhat: destroying the active hat");
	for (int i = 0; i < MAX_ATTACH; i++)
		if (h->seg[i].sh)
			hat_detach_segment(h, h->seg[i].va);
	hat_remove_all(h);
	kfree(h);
}

/* ---- shared segments -------------------------------------------------- */

struct seghat *seghat_create(void)
{
	return kzalloc(sizeof(struct seghat));
}

int seghat_enter(struct seghat *sh, vaddr_t offset, paddr_t pa, unsigned prot, unsigned flags)
{
	if (offset >= HAT_SEGMENT_SIZE || (offset & PAGE_MASK))
		panic("simhat: bad segment offset %#lx", (unsigned long)offset);
	return table_enter(&sh->t, offset, pa, prot, flags);
}

void seghat_remove(struct seghat *sh, vaddr_t start, vaddr_t end)
{
	table_change(&sh->t, start, end, false, 0);
	tlb_flush_if(NULL, &sh->t, 0, (vaddr_t)-1);	/* in every sharer, now */
}

int hat_attach_segment(struct hat *h, vaddr_t va, struct seghat *sh)
{
	if (va & (HAT_SEGMENT_SIZE - 1))
		return -EINVAL;
	check_user(va);
	if (!table_empty(&h->t, va, va + HAT_SEGMENT_SIZE))
		return -EEXIST;
	for (int i = 0; i < MAX_ATTACH; i++) {
		if (!h->seg[i].sh) {
			h->seg[i].va = va;
			h->seg[i].sh = sh;
			sh->attached++;
			return 0;
		}
	}
	return -ENOMEM;
}

void hat_detach_segment(struct hat *h, vaddr_t va)
{
	for (int i = 0; i < MAX_ATTACH; i++) {
		if (h->seg[i].sh && h->seg[i].va == va) {
			h->seg[i].sh->attached--;
			h->seg[i].sh = NULL;
			tlb_flush_if(h, NULL, va, va + HAT_SEGMENT_SIZE);
		}
	}
}

void seghat_destroy(struct seghat *sh)
{
	if (sh->attached)
		panic("simhat: destroying a segment still attached %d time(s)", sh->attached);
	table_change(&sh->t, 0, (vaddr_t)-1, false, 0);
	kfree(sh);
}

/* ---- the kernel map and physical pages --------------------------------- */

void hat_kenter(vaddr_t va, paddr_t pa, unsigned prot, unsigned flags)
{
	(void)prot, (void)flags;
	if (mmap((void *)va, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, ram_fd,
		 (off_t)(pa - SIM_RAM_BASE)) == MAP_FAILED)
		panic("simhat: hat_kenter mmap failed");
	kmap_present[(va - KMAP_VA_MIN) / PAGE_SIZE] = true;
}

void hat_kremove(vaddr_t va, size_t len)
{
	for (vaddr_t a = va; a < va + len; a += PAGE_SIZE) {
		mmap((void *)a, PAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		kmap_present[(a - KMAP_VA_MIN) / PAGE_SIZE] = false;
	}
}

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
	(void)pa, (void)len;
}

void hat_dump(struct hat *h, vaddr_t start, vaddr_t end)
{
	for (int b = 0; h && b < NBUCKETS; b++)
		for (struct pte *p = h->t.bucket[b]; p; p = p->next)
			if (p->va >= start && p->va < end)
				printf("  %#lx -> %#llx prot %x\n", (unsigned long)p->va,
				       (unsigned long long)p->pa, p->prot);
}

void hat_bootstrap(const struct bootinfo *bi)
{
	(void)bi;
}

/* ---- setting up the simulated machine ---------------------------------- */

void sim_init(void)
{
	static struct bootinfo bi;

	ram_fd = memfd_create("keel-sim-ram", 0);
	if (ram_fd < 0 || ftruncate(ram_fd, SIM_RAM_SIZE) != 0)
		__builtin_trap();
	sim_ram = mmap(NULL, SIM_RAM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, ram_fd, 0);
	sim_kmap_base = mmap(NULL, KMAP_PAGES * PAGE_SIZE, PROT_NONE,
			     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (sim_ram == MAP_FAILED || sim_kmap_base == MAP_FAILED || KMAP_PAGES > 1024)
		__builtin_trap();	/* (no <stdlib.h>: its strtoul clashes with the kernel's) */
	bi.loader = "simulator";
	bootinfo_add_range(&bi, SIM_RAM_BASE, SIM_RAM_SIZE);
	frame_init(&bi);
	hat_bootstrap(&bi);
}
