/*
 * user/tests/t_fork.c - fork's basic contract: it returns twice (the
 * child's pid in the parent, 0 in the child), the child starts with a
 * copy of every kind of memory (initialized data, bss, stack, heap,
 * anonymous mappings), and from then on a write on either side is seen
 * by that side only.
 */
#include "utest.h"

const char *utest_name = "t_fork";

static int data_word = 0x1234;			/* .data: a copy-on-write file copy */
static char data_page[2 * 4096] = { 1, 2, 3 };
static unsigned long bss_word;			/* .bss: computational */

int main(void)
{
	volatile unsigned long stack_word = 77;
	unsigned char *anon = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_ANON, -1, 0);
	int pid, status = -1, parent = getpid();

	CHECK(!mmap_failed(anon));
	anon[0] = 9;
	bss_word = 5;
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		CHECK_EQ(getppid(), parent);
		CHECK_EQ(data_word, 0x1234);
		CHECK_EQ(data_page[2], 3);
		CHECK_EQ(bss_word, 5);
		CHECK_EQ(stack_word, 77);
		CHECK_EQ(anon[0], 9);
		data_word = 1;
		data_page[2] = 1;
		bss_word = 1;
		stack_word = 1;
		anon[0] = 1;
		anon[PAGE] = 1;
		exit(42);
	}
	CHECK_EQ(wait(pid, &status), pid);
	CHECK_EQ(status, 42);
	CHECK_EQ(data_word, 0x1234);
	CHECK_EQ(data_page[2], 3);
	CHECK_EQ(bss_word, 5);
	CHECK_EQ(stack_word, 77);
	CHECK_EQ(anon[0], 9);
	CHECK_EQ(anon[PAGE], 0);
	return utest_pass();
}
