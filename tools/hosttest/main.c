/* Host unit tests of machine-independent kernel code: runs every suite. */
#include "hosttest.h"

int ht_passed, ht_failed;

int main(void)
{
	test_printf();
	test_string();
	test_cmdline();
	test_ksym();
	test_hat();
	test_vm();
	test_ulib();
	printf("%d passed, %d failed\n", ht_passed, ht_failed);
	return ht_failed != 0;
}
