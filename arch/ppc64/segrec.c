/*
 * arch/ppc64/segrec.c - the software record of one segment's mappings.
 *
 * The hashed page table is a cache (hpt.c): entries are evicted when
 * their group pair fills up.  So each segment (256 MiB, one VSID) keeps
 * its own authoritative record, a two-level table indexed by the page's
 * offset in the segment: the segrec frame points to up to 256 leaf
 * frames of 256 records, each leaf covering 1 MiB.  A record holds
 *
 *   word  the frame's address | valid, r/w/x, wired, uncached, and the
 *         referenced/modified bits collected from entries that left the
 *         table (removed or evicted);
 *   slot  where its HPTE is in the table (so remove and protect cost one
 *         hcall, no search), or -1 while it is not there.
 *
 * hat_extract reads the record; a fault on a page whose record says
 * "valid, not in the table" reloads it (seg_refill).  Private segments
 * belong to one hat; a seghat's segrec is shared by all the hats it is
 * attached to, which is how they share translations (seghat.c).
 */
#include "kern/errno.h"
#include "kern/lab.h"
#include "kern/panic.h"
#include "kern/printf.h"
#include "mm/frame.h"
#include "mmu.h"

_Static_assert(sizeof(struct segrec) <= PAGE_SIZE, "a segrec is one frame");
_Static_assert(SEG_LEAF_RECS * SEG_LEAVES == SEG_PAGES, "leaves cover a segment");

/* ---- frames ------------------------------------------------------------ */

static void *table_alloc(void)
{
	struct page *pg = frame_alloc(FRAME_ZERO);

	if (!pg)
		return NULL;
	hat_stats.table_pages++;
	return phys_to_kva(page_to_pa(pg));
}

static void table_free(void *p)
{
	frame_free(pa_to_page(kva_to_phys(p)));
	hat_stats.table_pages--;
}

struct segrec *seg_create(bool shared)
{
	struct segrec *sr = table_alloc();

	if (!sr)
		return NULL;
	sr->shared = shared;
	vsid_alloc(sr);
	return sr;
}

/* ---- records ----------------------------------------------------------- */

static unsigned leaf_of(vaddr_t offset)
{
	return (unsigned)((offset >> PAGE_SHIFT) / SEG_LEAF_RECS);
}

struct mrec *seg_rec(struct segrec *sr, vaddr_t offset)
{
	struct mrec *leaf = sr->leaf[leaf_of(offset)];

	return leaf ? &leaf[(offset >> PAGE_SHIFT) % SEG_LEAF_RECS] : NULL;
}

/* The record for offset, allocating its leaf if needed (NULL: no memory). */
static struct mrec *seg_rec_alloc(struct segrec *sr, vaddr_t offset)
{
	unsigned l = leaf_of(offset);

	if (!sr->leaf[l]) {
		sr->leaf[l] = table_alloc();
		if (!sr->leaf[l])
			return NULL;
		for (unsigned i = 0; i < SEG_LEAF_RECS; i++)
			sr->leaf[l][i].slot = -1;
	}
	return seg_rec(sr, offset);
}

static unsigned rec_prot(uint64_t word)
{
	return ((word & MR_READ) ? HAT_PROT_READ : 0) | ((word & MR_WRITE) ? HAT_PROT_WRITE : 0) |
	       ((word & MR_EXEC) ? HAT_PROT_EXEC : 0);
}

static uint64_t prot_bits(unsigned prot)
{
	return ((prot & HAT_PROT_READ) ? MR_READ : 0) | ((prot & HAT_PROT_WRITE) ? MR_WRITE : 0) |
	       ((prot & HAT_PROT_EXEC) ? MR_EXEC : 0);
}

/* The two doublewords of rec's HPTE (flags: HAT_ACCESS_* to preset R/C). */
static uint64_t rec_v(const struct segrec *sr, vaddr_t offset, const struct mrec *rec)
{
	return hpte_v(sr->vsid, offset, false, rec->word & MR_WIRED);
}

static uint64_t rec_r(const struct mrec *rec, unsigned flags)
{
	if (rec->word & MR_NOCACHE)
		flags |= HAT_CACHE_NONE;
	return hpte_r(MR_PA(rec->word), rec_prot(rec->word), flags, false);
}

void seg_fold_rc(struct mrec *rec, uint64_t r)
{
	bool ref = r & HPTE_R_R, mod = r & HPTE_R_C;

	if (ref)
		rec->word |= MR_REF;
	if (mod)
		rec->word |= MR_MOD;
	if (ref || mod)
		page_note_refmod(MR_PA(rec->word), ref, mod);
}

