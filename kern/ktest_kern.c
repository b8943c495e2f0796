/*
 * kern/ktest_kern.c - in-kernel tests of the core services: formatting,
 * boot options, boot information, the test runner itself.
 */
#include "kern/arch.h"
#include "kern/bootimage.h"
#include "kern/bootinfo.h"
#include "kern/cmdline.h"
#include "kern/abi/pattern.h"
#include "kern/ktest.h"
#include "kern/printf.h"
#include "kern/string.h"
#include "kern/errno.h"
#include "mm/hat.h"

#define KT_ASSERT_STR(got, want)					\
	KT_ASSERT(strcmp((got), (want)) == 0, "expected \"%s\", got \"%s\"", (want), (got))

KTEST(kern_printf)
{
	char buf[64];

	ksnprintf(buf, sizeof(buf), "%d %i %u", -42, 7, 3000000000U);
	KT_ASSERT_STR(buf, "-42 7 3000000000");
	ksnprintf(buf, sizeof(buf), "[%5d|%-5d|%05d]", 42, 42, -42);
	KT_ASSERT_STR(buf, "[   42|42   |-0042]");
	ksnprintf(buf, sizeof(buf), "%x %X %#x %o", 0xbeefU, 0xbeefU, 0x10U, 8U);
	KT_ASSERT_STR(buf, "beef BEEF 0x10 10");
	ksnprintf(buf, sizeof(buf), "%llx %lld", 0x123456789abcdefULL, -1234567890123LL);
	KT_ASSERT_STR(buf, "123456789abcdef -1234567890123");
	ksnprintf(buf, sizeof(buf), "%s|%.3s|%6s|%-6s|%c", "abc", "abcdef", "ab", "ab", 'z');
	KT_ASSERT_STR(buf, "abc|abc|    ab|ab    |z");
	ksnprintf(buf, sizeof(buf), "%p", (void *)0x1234);
	KT_ASSERT_STR(buf, sizeof(void *) == 8 ? "0x0000000000001234" : "0x00001234");
	KT_ASSERT_EQ(ksnprintf(buf, 4, "%s", "truncated"), 9);
	KT_ASSERT_STR(buf, "tru");
}

KTEST(kern_cmdline)
{
	char saved[BOOT_CMDLINE_MAX], buf[32];

	strlcpy(saved, cmdline_line(), sizeof(saved));
	cmdline_init("a=1 flag  bb=two x=0x10 ab=no");
	KT_ASSERT(cmdline_get("bb", buf, sizeof(buf)) && strcmp(buf, "two") == 0,
		  "bb should be two");
	KT_ASSERT(cmdline_has("flag") && !cmdline_has("fla") && !cmdline_has("b"),
		  "flag matching is by whole word");
	KT_ASSERT(cmdline_is("a", "1") && cmdline_is("ab", "no"), "a=1 ab=no");
	KT_ASSERT_EQ(cmdline_ulong("x", 5), 16);
	KT_ASSERT_EQ(cmdline_ulong("missing", 5), 5);
	KT_ASSERT_EQ(cmdline_ulong("bb", 5), 5);
	cmdline_init(saved);
}

KTEST(kern_bootinfo)
{
	const struct bootinfo *bi = bootinfo;
	bool kernel_in_ram = false;

	KT_ASSERT(bi->mem_bytes >= 16u << 20, "only %llu bytes of memory found",
		  (unsigned long long)bi->mem_bytes);
	KT_ASSERT(bi->nranges > 0, "no memory ranges");
	KT_ASSERT(bi->kernel_start < bi->kernel_end, "empty kernel image range");
	for (int i = 0; i < bi->nranges; i++)
		if (bi->ranges[i].base <= bi->kernel_start &&
		    bi->kernel_end <= bi->ranges[i].base + bi->ranges[i].size)
			kernel_in_ram = true;
	KT_ASSERT(kernel_in_ram, "the kernel image is outside every RAM range");
	KT_ASSERT(bi->loader && bi->loader[0], "no boot loader name");
}

KTEST(kern_cycles)
{
	uint64_t a = arch_cycles(), b;

	for (volatile int i = 0; i < 100000; i++)
		;
	b = arch_cycles();
	KT_ASSERT(b > a, "arch_cycles did not advance (%llu then %llu)",
		  (unsigned long long)a, (unsigned long long)b);
}

static int helper_fails(void)
{
	return 7;
}

static void failing_check(void)
{
	KT_ASSERT_EQ(helper_fails(), 8);
}

/* Proves that a failing assertion fails a test: run it by name only
 * (grade/test_kernel.py expects it to fail, with its message). */
KTEST_FLAGS(kern_ktest_must_fail, KTEST_ALONE)
{
	failing_check();
}

/* The boot image the grader and `make qemu` pass (build/<arch>/bootimage.img,
 * tools/mkbootimage.py) reached the kernel intact: its text file, and its
 * pattern file word by word (tools/mkpattern.py computes the same words). */
KTEST(kern_bootimage)
{
	static const char motd[] = "Welcome to Keel.\n";
	struct bootfile f;
	const uint32_t *w;

	KT_ASSERT(bootimage_find("motd", &f) == 0,
		  "no file 'motd' in the boot image (was the kernel booted with -initrd?)");
	KT_ASSERT(f.size == sizeof(motd) - 1 && memcmp(phys_to_kva(f.pa), motd, f.size) == 0,
		  "'motd' has the wrong content");
	KT_ASSERT(bootimage_find("test/pattern", &f) == 0, "no file 'test/pattern'");
	KT_ASSERT(f.pa % PAGE_SIZE == 0, "a boot-image file is not page-aligned");
	KT_ASSERT(f.size == 3 * PAGE_SIZE, "'test/pattern' is %llu bytes, expected 3 pages",
		  (unsigned long long)f.size);
	w = phys_to_kva(f.pa);
	for (uint32_t i = 0; i < f.size / 4; i++) {
		const uint8_t *b = (const uint8_t *)&w[i];
		uint32_t le = b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;

		KT_ASSERT(le == test_pattern_value(i), "'test/pattern' word %u is %#x", i, le);
	}
	KT_ASSERT(bootimage_find("no/such/file", &f) == -ENOENT, "a missing file was found");
}
