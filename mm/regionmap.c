/*
 * mm/regionmap.c - the region map: an augmented AVL tree (mm/regionmap.h).
 *
 * The tree operations are recursive: the height is O(log n) (at most
 * 1.44 log2 n), so the recursion is shallow.  After any change below a
 * node, fix() recomputes its height and summary from its children, so
 * the summaries stay right through rotations for free.
 */
#include "kern/errno.h"
#include "kern/lab.h"
#include "kern/panic.h"
#include "mm/region.h"
#include "mm/regionmap.h"

#define L(r)	((r)->link.left)
#define R(r)	((r)->link.right)

void regionmap_init(struct regionmap *m)
{
	m->root = NULL;
	m->count = 0;
}

static int height(const struct region *r)
{
	return r ? r->link.height : 0;
}

/* Recompute r's height and subtree summary from its children. */
static void fix(struct region *r)
{
	struct region *l = L(r), *rt = R(r);
	vaddr_t gap = 0;

	r->link.height = 1 + MAX(height(l), height(rt));
	r->link.min_start = l ? l->link.min_start : r->start;
	r->link.max_end = rt ? rt->link.max_end : r->end;
	if (l)
		gap = MAX(l->link.max_gap, r->start - l->link.max_end);
	if (rt)
		gap = MAX(gap, MAX(rt->link.max_gap, rt->link.min_start - r->end));
	r->link.max_gap = gap;
}

static struct region *rotate_right(struct region *r)
{
	struct region *l = L(r);

	L(r) = R(l);
	R(l) = r;
	fix(r);
	fix(l);
	return l;
}

static struct region *rotate_left(struct region *r)
{
	struct region *rt = R(r);

	R(r) = L(rt);
	L(rt) = r;
	fix(r);
	fix(rt);
	return rt;
}

/* Restore the AVL balance at r after one of its subtrees changed height
 * by one; returns the subtree's new root. */
static struct region *rebalance(struct region *r)
{
	int bal;

	fix(r);
	bal = height(L(r)) - height(R(r));
	if (bal > 1) {
		if (height(L(L(r))) < height(R(L(r))))
			L(r) = rotate_left(L(r));
		return rotate_right(r);
	}
	if (bal < -1) {
		if (height(R(R(r))) < height(L(R(r))))
			R(r) = rotate_right(R(r));
		return rotate_left(r);
	}
	return r;
}

struct region *regionmap_next(const struct regionmap *m, vaddr_t va)
{
	struct region *r = m->root, *best = NULL;

	/* Regions are disjoint and sorted, so ends are sorted too. */
	while (r) {
		if (r->end > va) {
			best = r;
			r = L(r);
		} else {
			r = R(r);
		}
	}
	return best;
}

bool regionmap_range_free(const struct regionmap *m, vaddr_t start, vaddr_t end)
{
	struct region *r = regionmap_next(m, start);

	return !r || r->start >= end;
}

struct region *regionmap_lookup(const struct regionmap *m, vaddr_t va)
{
#if SOLUTION(3)
	struct region *r = m->root;

	while (r) {
		if (va < r->start)
			r = L(r);
		else if (va >= r->end)
			r = R(r);
		else
			return r;
	}
	return NULL;
#else
	/*
	 * LAB 3: find the Region with r->start <= va < r->end.  The tree is
	 * a binary search tree keyed by start (L(r), R(r) are the children)
	 * and Regions never overlap: descend from m->root, O(log n).
	 * Checked by: lab3_regionmap_lookup (and every other lab3 test).
	 */
	(void)m;
	(void)va;
	LAB_TODO(3, "regionmap_lookup: find the Region holding va");
	return NULL;
#endif
}

#if SOLUTION(3)
/* Insert r below node; returns the subtree's new root. */
static struct region *insert_at(struct region *node, struct region *r)
{
	if (!node)
		return r;
	if (r->start < node->start)
		L(node) = insert_at(L(node), r);
	else
		R(node) = insert_at(R(node), r);
	return rebalance(node);
}
#endif

int regionmap_insert(struct regionmap *m, struct region *r)
{
	if (!regionmap_range_free(m, r->start, r->end))
		return -EEXIST;
	L(r) = R(r) = NULL;
	fix(r);
#if SOLUTION(3)
	m->root = insert_at(m->root, r);
	m->count++;
	return 0;
#else
	/*
	 * LAB 3: insert r (a leaf now: fix(r) set its summary) into the AVL
	 * tree: descend by start as in a binary search tree, then on the way
	 * back up call rebalance() on every node of the path (it recomputes
	 * heights and the gap summaries and rotates where needed).  Count it
	 * in m->count.  Overlaps were refused above.
	 * Checked by: lab3_regionmap_lookup, lab3_free_range.
	 */
	LAB_TODO(3, "regionmap_insert: insert into the AVL tree");
	return -ENOSYS;
#endif
}