/* Bookkeeping when a record becomes valid / invalid. */
static void rec_count(struct segrec *sr, vaddr_t offset, int delta)
{
	sr->npages += delta;
	sr->leaf_count[leaf_of(offset)] += delta;
	if (seg_rec(sr, offset)->word & MR_WIRED)
		sr->nwired += delta;
}

/* Free offset's leaf if no record in it is valid any more. */
static void leaf_trim(struct segrec *sr, vaddr_t offset)
{
	unsigned l = leaf_of(offset);

	if (sr->leaf[l] && sr->leaf_count[l] == 0) {
		table_free(sr->leaf[l]);
		sr->leaf[l] = NULL;
	}
}

/* The mapping at rec goes away: out of the table, and what it knew of
 * references and writes into its frame's struct page. */
static void rec_drop(struct segrec *sr, vaddr_t offset, struct mrec *rec)
{
#if SOLUTION(2)
	if (rec->slot >= 0)
		seg_fold_rc(rec, hpt_remove(rec->slot, rec_v(sr, offset, rec)));
	page_note_refmod(MR_PA(rec->word), rec->word & MR_REF, rec->word & MR_MOD);
#else
	/*
	 * LAB 2: the mapping in rec is going away (remove, replace, protect
	 * to none, teardown).  If its entry is in the hash table (rec->slot
	 * >= 0), remove it with hpt_remove(slot, rec_v(sr, offset, rec)),
	 * which returns the entry's final R word, and fold its referenced
	 * and changed bits into the record (seg_fold_rc).  Then tell the
	 * frame what the record knows: page_note_refmod(pa, MR_REF, MR_MOD).
	 * Modified must never be under-reported.
	 * Checked by: lab2_hat_enter_extract, lab2_hat_modified, lab2_hat_ranges.
	 */
	(void)sr;
	(void)offset;
	LAB_TODO(2, "rec_drop: remove the HPTE and fold its R/C bits");
#endif
	hat_stats.removes++;
	rec_count(sr, offset, -1);	/* while the word still says wired */
	rec->word = 0;
	rec->slot = -1;
}

void seg_destroy(struct segrec *sr)
{
	for (unsigned l = 0; l < SEG_LEAVES; l++) {
		for (unsigned i = 0; sr->leaf[l] && i < SEG_LEAF_RECS; i++) {
			vaddr_t offset = ((vaddr_t)l * SEG_LEAF_RECS + i) << PAGE_SHIFT;

			if (sr->leaf[l][i].word & MR_VALID)
				rec_drop(sr, offset, &sr->leaf[l][i]);
		}
		if (sr->leaf[l]) {	/* a leaf a failed enter left empty */
			table_free(sr->leaf[l]);
			sr->leaf[l] = NULL;
		}
	}
	vsid_free(sr);
	table_free(sr);
}

/* ---- the operations (lab 2) --------------------------------------------- */

int seg_enter(struct segrec *sr, vaddr_t offset, paddr_t pa, unsigned prot, unsigned flags)
{
	struct mrec *rec = seg_rec_alloc(sr, offset);

	if (!rec)
		return -ENOMEM;
	hat_stats.enters++;
#if SOLUTION(2)
	if (rec->word & MR_VALID)
		rec_drop(sr, offset, rec);	/* replace: the old frame's R/C first */
	rec->word = (pa & ~(paddr_t)PAGE_MASK) | MR_VALID | prot_bits(prot) |
		    ((flags & HAT_WIRED) ? MR_WIRED : 0) |
		    ((flags & HAT_CACHE_NONE) ? MR_NOCACHE : 0);
	rec_count(sr, offset, +1);
	rec->slot = hpt_insert(sr->vsid, offset, PAGE_SHIFT, rec_v(sr, offset, rec),
			       rec_r(rec, flags));
	if (rec->slot < 0 && (flags & HAT_WIRED)) {
		rec_drop(sr, offset, rec);	/* 16 bolted entries in its groups */
		leaf_trim(sr, offset);
		return -ENOMEM;
	}
	return 0;	/* not in the table is fine: it faults in later */
#else
	/*
	 * LAB 2: record the mapping and put it in the hash table.  rec is
	 * this page's record (its leaf exists now).  If it is already valid,
	 * this enter replaces it: drop the old one first (rec_drop).  Fill
	 * rec->word with the frame address, MR_VALID, the protection
	 * (prot_bits), MR_WIRED / MR_NOCACHE from flags; count it
	 * (rec_count(sr, offset, +1)); then insert its HPTE with
	 * hpt_insert(sr->vsid, offset, PAGE_SHIFT, rec_v(...), rec_r(rec, flags))
	 * and keep the slot it returns.  -1 is fine for an unwired page (it
	 * will fault in), not for a wired one: undo and return -ENOMEM.
	 * Checked by: lab2_hat_enter_extract, lab2_hat_replace, lab2_hat_wired.
	 */
	(void)pa;
	(void)prot;
	(void)flags;
	(void)prot_bits;
	(void)rec_r;
	LAB_TODO(2, "seg_enter: record a mapping and insert its HPTE");
	return -ENOSYS;
#endif
}

