/*
 * mm/hat.h - the HAT (hardware address translation): the one interface
 * between the machine-independent VM system and an MMU.
 *
 * Every arch implements it in arch/<arch>/ (docs/hat.md explains the
 * contract at length, docs/mmu-<arch>.md each implementation):
 *   x86    4-level page tables, the tree is authoritative
 *   ppc64  the hashed page table (pseries hcalls) as a cache of a software
 *          record per address space; VSIDs name address spaces
 *   mips   a software page table read by the TLB-refill handler; ASIDs
 *
 * The rules, after K42's HAT, NetBSD's pmap(9) and illumos' hat.h:
 *  - The hardware tables are a cache of what the FCMs know.  A mapping that
 *    is not HAT_WIRED may be dropped by the HAT at any time (evicted from a
 *    hash table, its table page reclaimed) and simply faulted in again, so
 *    callers never depend on a mapping staying entered.
 *  - hat_enter over an existing mapping replaces it.
 *  - hat_protect only narrows; widening is a new hat_enter.
 *  - Invalidations (remove, protect, replace) may be deferred: a frame that
 *    was mapped may be freed or reused only after hat_update() on every hat
 *    that mapped it has returned.
 *  - "Modified" is never under-reported.  While a mapping exists,
 *    hat_extract / hat_harvest report what is known of it; when a mapping
 *    goes away (remove, replace, protect to none, remove_all, an eviction)
 *    the HAT first folds its referenced/modified state into the frame's
 *    struct page (page_note_refmod).  A HAT that cannot tell must report
 *    every writable mapping as modified.
 *  - Operations on one hat are serialized by the caller (the Process lock);
 *    different hats may be used concurrently.  Interrupts may be on.
 *    Nothing here sleeps.  Functions that can fail say so and return a
 *    negative errno (kern/errno.h); the rest cannot fail.
 *  - Page-level operations ("remove every mapping of this frame") are not
 *    here: the FCM knows its Regions and does them range by range.
 *
 * Addresses: every va and length is page-aligned (PAGE_SIZE, mm/page.h).
 * User mappings live in [USER_VA_MIN, USER_VA_MAX); wired kernel mappings
 * made with hat_kenter in [KMAP_VA_MIN, KMAP_VA_MAX).  hat_arch.h, in the
 * arch folder, defines these and HAT_SEGMENT_SHIFT.
 */
#ifndef MM_HAT_H
#define MM_HAT_H

#include "kern/types.h"
#include "mm/page.h"
#include "hat_arch.h"

#define HAT_SEGMENT_SIZE	((vaddr_t)1 << HAT_SEGMENT_SHIFT)

/* Protections: any combination. */
#define HAT_PROT_NONE	0x0
#define HAT_PROT_READ	0x1
#define HAT_PROT_WRITE	0x2
#define HAT_PROT_EXEC	0x4
#define HAT_PROT_RW	(HAT_PROT_READ | HAT_PROT_WRITE)
#define HAT_PROT_ALL	(HAT_PROT_READ | HAT_PROT_WRITE | HAT_PROT_EXEC)

/* hat_enter / seghat_enter / hat_kenter flags. */
#define HAT_WIRED	0x001	/* never dropped by the HAT */
#define HAT_CANFAIL	0x002	/* return -ENOMEM instead of panicking */
#define HAT_ACCESS_READ	0x010	/* the access that faulted: the HAT may  */
#define HAT_ACCESS_WRITE 0x020	/* preset referenced (and modified) so   */
#define HAT_ACCESS_EXEC	0x040	/* the retried access does not trap again */
#define HAT_CACHE_NONE	0x100	/* uncached: device registers */

struct bootinfo;
struct hat;			/* one address space's translations (arch) */
struct seghat;			/* one shareable hardware segment (arch) */

/* What hat_extract reports about one mapping. */
struct hat_mapping {
	paddr_t pa;
	unsigned prot;		/* HAT_PROT_* */
	bool wired;
	bool referenced;	/* since entered (or last harvest) */
	bool modified;
};

