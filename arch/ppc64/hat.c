/*
 * arch/ppc64/hat.c - address spaces on the hashed-page-table MMU.
 *
 * A ppc64 hat is little more than a directory: user ESID -> segment
 * (struct segrec, segrec.c), each segment being one VSID with its record
 * of mappings.  Nothing in the hardware belongs to one address space:
 * the hash table holds everybody's entries, told apart by VSID.  So
 *
 *   - switching address spaces only changes the SLB (hat_activate drops
 *     the user SLB entries and reloads the new hat's recent segments;
 *     others are loaded on their first segment fault, hat_fault);
 *   - enter/remove/protect work segment by segment on the records, which
 *     keep the hash table in step (one hcall per page, the invalidation
 *     included: nothing is deferred, and hat_update has nothing to do);
 *   - remove_all removes each segment's entries and frees its VSID;
 *   - hat_drop (fork) renames a mostly dropped segment: a new VSID, the
 *     old one's entries left in the table to be evicted (segrec.c).
 *
 * The directory has two levels: 256 pointers in the hat's own frame, each
 * to a frame of 512 segment pointers: 2^17 segments, USER_VA_MAX = 2^45.
 * A directory entry may also point at a seghat's shared segment.
 */
#include "kern/errno.h"
#include "kern/panic.h"
#include "kern/printf.h"
#include "mm/frame.h"
#include "mmu.h"

#define DIR_LEAF	512				/* segments per directory frame */
#define DIR_TOP		(ESID(USER_VA_MAX) / DIR_LEAF)	/* 256 */
#define HAT_RECENT	8				/* segments reloaded on activate */

struct hat {
	struct segrec **dir[DIR_TOP];
	uint64_t recent[HAT_RECENT];	/* ESID + 1 of recent segment faults */
	unsigned recent_next;
};

_Static_assert(sizeof(struct hat) <= PAGE_SIZE, "a hat is one frame");

static struct hat *current;	/* this CPU's */

static void *frame_kva(void)
{
	struct page *pg = frame_alloc(FRAME_ZERO);

	if (!pg)
		return NULL;
	hat_stats.table_pages++;
	return phys_to_kva(page_to_pa(pg));
}

static void frame_put(void *p)
{
	frame_free(pa_to_page(kva_to_phys(p)));
	hat_stats.table_pages--;
}

static bool user_va(vaddr_t va)
{
	return va >= USER_VA_MIN && va < USER_VA_MAX;
}

/* ---- the directory ----------------------------------------------------- */

struct segrec *hat_seg(struct hat *h, uint64_t esid)
{
	struct segrec **leaf;

	if (!h || esid >= ESID(USER_VA_MAX))
		return NULL;
	leaf = h->dir[esid / DIR_LEAF];
	return leaf ? leaf[esid % DIR_LEAF] : NULL;
}

int hat_set_seg(struct hat *h, uint64_t esid, struct segrec *sr)
{
	struct segrec ***leaf = &h->dir[esid / DIR_LEAF];

	if (!*leaf && !sr)
		return 0;
	if (!*leaf && !(*leaf = frame_kva()))
		return -ENOMEM;
	(*leaf)[esid % DIR_LEAF] = sr;
	if (!sr && h == current)
		slb_drop_user(esid);	/* before the VSID can be reused */
	return 0;
}

/* The private segment for va, created if needed; NULL and *err if not. */
static struct segrec *seg_for_enter(struct hat *h, vaddr_t va, int *err)
{
	struct segrec *sr = hat_seg(h, ESID(va));

	if (sr && sr->shared) {
		*err = -EINVAL;		/* change a seghat with seghat_enter */
		return NULL;
	}
	if (sr)
		return sr;
	*err = -ENOMEM;
	sr = seg_create(false);
	if (sr && hat_set_seg(h, ESID(va), sr) < 0) {
		seg_destroy(sr);
		sr = NULL;
	}
	return sr;
}

/* Call fn for every private mapping of h in [start, end). */
static void for_each_mapping(struct hat *h, vaddr_t start, vaddr_t end,
			     void (*fn)(struct segrec *, vaddr_t, void *), void *arg)
{
	start = MAX(start, USER_VA_MIN);
	end = MIN(end, USER_VA_MAX);
	for (vaddr_t va = start; va < end; va = (va | (SEG_SIZE - 1)) + 1) {
		struct segrec *sr = hat_seg(h, ESID(va));
		vaddr_t seg_end = MIN(end - (va & ~(SEG_SIZE - 1)), SEG_SIZE);

		/* An attached seghat changes only through seghat_*. */
		if (sr && !sr->shared)
			seg_walk(sr, SEG_OFFSET(va), seg_end, fn, arg);
	}
}

/* ---- create, destroy, switch ------------------------------------------- */

struct hat *hat_create(void)
{
	return frame_kva();
}

void hat_remove_all(struct hat *h)
{
	for (unsigned t = 0; t < DIR_TOP; t++) {
		for (unsigned i = 0; h->dir[t] && i < DIR_LEAF; i++) {
			struct segrec *sr = h->dir[t][i];

			if (!sr)
				continue;
			hat_set_seg(h, (uint64_t)t * DIR_LEAF + i, NULL);
			if (sr->shared)
				sr->nattached--;
			else
				seg_destroy(sr);	/* its entries, then its VSID */
		}
		if (h->dir[t]) {
			frame_put(h->dir[t]);
			h->dir[t] = NULL;
		}
	}
	hat_stats.tlb_flush_alls++;
}

void hat_destroy(struct hat *h)
{
	if (h == current)
		panic("hat_destroy: the hat is active");
	hat_remove_all(h);
	frame_put(h);
}

