/*
 * mm/forktree.c - fork-copy trees (mm/forktree.h).  Lab 4 writes the
 * search, the copy-or-take decision and the collapse.
 */
#include "kern/errno.h"
#include "kern/lab.h"
#include "kern/panic.h"
#include "kern/printf.h"
#include "mm/fcm.h"
#include "mm/forktree.h"
#include "mm/frame.h"
#include "mm/hat.h"
#include "mm/kmalloc.h"
#include "mm/process.h"
#include "mm/region.h"

struct spinlock forktree_lock = SPINLOCK_INIT("fork trees");
static struct fork_stats stats;

void fork_leaf_init(struct fork_vertex *v, struct fcm *f)
{
	pageset_init(&v->pages);
	v->up = v->kids = v->sibling = NULL;
	v->leaf = f;
}

/* Hang v under node n. */
static void adopt(struct fork_vertex *n, struct fork_vertex *v)
{
	v->up = n;
	v->sibling = n->kids;
	n->kids = v;
}

/* Take v off its parent's list of children (v->up stays set). */
static void unlink_kid(struct fork_vertex *v)
{
	struct fork_vertex **pp = &v->up->kids;

	while (*pp != v)
		pp = &(*pp)->sibling;
	*pp = v->sibling;
	v->sibling = NULL;
}

/* Put new where old is in old's parent (if any): same parent, same place. */
static void replace_kid(struct fork_vertex *old, struct fork_vertex *new)
{
	new->up = old->up;
	if (old->up) {
		unlink_kid(old);
		adopt(new->up, new);
	}
}

/* Split leaf: a new node takes its pages, leaf and twin hang under it.
 * A leaf holding nothing needs no node: twin becomes its sibling. */
static int split(struct fork_vertex *leaf, struct fork_vertex *twin)
{
	struct fork_vertex *n;

	if (!leaf->pages.count) {
		if (leaf->up)
			adopt(leaf->up, twin);
		return 0;
	}
	n = kzalloc(sizeof(*n));
	if (!n)
		return -ENOMEM;
	pageset_swap(&n->pages, &leaf->pages);
	replace_kid(leaf, n);
	adopt(n, leaf);
	adopt(n, twin);
	stats.nodes++;
	return 0;
}

int fork_fcm(struct fcm *f, struct fork_vertex *leaf, struct fork_vertex *twin)
{
	unsigned long s;
	int e;

	for (struct region *r = f->regions; r; r = r->fcm_next)
		region_quiesce(r);
	s = spin_lock_irqsave(&forktree_lock);
	e = split(leaf, twin);
	spin_unlock_irqrestore(&forktree_lock, s);
	for (struct region *r = f->regions; r; r = r->fcm_next)
		region_resume(r);
	return e;
}

/* The nearest ancestor of leaf holding a page for off: the page, and the
 * node in *holder; NULL if none does. */
static struct page *search_up(struct fork_vertex *leaf, uint64_t off,
			      struct fork_vertex **holder)
{
#if SOLUTION(4)
	for (struct fork_vertex *n = leaf->up; n; n = n->up) {
		struct page *pg = pageset_lookup(&n->pages, off);

		if (pg) {
			*holder = n;
			return pg;
		}
	}
	return NULL;
#else
	/*
	 * LAB 4: the fork tree's search.  Walk from leaf->up to the root
	 * (n->up is NULL there) and return the first page found for off in
	 * a node's page set (pageset_lookup), setting *holder to that node.
	 * The nearest one wins: it is the newest version of the page.
	 * NULL if no ancestor holds off.
	 * Checked by: lab4_fork_read_shares, lab4_fork_isolation.
	 */
	(void)leaf;
	(void)off;
	(void)holder;
	LAB_TODO(4, "search_up: find the nearest ancestor's page");
	return NULL;
#endif
}

/* Can v, or any leaf below it, see the page its ancestors hold for off
 * (nothing on the way down holds its own)? */
