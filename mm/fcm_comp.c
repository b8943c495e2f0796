/*
 * mm/fcm_comp.c - the computational FCM: anonymous memory.  A page is
 * zero-filled on first touch and kept until no Region maps its offset.
 *
 * Its page table is a hash table of NBUCKETS chains keyed by the page's
 * offset (offset / PAGE_SIZE mod NBUCKETS), each entry a small kmalloc'd
 * record (struct cpage) naming the frame.  Finding a page is O(1 + resident
 * / NBUCKETS); freeing a Region's pages walks every entry (O(resident x
 * attached Regions)).  Good for the small processes of the labs; a
 * resizable table or a radix tree is a later refinement inside this file.
 */
#include "kern/errno.h"
#include "kern/lab.h"
#include "mm/fcm.h"
#include "mm/frame.h"
#include "mm/hat.h"
#include "mm/kmalloc.h"
#include "mm/region.h"

#define NBUCKETS	16

struct cpage {
	struct cpage *next;
	uint64_t offset;
	struct page *pg;
};

struct fcm_comp {
	struct fcm fcm;			/* first: the generic part */
	unsigned long resident;
	struct cpage *bucket[NBUCKETS];
};

static struct fcm_comp *to_comp(const struct fcm *f)
{
	return (struct fcm_comp *)f;
}

static struct cpage **bucket_of(struct fcm_comp *c, uint64_t offset)
{
	return &c->bucket[(offset >> PAGE_SHIFT) % NBUCKETS];
}

static struct cpage *comp_lookup(struct fcm_comp *c, uint64_t offset)
{
	for (struct cpage *p = *bucket_of(c, offset); p; p = p->next)
		if (p->offset == offset)
			return p;
	return NULL;
}

/* The frame holding offset, zero-filled and recorded if there was none. */
static int comp_find_or_fill(struct fcm_comp *c, uint64_t offset, paddr_t *pa)
{
#if SOLUTION(3)
	struct cpage *p = comp_lookup(c, offset);
	struct cpage **b;

	if (!p) {
		p = kmalloc(sizeof(*p));
		if (!p)
			return -ENOMEM;
		p->pg = frame_alloc(FRAME_ZERO);
		if (!p->pg) {
			kfree(p);
			return -ENOMEM;
		}
		p->offset = offset;
		b = bucket_of(c, offset);
		p->next = *b;
		*b = p;
		c->resident++;
	}
	*pa = page_to_pa(p->pg);
	return 0;
#else
	/*
	 * LAB 3: first touch of anonymous memory.  Look offset up in the
	 * FCM's page table (comp_lookup); if there is no page yet, take a
	 * zeroed frame (frame_alloc(FRAME_ZERO)), record it in a new struct
	 * cpage on its chain (bucket_of) and count it in c->resident.
	 * Set *pa to the frame's physical address.  -ENOMEM if a frame or a
	 * record cannot be had (leave nothing half-made).
	 * Checked by: lab3_zero_fill, lab3_no_leaks.
	 */
	(void)c;
	(void)offset;
	(void)pa;
	(void)comp_lookup;
	LAB_TODO(3, "comp_find_or_fill: find or zero-fill the page at an offset");
	return -ENOSYS;
#endif
}

static int comp_map_page(struct fcm *f, struct region *r, vaddr_t va, unsigned access)
{
	paddr_t pa;
	int e = comp_find_or_fill(to_comp(f), region_offset_of(r, va), &pa);

	return e ? e : fcm_enter(r, va, pa, access);
}

/* Free the pages of leaving's offsets that no other attached Region maps
 * (leaving NULL: every page).  The translations of the Regions that mapped
 * them are gone already (hat_update done), so the frames can be reused. */
static void comp_free_pages(struct fcm_comp *c, const struct region *leaving)
{
	for (unsigned i = 0; i < NBUCKETS; i++) {
		struct cpage **pp = &c->bucket[i];

		while (*pp) {
			struct cpage *p = *pp;

			if (leaving && (p->offset < leaving->offset ||
					p->offset - leaving->offset >=
					(uint64_t)(leaving->end - leaving->start) ||
					fcm_offset_mapped(&c->fcm, p->offset, leaving))) {
				pp = &p->next;
				continue;
			}
			*pp = p->next;
			frame_free(p->pg);
			kfree(p);
			c->resident--;
		}
	}
}

static void comp_release(struct fcm *f, struct region *r)
{
	comp_free_pages(to_comp(f), r);
}

static void comp_attach(struct fcm *f, struct region *r)
{
	fcm_link_region(f, r);
}

static bool comp_detach(struct fcm *f, struct region *r)
{
	fcm_unlink_region(f, r);
	if (f->regions)
		return false;
	comp_free_pages(to_comp(f), NULL);	/* NULL: every page */
	kfree(to_comp(f));
	return true;
}

static unsigned long comp_resident(const struct fcm *f, uint64_t off, uint64_t len)
{
	const struct fcm_comp *c = to_comp(f);
	unsigned long n = 0;

	for (unsigned i = 0; i < NBUCKETS; i++)
		for (const struct cpage *p = c->bucket[i]; p; p = p->next)
			n += p->offset >= off && p->offset - off < len;
	return n;
}

static const struct fcm_ops comp_fcm_ops = {
	.kind = "comp",
	.attach = comp_attach,
	.detach = comp_detach,
	.map_page = comp_map_page,
	.release = comp_release,
	.resident = comp_resident,
};

struct fcm *fcm_comp_create(struct fr *fr)
{
	struct fcm_comp *c = kzalloc(sizeof(*c));

	if (!c)
		return NULL;
	c->fcm.ops = &comp_fcm_ops;
	c->fcm.fr = fr;
	return &c->fcm;
}
