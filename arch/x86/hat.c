/*
 * arch/x86/hat.c - mm/hat.h for x86-64: address spaces as 4-level page
 * tables, which are the authority on every mapping.
 *
 * Nothing here is ever dropped and reloaded, so hat_fault has nothing to
 * do, and hat_extract / hat_harvest read the MMU's own A/D bits.  Each hat
 * owns a PML4 whose kernel half is a copy of the kernel's (kpt.c);
 * activating it is one CR3 load.  The table walk and the entry updates
 * are in pt.c and pte.c (lab 2), invalidation in tlb.c, shared segments
 * in seghat.c.
 */
#include "kern/errno.h"
#include "kern/lab.h"
#include "kern/panic.h"
#include "kern/string.h"
#include "mm/kmalloc.h"
#include "pt.h"
#include "x86.h"

static struct hat *current_hat;		/* one CPU */

static bool user_range(vaddr_t start, vaddr_t end)
{
	return start >= USER_VA_MIN && end <= USER_VA_MAX && start <= end &&
	       ((start | end) & PAGE_MASK) == 0;
}

/* ---- address spaces ------------------------------------------------ */

struct hat *hat_create(void)
{
	struct hat *h = kzalloc(sizeof(*h));

	if (!h)
		return NULL;
	h->pml4 = pt_table_alloc();
	if (!h->pml4) {
		kfree(h);
		return NULL;
	}
	h->pml4_pa = kva_to_phys(h->pml4);
	/* The kernel half: these entries never change after hat_bootstrap,
	 * so a copy stays right (the kernel map grows below its PDPT). */
	memcpy(&h->pml4[PT_ENTRIES / 2], &kernel_pml4[PT_ENTRIES / 2],
	       PT_ENTRIES / 2 * sizeof(uint64_t));
	return h;
}

void hat_remove_all(struct hat *h)
{
	seg_detach_all(h);
	pt_free_user(h);
}

void hat_destroy(struct hat *h)
{
	KASSERT(h != current_hat);
	hat_remove_all(h);
	pt_table_free(h->pml4);
	kfree(h);
}

/* Interrupts off (mm/hat.h).  Without PCIDs the CR3 load empties the TLB
 * of everything not global: whatever was pending for any hat is done. */
void hat_activate(struct hat *h)
{
	hat_stats.activates++;
	if (h == current_hat)
		return;
	current_hat = h;
	write_cr3(h->pml4_pa);
	tlb_forget(h);
}

void hat_deactivate(struct hat *h)
{
	if (h != current_hat)
		return;
	current_hat = NULL;
	write_cr3(kernel_pml4_pa);
	tlb_forget(h);
}

struct hat *hat_current(void)
{
	return current_hat;
}

/* ---- mappings ------------------------------------------------------ */

static void remove_one(struct hat *h, vaddr_t va, uint64_t *pte, void *arg)
{
	(void)arg;
	pte_set(h, va, pte, 0);
}

/* Remove [start, end) and free the table pages that empties. */
static void remove_range(struct hat *h, vaddr_t start, vaddr_t end)
{
	pt_range(h, start, end, remove_one, NULL, true);
}

static int enter_failed(vaddr_t va, unsigned flags)
{
	if (flags & HAT_CANFAIL)
		return -ENOMEM;
	panic("hat_enter: no frame for a page table (va %p)", (void *)va);
}