void hat_activate(struct hat *h)
{
	hat_stats.activates++;
	slb_flush_user();
	current = h;
	for (unsigned i = 0; i < HAT_RECENT; i++) {
		struct segrec *sr = h->recent[i] ? hat_seg(h, h->recent[i] - 1) : NULL;

		if (sr)
			slb_load_user(h->recent[i] - 1, sr->vsid);
	}
}

void hat_deactivate(struct hat *h)
{
	if (h != current)
		return;
	slb_flush_user();
	current = NULL;
}

struct hat *hat_current(void)
{
	return current;
}

/* ---- mappings ---------------------------------------------------------- */

int hat_enter(struct hat *h, vaddr_t va, paddr_t pa, unsigned prot, unsigned flags)
{
	struct segrec *sr;
	int err = 0;

	if (!user_va(va) || (va & PAGE_MASK))
		panic("hat_enter: %p is not a user page address", (void *)va);
	sr = seg_for_enter(h, va, &err);
	if (sr)
		err = seg_enter(sr, SEG_OFFSET(va), pa, prot, flags);
	if (err == -ENOMEM && !(flags & HAT_CANFAIL))
		panic("hat_enter: out of memory for %p", (void *)va);
	return err;
}

static void remove_one(struct segrec *sr, vaddr_t offset, void *arg)
{
	(void)arg;
	seg_remove(sr, offset);
}

void hat_remove(struct hat *h, vaddr_t start, vaddr_t end)
{
	for_each_mapping(h, start, end, remove_one, NULL);
}

/* Without folding R/C, and for big ranges by renaming whole segments
 * (segrec.c, seg_drop).  A renamed segment's SLB entry on this CPU still
 * names the old VSID: reload it now (hat_activate and segment faults
 * load sr->vsid, so an inactive hat needs nothing), then nothing is left
 * for hat_update. */
void hat_drop(struct hat *h, vaddr_t start, vaddr_t end)
{
	start = MAX(start, USER_VA_MIN);
	end = MIN(end, USER_VA_MAX);
	for (vaddr_t va = start; va < end; va = (va | (SEG_SIZE - 1)) + 1) {
		struct segrec *sr = hat_seg(h, ESID(va));
		vaddr_t seg_end = MIN(end - (va & ~(SEG_SIZE - 1)), SEG_SIZE);

		/* An attached seghat changes only through seghat_*. */
		if (sr && !sr->shared && seg_drop(sr, SEG_OFFSET(va), seg_end) &&
		    h == current && slb_has_user(ESID(va)))
			slb_load_user(ESID(va), sr->vsid);
	}
}

static void protect_one(struct segrec *sr, vaddr_t offset, void *arg)
{
	seg_protect(sr, offset, *(unsigned *)arg);
}

void hat_protect(struct hat *h, vaddr_t start, vaddr_t end, unsigned prot)
{
	for_each_mapping(h, start, end, protect_one, &prot);
}

bool hat_extract(struct hat *h, vaddr_t va, struct hat_mapping *m)
{
	struct segrec *sr;

	if (va >= KMAP_VA_MIN && va < KMAP_VA_MAX)
		return kmap_extract(va, m);
	sr = user_va(va) ? hat_seg(h, ESID(va)) : NULL;
	return sr && seg_extract(sr, SEG_OFFSET(va), m);
}

/* H_REMOVE and H_PROTECT invalidate the TLB before they return, and
 * SLB entries are dropped as segments go: nothing was deferred. */
void hat_update(struct hat *h)
{
	(void)h;
	hat_stats.updates++;
	__asm__ volatile("sync" : : : "memory");
}

int hat_harvest(struct hat *h, vaddr_t va, bool *referenced, bool *modified)
{
	struct segrec *sr = user_va(va) ? hat_seg(h, ESID(va)) : NULL;

	return sr ? seg_harvest(sr, SEG_OFFSET(va), referenced, modified) : -ENOENT;
}

/*
 * A DSI/ISI or segment fault at va.  Ours if va's segment exists in h:
 * a segment fault (no SLB entry for it) loads the SLB; otherwise the page
 * may have been evicted from the hash table, and its record reloads it.
 */
bool hat_fault(struct hat *h, vaddr_t va, bool write, bool exec)
{
	struct segrec *sr = user_va(va) ? hat_seg(h, ESID(va)) : NULL;

	if (!sr)
		return false;
	if (!slb_has_user(ESID(va))) {
		slb_load_user(ESID(va), sr->vsid);
		slb_refills++;
		h->recent[h->recent_next++ % HAT_RECENT] = ESID(va) + 1;
		return true;
	}
	return seg_refill(sr, SEG_OFFSET(va), write, exec);
}

/* ---- the monitor ------------------------------------------------------- */

void hat_dump(struct hat *h, vaddr_t start, vaddr_t end)
{
	if (start < KMAP_VA_MAX && end > KMAP_VA_MIN)
		kmap_dump(MAX(start, KMAP_VA_MIN), MIN(end, KMAP_VA_MAX));
	if (!h)
		return;
	start = MAX(start, USER_VA_MIN);
	end = MIN(end, USER_VA_MAX);
	for (vaddr_t va = start; va < end; va = (va | (SEG_SIZE - 1)) + 1) {
		struct segrec *sr = hat_seg(h, ESID(va));
		vaddr_t base = va & ~(SEG_SIZE - 1);

		if (!sr || sr->npages == 0)
			continue;
		kprintf("segment %#lx: VSID %#llx, %s, %lu pages%s\n", (unsigned long)base,
			(unsigned long long)sr->vsid, sr->shared ? "shared (seghat)" : "private",
			sr->npages, slb_has_user(ESID(va)) ? ", in the SLB" : "");
		seg_dump(sr, base, SEG_OFFSET(va), MIN(end - base, SEG_SIZE));
	}
}