void seg_remove(struct segrec *sr, vaddr_t offset)
{
	struct mrec *rec = seg_rec(sr, offset);

	if (rec && (rec->word & MR_VALID)) {
		rec_drop(sr, offset, rec);
		leaf_trim(sr, offset);
	}
}

void seg_protect(struct segrec *sr, vaddr_t offset, unsigned prot)
{
	struct mrec *rec = seg_rec(sr, offset);

	if (!rec || !(rec->word & MR_VALID))
		return;
	hat_stats.protects++;
#if SOLUTION(2)
	prot &= rec_prot(rec->word);		/* only ever narrows */
	if (prot == HAT_PROT_NONE) {
		rec_drop(sr, offset, rec);
		leaf_trim(sr, offset);
		return;
	}
	if (prot == rec_prot(rec->word))
		return;
	rec->word = (rec->word & ~(uint64_t)(MR_READ | MR_WRITE | MR_EXEC)) | prot_bits(prot);
	if (rec->slot >= 0)
		hpt_protect(rec->slot, rec_v(sr, offset, rec), rec_r(rec, 0));
#else
	/*
	 * LAB 2: narrow the mapping's protection to prot & its own
	 * (rec_prot(rec->word)); never widen.  Nothing left means remove:
	 * rec_drop, then leaf_trim (frees the leaf if that emptied it).
	 * Otherwise update the protection bits in rec->word and, if the
	 * entry is in the table, rewrite its pp/N bits in place with
	 * hpt_protect(slot, rec_v(...), rec_r(rec, 0)): one H_PROTECT, which
	 * keeps the entry's R/C bits.
	 * Checked by: lab2_hat_protect, lab2_hat_ranges.
	 */
	(void)prot;
	LAB_TODO(2, "seg_protect: narrow a mapping with H_PROTECT");
#endif
}

bool seg_extract(struct segrec *sr, vaddr_t offset, struct hat_mapping *m)
{
	struct mrec *rec = seg_rec(sr, offset);

	if (!rec || !(rec->word & MR_VALID))
		return false;
#if SOLUTION(2)
	uint64_t r = rec->slot >= 0 ? hpt_read_r(rec->slot, rec_v(sr, offset, rec)) : 0;

	m->pa = MR_PA(rec->word);
	m->prot = rec_prot(rec->word);
	m->wired = rec->word & MR_WIRED;
	m->referenced = (rec->word & MR_REF) || (r & HPTE_R_R);
	m->modified = (rec->word & MR_MOD) || (r & HPTE_R_C);
	return true;
#else
	/*
	 * LAB 2: report the mapping from its record: frame (MR_PA), prot
	 * (rec_prot), wired.  Referenced/modified are what the record
	 * collected plus, if the entry is in the table, its current R and C
	 * bits (hpt_read_r(slot, rec_v(...)), one H_READ).
	 * Checked by: lab2_hat_enter_extract, lab2_hat_modified.
	 */
	(void)m;
	LAB_TODO(2, "seg_extract: report a mapping from its record");
	return false;
#endif
}

