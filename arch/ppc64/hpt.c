/*
 * arch/ppc64/hpt.c - the hashed page table, through hypervisor calls.
 *
 * The HPT is one big hash table of translations shared by every address
 * space, 2^htab_shift bytes of 128-byte groups (PTEGs) of 8 entries.  The
 * MMU looks a translation up in exactly two groups: the primary one,
 * picked by a hash of the VSID and the page number, and the secondary
 * one, the primary's complement.  If neither holds the entry, the access
 * faults (DSI/ISI), and the kernel must put it there.
 *
 * Under PAPR the table belongs to the hypervisor: the guest never writes
 * it, it asks with H_ENTER (insert into a group), H_REMOVE (delete, and
 * get the entry's last R/C bits back), H_PROTECT (change pp/N bits) and
 * H_READ.  The hypervisor does the TLB invalidations itself.
 *
 * Because only 16 slots can hold a given translation, the table cannot
 * be authoritative: when both groups are full, an entry that is not
 * bolted is evicted, its R/C bits folded into its segment's record and the
 * frame's struct page, and the evicted mapping faults back in later
 * (hat_fault -> seg_refill).  The records in segrec.c are the truth.
 */
#include "kern/lab.h"
#include "kern/monitor.h"
#include "kern/panic.h"
#include "kern/printf.h"
#include "kern/string.h"
#include "mm/frame.h"
#include "hcall.h"
#include "mmu.h"

/* Valid entries, by kind.  Resident ones include those hat_drop left
 * under a retired VSID: dead, but holding their slots until evicted. */
unsigned long hpt_bolted, hpt_resident;
static unsigned evict_rotor;

uint64_t hpt_groups(void)
{
	return 1UL << (mmu.htab_shift - 7);
}

/*
 * The primary hash of a page: the VSID XORed with the page's number
 * within its 256 MiB segment, keeping as many low bits as the table has
 * groups.  Given code: the kernel's own bolted entries use it too.
 */
uint64_t hpt_hash(uint64_t vsid, vaddr_t offset, unsigned pshift)
{
	return (vsid ^ (offset >> pshift)) & (hpt_groups() - 1);
}

/* The first doubleword: which virtual page this entry translates.  The
 * AVPN holds the VSID and the offset's bits above 2^23; the hash supplies
 * the page-number bits below (hpte_offset undoes it). */
uint64_t hpte_v(uint64_t vsid, vaddr_t offset, bool large, bool bolted)
{
	uint64_t v = vsid << 12 | (offset >> 23) << HPTE_V_AVPN_SHIFT | HPTE_V_VALID;

	if (large)
		v |= HPTE_V_LARGE;
	if (bolted)
		v |= HPTE_V_BOLTED;
	return v;
}

/*
 * The second doubleword: the frame, cache mode and protection.  PAPR
 * accepts only WIMG = M (coherent) for RAM; uncached (I, guarded G) is for
 * device addresses only, so HAT_CACHE_NONE on RAM stays M.
 *
 * Protection is the pp bits read with the SLB entry's key: Keel gives
 * every segment Ks = 0 (supervisor) and Kp = 1 (user):
 *   kernel map  rw: pp 000 (key 0 rw, key 1 none)   ro: 110 (ro / none)
 *   user        rw: pp 010 (rw for both)            ro: 011 (ro for both)
 * and N (no-execute) unless HAT_PROT_EXEC.  Referenced/changed are
 * preset for the access that caused the mapping (HAT_ACCESS_*).
 */
uint64_t hpte_r(paddr_t pa, unsigned prot, unsigned flags, bool kernel)
{
	uint64_t r = pa & HPTE_R_RPN;

	if ((flags & HAT_CACHE_NONE) && !pa_to_page(pa))
		r |= HPTE_R_I | HPTE_R_G;
	else
		r |= HPTE_R_M;
	if (kernel)
		r |= (prot & HAT_PROT_WRITE) ? 0 : HPTE_R_PP0 | 2;
	else
		r |= (prot & HAT_PROT_WRITE) ? 2 : 3;
	if (!(prot & HAT_PROT_EXEC))
		r |= HPTE_R_N;
	if (flags & (HAT_ACCESS_READ | HAT_ACCESS_WRITE | HAT_ACCESS_EXEC))
		r |= HPTE_R_R;
	if (flags & HAT_ACCESS_WRITE)
		r |= HPTE_R_C;
	return r;
}

/* The offset within its segment of the 4 KiB page a (non-bolted) entry
 * found in group maps: offset bits 23..27 are in the AVPN, bits 12..22
 * are the hash XORed back with the VSID.  Needs >= 2^11 groups, PAPR's
 * minimum table size (256 KiB). */
