/*
 * mm/fr_bootimage.c - the boot-image FR: the FR of one file of the boot
 * image (kern/bootimage.h), the stand-in for a file server's FR until
 * Keel has one (K42 section 6).  Its FCM (mm/fcm_bootimage.c) maps the
 * file's pages straight from the image, read-only, so one FR/FCM pair
 * serves every Region of every Process that maps the file: the text of
 * every process running a program is the same frames.
 *
 * The FRs are kept in a cache, one per file, found by name.  An FR lives
 * while it has references (its getters' and one per attached Region) and
 * leaves the cache with the last one; the file's frames never go, so a
 * later get simply makes a new FR over them.  (K42's lazy close keeps an
 * unused file's FR for its page cache; here the cache is the image and
 * costs nothing to rebuild.)
 *
 * Locking: the FRs are shared by every Process, so a Process lock cannot
 * protect them.  cache_lock covers the cache, every count and each FCM's
 * Region list; it is taken inside a Process lock (attach and detach run
 * with one held), never the other way round.
 */
#include "kern/bootimage.h"
#include "kern/errno.h"
#include "kern/spinlock.h"
#include "kern/string.h"
#include "mm/fcm.h"
#include "mm/fr.h"
#include "mm/hat.h"
#include "mm/kmalloc.h"

struct fr_boot {
	struct fr fr;			/* first: the generic part */
	struct fr_boot *next;		/* the cache */
	const char *name;		/* the image's own copy: never freed */
};

static struct spinlock cache_lock = SPINLOCK_INIT("bootimage FRs");
static struct fr_boot *cache;

static struct fr_boot *to_boot(struct fr *fr)
{
	return (struct fr_boot *)fr;
}

/* Drop a reference; the last one takes the FR out of the cache and frees
 * it with its FCM.  cache_lock held. */
static void put_locked(struct fr *fr)
{
	struct fr_boot **pp;

	if (--fr->refs)
		return;
	for (pp = &cache; *pp != to_boot(fr); pp = &(*pp)->next)
		;
	*pp = to_boot(fr)->next;
	fr->ops->destroy(fr);
}

/* The FCM exists from creation on (see fr_bootimage_get).  A Region with
 * write access never gets here through vm_map_file (prot_denied); one made
 * some other way would still never write: the FCM refuses its faults. */
static struct fcm *boot_attach_region(struct fr *fr, struct region *r)
{
	unsigned long s = spin_lock_irqsave(&cache_lock);

	fr->fcm->ops->attach(fr->fcm, r);
	fr->refs++;
	spin_unlock_irqrestore(&cache_lock, s);
	return fr->fcm;
}

static void boot_detach_region(struct fr *fr, struct region *r)
{
	unsigned long s = spin_lock_irqsave(&cache_lock);

	fr->fcm->ops->detach(fr->fcm, r);
	put_locked(fr);
	spin_unlock_irqrestore(&cache_lock, s);
}

/* A file is shared, not copied: the child's Regions attach to fr. */
static struct fr *boot_fork(struct fr *fr)
{
	return fr;
}

/* The last reference went: no Region is attached to the FCM. */
static void boot_destroy(struct fr *fr)
{
	fcm_bootimage_destroy(fr->fcm);
	kfree(to_boot(fr));
}

static const struct fr_ops boot_fr_ops = {
	.kind = "bootimage",
	.attach_region = boot_attach_region,
	.detach_region = boot_detach_region,
	.fork = boot_fork,
	.destroy = boot_destroy,
};

/* A new FR for file with its FCM, one reference; NULL if out of memory. */
static struct fr_boot *boot_create(const struct bootfile *file)
{
	struct fr_boot *b = kzalloc(sizeof(*b));

	if (!b)
		return NULL;
	b->fr.ops = &boot_fr_ops;
	b->fr.refs = 1;
	b->fr.prot_denied = HAT_PROT_WRITE;
	b->fr.fcm = fcm_bootimage_create(&b->fr, file);
	if (!b->fr.fcm) {
		kfree(b);
		return NULL;
	}
	b->name = file->name;
	return b;
}

int fr_bootimage_get(const char *name, struct fr **frp)
{
	struct bootfile file;
	struct fr_boot *b;
	unsigned long s;

	if (bootimage_find(name, &file) < 0)
		return -ENOENT;
	s = spin_lock_irqsave(&cache_lock);
	for (b = cache; b && strcmp(b->name, file.name) != 0; b = b->next)
		;
	if (b) {
		b->fr.refs++;
	} else {
		/* kmalloc never sleeps, so creating under the lock is fine and
		 * keeps two getters from making two FRs for one file. */
		b = boot_create(&file);
		if (b) {
			b->next = cache;
			cache = b;
		}
	}
	spin_unlock_irqrestore(&cache_lock, s);
	if (!b)
		return -ENOMEM;
	*frp = &b->fr;
	return 0;
}

void fr_bootimage_put(struct fr *fr)
{
	unsigned long s = spin_lock_irqsave(&cache_lock);

	put_locked(fr);
	spin_unlock_irqrestore(&cache_lock, s);
}
