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

struct fcm_comp {
	struct fcm fcm;			/* first: the generic part */
	struct fork_vertex v;		/* its pages, and its place in a fork tree */
};

static struct fcm_comp *to_comp(const struct fcm *f)
{
	return (struct fcm_comp *)f;
}

/* First touch of offset: a zeroed frame recorded in c's pages. */
static int comp_zero_fill(struct fcm_comp *c, uint64_t offset, struct page **pgp)
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
	struct fcm_comp *c = to_comp(f);
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

static void comp_release(struct fcm *f, struct region *r)
{
	fork_leaf_release(&to_comp(f)->v, r);
}

static void comp_attach(struct fcm *f, struct region *r)
{
	fcm_link_region(f, r);
}

void fcm_comp_destroy(struct fcm *f)
{
	fork_leaf_destroy(&to_comp(f)->v);
	kfree(to_comp(f));
}

/* Computational memory dies with its last Region: nobody can reattach. */
static bool comp_detach(struct fcm *f, struct region *r)
{
	fcm_unlink_region(f, r);
	if (f->regions)
		return false;
	fcm_comp_destroy(f);
	return true;
}

static unsigned long comp_resident(const struct fcm *f, uint64_t off, uint64_t len)
{
	return fork_leaf_resident(&to_comp(f)->v, off, len);
}

static void comp_describe(struct fcm *f, bool dot)
{
	fork_print_ancestry(&to_comp(f)->v, dot);
}

static const struct fcm_ops comp_fcm_ops = {
	.kind = "comp",
	.attach = comp_attach,
	.detach = comp_detach,
	.map_page = comp_map_page,
	.release = comp_release,
	.resident = comp_resident,
	.describe = comp_describe,
};

struct fcm *fcm_comp_create(struct fr *fr)
{
	struct fcm_comp *c = kzalloc(sizeof(*c));

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

	if (twin && fork_fcm(f, &to_comp(f)->v, &to_comp(twin)->v)) {
		kfree(to_comp(twin));
		twin = NULL;
	}
	return twin;
}
