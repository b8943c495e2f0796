/*
 * arch/mips/asid.c - address-space IDs, recycled with generations.
 *
 * Every TLB entry carries the 8-bit ASID of the address space it belongs
 * to, so a context switch only changes EntryHi.ASID: the entries of the
 * other spaces stay in the TLB and simply stop matching.  255 ASIDs (0 is
 * ASID_NONE) are far fewer than address spaces, so they are handed out
 * in generations: ASIDs 1..255 in order, and when they run out, a new
 * generation starts with a whole-TLB flush, which makes every ASID of the
 * old generation free again.  A hat remembers the generation of its ASID;
 * one from an old generation is stale (its entries were flushed, and the
 * number may be someone else's now), so the hat gets a new one at its next
 * activation.  Dropping a hat's ASID on purpose (asid_forget) is how the
 * HAT flushes all of one address space's entries at once: the old number
 * is never handed out again in this generation.
 */
#include "kern/lab.h"
#include "kern/spinlock.h"
#include "mmu.h"

static struct spinlock asid_lock = SPINLOCK_INIT("asid");
static unsigned long generation = ASID_GEN_NONE + 1;
static unsigned next_asid = ASID_FIRST;

unsigned long asid_generation(void)
{
	return generation;
}

bool asid_live(const struct hat *h)
{
	return h->asid_gen == generation;
}

void asid_activate(struct hat *h)
{
	unsigned long s = spin_lock_irqsave(&asid_lock);

#if SOLUTION(2)
	if (h->asid_gen != generation) {
		if (next_asid == ASID_LIMIT) {
			/* Out of numbers: start a generation.  The flush
			 * removes every entry of every old ASID. */
			generation++;
			next_asid = ASID_FIRST;
			tlb_flush_all();
			hat_stats.asid_rollovers++;
		}
		h->asid = next_asid++;
		h->asid_gen = generation;
	}
#else
	/*
	 * LAB 2: make sure h holds a live ASID.  If h->asid_gen is the
	 * current generation, h->asid is still h's: nothing to do.
	 * Otherwise hand out next_asid (and advance it), recording the
	 * generation in h->asid_gen.  When next_asid reaches ASID_LIMIT,
	 * first start a new generation: generation++, next_asid back to
	 * ASID_FIRST, flush the whole TLB (tlb_flush_all) so that no entry of
	 * an old ASID survives, and count it in hat_stats.asid_rollovers.
	 * The stub gives every hat ASID 1 and flushes the TLB at every
	 * switch: correct, as on a TLB without ASIDs, but every switch
	 * starts cold.
	 * Checked by: lab2_hat_arch_stress, lab2_hat_two_spaces.
	 */
	LAB_TODO(2, "asid_activate: ASIDs with generations");
	h->asid = ASID_FIRST;
	h->asid_gen = generation;
	tlb_flush_all();
	(void)next_asid;
#endif
	tlb_set_asid(h->asid);
	spin_unlock_irqrestore(&asid_lock, s);
}

void asid_forget(struct hat *h)
{
	h->asid_gen = ASID_GEN_NONE;
	hat_stats.tlb_flush_alls++;
	if (h == hat_active)
		asid_activate(h);
}