int hat_enter(struct hat *h, vaddr_t va, paddr_t pa, unsigned prot, unsigned flags)
{
	KASSERT(user_range(va, va + PAGE_SIZE) && (pa & PAGE_MASK) == 0);
	if (seg_find(h, va))
		panic("hat_enter: va %p is in an attached segment", (void *)va);
	hat_stats.enters++;
	if (!(prot & HAT_PROT_ALL)) {
		remove_range(h, va, va + PAGE_SIZE);
		return 0;
	}
#if SOLUTION(2)
	uint64_t *pte = pt_walk(h, va, 1, true);

	if (!pte)
		return enter_failed(va, flags);
	pte_set(h, va, pte, pte_make(pa, prot, flags));
	return 0;
#else
	/*
	 * LAB 2: find va's PTE, creating the tables on the way
	 * (pt_walk(h, va, 1, true); NULL means memory ran out: return
	 * enter_failed(va, flags), which returns -ENOMEM with HAT_CANFAIL
	 * and panics without), then install pte_make(pa, prot, flags) with
	 * pte_set, which takes care of a mapping that was there before
	 * (replace semantics).  Return 0.
	 * Checked by: lab2_hat_enter_extract, lab2_hat_replace.
	 */
	(void)pa;
	(void)flags;
	(void)enter_failed;
	LAB_TODO(2, "hat_enter: walk to the PTE and install the mapping");
	return -ENOSYS;
#endif
}

void hat_remove(struct hat *h, vaddr_t start, vaddr_t end)
{
	KASSERT(user_range(start, end));
	hat_stats.removes++;
	remove_range(h, start, end);
}

void hat_drop(struct hat *h, vaddr_t start, vaddr_t end)
{
	KASSERT(user_range(start, end));
	hat_stats.removes++;
	pt_drop_range(h, start, end);
}

static void protect_one(struct hat *h, vaddr_t va, uint64_t *pte, void *arg)
{
	pte_narrow(h, va, pte, *(unsigned *)arg);
}

/* A present x86 page is always readable: prot without READ but with
 * WRITE or EXEC keeps the page readable; only HAT_PROT_NONE removes. */
void hat_protect(struct hat *h, vaddr_t start, vaddr_t end, unsigned prot)
{
	KASSERT(user_range(start, end));
	hat_stats.protects++;
	if (!(prot & HAT_PROT_ALL)) {
		remove_range(h, start, end);
		return;
	}
	pt_range(h, start, end, protect_one, &prot, false);
}

bool hat_extract(struct hat *h, vaddr_t va, struct hat_mapping *m)
{
	uint64_t *e;
	int level;

	va = PAGE_ROUNDDOWN(va);
	if (va < USER_VA_MAX) {
		e = h ? pt_walk(h, va, 1, false) : NULL;
		return e && pte_report(*e, m);
	}
	/* A kernel address: the kernel's tree, maybe a 2 MiB page. */
	e = pt_leaf(kernel_pml4, va, &level);
	if (!e || !pte_report(*e, m))
		return false;
	m->pa = (*e & PTE_ADDR & ~(uint64_t)(pt_span(level) - 1)) + (va & (pt_span(level) - 1));
	return true;
}

void hat_update(struct hat *h)
{
	hat_stats.updates++;
	tlb_finish(h);
}

/* The tree is authoritative: a fault is never the HAT's own business. */
bool hat_fault(struct hat *h, vaddr_t va, bool write, bool exec)
{
	(void)h;
	(void)va;
	(void)write;
	(void)exec;
	return false;
}

/* Real: the MMU keeps A and D in the PTE.  Clearing them must reach the
 * TLB at once: an entry cached with D set lets writes go by without
 * setting D again, which would under-report "modified". */
int hat_harvest(struct hat *h, vaddr_t va, bool *referenced, bool *modified)
{
	uint64_t *pte, old;
	struct seg_attach *sa;

	KASSERT(user_range(va, va + PAGE_SIZE));
	pte = pt_walk(h, va, 1, false);
	if (!pte || !(*pte & PTE_P))
		return -ENOENT;
	old = __atomic_fetch_and(pte, ~(uint64_t)(PTE_A | PTE_D), __ATOMIC_SEQ_CST);
	*referenced = old & PTE_A;
	*modified = old & PTE_D;
	if (old & (PTE_A | PTE_D)) {
		if ((sa = seg_find(h, va)))	/* shared: every attachment */
			seg_invalidate(sa->sh, va - sa->va);
		else if (h == current_hat)
			tlb_invalidate(va);
	}
	return 0;
}