/* Counters for the monitor (`hat`) and the benchmarks.  MI code and the
 * backends add to them; a backend leaves alone what means nothing to it. */
struct hat_stats {
	unsigned long enters, removes, protects, updates, activates;
	unsigned long tlb_flushes;	/* single-entry invalidations */
	unsigned long tlb_flush_alls;	/* whole-TLB / whole-ASID flushes */
	unsigned long table_pages;	/* page-table pages in use (x86, mips) */
	unsigned long evictions;	/* hash-table entries evicted (ppc64) */
	unsigned long refills;		/* mappings reloaded after a drop or
					 * TLB miss handled in C (ppc64, mips) */
	unsigned long asid_rollovers;	/* mips */
};
extern struct hat_stats hat_stats;

/* ---- the kernel address space -------------------------------------- */

/* Build the kernel's own translations: the direct map of all RAM in
 * [bi's ranges] (so that phys_to_kva works for every frame) and the
 * kernel map.  Called once by kmain after frame_init.  Panics on
 * failure. */
void hat_bootstrap(const struct bootinfo *bi);

/* Wired kernel mappings in [KMAP_VA_MIN, KMAP_VA_MAX), visible in every
 * address space.  hat_kenter cannot fail (the kernel map's tables are
 * preallocated or allocated from the pinned pool); hat_kremove takes
 * effect before it returns. */
void hat_kenter(vaddr_t va, paddr_t pa, unsigned prot, unsigned flags);
void hat_kremove(vaddr_t va, size_t len);

/* ---- address spaces ------------------------------------------------ */

/* A new, empty address space (the kernel map is visible in it).  NULL if
 * memory ran out. */
struct hat *hat_create(void);

/* Remove every mapping fast (exit): whole tables, the whole VSID or ASID,
 * rather than page by page.  Completes before returning: no hat_update
 * needed afterwards. */
void hat_remove_all(struct hat *h);

/* Free h.  h must not be active on any CPU; removes what is left. */
void hat_destroy(struct hat *h);

/* Switch this CPU to h / away from it (context switch).  Interrupts off. */
void hat_activate(struct hat *h);
void hat_deactivate(struct hat *h);

/* Make h this CPU's address space (NULL: only the kernel map), taking care
 * of the interrupts hat_activate/hat_deactivate want off.  For code outside
 * the scheduler: tests, benchmarks, vm_set_current. */
void hat_switch(struct hat *h);

/* The hat active on this CPU, or NULL (only the kernel map). */
struct hat *hat_current(void);

/* Map va to the frame at pa with prot, replacing any mapping of va.
 * flags: HAT_WIRED, HAT_CANFAIL, HAT_ACCESS_*, HAT_CACHE_NONE.
 * Returns 0, or -ENOMEM with HAT_CANFAIL if a table could not be
 * allocated (nothing changed then); without HAT_CANFAIL it panics
 * instead.  va must be in the user range, and not inside a segment
 * attached with hat_attach_segment (that segment's own mappings are
 * changed with seghat_enter/seghat_remove). */
int hat_enter(struct hat *h, vaddr_t va, paddr_t pa, unsigned prot, unsigned flags);

/* Remove the mappings in [start, end).  The TLB may keep them until
 * hat_update(h). */
void hat_remove(struct hat *h, vaddr_t start, vaddr_t end);

/* Remove the mappings in [start, end) as hat_remove does, but without
 * folding their referenced/modified state into struct page: the caller
 * takes every page of the range as referenced and modified (fork: the
 * fork-tree node that keeps the pages treats them all as dirty).  That
 * lets a HAT drop whole page tables without reading their entries.
 * Deferred like hat_remove.  A HAT without a faster way may just
 * hat_remove (mm/hat_common.c's default does). */
void hat_drop(struct hat *h, vaddr_t start, vaddr_t end);

/* Narrow the protection of the mappings in [start, end) to prot & their
 * own (HAT_PROT_NONE removes them).  Deferred like hat_remove. */
void hat_protect(struct hat *h, vaddr_t start, vaddr_t end, unsigned prot);