static bool sees(const struct fork_vertex *v, uint64_t off)
{
	if (pageset_lookup(&v->pages, off))
		return false;
	if (v->leaf)
		return true;
	for (const struct fork_vertex *k = v->kids; k; k = k->sibling)
		if (sees(k, off))
			return true;
	return false;
}

/* Can a leaf other than leaf see holder's page for off?  Every branch
 * that leaves the path from leaf up to holder is asked. */
static bool others_see(const struct fork_vertex *leaf, const struct fork_vertex *holder,
		       uint64_t off)
{
	for (const struct fork_vertex *v = leaf; v != holder; v = v->up)
		for (const struct fork_vertex *k = v->up->kids; k; k = k->sibling)
			if (k != v && sees(k, off))
				return true;
	return false;
}

static void dissolve(struct fork_vertex *n);

/* leaf writes off, held by holder as pg: give leaf a page of its own. */
static int copy_or_take(struct fork_vertex *leaf, struct fork_vertex *holder,
			struct page *pg, uint64_t off, struct page **pgp)
{
#if SOLUTION(4)
	struct page *copy;

	if (others_see(leaf, holder, off)) {
		copy = frame_alloc(0);
		if (!copy)
			return -ENOMEM;
		hat_copy_page(page_to_pa(copy), page_to_pa(pg));
		if (pageset_insert(&leaf->pages, copy, off)) {
			frame_free(copy);
			return -ENOMEM;
		}
		stats.copies++;
		*pgp = copy;
		return FORK_OWN;
	}
	/* Nobody else can see it: move the frame, no copy. */
	pageset_remove(&holder->pages, off);
	if (pageset_insert(&leaf->pages, pg, off)) {
		pageset_insert(&holder->pages, pg, off);	/* has buckets: cannot fail */
		return -ENOMEM;
	}
	stats.takes++;
	if (!holder->pages.count)
		dissolve(holder);
	*pgp = pg;
	return FORK_OWN;
#else
	/*
	 * LAB 4: a write to a page an ancestor (holder) holds.  If another
	 * leaf can still see holder's page (others_see), the writer gets a
	 * copy: a new frame (frame_alloc(0)), hat_copy_page into it,
	 * recorded in leaf->pages (pageset_insert; free the frame if that
	 * fails) and counted in stats.copies.  If no other leaf can see it,
	 * the writer takes the frame itself: pageset_remove it from holder,
	 * pageset_insert it into leaf, count stats.takes, and if holder is
	 * left with no pages, dissolve it.  Set *pgp to the leaf's page and
	 * return FORK_OWN, or -ENOMEM with nothing lost.
	 * Checked by: lab4_fork_isolation, lab4_fork_take, lab4_fork_deep.
	 */
	(void)leaf;
	(void)holder;
	(void)pg;
	(void)off;
	(void)pgp;
	(void)others_see;
	(void)dissolve;
	LAB_TODO(4, "copy_or_take: copy an ancestor's page, or take it");
	return -ENOSYS;
#endif
}

int fork_find(struct fork_vertex *leaf, uint64_t off, bool write, struct page **pgp)
{
	struct fork_vertex *holder = NULL;
	struct page *pg = search_up(leaf, off, &holder);

	if (!pg)
		return -ENOENT;
	if (!write) {
		*pgp = pg;
		return FORK_SHARED;
	}
	return copy_or_take(leaf, holder, pg, off, pgp);
}

/* Remove node n from its tree and free it (it holds no pages). */
static void free_node(struct fork_vertex *n)
{
	pageset_free_all(&n->pages);	/* only the bucket array is left */
	kfree(n);
	stats.nodes--;
	stats.collapses++;
}

/* Node n holds no pages any more: its children move up to its parent (or
 * become roots of trees of their own) and n goes. */
