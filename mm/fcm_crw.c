/*
 * mm/fcm_crw.c - the FCMCRW: the pages of a copy-on-write copy of a base
 * FCM (mm/fr.h, fr_crw_create; K42 section 8, Spring section 9.5).
 *
 * A page the copy has not written is the base's frame, mapped read-only;
 * the first write copies it into the copy's own page set, which is also a
 * fork-tree leaf (mm/forktree.h), so a forked process's private file
 * mappings fork-copy like its anonymous memory.  The order a fault looks
 * in: the copy's own page, the fork tree's ancestors, the base.  (K42 had
 * copy-on-reference, which copies at the first read as well.)
 *
 * Locking: as the computational FCM (forktree_lock over its pages); the
 * base's find_page is called under it.
 */
#include "kern/errno.h"
#include "kern/lab.h"
#include "kern/printf.h"
#include "mm/fcm.h"
#include "mm/forktree.h"
#include "mm/fr.h"
#include "mm/frame.h"
#include "mm/hat.h"
#include "mm/kmalloc.h"
#include "mm/region.h"
#include "mm/vm.h"

struct fcm_crw {
	struct fcm_leaf l;		/* first: the FCM, its pages, its tree */
	struct region *base;		/* the FRCRW's adapter onto the base */
};

static struct fcm_crw *to_crw(const struct fcm *f)
{
	return (struct fcm_crw *)f;
}

static unsigned long crw_copies;	/* first writes that copied a base page */

/* Offset off of the copy is in no ancestor: go to the base.  A read maps
 * the base's frame read-only (*prot narrowed); a write copies it into the
 * copy's pages.  The frame to map in *pa. */
static int crw_from_base(struct fcm_crw *c, uint64_t off, unsigned access,
			 paddr_t *pa, unsigned *prot)
{
	struct fcm *base = c->base->fcm;
	paddr_t src;
	int e = base->ops->find_page(base, c->base, off, &src);

	if (e)
		return e;
#if SOLUTION(4)
	if (!(access & VM_ACCESS_WRITE)) {
		*prot &= ~HAT_PROT_WRITE;	/* the first write comes back */
		*pa = src;
		return 0;
	}
	struct page *copy = frame_alloc(0);

	if (!copy)
		return -ENOMEM;
	hat_copy_page(page_to_pa(copy), src);
	if (pageset_insert(&c->l.v.pages, copy, off)) {
		frame_free(copy);
		return -ENOMEM;
	}
	crw_copies++;
	*pa = page_to_pa(copy);
	return 0;
#else
	/*
	 * LAB 4: copy-on-write from the base.  src is the base's frame for
	 * off.  A read (no VM_ACCESS_WRITE in access) shares it: *pa = src,
	 * and clear HAT_PROT_WRITE from *prot so that the first write
	 * faults again.  A write copies it: a new frame (frame_alloc(0)),
	 * hat_copy_page(new, src), recorded in c->v.pages at off
	 * (pageset_insert; give the frame back if that fails), counted in
	 * crw_copies; *pa is the copy and *prot stays the Region's.
	 * Never write to src: it is the file's page, every process's.
	 * Checked by: lab4_crw_read_shares, lab4_crw_write_copies.
	 */
	(void)access;
	(void)pa;
	(void)prot;
	(void)crw_copies;
	LAB_TODO(4, "crw_from_base: share the base's page, or copy it");
	return -ENOSYS;
#endif
}

static int crw_map_page(struct fcm *f, struct region *r, vaddr_t va, unsigned access)
{
	struct fcm_crw *c = to_crw(f);
	uint64_t off = region_offset_of(r, va);
	unsigned prot = r->prot;
	unsigned long s = spin_lock_irqsave(&forktree_lock);
	struct page *pg = pageset_lookup(&c->l.v.pages, off);
	paddr_t pa = pg ? page_to_pa(pg) : 0;
	int e = 0;

	if (!pg) {
		e = fork_find(&c->l.v, off, access & VM_ACCESS_WRITE, &pg);
		if (e == FORK_SHARED)
			prot &= ~HAT_PROT_WRITE;
		if (e >= 0)
			pa = page_to_pa(pg);
		else if (e == -ENOENT)
			e = crw_from_base(c, off, access, &pa, &prot);
	}
	if (e >= 0) {
		/* A copied page may be executed: the I-cache must see it. */
		if ((prot & HAT_PROT_EXEC) && (prot & HAT_PROT_WRITE))
			hat_sync_icache(pa, PAGE_SIZE);
		e = fcm_enter(r, va, pa, prot, access);
	}
	spin_unlock_irqrestore(&forktree_lock, s);
	return e;
}

static void crw_describe(struct fcm *f, bool dot)
{
	struct region *a = to_crw(f)->base;

	fork_fcm_describe(f, dot);
	if (dot)
		kprintf("  base%p [shape=cylinder,label=\"FCM %s (base)\"];\n"
			"  fcm%p -> base%p [style=dotted,label=\"copy of off %#llx+%#lx\"];\n",
			(void *)a->fcm, a->fcm->ops->kind, (void *)f, (void *)a->fcm,
			(unsigned long long)a->offset, (unsigned long)(a->end - a->start));
	else
		kprintf("      copy of %s@%p offsets [%#llx, %#llx)\n", a->fcm->ops->kind,
			(void *)a->fcm, (unsigned long long)a->offset,
			(unsigned long long)(a->offset + (a->end - a->start)));
}

static const struct fcm_ops crw_fcm_ops = {
	.kind = "crw",
	.attach = fork_fcm_attach,
	.detach = fork_fcm_detach,
	.map_page = crw_map_page,
	.release = fork_fcm_release,
	.resident = fork_fcm_resident,
	.describe = crw_describe,
};

struct fcm *fcm_crw_create(struct fr *fr, struct region *base)
{
	struct fcm_crw *c = kzalloc(sizeof(*c));

	if (!c)
		return NULL;
	c->l.fcm.ops = &crw_fcm_ops;
	c->l.fcm.fr = fr;
	c->base = base;
	fork_leaf_init(&c->l.v, &c->l.fcm);
	return &c->l.fcm;
}

struct fcm *fcm_crw_fork(struct fcm *f, struct fr *child_fr, struct region *child_base)
{
	struct fcm *twin = fcm_crw_create(child_fr, child_base);

	if (twin && fork_fcm(f, &to_leaf(f)->v, &to_leaf(twin)->v)) {
		kfree(to_crw(twin));
		twin = NULL;
	}
	return twin;
}

unsigned long fcm_crw_copies(void)
{
	return crw_copies;
}
