/*
 * mm/fcm_comp.c - the computational FCM: anonymous memory.  A page is
 * zero-filled on first touch and kept until no Region maps its offset.
 *
 * Its pages are a page set (mm/pageset.h) that is also its leaf of a fork
 * tree (mm/forktree.h): after a fork, an offset the FCM does not hold may
 * be held by an ancestor, which shares it (read) or gives a copy of it
 * (write) before zero-fill is considered.  K42 section 7.
 */
#include "kern/errno.h"
#include "kern/lab.h"
#include "mm/fcm.h"
#include "mm/forktree.h"
#include "mm/frame.h"
#include "mm/hat.h"
#include "mm/kmalloc.h"
#include "mm/region.h"
#include "mm/vm.h"

/* A computational FCM is a fork-tree leaf and nothing more: struct
 * fcm_leaf (mm/forktree.h), its pages and its place in a tree. */

/* First touch of offset: a zeroed frame recorded in c's pages. */
static int comp_zero_fill(struct fcm_leaf *c, uint64_t offset, struct page **pgp)
{
#if SOLUTION(3)
	struct page *pg = frame_alloc(FRAME_ZERO);

	if (!pg)
		return -ENOMEM;
	if (pageset_insert(&c->v.pages, pg, offset)) {
		frame_free(pg);
		return -ENOMEM;
	}
	*pgp = pg;
	return 0;
#else
	/*
	 * LAB 3: first touch of anonymous memory.  Take a zeroed frame
	 * (frame_alloc(FRAME_ZERO)), record it in the FCM's page set as
	 * holding offset (pageset_insert(&c->v.pages, ...)) and set *pgp to
	 * it.  -ENOMEM if there is no frame, or if the page set cannot record
	 * it (then give the frame back: leave nothing half-made).
	 * Checked by: lab3_zero_fill, lab3_no_leaks.
	 */
	(void)c;
	(void)offset;
	(void)pgp;
	LAB_TODO(3, "comp_zero_fill: zero-fill the page at an offset");
	return -ENOSYS;
#endif
}

/* Own page, else an ancestor's (fork tree), else zero-fill. */
static int comp_map_page(struct fcm *f, struct region *r, vaddr_t va, unsigned access)
{
	struct fcm_leaf *c = to_leaf(f);
	uint64_t off = region_offset_of(r, va);
	unsigned prot = r->prot;
	unsigned long s = spin_lock_irqsave(&forktree_lock);
	struct page *pg = pageset_lookup(&c->v.pages, off);
	int e = 0;

	if (!pg) {
		e = fork_find(&c->v, off, access & VM_ACCESS_WRITE, &pg);
		if (e == -ENOENT)
			e = comp_zero_fill(c, off, &pg);
		if (e == FORK_SHARED) {
			prot &= ~HAT_PROT_WRITE;	/* the first write copies */
			e = 0;
		}
	}
	if (!e)
		e = fcm_enter(r, va, page_to_pa(pg), prot, access);
	spin_unlock_irqrestore(&forktree_lock, s);
	return e;
}

static const struct fcm_ops comp_fcm_ops = {
	.kind = "comp",
	.attach = fork_fcm_attach,
	.detach = fork_fcm_detach,
	.map_page = comp_map_page,
	.release = fork_fcm_release,
	.resident = fork_fcm_resident,
	.describe = fork_fcm_describe,
};

struct fcm *fcm_comp_create(struct fr *fr)
{
	struct fcm_leaf *c = kzalloc(sizeof(*c));

	if (!c)
		return NULL;
	c->fcm.ops = &comp_fcm_ops;
	c->fcm.fr = fr;
	fork_leaf_init(&c->v, &c->fcm);
	return &c->fcm;
}

struct fcm *fcm_comp_fork(struct fcm *f, struct fr *child_fr)
{
	struct fcm *twin = fcm_comp_create(child_fr);

	if (twin && fork_fcm(f, &to_leaf(f)->v, &to_leaf(twin)->v)) {
		kfree(to_leaf(twin));
		twin = NULL;
	}
	return twin;
}