static void dissolve(struct fork_vertex *n)
{
	struct fork_vertex *up = n->up;

	if (up)
		unlink_kid(n);
	while (n->kids) {
		struct fork_vertex *k = n->kids;

		n->kids = k->sibling;
		k->sibling = NULL;
		k->up = NULL;
		if (up)
			adopt(up, k);
	}
	free_node(n);
}

/* Move every page of from into to, which has buckets.  Where both hold
 * an offset, the newer page wins (from's if from_newer, else to's) and
 * the other is freed: nobody can see it any more. */
static void merge_pages(struct pageset *to, struct pageset *from, bool from_newer)
{
	struct page *pg, *old;

	while ((pg = pageset_pop(from)) != NULL) {
		old = pageset_lookup(to, pg->offset);
		if (old && !from_newer) {
			frame_free(pg);
			continue;
		}
		if (old)
			frame_free(pageset_remove(to, pg->offset));
		pageset_insert(to, pg, pg->offset);
	}
}

/* Node n has one child left, only: fold n into it. */
static void collapse(struct fork_vertex *n)
{
	struct fork_vertex *only = n->kids;

#if SOLUTION(4)
	/* The child's pages win (they are newer).  Moving the smaller set
	 * into the larger keeps this O(smaller). */
	if (only->pages.count <= n->pages.count) {
		merge_pages(&n->pages, &only->pages, true);
		pageset_swap(&n->pages, &only->pages);
	} else {
		merge_pages(&only->pages, &n->pages, false);
	}
	n->kids = NULL;
	replace_kid(n, only);
	free_node(n);
#else
	/*
	 * LAB 4: collapse.  n's only child (only) must end up holding n's
	 * pages as well as its own, its own winning where both hold an
	 * offset (the shadowed page of n is freed: nobody can see it, while
	 * only's may be mapped).  Move the smaller set into the larger, so
	 * that a collapse after a fork of a big process costs what the
	 * child touched, not what the parent had: merge_pages(to, from,
	 * from_newer) moves from's pages into to, and where both hold an
	 * offset keeps the newer (only's) page.  If only's set is the
	 * smaller, move it into n's set, then pageset_swap (O(1)) the result
	 * into only; else move n's set into only's.  Then only takes
	 * n's place in the tree (replace_kid, after emptying n->kids) and n
	 * is freed (free_node).
	 * Checked by: lab4_collapse, lab4_fork_deep, lab4_no_leaks.
	 */
	(void)only;
	(void)merge_pages;
	LAB_TODO(4, "collapse: fold a node into its only child");
#endif
}

void fork_leaf_destroy(struct fork_vertex *leaf)
{
	unsigned long s = spin_lock_irqsave(&forktree_lock);
	struct fork_vertex *n = leaf->up;

	pageset_free_all(&leaf->pages);
	if (n) {
		unlink_kid(leaf);
		leaf->up = NULL;
		if (n->kids && !n->kids->sibling)
			collapse(n);
	}
	spin_unlock_irqrestore(&forktree_lock, s);
}

/* pageset_filter's test for fork_leaf_release: keep the pages outside
 * the leaving Region, or that another Region maps. */
static bool keep_unless_released(struct page *pg, void *arg)
{
	const struct region *r = arg;

	if (pg->offset < r->offset || pg->offset - r->offset >= (uint64_t)(r->end - r->start) ||
	    fcm_offset_mapped(r->fcm, pg->offset, r))
		return true;
	frame_free(pg);
	return false;
}

void fork_leaf_release(struct fork_vertex *leaf, const struct region *r)
{
	unsigned long s = spin_lock_irqsave(&forktree_lock);

	pageset_filter(&leaf->pages, keep_unless_released, (void *)r);
	spin_unlock_irqrestore(&forktree_lock, s);
}

unsigned long fork_leaf_resident(struct fork_vertex *leaf, uint64_t off, uint64_t len)
{
	unsigned long s = spin_lock_irqsave(&forktree_lock);
	unsigned long n = pageset_count_range(&leaf->pages, off, len);

	spin_unlock_irqrestore(&forktree_lock, s);
	return n;
}