/* Unlink the lowest node of the subtree into *min; returns the new root. */
static struct region *remove_min(struct region *node, struct region **min)
{
	if (!L(node)) {
		*min = node;
		return R(node);
	}
	L(node) = remove_min(L(node), min);
	return rebalance(node);
}

static struct region *remove_at(struct region *node, struct region *r)
{
	struct region *succ;

	if (!node)
		panic("regionmap: removing a Region [%#lx, %#lx) not in the map",
		      (unsigned long)r->start, (unsigned long)r->end);
	if (r->start < node->start) {
		L(node) = remove_at(L(node), r);
	} else if (r->start > node->start) {
		R(node) = remove_at(R(node), r);
	} else {
		if (!R(node))
			return L(node);
		R(node) = remove_min(R(node), &succ);
		L(succ) = L(node);
		R(succ) = R(node);
		node = succ;
	}
	return rebalance(node);
}

void regionmap_remove(struct regionmap *m, struct region *r)
{
	m->root = remove_at(m->root, r);
	m->count--;
	L(r) = R(r) = NULL;
}

#if SOLUTION(3)
/* The lowest size-byte, align-aligned range inside the hole [lo, hi). */
static bool fits(vaddr_t lo, vaddr_t hi, vaddr_t size, vaddr_t align, vaddr_t *va)
{
	vaddr_t a = ROUNDUP(lo, align);

	if (a < lo || a >= hi || hi - a < size)
		return false;
	*va = a;
	return true;
}

/* Search node's subtree, which lies between the hole edges lo (the end of
 * the Region before it, or the range's start) and hi, lowest first. */
static bool find_in(const struct region *node, vaddr_t lo, vaddr_t hi,
		    vaddr_t size, vaddr_t align, vaddr_t *va)
{
	if (!node)
		return fits(lo, hi, size, align, va);
	if (node->link.min_start - lo < size && node->link.max_gap < size &&
	    hi - node->link.max_end < size)
		return false;		/* no hole here is big enough */
	return find_in(L(node), lo, node->start, size, align, va) ||
	       find_in(R(node), node->end, hi, size, align, va);
}
#endif

int regionmap_find_free(const struct regionmap *m, vaddr_t size, vaddr_t align,
			vaddr_t lo, vaddr_t hi, vaddr_t *va)
{
#if SOLUTION(3)
	const struct region *root = m->root;

	/* Regions outside [lo, hi) would break the hole arithmetic: the
	 * callers' maps only hold Regions inside the user range. */
	if (root && (root->link.min_start < lo || root->link.max_end > hi))
		panic("regionmap_find_free: Regions outside [%#lx, %#lx)",
		      (unsigned long)lo, (unsigned long)hi);
	return find_in(root, lo, hi, size, align, va) ? 0 : -ENOMEM;
#else
	/*
	 * LAB 3: find the lowest hole between Regions (or before the first /
	 * after the last, within [lo, hi)) that holds size bytes at an
	 * align-aligned address.  Every node's link.min_start, link.max_end
	 * and link.max_gap summarize its subtree: skip a subtree none of
	 * whose holes is big enough, to stay O(log n).
	 * Checked by: lab3_free_range.
	 */
	(void)m;
	(void)size;
	(void)align;
	(void)lo;
	(void)hi;
	(void)va;
	LAB_TODO(3, "regionmap_find_free: search the holes between Regions");
	return -ENOSYS;
#endif
}

/* Check the subtree below r against the bounds (lo, hi); its node count. */
static long check_at(const struct region *r, vaddr_t lo, vaddr_t hi)
{
	struct region copy;
	long nl, nr;

	if (!r)
		return 0;
	if (r->start >= r->end || r->start < lo || r->end > hi)
		return -1;
	nl = check_at(L(r), lo, r->start);
	nr = check_at(R(r), r->end, hi);
	if (nl < 0 || nr < 0)
		return -1;
	copy = *r;
	fix(&copy);
	if (copy.link.height != r->link.height || copy.link.max_gap != r->link.max_gap ||
	    copy.link.min_start != r->link.min_start || copy.link.max_end != r->link.max_end)
		return -1;
	if (height(L(r)) - height(R(r)) > 1 || height(R(r)) - height(L(r)) > 1)
		return -1;
	return nl + nr + 1;
}

bool regionmap_check(const struct regionmap *m)
{
	return check_at(m->root, 0, (vaddr_t)-1) == (long)m->count;
}