/* A fault at offset: reload the mapping if the table dropped it. */
bool seg_refill(struct segrec *sr, vaddr_t offset, bool write, bool exec)
{
	struct mrec *rec = seg_rec(sr, offset);

	if (!rec || !(rec->word & MR_VALID))
		return false;
#if SOLUTION(2)
	if (rec->slot >= 0)
		return false;		/* in the table: a real protection fault */
	if ((write && !(rec->word & MR_WRITE)) || (exec && !(rec->word & MR_EXEC)))
		return false;
	rec->slot = hpt_insert(sr->vsid, offset, PAGE_SHIFT, rec_v(sr, offset, rec),
			       rec_r(rec, write ? HAT_ACCESS_WRITE : HAT_ACCESS_READ));
	if (rec->slot < 0)
		return false;
	hat_stats.refills++;
	return true;
#else
	/*
	 * LAB 2: a DSI/ISI hit a page whose record is valid.  If its entry
	 * is not in the table (slot -1: evicted) and the access is allowed
	 * (a write needs MR_WRITE, a fetch MR_EXEC), insert it again as
	 * seg_enter does (presetting R/C for this access with
	 * HAT_ACCESS_WRITE or HAT_ACCESS_READ), count hat_stats.refills and
	 * return true: the access is retried.  Otherwise return false: a
	 * real fault, for the VM system.
	 * Checked by: lab2_hat_arch_stress.
	 */
	(void)offset;
	(void)write;
	(void)exec;
	LAB_TODO(2, "seg_refill: reload an evicted mapping on a fault");
	return false;
#endif
}

/* Harvest: report, then clear by taking the entry out and putting it back
 * (the hypervisor offers no "clear R/C" here: QEMU has no H_CLEAR_REF). */
int seg_harvest(struct segrec *sr, vaddr_t offset, bool *ref, bool *mod)
{
	struct mrec *rec = seg_rec(sr, offset);
	uint64_t r = 0;

	if (!rec || !(rec->word & MR_VALID))
		return -ENOENT;
	if (rec->slot >= 0) {
		r = hpt_remove(rec->slot, rec_v(sr, offset, rec));
		rec->slot = hpt_insert(sr->vsid, offset, PAGE_SHIFT, rec_v(sr, offset, rec),
				       rec_r(rec, 0));
	}
	*ref = (rec->word & MR_REF) || (r & HPTE_R_R);
	*mod = (rec->word & MR_MOD) || (r & HPTE_R_C);
	rec->word &= ~(uint64_t)(MR_REF | MR_MOD);
	return 0;
}

void seg_walk(struct segrec *sr, vaddr_t start, vaddr_t end,
	      void (*fn)(struct segrec *sr, vaddr_t offset, void *arg), void *arg)
{
	vaddr_t off = start;

	while (off < end) {
		struct mrec *rec = seg_rec(sr, off);

		if (!rec) {		/* no leaf: skip its whole MiB */
			off = (off | (SEG_LEAF_RECS * PAGE_SIZE - 1)) + 1;
			continue;
		}
		if (rec->word & MR_VALID)
			fn(sr, off, arg);	/* may free the leaf: look again next time */
		off += PAGE_SIZE;
	}
}

/* ---- hat_drop ----------------------------------------------------------- */

/*
 * The caller of hat_drop takes every page as referenced and modified, so
 * R/C need not be read back.  Two ways to forget a range:
 *
 *   per page  H_REMOVE each entry, ignoring the R word it returns: no
 *             folding into the record or struct page.
 *   rename    when the range holds most of the segment's pages, give the
 *             segment a new VSID instead.  The range's entries stay in the
 *             hash table under the old one, which no SLB entry names any
 *             more and vsid_lookup no longer knows: they can never match,
 *             and hpt_evict frees their slots as groups fill (it removes
 *             an entry whose VSID has no segment).  Their records go a leaf
 *             at a time, no hypercalls.  The few pages outside the range
 *             lose their entries as an eviction would take them (R/C
 *             folded into the record) and refault under the new VSID.
 *
 * Renaming needs hpt_evict's handling of segment-less entries (lab 2) and
 * no wired page in the segment: its entry is bolted, never evicted, so it
 * would hold its slot forever.
 */
#define LEAF_SPAN	((vaddr_t)SEG_LEAF_RECS << PAGE_SHIFT)	/* 1 MiB */
#define RENAME_MIN	64	/* fewer pages: per page is as cheap */

static void forget_one(struct segrec *sr, vaddr_t offset, void *arg)
{
	struct mrec *rec = seg_rec(sr, offset);

	(void)arg;
	if (rec->slot >= 0)
		hpt_remove(rec->slot, rec_v(sr, offset, rec));
	hat_stats.removes++;
	rec_count(sr, offset, -1);
	rec->word = 0;
	rec->slot = -1;
	leaf_trim(sr, offset);
}

