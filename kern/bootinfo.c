/*
 * kern/bootinfo.c - helpers for arch boot code filling in struct bootinfo.
 */
#include "kern/bootinfo.h"
#include "kern/string.h"

const struct bootinfo *bootinfo;

void bootinfo_add_range(struct bootinfo *bi, paddr_t base, uint64_t size)
{
	if (size == 0 || bi->nranges >= BOOT_MAX_RANGES)
		return;
	bi->ranges[bi->nranges].base = base;
	bi->ranges[bi->nranges].size = size;
	bi->nranges++;
	bi->mem_bytes += size;
}

void bootinfo_reserve(struct bootinfo *bi, paddr_t base, uint64_t size)
{
	if (size == 0 || bi->nreserved >= BOOT_MAX_RANGES)
		return;
	bi->reserved[bi->nreserved].base = base;
	bi->reserved[bi->nreserved].size = size;
	bi->nreserved++;
}

void bootinfo_add_module(struct bootinfo *bi, paddr_t base, uint64_t size)
{
	if (size == 0 || bi->nmodules >= BOOT_MAX_MODULES)
		return;
	bi->modules[bi->nmodules].base = base;
	bi->modules[bi->nmodules].size = size;
	bi->nmodules++;
	bootinfo_reserve(bi, base, size);
}

void bootinfo_set_cmdline(struct bootinfo *bi, const char *s)
{
	strlcpy(bi->cmdline, s ? s : "", sizeof(bi->cmdline));
}
