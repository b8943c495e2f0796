/*
 * arch/ppc64/mmu.h - the ppc64 HAT's internal interfaces: the hardware's
 * bit layouts (SLB entries, hashed page-table entries) and what each file
 * of the backend offers the others.
 *
 *   mmu_dt.c     what the device tree says about the MMU (boot)
 *   directmap.c  hat_bootstrap: the bolted direct map, translation on
 *   vsid.c       naming segments: VSID allocation and lookup
 *   slb.c        the segment lookaside buffer: bolted kernel entries,
 *                user entries loaded on demand
 *   hpt.c        the hashed page table through hypervisor calls: hash,
 *                insert, evict (lab 2)
 *   segrec.c     the software record of one segment's mappings (lab 2)
 *   hat.c        address spaces: a directory of segments per hat
 *   seghat.c     shared segments
 *   kmap.c       the kernel map
 *
 * Bits are written as masks on 64-bit values; the Power ISA numbers them
 * from the left (bit 0 is 1UL << 63).
 */
#ifndef PPC64_MMU_H
#define PPC64_MMU_H

#include "kern/types.h"
#include "mm/hat.h"

/* ---- hardware layouts ------------------------------------------------ */

#define SEG_SHIFT		HAT_SEGMENT_SHIFT
#define SEG_SIZE		((vaddr_t)1 << SEG_SHIFT)
#define SEG_OFFSET(va)		((va) & (SEG_SIZE - 1))
#define ESID(va)		((uint64_t)(va) >> SEG_SHIFT)
#define SEG_PAGES		(SEG_SIZE >> PAGE_SHIFT)	/* 65536 */

/* An HPTE is two doublewords: V (what it translates) and R (to what). */
#define HPTE_V_AVPN_SHIFT	7	/* V = VSID << 12 | EA bits 0..4 of the offset << 7 */
#define HPTE_V_AVPN		0x3fffffffffffff80UL
#define HPTE_V_BOLTED		0x10UL	/* software: never evict (PAPR honours it) */
#define HPTE_V_LARGE		0x04UL	/* page size from R's LP bits */
#define HPTE_V_SECONDARY	0x02UL	/* placed by the secondary hash */
#define HPTE_V_VALID		0x01UL

#define HPTE_R_PP0		(1UL << 63)	/* third protection bit */
#define HPTE_R_RPN		0x0ffffffffffff000UL
#define HPTE_R_R		0x100UL	/* referenced: set by the hardware */
#define HPTE_R_C		0x080UL	/* changed: set by the hardware */
#define HPTE_R_I		0x020UL	/* cache inhibited */
#define HPTE_R_M		0x010UL	/* memory coherence: PAPR wants it for RAM */
#define HPTE_R_G		0x008UL	/* guarded: no speculative access */
#define HPTE_R_N		0x004UL	/* no execute */
#define HPTE_R_PP		0x003UL

#define HPTEG_SLOTS		8	/* entries in a group (128 bytes) */

/* An SLB entry: slbmte RS (VSID word), RB (ESID word). */
#define SLB_ESID_V		(1UL << 27)
#define SLB_VSID_SHIFT		12
#define SLB_VSID_KS		0x800UL	/* storage key in supervisor state */
#define SLB_VSID_KP		0x400UL	/* storage key in problem (user) state */
#define SLB_VSID_LLP		0x130UL	/* L || LP: the segment's base page size */

/* ---- what the device tree told us (mmu_dt.c) -------------------------- */

/* One page size a segment can be built of (base size == actual size). */
struct mmu_pagesize {
	unsigned shift;		/* 12, 16, 24 */
	uint64_t slb_enc;	/* L || LP bits for the SLB entry */
	uint64_t pte_enc;	/* LP bits for HPTE R, at bit 12 */
};

struct mmu_facts {
	unsigned htab_shift;	/* the hash table is 2^htab_shift bytes */
	unsigned slb_size;	/* SLB entries */
	int npsizes;		/* sizes usable for a whole segment, ascending */
	struct mmu_pagesize psizes[4];
};
extern struct mmu_facts mmu;

/* Called by boot_main with the first CPU's device-tree node (a phandle). */
void mmu_dt_read(uint32_t cpu_node);

/* The direct map's page shift (directmap.c). */
extern unsigned dmap_pshift;

/* ---- VSIDs (vsid.c) ---------------------------------------------------- */

struct segrec;

/* Kernel segments have fixed VSIDs: the direct map's i-th and the kmap's. */
uint64_t vsid_kernel_dmap(unsigned i);
uint64_t vsid_kernel_kmap(void);

/* A fresh user VSID, registered to sr so that evictions can find it. */
uint64_t vsid_alloc(struct segrec *sr);
void vsid_free(struct segrec *sr);
struct segrec *vsid_lookup(uint64_t vsid);

/* ---- the SLB (slb.c) --------------------------------------------------- */

/* Bolt the kernel segments (direct map + kmap) into entries 0..n-1. */
void slb_bolt_kernel(unsigned dmap_segs, uint64_t dmap_llp);