/* Look up va.  True and *m filled if mapped.  May miss a mapping the HAT
 * dropped (tables are a cache); never reports one that is not there. */
bool hat_extract(struct hat *h, vaddr_t va, struct hat_mapping *m);

/* Finish the invalidations deferred by remove/protect/replace on h (on
 * every CPU that may cache them).  Required before a frame h mapped is
 * freed or reused. */
void hat_update(struct hat *h);

/* Called by trap() for a memory fault at va before anything else, with
 * interrupts off: if the fault is the HAT's own business (a mapping it
 * dropped and can reload from its authoritative state, a software TLB
 * miss handled in C, a first write to a clean page), fix it and return
 * true so the access is retried.  False: the VM system must decide. */
bool hat_fault(struct hat *h, vaddr_t va, bool write, bool exec);

/* ---- optional: referenced/modified harvest ------------------------- */

/* Report and clear the referenced/modified state of va's mapping, as
 * hardware bits allow.  -ENOTSUP if the HAT does not track them (then the
 * MI layer tracks references with faults, as K42 did).  -ENOENT if va is
 * not mapped. */
int hat_harvest(struct hat *h, vaddr_t va, bool *referenced, bool *modified);

/* ---- optional: shared segments (SegmentHAT) ------------------------ */
/*
 * A seghat holds the translations of one hardware segment, HAT_SEGMENT_SIZE
 * bytes (x86: one page-table page, 2 MiB; ppc64: one VSID, 256 MiB; mips:
 * one second-level table, 4 MiB), and can be attached to several hats at
 * segment-aligned addresses, which then share those translations and their
 * protections.  An FCM that maps the same content into many address spaces
 * keeps one.  A backend that cannot share returns NULL / -ENOTSUP and the
 * caller falls back to private mappings; that is always correct.
 */

/* A new, empty segment; NULL if out of memory or not supported. */
struct seghat *seghat_create(void);

/* Map/unmap within the segment; offsets are page-aligned and below
 * HAT_SEGMENT_SIZE.  Affects every hat the segment is attached to;
 * seghat_remove completes before returning in all of them. */
int seghat_enter(struct seghat *sh, vaddr_t offset, paddr_t pa, unsigned prot,
		 unsigned flags);
void seghat_remove(struct seghat *sh, vaddr_t start, vaddr_t end);

/* Attach sh at va (HAT_SEGMENT_SIZE-aligned, user range).  -EINVAL if
 * misaligned, -EEXIST if h has private mappings in that segment,
 * -ENOTSUP if the backend cannot share, -ENOMEM. */
int hat_attach_segment(struct hat *h, vaddr_t va, struct seghat *sh);

/* Detach the segment attached at va; completes before returning. */
void hat_detach_segment(struct hat *h, vaddr_t va);

/* Free a segment that is attached nowhere. */
void seghat_destroy(struct seghat *sh);

/* ---- physical pages through the direct map ------------------------- */

/* Fill the frame at pa with zeroes / copy a frame.  Never fault. */
void hat_zero_page(paddr_t pa);
void hat_copy_page(paddr_t dst, paddr_t src);

/* Make instruction fetches see what was written to [pa, pa+len) through
 * the data side (before mapping freshly written code).  No-op on x86. */
void hat_sync_icache(paddr_t pa, size_t len);

/* ---- for the monitor and the tests --------------------------------- */

/* Print h's mappings in [start, end), one line per run of pages that are
 * contiguous in both va and pa with the same attributes.  h NULL: the
 * kernel map. */
void hat_dump(struct hat *h, vaddr_t start, vaddr_t end);

/* Read or write the 32-bit word at va through the current translations,
 * as the kernel would touch user memory, surviving a fault: returns 0, or
 * -EFAULT if the access faulted (nothing was written then).  hat_fault
 * runs first, so a dropped mapping is reloaded, not reported. */
int hat_probe_read(vaddr_t va, uint32_t *value);
int hat_probe_write(vaddr_t va, uint32_t value);

#endif
