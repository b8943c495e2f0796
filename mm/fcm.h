/*
 * mm/fcm.h - FCMs (file cache managers): the page frames that hold a
 * memory object's content, mapped through the HAT for the Regions attached
 * to them.  K42's FCM, Spring's cache object (docs/vm.md).
 *
 * Every kind embeds struct fcm first and provides fcm_ops; the generic
 * part here keeps the list of attached Regions (a Region is attached to
 * one FCM, through an FR) and maps pages into a Region's address space.
 * Adding a kind is one file: its ops, its page store, its constructor.
 *
 * Offsets are byte offsets into the memory object, page-aligned.
 * Callers hold the lock of the Process owning the Region involved.
 */
#ifndef MM_FCM_H
#define MM_FCM_H

#include "kern/types.h"

struct fcm;
struct fr;
struct region;

struct fcm_ops {
	const char *kind;
	/* Record / forget r as attached (r->fcm is this FCM).  detach
	 * returns true if the FCM destroyed itself (it may when its last
	 * Region goes: computational memory does). */
	void (*attach)(struct fcm *f, struct region *r);
	bool (*detach)(struct fcm *f, struct region *r);
	/* Fault: find (or create) the page backing va in r, page-aligned
	 * and allowed by r's protection, and map it in r's address space.
	 * 0, or a negative errno (-ENOMEM). */
	int (*map_page)(struct fcm *f, struct region *r, vaddr_t va, unsigned access);
	/* r is about to go (its translations are removed): the FCM may free
	 * the pages of r's offsets that no other attached Region maps. */
	void (*release)(struct fcm *f, struct region *r);
	/* Pages held for offsets [off, off + len) (monitor, tests). */
	unsigned long (*resident)(const struct fcm *f, uint64_t off, uint64_t len);
	/* Optional: the frame holding offset off, without mapping it, for a
	 * copy-on-write FCM layered on this one through its adapter Region
	 * r (mm/fcm_crw.c).  0 and *pa, -EFAULT (past the end), -ENOMEM.
	 * Kinds without it cannot be the base of a private mapping. */
	int (*find_page)(struct fcm *f, struct region *r, uint64_t off, paddr_t *pa);
	/* Optional: print what lies behind the FCM (its fork-tree ancestors,
	 * its base) for the regions viewer, as text lines or Graphviz. */
	void (*describe)(struct fcm *f, bool dot);
};

struct fcm {
	const struct fcm_ops *ops;
	struct fr *fr;			/* the FR it caches for */
	struct region *regions;		/* attached, linked by fcm_next */
};

/* The generic part, for kinds to use. */
void fcm_link_region(struct fcm *f, struct region *r);
void fcm_unlink_region(struct fcm *f, struct region *r);

/* True if a Region attached to f other than except maps offset off. */
bool fcm_offset_mapped(const struct fcm *f, uint64_t off, const struct region *except);

/* Map va in r's address space onto the frame at pa with protection prot
 * (r's, or narrower: a page shared copy-on-write is entered without
 * write), the faulting access preset (VM_ACCESS_*); a replaced mapping is
 * flushed (hat_update).  0 or -ENOMEM. */
int fcm_enter(struct region *r, vaddr_t va, paddr_t pa, unsigned prot, unsigned access);

/* A computational FCM (anonymous memory) for fr; NULL if out of memory.
 * fcm_comp_fork forks f (mm/forktree.h) and returns the child's FCM, for
 * child_fr, or NULL (out of memory; f unchanged but unmapped).  One no
 * Region is attached to is freed with fork_fcm_destroy (mm/forktree.h). */
struct fcm *fcm_comp_create(struct fr *fr);
struct fcm *fcm_comp_fork(struct fcm *f, struct fr *child_fr);

/* A copy-on-write FCM for the FRCRW fr, over the base FCM reached through
 * the adapter Region base (mm/fcm_crw.c), with its fork and destroy as for
 * the computational FCM (child_base: the child FRCRW's adapter). */
struct fcm *fcm_crw_create(struct fr *fr, struct region *base);
struct fcm *fcm_crw_fork(struct fcm *f, struct fr *child_fr, struct region *child_base);

/* First writes that copied a base page, ever (memstats). */
unsigned long fcm_crw_copies(void);

/* The boot-image FCM of file for fr (mm/fr_bootimage.c): it maps the
 * file's pages straight from the image's reserved frames, never copies and
 * never frees them; a page past the end of the file is refused (-EFAULT),
 * and so is any Region with write access (-EACCES).  It lives as long as
 * its FR, which frees it with fcm_bootimage_destroy (no Region attached).
 * NULL if out of memory. */
struct bootfile;
struct fcm *fcm_bootimage_create(struct fr *fr, const struct bootfile *file);
void fcm_bootimage_destroy(struct fcm *f);

#endif
