/*
 * kern/main.c - the machine-independent start of the kernel.
 *
 * The arch's boot code has a stack, a console, a direct map of RAM and a
 * struct bootinfo when it calls kmain.  kmain installs the traps first (so
 * that a fault in what follows is reported), takes over the free frames,
 * completes the kernel's translations, starts the clock, and then either
 * runs the tests the ktest= boot option names (and powers off), or enters
 * the kernel monitor (boot option `monitor`), or starts the first user
 * program, bin/init (init=PATH picks another) and waits for it: if it
 * ever exits, the monitor takes over the console.
 */
#include "kern/arch.h"
#include "kern/bootimage.h"
#include "kern/bootinfo.h"
#include "kern/clock.h"
#include "kern/cmdline.h"
#include "kern/errno.h"
#include "kern/harness_check.h"
#include "kern/ktest.h"
#include "kern/monitor.h"
#include "kern/printf.h"
#include "kern/proc.h"
#include "kern/abi/syscall.h"
#include "kern/thread.h"
#include "mm/frame.h"
#include "mm/hat.h"

/* Run the first user program and wait for it. */
static void run_init(void)
{
	char path[PATH_MAX] = "bin/init";
	char *argv[] = { path, NULL };
	int pid, status;

	cmdline_get("init", path, sizeof(path));
	pid = proc_spawn(path, 1, argv, NULL);
	if (pid < 0) {
		kprintf("kmain: cannot start %s: %s\n", path, errno_name(pid));
		return;
	}
	proc_wait(pid, &status);
	kprintf("kmain: %s exited (status %#x); the monitor takes over\n", path, status);
}

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
	if (!cmdline_has("monitor"))
		run_init();
	monitor_run();
}
