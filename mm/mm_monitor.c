/*
 * mm/mm_monitor.c - the monitor's memory commands: RAM and frames, the
 * HAT's counters, and the translations of an address space.
 */
#include "kern/bootinfo.h"
#include "kern/monitor.h"
#include "kern/printf.h"
#include "kern/string.h"
#include "mm/frame.h"
#include "mm/hat.h"
#include "mm/kmalloc.h"

MONITOR_CMD(mem, "show physical memory: RAM ranges, frames, heap")
{
	const struct bootinfo *bi = bootinfo;
	struct frame_stats st;

	kprintf("memory: %llu KiB usable in %d range(s) (from %s)\n",
		(unsigned long long)(bi->mem_bytes >> 10), bi->nranges, bi->loader);
	for (int i = 0; i < bi->nranges; i++)
		kprintf("  [%#llx, %#llx) %llu KiB\n",
			(unsigned long long)bi->ranges[i].base,
			(unsigned long long)(bi->ranges[i].base + bi->ranges[i].size),
			(unsigned long long)(bi->ranges[i].size >> 10));
	kprintf("kernel image: [%#llx, %#llx)\n",
		(unsigned long long)bi->kernel_start,
		(unsigned long long)bi->kernel_end);
	frame_get_stats(&st);
	kprintf("frames: %lu total, %lu free, %lu allocated, %lu reserved (%lu KiB free)\n",
		st.total, st.free, st.allocated, st.reserved, (st.free * PAGE_SIZE) >> 10);
	kprintf("heap: %lu objects in use in %lu frames\n", kmalloc_in_use(), kmalloc_frames());
	return 0;
}

MONITOR_CMD(hat, "show the HAT's counters")
{
	const struct hat_stats *s = &hat_stats;

	kprintf("enters %lu removes %lu protects %lu updates %lu activates %lu\n",
		s->enters, s->removes, s->protects, s->updates, s->activates);
	kprintf("tlb flushes %lu (whole: %lu) table pages %lu evictions %lu refills %lu"
		" asid rollovers %lu\n", s->tlb_flushes, s->tlb_flush_alls, s->table_pages,
		s->evictions, s->refills, s->asid_rollovers);
	return 0;
}

MONITOR_CMD(pmap, "pmap [START END]: translations of the current address space")
{
	struct hat *h = hat_current();
	vaddr_t start = USER_VA_MIN, end = USER_VA_MAX;

	if (argc == 3) {
		start = PAGE_ROUNDDOWN((vaddr_t)strtoul(argv[1], NULL, 0));
		end = PAGE_ROUNDUP((vaddr_t)strtoul(argv[2], NULL, 0));
	} else if (argc != 1) {
		kprintf("usage: pmap [START END]\n");
		return 1;
	}
	if (!h) {
		kprintf("no user address space is active: showing the kernel map\n");
		if (argc == 1) {
			start = KMAP_VA_MIN;
			end = KMAP_VA_MAX;
		}
	}
	hat_dump(h, start, end);
	return 0;
}
