/*
 * mm/fr_comp.c - the computational FR: the FR of anonymous memory.  It has
 * no file server behind it; it only runs the attach protocol for its
 * computational FCM, creating the FCM at the first attach.  When the
 * FCM's last Region detaches the FCM destroys itself (computational memory
 * is destroyed aggressively: nobody can reattach to pages no Region maps).
 */
#include "mm/fcm.h"
#include "mm/forktree.h"
#include "mm/fr.h"
#include "mm/kmalloc.h"

static struct fcm *comp_attach_region(struct fr *fr, struct region *r)
{
	if (!fr->fcm)
		fr->fcm = fcm_comp_create(fr);
	if (!fr->fcm)
		return NULL;
	fr->fcm->ops->attach(fr->fcm, r);
	fr_ref(fr);
	return fr->fcm;
}

static void comp_detach_region(struct fr *fr, struct region *r)
{
	if (fr->fcm->ops->detach(fr->fcm, r))
		fr->fcm = NULL;
	fr_unref(fr);
}

/* A private copy: the child gets a new FR over a twin of the FCM. */
static struct fr *comp_fork(struct fr *fr)
{
	struct fr *child = fr_comp_create();

	if (child && !(child->fcm = fcm_comp_fork(fr->fcm, child))) {
		fr_unref(child);
		child = NULL;
	}
	return child;
}

static void comp_destroy(struct fr *fr)
{
	/* The FCM went with its last Region, unless none ever attached (a
	 * fork that failed half-way). */
	if (fr->fcm)
		fork_fcm_destroy(fr->fcm);
	kfree(fr);
}

static const struct fr_ops comp_fr_ops = {
	.kind = "comp",
	.attach_region = comp_attach_region,
	.detach_region = comp_detach_region,
	.fork = comp_fork,
	.destroy = comp_destroy,
};

struct fr *fr_comp_create(void)
{
	struct fr *fr = kzalloc(sizeof(*fr));

	if (!fr)
		return NULL;
	fr->ops = &comp_fr_ops;
	fr->refs = 1;
	return fr;
}
