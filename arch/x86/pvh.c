/*
 * arch/x86/pvh.c - read the Xen PVH start info that QEMU -kernel passes.
 *
 * QEMU boots an ELF with a XEN_ELFNOTE_PHYS32_ENTRY note through its PVH
 * option ROM, which hands the kernel struct hvm_start_info (Xen's
 * public/arch-x86/hvm/start_info.h).  The memory map, in E820 form, is
 * there from version 1 of the structure on.  Everything is read through
 * the boot direct map and copied into struct bootinfo.
 */
#include "kern/bootinfo.h"
#include "kern/printf.h"
#include "boot.h"
#include "hat_arch.h"

#define E820_RAM	1

struct hvm_start_info {
	uint32_t magic;			/* PVH_START_MAGIC */
	uint32_t version;
	uint32_t flags;
	uint32_t nr_modules;
	uint64_t modlist_paddr;
	uint64_t cmdline_paddr;		/* NUL-terminated, or 0 */
	uint64_t rsdp_paddr;
	uint64_t memmap_paddr;		/* version >= 1 */
	uint32_t memmap_entries;
	uint32_t reserved;
};

struct hvm_modlist_entry {		/* QEMU's -initrd is module 0 */
	uint64_t paddr;
	uint64_t size;
	uint64_t cmdline_paddr;
	uint64_t reserved;
};

struct hvm_memmap_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
	uint32_t reserved;
};

void pvh_parse(struct bootinfo *bi, uintptr_t start_info)
{
	const struct hvm_start_info *si = phys_to_kva(start_info);
	const struct hvm_memmap_entry *map;

	if (si->cmdline_paddr)
		bootinfo_set_cmdline(bi, phys_to_kva(si->cmdline_paddr));
	if (si->nr_modules && si->modlist_paddr) {
		const struct hvm_modlist_entry *mod = phys_to_kva(si->modlist_paddr);

		for (uint32_t i = 0; i < si->nr_modules; i++)
			bootinfo_add_module(bi, mod[i].paddr, mod[i].size);
	}
	if (si->version < 1 || si->memmap_paddr == 0) {
		kprintf("x86 boot: PVH start info version %u has no memory map\n",
			si->version);
		return;
	}
	map = phys_to_kva(si->memmap_paddr);
	for (uint32_t i = 0; i < si->memmap_entries; i++)
		if (map[i].type == E820_RAM)
			bootinfo_add_range(bi, map[i].addr, map[i].size);
}