vaddr_t hpte_offset(uint64_t v, uint64_t group)
{
	uint64_t vsid = (v & HPTE_V_AVPN) >> 12;
	uint64_t hash = (v & HPTE_V_SECONDARY) ? ~group : group;

	return ((v >> HPTE_V_AVPN_SHIFT) & 0x1f) << 23 | ((hash ^ vsid) & 0x7ff) << 12;
}

/* ---- the hypervisor calls ---------------------------------------------- */

static void count_entry(uint64_t v, long delta)
{
	if (v & HPTE_V_BOLTED)
		hpt_bolted += delta;
	else
		hpt_resident += delta;
}

/* H_ENTER into a free slot of group, or exactly at slot; -1 if full. */
static long enter(uint64_t ptex, bool exact, uint64_t v, uint64_t r)
{
	unsigned long ret[4];
	long rc = hcall_ret4(ret, H_ENTER, exact ? H_EXACT : 0, ptex, v, r, 0);

	if (rc == H_PTEG_FULL)
		return -1;
	if (rc != H_SUCCESS)
		panic("H_ENTER(%#lx, v %#lx, r %#lx) failed: %ld",
		      (unsigned long)ptex, (unsigned long)v, (unsigned long)r, rc);
	count_entry(v, 1);
	return (long)ret[0];
}

static long enter_group(uint64_t group, uint64_t v, uint64_t r)
{
	return enter(group * HPTEG_SLOTS, false, v, r);
}

static void read_slot(long slot, uint64_t *v, uint64_t *r)
{
	unsigned long ret[4];

	if (hcall_ret4(ret, H_READ, 0, (unsigned long)slot, 0, 0, 0) != H_SUCCESS)
		panic("H_READ(%ld) failed", slot);
	*v = ret[0];
	*r = ret[1];
}

static bool same_entry(uint64_t a, uint64_t b)
{
	return (a & HPTE_V_VALID) && (a & HPTE_V_AVPN) == (b & HPTE_V_AVPN);
}

uint64_t hpt_remove(long slot, uint64_t v)
{
	unsigned long ret[4];
	long rc = hcall_ret4(ret, H_REMOVE, H_AVPN, (unsigned long)slot,
			     v & HPTE_V_AVPN, 0, 0);

	if (rc == H_NOT_FOUND)
		return 0;
	if (rc != H_SUCCESS)
		panic("H_REMOVE(%ld) failed: %ld", slot, rc);
	count_entry(ret[0], -1);
	hat_stats.tlb_flushes++;
	return ret[1];		/* never 0: WIMG is M or I */
}

void hpt_protect(long slot, uint64_t v, uint64_t r)
{
	/* H_PROTECT takes the new pp0 at flags bit 55 (from the left), pp
	 * and N where they sit in R. */
	unsigned long flags = H_AVPN | (r & (HPTE_R_PP | HPTE_R_N)) | (r & HPTE_R_PP0) >> 55;
	long rc = hcall(H_PROTECT, flags, (unsigned long)slot, v & HPTE_V_AVPN, 0, 0, 0);

	if (rc != H_SUCCESS && rc != H_NOT_FOUND)
		panic("H_PROTECT(%ld) failed: %ld", slot, rc);
	hat_stats.tlb_flushes++;
}

uint64_t hpt_read_r(long slot, uint64_t v)
{
	uint64_t hv, hr;

	read_slot(slot, &hv, &hr);
	return same_entry(hv, v) ? hr : 0;
}

/* ---- insertion and eviction (lab 2) ------------------------------------ */

/*
 * Make room in a full group pair: evict one entry that is not bolted
 * (kernel and wired entries are), remembering what it knew.  Returns the
 * slot now free, or -1 if all 16 are bolted.
 */
static long hpt_evict(uint64_t g1, uint64_t g2)
{
#if SOLUTION(2)
	for (int tries = 0; tries < 2 * HPTEG_SLOTS; tries++) {
		unsigned k = evict_rotor++ % (2 * HPTEG_SLOTS);
		uint64_t group = k < HPTEG_SLOTS ? g1 : g2;
		long slot = (long)(group * HPTEG_SLOTS + k % HPTEG_SLOTS);
		struct segrec *sr;
		struct mrec *rec;
		uint64_t v, r;

		read_slot(slot, &v, &r);
		if (!(v & HPTE_V_VALID))
			return slot;		/* freed meanwhile */
		if (v & HPTE_V_BOLTED)
			continue;
		r = hpt_remove(slot, v);	/* the final R/C bits */
		sr = vsid_lookup((v & HPTE_V_AVPN) >> 12);
		rec = sr ? seg_rec(sr, hpte_offset(v, group)) : NULL;
		if (rec && rec->slot == slot) {
			seg_fold_rc(rec, r);
			rec->slot = -1;		/* refaults: seg_refill */
		}
		hat_stats.evictions++;
		return slot;
	}
	return -1;
#else
	/*
	 * LAB 2: both groups (g1 primary, g2 secondary) are full.  Pick a
	 * victim among their 16 slots (slot = group * 8 + i) with a rotor
	 * (evict_rotor) so that evictions spread, read it with read_slot,
	 * skip entries with HPTE_V_BOLTED (kernel and wired mappings), and
	 * remove it with hpt_remove, which returns its last R word.  Then
	 * find its record: the VSID is (v & HPTE_V_AVPN) >> 12 (vsid_lookup),
	 * the offset hpte_offset(v, group) (seg_rec); fold the R/C bits into
	 * it with seg_fold_rc and mark it out of the table (slot = -1) so
	 * the next access refaults it.  Count hat_stats.evictions.  Return
	 * the freed slot, or -1 if every entry was bolted.
	 * Checked by: lab2_hat_arch_stress.
	 */
	(void)g1;
	(void)g2;
	(void)evict_rotor;
	LAB_TODO(2, "hpt_evict: evict an unbolted entry from a full group pair");
	return -1;
#endif
}

