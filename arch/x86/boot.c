/*
 * arch/x86/boot.c - from entry.S to kmain: bring up the console and fill
 * struct bootinfo from whichever loader started us.
 *
 * entry.S passes the registers the loader left: a multiboot2 loader (GRUB)
 * puts its magic number in %eax, a PVH loader (QEMU -kernel) does not, but
 * its hvm_start_info begins with a magic number of its own.  Both hand
 * over physical addresses, read through the boot direct map (entry.S).
 */
#include "kern/arch.h"
#include "kern/bootinfo.h"
#include "kern/printf.h"
#include "boot.h"
#include "hat_arch.h"
#include "uart.h"

const char arch_name[] = "x86";

static struct bootinfo the_bootinfo;

/* Firmware memory maps are sorted in practice; bootinfo promises it. */
static void sort_ranges(struct bootinfo *bi)
{
	for (int i = 1; i < bi->nranges; i++) {
		struct memrange r = bi->ranges[i];
		int j = i;

		for (; j > 0 && bi->ranges[j - 1].base > r.base; j--)
			bi->ranges[j] = bi->ranges[j - 1];
		bi->ranges[j] = r;
	}
}

struct bootinfo *boot_main(uint32_t magic, uint32_t info)
{
	struct bootinfo *bi = &the_bootinfo;

	uart_init();
	if (magic == MULTIBOOT2_BOOT_MAGIC) {
		bi->loader = "multiboot2";
		multiboot2_parse(bi, info);
	} else if (info != 0 && *(volatile uint32_t *)phys_to_kva(info) == PVH_START_MAGIC) {
		bi->loader = "pvh";
		pvh_parse(bi, info);
	} else {
		bi->loader = "unknown";
		kprintf("x86 boot: unknown loader (eax %#x, ebx %#x): no memory map\n",
			magic, info);
	}
	sort_ranges(bi);
	bi->kernel_start = (paddr_t)(uintptr_t)kernel_phys_start;
	bi->kernel_end = (paddr_t)(uintptr_t)kernel_phys_end;
	bootmap_extend(bi);
	return bi;
}
