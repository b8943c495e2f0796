/* kern/cmdline.c on the host. */
#include "hosttest.h"
#include "kern/cmdline.h"

void test_cmdline(void)
{
	char v[8];

	cmdline_init("  ktest=lab1_* verbose seed=0x2a long=abcdefghijkl k=");
	CHECK(cmdline_get("ktest", v, sizeof(v)));
	CHECK_STR(v, "lab1_*");
	CHECK(cmdline_has("verbose") && !cmdline_has("verb") && !cmdline_has("ktes"));
	CHECK(cmdline_ulong("seed", 1) == 42);
	CHECK(cmdline_ulong("verbose", 3) == 3);
	CHECK(cmdline_get("long", v, sizeof(v)));	/* truncated, terminated */
	CHECK_STR(v, "abcdefg");
	CHECK(cmdline_get("k", v, sizeof(v)));
	CHECK_STR(v, "");
	CHECK(cmdline_is("ktest", "lab1_*") && !cmdline_is("ktest", "lab1"));
	cmdline_init(NULL);
	CHECK(!cmdline_has("ktest"));
	CHECK_STR(cmdline_line(), "");
}
