/*
 * user/tests/t_fork.c - fork's basic contract: it returns twice (the
 * child's pid in the parent, 0 in the child), the child starts with a
 * copy of every kind of memory (initialized data, bss, stack, heap,
 * anonymous mappings), and from then on a write on either side is seen
 * by that side only.  Open files are shared, read position included.
 * t_cow.c, t_forkdeep.c, t_forkbomb.c and t_exec.c go further.
 */
#include "utest.h"

const char *utest_name = "t_fork";

static int data_word = 0x1234;			/* .data: a copy-on-write file copy */
static char data_page[2 * 4096] = { 1, 2, 3 };
static unsigned long bss_word;			/* .bss: computational */

/* The child's read moves the parent's position: one file object.  The
 * parent's second read gets bytes 8..11, not the 4..7 the child read. */
static void shared_position(void)
{
	int fd = open("motd", O_RDONLY), pid;
	char a[4], b[4], c[12];

	CHECK(fd >= 0);
	CHECK_EQ(read(fd, a, 4), 4);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		CHECK_EQ(read(fd, b, 4), 4);
		exit(0);
	}
	CHECK_EQ(utest_wait(pid), 0);
	CHECK_EQ(read(fd, b, 4), 4);
	CHECK_EQ(close(fd), 0);
	fd = open("motd", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(read(fd, c, 12), 12);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(memcmp(a, c, 4), 0);
	CHECK(memcmp(c + 4, c + 8, 4) != 0);	/* the file tells the two apart */
	CHECK_EQ(memcmp(b, c + 8, 4), 0);
}

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
	shared_position();
	return utest_pass();
}