static unsigned count_kids(const struct fork_vertex *n)
{
	unsigned k = 0;

	for (const struct fork_vertex *v = n->kids; v; v = v->sibling)
		k++;
	return k;
}

/* The process whose FCM leaf v is (its first Region's), for labels.  Read
 * without that process's lock: one CPU, interrupts off. */
static const struct process *leaf_owner(const struct fork_vertex *v)
{
	const struct region *r = v->leaf->regions;

	return r && r->proc ? r->proc : NULL;
}

/* Graphviz: node n, and its children other than on_path (declared with
 * their owner or page count) pointing at it. */
static void dot_node(const struct fork_vertex *n, const struct fork_vertex *on_path)
{
	kprintf("  fork%p [shape=cylinder,style=dashed,label=\"fork node\\n%lu page(s)\"];\n",
		(const void *)n, n->pages.count);
	for (const struct fork_vertex *k = n->kids; k; k = k->sibling) {
		if (k == on_path)
			continue;
		if (k->leaf) {
			const struct process *o = leaf_owner(k);

			kprintf("  fcm%p [shape=cylinder,label=\"FCM %s\\nof %s[%d]\"];\n",
				(const void *)k->leaf, k->leaf->ops->kind, o ? o->name : "?",
				o ? o->pid : 0);
			kprintf("  fcm%p -> fork%p [style=dashed];\n", (const void *)k->leaf,
				(const void *)n);
		} else {
			kprintf("  fork%p [shape=cylinder,style=dashed,label=\"fork node\\n"
				"%lu page(s)\"];\n  fork%p -> fork%p [style=dashed];\n",
				(const void *)k, k->pages.count, (const void *)k, (const void *)n);
		}
	}
}

void fork_print_ancestry(struct fork_vertex *leaf, bool dot)
{
	unsigned long s = spin_lock_irqsave(&forktree_lock);
	const struct fork_vertex *below = leaf;

	for (const struct fork_vertex *n = leaf->up; n; below = n, n = n->up) {
		if (!dot) {
			kprintf("      <- fork node@%p: %lu page(s), %u children\n",
				(const void *)n, n->pages.count, count_kids(n));
			continue;
		}
		dot_node(n, below);
		if (below == leaf)
			kprintf("  fcm%p -> fork%p [style=dashed,label=\"parent\"];\n",
				(const void *)leaf->leaf, (const void *)n);
		else
			kprintf("  fork%p -> fork%p [style=dashed];\n", (const void *)below,
				(const void *)n);
	}
	spin_unlock_irqrestore(&forktree_lock, s);
}

void fork_fcm_attach(struct fcm *f, struct region *r)
{
	fcm_link_region(f, r);
}

void fork_fcm_destroy(struct fcm *f)
{
	fork_leaf_destroy(&to_leaf(f)->v);
	kfree(to_leaf(f));
}

bool fork_fcm_detach(struct fcm *f, struct region *r)
{
	fcm_unlink_region(f, r);
	if (f->regions)
		return false;
	fork_fcm_destroy(f);
	return true;
}

void fork_fcm_release(struct fcm *f, struct region *r)
{
	fork_leaf_release(&to_leaf(f)->v, r);
}

unsigned long fork_fcm_resident(const struct fcm *f, uint64_t off, uint64_t len)
{
	return fork_leaf_resident(&to_leaf(f)->v, off, len);
}

void fork_fcm_describe(struct fcm *f, bool dot)
{
	fork_print_ancestry(&to_leaf(f)->v, dot);
}

void fork_get_stats(struct fork_stats *st)
{
	unsigned long s = spin_lock_irqsave(&forktree_lock);

	*st = stats;
	spin_unlock_irqrestore(&forktree_lock, s);
}