/* Load esid -> vsid as a user segment (replacing any entry for esid). */
void slb_load_user(uint64_t esid, uint64_t vsid);
/* Is esid loaded?  Drop it / all user entries. */
bool slb_has_user(uint64_t esid);
void slb_drop_user(uint64_t esid);
void slb_flush_user(void);
extern unsigned long slb_refills;	/* segment faults served */

/* ---- the hashed page table (hpt.c) ------------------------------------- */

uint64_t hpt_groups(void);
uint64_t hpt_hash(uint64_t vsid, vaddr_t offset, unsigned pshift);
uint64_t hpte_v(uint64_t vsid, vaddr_t offset, bool large, bool bolted);
uint64_t hpte_r(paddr_t pa, unsigned prot, unsigned flags, bool kernel);

/* Put an entry into the table; returns its slot (ptex) or -1 if both of
 * its groups are full of entries that may not be evicted. */
long hpt_insert(uint64_t vsid, vaddr_t offset, unsigned pshift, uint64_t v, uint64_t r);
/* Remove the entry at slot (checked against v's AVPN); returns its R
 * word (for R/C) or 0 if it was not there. */
uint64_t hpt_remove(long slot, uint64_t v);
/* Rewrite the protection of the entry at slot. */
void hpt_protect(long slot, uint64_t v, uint64_t r);
/* The R word of the entry at slot (R/C bits), 0 if not there. */
uint64_t hpt_read_r(long slot, uint64_t v);
/* The offset within its segment of the 4 KiB page an entry maps. */
vaddr_t hpte_offset(uint64_t v, uint64_t group);

extern unsigned long hpt_bolted, hpt_resident;	/* entries in the table */

/* ---- one segment's record (segrec.c) ---------------------------------- */

/* One mapping.  word: pa | MR_* flags; slot: its HPTE, or -1. */
struct mrec {
	uint64_t word;
	long slot;
};

#define MR_VALID	0x001
#define MR_READ		0x002
#define MR_WRITE	0x004
#define MR_EXEC		0x008
#define MR_WIRED	0x010
#define MR_REF		0x020	/* referenced, as far as known */
#define MR_MOD		0x040	/* modified, as far as known */
#define MR_NOCACHE	0x080
#define MR_PA(w)	((paddr_t)(w) & ~(paddr_t)PAGE_MASK)

#define SEG_LEAF_RECS	(PAGE_SIZE / sizeof(struct mrec))	/* 256 */
#define SEG_LEAVES	(SEG_PAGES / SEG_LEAF_RECS)		/* 256 */

/* A segment: a VSID and the records of its pages.  One frame. */
struct segrec {
	uint64_t vsid;
	struct segrec *vsid_next;	/* vsid.c's lookup chain */
	unsigned long npages;		/* valid records */
	unsigned long nwired;		/* of which wired (seg_drop cannot rename) */
	bool shared;			/* a seghat, not a hat's own */
	unsigned nattached;		/* seghat: hats it is attached to */
	uint16_t leaf_count[SEG_LEAVES];
	struct mrec *leaf[SEG_LEAVES];	/* each one frame, or NULL */
};

struct segrec *seg_create(bool shared);
void seg_destroy(struct segrec *sr);	/* removes what is left first */
struct mrec *seg_rec(struct segrec *sr, vaddr_t offset);	/* NULL if none */

int seg_enter(struct segrec *sr, vaddr_t offset, paddr_t pa, unsigned prot, unsigned flags);
void seg_remove(struct segrec *sr, vaddr_t offset);
void seg_protect(struct segrec *sr, vaddr_t offset, unsigned prot);
bool seg_extract(struct segrec *sr, vaddr_t offset, struct hat_mapping *m);
bool seg_refill(struct segrec *sr, vaddr_t offset, bool write, bool exec);
int seg_harvest(struct segrec *sr, vaddr_t offset, bool *ref, bool *mod);
/* Call fn for every valid record in [start, end), in order. */
void seg_walk(struct segrec *sr, vaddr_t start, vaddr_t end,
	      void (*fn)(struct segrec *sr, vaddr_t offset, void *arg), void *arg);
/* hat_drop's part: forget [start, end) without folding R/C; true if that
 * renamed the segment (a new VSID: the SLB entry must be reloaded). */
bool seg_drop(struct segrec *sr, vaddr_t start, vaddr_t end);
/* Fold what an entry's R word says into the record and the frame. */
void seg_fold_rc(struct mrec *rec, uint64_t r);

/* ---- address spaces (hat.c) ------------------------------------------- */

/* The segment h has at esid (private or attached), or NULL. */
struct segrec *hat_seg(struct hat *h, uint64_t esid);
/* Set h's directory entry for esid (NULL clears it); -ENOMEM. */
int hat_set_seg(struct hat *h, uint64_t esid, struct segrec *sr);
/* Print one run of records as hat_dump does. */
void seg_dump(struct segrec *sr, vaddr_t base, vaddr_t start, vaddr_t end);

/* ---- the kernel map (kmap.c) ------------------------------------------ */

bool kmap_extract(vaddr_t va, struct hat_mapping *m);
void kmap_dump(vaddr_t start, vaddr_t end);

#endif
