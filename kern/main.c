/*
 * kern/main.c - the machine-independent start of the kernel.
 *
 * The arch's boot code has a stack, a console, a direct map of RAM and a
 * struct bootinfo when it calls kmain.  kmain installs the traps first (so
 * that a fault in what follows is reported), takes over the free frames,
 * completes the kernel's translations, starts the clock, and then either
 * runs the tests the ktest= boot option names (and powers off) or enters
 * the kernel monitor.
 */
#include "kern/arch.h"
#include "kern/bootimage.h"
#include "kern/bootinfo.h"
#include "kern/clock.h"
#include "kern/cmdline.h"
#include "kern/harness_check.h"
#include "kern/ktest.h"
#include "kern/monitor.h"
#include "kern/printf.h"
#include "kern/thread.h"
#include "mm/frame.h"
#include "mm/hat.h"

void kmain(struct bootinfo *bi)
{
	char filter[BOOT_CMDLINE_MAX];

	bootinfo = bi;
	cmdline_init(bi->cmdline);
	kprintf("\nKeel (%s) booted by %s: %llu MiB of memory\n", arch_name,
		bi->loader, (unsigned long long)(bi->mem_bytes >> 20));
	kprintf("command line: %s\n", bi->cmdline);

	arch_trap_init();	/* first, so that a fault below is reported */
	frame_init(bi);
	hat_bootstrap(bi);
	bootimage_init(bi);
	thread_init();		/* kmain becomes the first thread */
	clock_init();
	arch_intr_enable();

	harness_check_boot();	/* misbehaves on purpose when asked to */
	if (cmdline_get("ktest", filter, sizeof(filter)))
		ktest_boot(filter);
	monitor_run();
}
