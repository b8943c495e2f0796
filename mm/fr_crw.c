/*
 * mm/fr_crw.c - the FRCRW: the FR of a private copy of part of another
 * FR, the base (mm/fr.h, K42 section 8).  It attaches to the base through
 * an adapter Region (mm/region.h), so the base knows its offsets are in
 * use and stays alive as long as the copy does.  Its FCM, the FCMCRW
 * (mm/fcm_crw.c), is made at the first attach and dies with its last
 * Region, like computational memory: a private copy nobody maps is lost.
 */
#include "kern/errno.h"
#include "mm/fcm.h"
#include "mm/forktree.h"
#include "mm/fr.h"
#include "mm/kmalloc.h"
#include "mm/region.h"

struct fr_crw {
	struct fr fr;			/* first: the generic part */
	struct region *base;		/* adapter Region attached to the base FR */
};

static struct fr_crw *to_crw(struct fr *fr)
{
	return (struct fr_crw *)fr;
}

static struct fcm *crw_attach_region(struct fr *fr, struct region *r)
{
	if (!fr->fcm)
		fr->fcm = fcm_crw_create(fr, to_crw(fr)->base);
	if (!fr->fcm)
		return NULL;
	fr->fcm->ops->attach(fr->fcm, r);
	fr_ref(fr);
	return fr->fcm;
}

static void crw_detach_region(struct fr *fr, struct region *r)
{
	if (fr->fcm->ops->detach(fr->fcm, r))
		fr->fcm = NULL;
	fr_unref(fr);
}

/* The child's copy: a new FRCRW over the same base range, whose FCM is a
 * fork-tree twin of this one's. */
static struct fr *crw_fork(struct fr *fr)
{
	struct region *a = to_crw(fr)->base;
	struct fr *child;

	if (fr_crw_create(a->fr, a->offset, a->end - a->start, &child))
		return NULL;
	child->fcm = fcm_crw_fork(fr->fcm, child, to_crw(child)->base);
	if (!child->fcm) {
		fr_unref(child);
		return NULL;
	}
	return child;
}

static void crw_destroy(struct fr *fr)
{
	if (fr->fcm)
		fork_fcm_destroy(fr->fcm);	/* no Region ever attached */
	region_free(to_crw(fr)->base);		/* lets go of the base FR */
	kfree(to_crw(fr));
}

static const struct fr_ops crw_fr_ops = {
	.kind = "crw",
	.attach_region = crw_attach_region,
	.detach_region = crw_detach_region,
	.fork = crw_fork,
	.destroy = crw_destroy,
};

int fr_crw_create(struct fr *base, uint64_t offset, uint64_t len, struct fr **frp)
{
	struct fr_crw *c = kzalloc(sizeof(*c));

	if (!c)
		return -ENOMEM;
	c->base = region_adapter_create(base, offset, len);
	if (!c->base) {
		kfree(c);
		return -ENOMEM;
	}
	if (!c->base->fcm->ops->find_page) {
		region_free(c->base);
		kfree(c);
		return -ENODEV;
	}
	c->fr.ops = &crw_fr_ops;
	c->fr.refs = 1;
	*frp = &c->fr;
	return 0;
}
