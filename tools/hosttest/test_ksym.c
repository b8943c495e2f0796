/* kern/ksym.c on the host, over a made-up symbol table. */
#include "hosttest.h"
#include "kern/ksym.h"

/* Pretend kernel code: 0x100 bytes named by the table below, with _etext
 * just past it. */
const char _stext[0x100];
__asm__(".globl _etext\n.set _etext, _stext + 0x100");

const char ksym_names[] = "alpha\0beta\0beta_alias\0gamma";
const struct ksym ksym_table[] = {
	{ (uintptr_t)_stext + 0x00, 0 },
	{ (uintptr_t)_stext + 0x10, 6 },
	{ (uintptr_t)_stext + 0x10, 11 },
	{ (uintptr_t)_stext + 0x40, 22 },
};
const uint32_t ksym_count = 4;

void test_ksym(void)
{
	uintptr_t base = (uintptr_t)_stext, off = 99;
	const char *n;

	CHECK((n = ksym_lookup(base, &off)) && !strcmp(n, "alpha") && off == 0);
	CHECK((n = ksym_lookup(base + 0xf, &off)) && !strcmp(n, "alpha") && off == 0xf);
	/* At an alias, the last of the names at that address. */
	CHECK((n = ksym_lookup(base + 0x10, &off)) && !strcmp(n, "beta_alias") && off == 0);
	CHECK((n = ksym_lookup(base + 0x3f, &off)) && !strcmp(n, "beta_alias") && off == 0x2f);
	CHECK((n = ksym_lookup(base + 0xff, &off)) && !strcmp(n, "gamma") && off == 0xbf);
	CHECK(ksym_lookup(base + 0x100, &off) == NULL);
	CHECK(ksym_lookup(base - 1, &off) == NULL);
	CHECK(ksym_addr("gamma") == base + 0x40);
	CHECK(ksym_addr("delta") == 0);
}