/*
 * Insert the entry (v, r) for the page at offset in segment vsid; returns
 * its slot, or -1 if there is no room even after evicting.
 */
long hpt_insert(uint64_t vsid, vaddr_t offset, unsigned pshift, uint64_t v, uint64_t r)
{
	uint64_t g1 = hpt_hash(vsid, offset, pshift);
	long slot;

#if SOLUTION(2)
	uint64_t g2 = ~g1 & (hpt_groups() - 1);

	slot = enter_group(g1, v, r);
	if (slot < 0)
		slot = enter_group(g2, v | HPTE_V_SECONDARY, r);
	if (slot < 0) {
		slot = hpt_evict(g1, g2);
		if (slot >= 0)
			slot = enter((uint64_t)slot, true,
				     (uint64_t)slot / HPTEG_SLOTS == g2 ? v | HPTE_V_SECONDARY : v, r);
	}
#else
	/*
	 * LAB 2: this stub only tries the primary group g1, so a page whose
	 * group is full is never mapped.  The MMU also searches the
	 * secondary group, g2 = ~g1 masked to the table's size (hpt_groups()
	 * groups), for entries marked HPTE_V_SECONDARY.  Try g1, then g2 (with
	 * that bit set in v), and when both are full, evict (hpt_evict above)
	 * and insert exactly at the freed slot: enter(slot, true, ...), with
	 * HPTE_V_SECONDARY if the slot is in g2.
	 * Checked by: lab2_hat_arch_stress, lab2_hat_ranges.
	 */
	LAB_TODO(2, "hpt_insert: primary group, secondary group, then evict");
	(void)hpt_evict;
	slot = enter_group(g1, v, r);
#endif
	return slot;
}

/* ---- the monitor's view ------------------------------------------------- */

/* Count valid entries and how full the groups are, slot by slot. */
static void hpt_scan(void)
{
	unsigned long hist[HPTEG_SLOTS + 1] = { 0 }, valid = 0, bolted = 0;

	for (uint64_t g = 0; g < hpt_groups(); g++) {
		unsigned n = 0;

		for (unsigned i = 0; i < HPTEG_SLOTS; i++) {
			uint64_t v, r;

			read_slot((long)(g * HPTEG_SLOTS + i), &v, &r);
			if (v & HPTE_V_VALID) {
				n++;
				bolted += (v & HPTE_V_BOLTED) != 0;
			}
		}
		valid += n;
		hist[n]++;
	}
	kprintf("scan: %lu valid entries (%lu bolted); groups by entries held:\n", valid, bolted);
	for (unsigned n = 0; n <= HPTEG_SLOTS; n++)
		kprintf("  %u: %lu%s", n, hist[n], n == HPTEG_SLOTS ? "\n" : "");
}

MONITOR_CMD(hpt, "hpt [scan]: the hashed page table's size, occupancy, evictions")
{
	kprintf("hpt: %lu KiB = %lu groups x 8 entries; hash = (VSID ^ page) & %#lx\n",
		(1UL << mmu.htab_shift) >> 10, (unsigned long)hpt_groups(),
		(unsigned long)hpt_groups() - 1);
	kprintf("entries: %lu bolted (kernel, wired) + %lu evictable (retired VSIDs' too) = %lu%% full\n",
		hpt_bolted, hpt_resident,
		(hpt_bolted + hpt_resident) * 100 / (hpt_groups() * HPTEG_SLOTS));
	kprintf("evictions %lu, refills %lu, slb refills %lu, slb size %u\n",
		hat_stats.evictions, hat_stats.refills, slb_refills, mmu.slb_size);
	if (argc == 2 && strcmp(argv[1], "scan") == 0)
		hpt_scan();
	else if (argc != 1)
		kprintf("usage: hpt [scan]\n");
	return 0;
}
