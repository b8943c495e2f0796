/*
 * mm/fr.h - FRs (file representatives): the kernel side of a memory
 * object, through which Regions are attached to its FCM.  K42's FR,
 * Spring's memory object + bind (docs/vm.md).
 *
 * The attach protocol (K42 section 4.1): a Region being created asks the
 * FR to attach it; the FR makes sure an FCM exists (creating it on the
 * first attach), has the FCM record the Region, and hands the FCM back.
 * Detaching reverses it; an FCM kind decides whether it dies with its last
 * Region (computational memory does).
 *
 * An FR is reference counted: whoever created it holds one reference, each
 * attached Region one more; the FR frees itself when the count reaches
 * zero.  Kinds: fr_comp.c (anonymous memory), fr_bootimage.c (files of
 * the boot image).  Callers hold the lock of the Process whose Region is
 * being attached or detached; a kind shared between Processes (the
 * boot-image FR) adds a lock of its own.
 */
#ifndef MM_FR_H
#define MM_FR_H

#include "kern/types.h"

struct fr;
struct fcm;
struct region;

struct fr_ops {
	const char *kind;
	/* Attach r: make sure an FCM exists, record r with it, take a
	 * reference for r.  The FCM, or NULL if memory ran out (nothing
	 * changed). */
	struct fcm *(*attach_region)(struct fr *fr, struct region *r);
	/* Undo attach_region for r (which no longer has translations). */
	void (*detach_region)(struct fr *fr, struct region *r);
	/* The FR that a forked child's copy of a Region of fr attaches to
	 * (mm/vm_fork.c): fr itself for memory the two processes share
	 * (a read-only file), else a new FR for a private copy made by
	 * fork-copying fr's FCM (mm/forktree.h), with one reference the
	 * caller drops once the child's Regions hold theirs.  NULL: out of
	 * memory.  The Process lock of fr's Regions is held. */
	struct fr *(*fork)(struct fr *fr);
	/* Free the FR: its last reference went. */
	void (*destroy)(struct fr *fr);
};

struct fr {
	const struct fr_ops *ops;
	unsigned refs;
	struct fcm *fcm;		/* NULL until the first attach */
	/* HAT_PROT_* bits no Region of this FR may have: vm_map_file and
	 * vm_protect refuse them with -EACCES (a read-only file: write).
	 * 0 (anything goes) for the kinds that leave it alone. */
	unsigned prot_denied;
	/* During one vm_fork only: what fork returned for this FR, so that
	 * all of its Regions' copies attach to the same child FR. */
	struct fr *fork_peer;
};

static inline void fr_ref(struct fr *fr)
{
	fr->refs++;
}

/* Drop a reference; the last one destroys the FR. */
static inline void fr_unref(struct fr *fr)
{
	if (--fr->refs == 0)
		fr->ops->destroy(fr);
}

/* A computational FR (anonymous, zero-filled memory), with one reference
 * for the caller; NULL if memory ran out. */
struct fr *fr_comp_create(void);

/*
 * An FRCRW (K42 section 8): a private, copy-on-write copy of the offsets
 * [offset, offset + len) of base (a file), for MAP_PRIVATE mappings and
 * the ELF loader's data segments.  Its FCM (mm/fcm_crw.c) maps the base's
 * frames read-only until the first write to a page, which copies it;
 * fork-copies like computational memory.  The FRCRW holds base through an
 * adapter Region attached to it.  Its offsets are the base's: map it with
 * the same offsets.  One reference for the caller.  0 and *frp, -ENODEV
 * (base's FCM cannot be copied from: no find_page), -ENOMEM.
 */
int fr_crw_create(struct fr *base, uint64_t offset, uint64_t len, struct fr **frp);

/*
 * The boot-image FR of the file called name (kern/bootimage.h): its pages
 * are the image's own frames, mapped read-only (prot_denied has write) and
 * shared by every Region of every Process that maps the file.  One FR per
 * file, made at the first request and kept in a cache until its last
 * reference goes.  Because it is shared between Processes, its count is
 * kept under the cache's lock rather than a Process lock: release the
 * caller's reference with fr_bootimage_put, never fr_unref.
 * 0 and *frp (one reference for the caller), -ENOENT (no such file) or
 * -ENOMEM.
 */
int fr_bootimage_get(const char *name, struct fr **frp);
void fr_bootimage_put(struct fr *fr);

#endif
