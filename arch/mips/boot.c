/*
 * arch/mips/boot.c - from QEMU's malta boot stub to kmain: bring up the
 * console and turn what the stub passed (entry.S) into a struct bootinfo.
 *
 * kmain wants a direct map of RAM before it starts: on MIPS that is
 * kseg0, which the CPU provides without any table (hat_arch.h).  It also
 * wants every RAM range outside the image that is still in use reserved
 * (bi->reserved); here there is none: the stub's argv/envp tables at
 * physical 0x2000 are read before kmain (the command line is copied), the
 * exception vectors are in the image, and the boot ROM is not RAM.
 */
#include "kern/arch.h"
#include "kern/bootinfo.h"
#include "kern/printf.h"
#include "kern/string.h"
#include "mips.h"

const char arch_name[] = "mips";

/* kseg0 reaches only the low 512 MiB of physical memory, and on malta the
 * top half of that is I/O: so the low 256 MiB is all Keel can use without
 * the TLB.  QEMU puts RAM beyond 256 MiB (-m 512M and up) above physical
 * 0x80000000 ("ememsize" is the whole amount); it stays unused, since
 * the direct map (kseg0) cannot reach it. */
#define LOWMEM_MAX	(256u << 20)

static struct bootinfo bi;

/* The value of envp's "name", or NULL.  envp alternates names and values
 * and ends with a NULL. */
static const char *boot_env(char **envp, const char *name)
{
	for (; envp && envp[0] && envp[1]; envp += 2)
		if (strcmp(envp[0], name) == 0)
			return envp[1];
	return NULL;
}

static void boot_memory(char **envp, uint32_t memsize)
{
	const char *s = boot_env(envp, "ememsize");
	uint64_t all = s ? strtoul(s, NULL, 0) : memsize;

	if (memsize > LOWMEM_MAX)
		memsize = LOWMEM_MAX;
	bootinfo_add_range(&bi, 0, memsize);
	if (all > memsize)
		kprintf("mips: %llu MiB of RAM above 256 MiB left unused (beyond kseg0)\n",
			(unsigned long long)((all - memsize) >> 20));
}

/*
 * argv[1] is the -append line.  argc is not to be trusted: when semihosting
 * is enabled QEMU counts -kernel and -append as the semihosting program's
 * arguments and its stub leaves a0 alone (it is 0).  argv is always set:
 * argv[0] is the kernel's file name, argv[1] the line, and envp (a2) is
 * the rest of the same table.
 */
static const char *boot_cmdline(char **argv)
{
	if (!argv || !argv[0] || !argv[1])
		return "";
	return argv[1];
}

/* Read a number at s (decimal, or hex after 0x); *end past it. */
static uint32_t boot_number(const char *s, const char **end)
{
	uint32_t v = 0, base = 10;

	if (s[0] == '0' && s[1] == 'x') {
		base = 16;
		s += 2;
	}
	for (;; s++) {
		uint32_t d = *s >= '0' && *s <= '9' ? (uint32_t)(*s - '0') :
			     *s >= 'a' && *s <= 'f' ? (uint32_t)(*s - 'a' + 10) : 99;

		if (d >= base)
			break;
		v = v * base + d;
	}
	*end = s;
	return v;
}

/*
 * QEMU's malta loader announces -initrd by putting "rd_start=0x<kseg0
 * address> rd_size=<bytes>" in front of the -append line.  Take those two
 * words out (they are the loader's, not the user's) and record the image.
 */
static void boot_cmdline_and_initrd(const char *line)
{
	char out[BOOT_CMDLINE_MAX];
	size_t n = 0;
	uint32_t start = 0, size = 0;

	while (*line) {
		const char *word = line, *end;

		if (strncmp(word, "rd_start=", 9) == 0) {
			start = boot_number(word + 9, &end);
		} else if (strncmp(word, "rd_size=", 8) == 0) {
			size = boot_number(word + 8, &end);
		} else {
			for (end = word; *end && *end != ' '; end++)
				if (n + 1 < sizeof(out))
					out[n++] = *end;
			if (*end == ' ' && n + 1 < sizeof(out))
				out[n++] = ' ';
		}
		for (line = end; *line && *line != ' '; line++)
			;
		while (*line == ' ')
			line++;
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	bootinfo_set_cmdline(&bi, out);
	if (start && size)
		bootinfo_add_module(&bi, KSEG0_TO_PHYS(start), size);
}

void mips_boot(int argc, char **argv, char **envp, uint32_t memsize)
{
	(void)argc;		/* see boot_cmdline */
	uart_init();
	bi.loader = "malta";
	boot_memory(envp, memsize);
	bi.kernel_start = KSEG0_TO_PHYS(_kernel_start);
	bi.kernel_end = KSEG0_TO_PHYS(_end);
	boot_cmdline_and_initrd(boot_cmdline(argv));
	kmain(&bi);
}