/* A page the rename keeps: its entry (old VSID) goes, the record stays. */
static void unload_one(struct segrec *sr, vaddr_t offset, void *arg)
{
	struct mrec *rec = seg_rec(sr, offset);

	(void)arg;
	if (rec->slot >= 0) {
		seg_fold_rc(rec, hpt_remove(rec->slot, rec_v(sr, offset, rec)));
		rec->slot = -1;
	}
}

/* Valid records in [start, end): whole leaves by their counts. */
static unsigned long seg_count(struct segrec *sr, vaddr_t start, vaddr_t end)
{
	unsigned long n = 0;

	for (vaddr_t lo = start; lo < end; lo = (lo | (LEAF_SPAN - 1)) + 1) {
		vaddr_t hi = MIN(end, (lo | (LEAF_SPAN - 1)) + 1);

		if (!sr->leaf[leaf_of(lo)])
			continue;
		if (hi - lo == LEAF_SPAN)
			n += sr->leaf_count[leaf_of(lo)];
		else
			for (vaddr_t off = lo; off < hi; off += PAGE_SIZE)
				n += (seg_rec(sr, off)->word & MR_VALID) != 0;
	}
	return n;
}

bool seg_drop(struct segrec *sr, vaddr_t start, vaddr_t end)
{
	unsigned long inside = seg_count(sr, start, end);

	if (!SOLUTION(2) || sr->nwired || inside < RENAME_MIN ||
	    inside < 2 * (sr->npages - inside)) {
		seg_walk(sr, start, end, forget_one, NULL);
		return false;
	}
	seg_walk(sr, 0, start, unload_one, NULL);
	seg_walk(sr, end, SEG_SIZE, unload_one, NULL);
	vsid_free(sr);		/* retired: see vsid.c */
	vsid_alloc(sr);
	for (vaddr_t lo = start; lo < end; lo = (lo | (LEAF_SPAN - 1)) + 1) {
		vaddr_t hi = MIN(end, (lo | (LEAF_SPAN - 1)) + 1);
		unsigned l = leaf_of(lo);

		if (!sr->leaf[l])
			continue;
		if (hi - lo == LEAF_SPAN) {
			hat_stats.removes += sr->leaf_count[l];
			sr->npages -= sr->leaf_count[l];
			sr->leaf_count[l] = 0;
			leaf_trim(sr, lo);
			continue;
		}
		for (vaddr_t off = lo; off < hi; off += PAGE_SIZE) {
			struct mrec *rec = seg_rec(sr, off);

			if (rec->word & MR_VALID) {
				hat_stats.removes++;
				rec_count(sr, off, -1);
				rec->word = 0;
				rec->slot = -1;
			}
		}
		leaf_trim(sr, lo);
	}
	return true;
}

/* ---- hat_dump ---------------------------------------------------------- */

static void dump_run(vaddr_t va, vaddr_t end, uint64_t word, unsigned npages, unsigned in_table)
{
	kprintf("  %016lx-%016lx -> %09llx %c%c%c%s%s  %u/%u in the hash table\n",
		(unsigned long)va, (unsigned long)end, (unsigned long long)MR_PA(word),
		(word & MR_READ) ? 'r' : '-', (word & MR_WRITE) ? 'w' : '-',
		(word & MR_EXEC) ? 'x' : '-', (word & MR_WIRED) ? " wired" : "",
		(word & MR_NOCACHE) ? " uncached" : "", in_table, npages);
}

/* Runs: consecutive pages, consecutive frames, the same flags. */
void seg_dump(struct segrec *sr, vaddr_t base, vaddr_t start, vaddr_t end)
{
	const uint64_t same = MR_READ | MR_WRITE | MR_EXEC | MR_WIRED | MR_NOCACHE;
	vaddr_t run = 0;
	uint64_t first = 0;
	unsigned n = 0, in_table = 0;

	for (vaddr_t off = start; off <= end; off += PAGE_SIZE) {
		struct mrec *rec = off < end ? seg_rec(sr, off) : NULL;
		bool valid = rec && (rec->word & MR_VALID);

		if (n && (!valid || (rec->word & same) != (first & same) ||
			  MR_PA(rec->word) != MR_PA(first) + n * PAGE_SIZE)) {
			dump_run(base + run, base + run + n * PAGE_SIZE, first, n, in_table);
			n = 0;
		}
		if (!valid)
			continue;
		if (n == 0) {
			run = off;
			first = rec->word;
			in_table = 0;
		}
		n++;
		in_table += rec->slot >= 0;
	}
}
