/*
 * arch/x86/multiboot2.c - read GRUB's multiboot2 boot information.
 *
 * The information is a size header followed by tags, each {type, size,
 * payload}, each starting on an 8-byte boundary, ending with a type-0 tag.
 * We need two: the command line (type 1) and the memory map (type 6).
 * We read it through the boot direct map (phys_to_kva) and copy what we
 * keep: nothing reads it after boot_main.
 */
#include "kern/bootinfo.h"
#include "boot.h"
#include "hat_arch.h"

#define MB2_TAG_END	0
#define MB2_TAG_CMDLINE	1
#define MB2_TAG_MODULE	3
#define MB2_TAG_MMAP	6
#define MB2_MEM_AVAILABLE 1

struct mb2_info {
	uint32_t total_size;
	uint32_t reserved;
};

struct mb2_tag {
	uint32_t type;
	uint32_t size;		/* including this header, excluding padding */
};

struct mb2_module {
	struct mb2_tag tag;
	uint32_t mod_start;	/* physical, loaded by GRUB's module2 */
	uint32_t mod_end;
};

struct mb2_mmap {
	struct mb2_tag tag;
	uint32_t entry_size;	/* step between entries: may grow in future */
	uint32_t entry_version;
};

struct mb2_mmap_entry {
	uint64_t base;
	uint64_t length;
	uint32_t type;
	uint32_t reserved;
};

static void parse_mmap(struct bootinfo *bi, const struct mb2_mmap *m)
{
	const char *p = (const char *)(m + 1);
	const char *end = (const char *)m + m->tag.size;

	for (; p + sizeof(struct mb2_mmap_entry) <= end; p += m->entry_size) {
		const struct mb2_mmap_entry *e = (const void *)p;

		if (e->type == MB2_MEM_AVAILABLE)
			bootinfo_add_range(bi, e->base, e->length);
		if (m->entry_size == 0)
			break;
	}
}

void multiboot2_parse(struct bootinfo *bi, uintptr_t info)
{
	const struct mb2_info *mbi = phys_to_kva(info);
	uintptr_t p = (uintptr_t)(mbi + 1), end = (uintptr_t)mbi + mbi->total_size;

	while (p + sizeof(struct mb2_tag) <= end) {
		const struct mb2_tag *t = (const void *)p;

		if (t->type == MB2_TAG_END || t->size < sizeof(*t))
			break;
		if (t->type == MB2_TAG_CMDLINE)
			bootinfo_set_cmdline(bi, (const char *)(t + 1));
		else if (t->type == MB2_TAG_MMAP)
			parse_mmap(bi, (const void *)t);
		else if (t->type == MB2_TAG_MODULE) {
			const struct mb2_module *m = (const void *)t;

			bootinfo_add_module(bi, m->mod_start, m->mod_end - m->mod_start);
		}
		p = ROUNDUP(p + t->size, 8);
	}
}
