/*
 * kern/bootinfo.h - what the arch's boot code learned from the boot loader
 * or firmware, handed to kmain().
 *
 * Filled in once by arch code before kmain; read-only afterwards.
 */
#ifndef KERN_BOOTINFO_H
#define KERN_BOOTINFO_H

#include "kern/types.h"

#define BOOT_MAX_RANGES		16
#define BOOT_CMDLINE_MAX	256

struct memrange {
	paddr_t base;
	uint64_t size;
};

#define BOOT_MAX_MODULES	4

/* A file the boot loader loaded beside the kernel (GRUB module, QEMU
 * -initrd): the boot image (kern/bootimage.h). */
struct bootmodule {
	paddr_t base;
	uint64_t size;
};

struct bootinfo {
	const char *loader;		/* "multiboot2", "pvh", "vof", "malta" */
	uint64_t mem_bytes;		/* total usable RAM */
	int nranges;			/* usable RAM ranges, ascending */
	struct memrange ranges[BOOT_MAX_RANGES];
	int nreserved;			/* RAM the kernel must not allocate: */
	struct memrange reserved[BOOT_MAX_RANGES];	/* firmware, tables */
	int nmodules;			/* loaded beside the kernel */
	struct bootmodule modules[BOOT_MAX_MODULES];
	paddr_t kernel_start;		/* the kernel image, physical */
	paddr_t kernel_end;
	char cmdline[BOOT_CMDLINE_MAX];	/* NUL-terminated, maybe empty */
};

/* The bootinfo kmain was given (for the monitor and ktests). */
extern const struct bootinfo *bootinfo;

/* Append a usable RAM range; ignores ranges past BOOT_MAX_RANGES and adds
 * the size to mem_bytes.  For arch boot code. */
void bootinfo_add_range(struct bootinfo *bi, paddr_t base, uint64_t size);

/* Mark [base, base+size) as RAM that frame_init must leave alone (firmware
 * still in use, boot page tables outside the kernel image, ...).  The
 * kernel image itself is reserved without asking.  For arch boot code. */
void bootinfo_reserve(struct bootinfo *bi, paddr_t base, uint64_t size);

/* Record a module the boot loader loaded at [base, base+size), and reserve
 * its frames so that frame_init leaves them alone.  For arch boot code. */
void bootinfo_add_module(struct bootinfo *bi, paddr_t base, uint64_t size);

/* Copy a command line (at most BOOT_CMDLINE_MAX-1 bytes kept). */
void bootinfo_set_cmdline(struct bootinfo *bi, const char *s);

#endif
