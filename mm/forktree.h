/*
 * mm/forktree.h - fork-copy trees: how fork copies computational memory
 * without copying a page (K42 section 7.2; docs/vm.md, "Fork").
 *
 * Every FCM whose memory is private to one address space (computational
 * memory, mm/fcm_comp.c; copy-on-write copies, mm/fcm_crw.c) is a leaf of
 * a fork tree: a vertex holding a page set.  Forking such an FCM stops and
 * unmaps its Regions, then makes a parent node that takes every page the
 * FCM had, with two empty leaves under it: the FCM itself (the forking
 * process keeps its Regions) and a twin for the child process.  Nothing
 * is copied and nothing is mapped; the cost does not depend on how much
 * memory the process touched.
 *
 * A fault in a leaf that holds no page for the offset searches up the
 * tree.  A read shares the nearest ancestor's page read-only.  A write
 * gets a page of the leaf's own: a copy, or the ancestor's frame itself
 * when no other leaf can still see it (every other branch holds its own
 * page for that offset).  Nodes never have Regions attached and only give
 * pages to their descendants.
 *
 * Collapse keeps the tree bounded: a node left with one child (the other
 * leaf's process exited or exec'd) is merged into that child, and a node
 * left with no pages is dissolved (its children move up).  So a tree
 * never has more nodes than leaves, whatever the forks and exits did.
 *
 * Locking: one lock, forktree_lock, covers every tree: the nodes, and the
 * page sets of leaves in a tree, because a fault in one process reads its
 * relatives' page sets.  It is taken inside the Process lock of the
 * faulting (or forking, or exiting) process, and held across hat_enter so
 * that a page cannot be taken away between finding and mapping it.
 * Every function here expects it held unless it says otherwise.
 */
#ifndef MM_FORKTREE_H
#define MM_FORKTREE_H

#include "kern/spinlock.h"
#include "kern/types.h"
#include "mm/pageset.h"

struct fcm;
struct region;

struct fork_vertex {
	struct pageset pages;		/* the pages this vertex holds */
	struct fork_vertex *up;		/* the parent node; NULL: a root */
	struct fork_vertex *kids;	/* a node's children (two or more) */
	struct fork_vertex *sibling;	/* the next child of up */
	struct fcm *leaf;		/* a leaf's FCM; NULL for a node */
};

extern struct spinlock forktree_lock;

/* The start of every FCM kind that is a fork-tree leaf (computational,
 * copy-on-write): the generic FCM, then its vertex.  The fork_fcm_*
 * functions below are those kinds' fcm_ops for what they do alike. */
struct fcm_leaf {
	struct fcm fcm;
	struct fork_vertex v;
};

static inline struct fcm_leaf *to_leaf(const struct fcm *f)
{
	return (struct fcm_leaf *)f;
}

/* fcm_ops for leaf kinds: attach records the Region; detach forgets it
 * and destroys the FCM with its last Region (private memory nobody maps
 * is lost); release frees the pages only r mapped (fork_leaf_release);
 * resident counts the leaf's own pages; describe prints its ancestors. */
void fork_fcm_attach(struct fcm *f, struct region *r);
bool fork_fcm_detach(struct fcm *f, struct region *r);
void fork_fcm_release(struct fcm *f, struct region *r);
unsigned long fork_fcm_resident(const struct fcm *f, uint64_t off, uint64_t len);
void fork_fcm_describe(struct fcm *f, bool dot);

/* Free leaf FCM f (kmalloc'd, struct fcm_leaf first), with no Region
 * attached: its pages, its place in the tree (fork_leaf_destroy). */
void fork_fcm_destroy(struct fcm *f);

/* Make v an empty leaf, alone in its own tree, of FCM f. */
void fork_leaf_init(struct fork_vertex *v, struct fcm *f);

/*
 * Fork FCM f, whose tree leaf is leaf: stop its Regions, wait out their
 * faults and remove their translations (region_quiesce), then give every
 * page the leaf holds to a new parent node with leaf and twin (an empty
 * leaf of the child's FCM, fork_leaf_init'ed) as its children, and let
 * the Regions fault again.  Called with the Process lock of f's Regions
 * held (f is private to that Process); takes forktree_lock itself.
 * 0, or -ENOMEM (no node: nothing changed, the Regions are only unmapped).
 */
int fork_fcm(struct fcm *f, struct fork_vertex *leaf, struct fork_vertex *twin);

/* fork_find's results besides errors. */
#define FORK_OWN	0	/* *pgp is the leaf's own page now */
#define FORK_SHARED	1	/* *pgp is an ancestor's: map it read-only */

/*
 * The tree's part of a fault at offset off of leaf, which holds no page
 * for it: search the ancestors.  FORK_SHARED for a read that found one;
 * FORK_OWN for a write that found one, which was copied into the leaf or
 * taken by it; -ENOENT if no ancestor holds off (the leaf's kind fills
 * the page: zeros, or the base of a copy-on-write FCM); -ENOMEM.
 */
int fork_find(struct fork_vertex *leaf, uint64_t off, bool write, struct page **pgp);

/* Free the pages of leaf (an FCM's) for offsets r maps and no other
 * Region attached to the FCM maps: r is going (unmap).  Takes
 * forktree_lock itself. */
void fork_leaf_release(struct fork_vertex *leaf, const struct region *r);

/* The FCM of leaf is going (its last Region detached, their translations
 * gone): free its pages, take it out of its tree and collapse what it
 * leaves behind.  Takes forktree_lock itself. */
void fork_leaf_destroy(struct fork_vertex *leaf);

/* Pages leaf holds for [off, off + len).  Takes forktree_lock itself. */
unsigned long fork_leaf_resident(struct fork_vertex *leaf, uint64_t off, uint64_t len);

/* Print leaf's ancestors (one line, or Graphviz edges from the FCM node
 * named fcm<address>) for the regions viewer.  Takes forktree_lock. */
void fork_print_ancestry(struct fork_vertex *leaf, bool dot);

/* Counters for memstats and the tests. */
struct fork_stats {
	unsigned long nodes;		/* parent nodes that exist now */
	unsigned long collapses;	/* nodes merged or dissolved, ever */
	unsigned long copies;		/* write faults that copied a page */
	unsigned long takes;		/* write faults that took the frame */
};
void fork_get_stats(struct fork_stats *st);

#endif
