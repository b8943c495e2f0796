/*
 * user/tests/t_file.c - boot-image files: open, read, fstat, close, and
 * mmap of a file (read-only, the same bytes read() gives).
 */
#include "utest.h"

const char *utest_name = "t_file";

static void test_read_and_map(const char *name)
{
	struct keel_stat st;
	int fd = open(name, O_RDONLY);
	char *buf, *map;
	long n, total = 0;

	CHECK(fd >= 3);			/* 0, 1, 2 are the console */
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.kind, KEEL_FILE_BOOTIMAGE);
	buf = malloc(st.size + 1);
	CHECK(buf != NULL);
	while ((n = read(fd, buf + total, 1000)) > 0)
		total += n;
	CHECK_EQ(n, 0);
	CHECK_EQ(total, (long)st.size);
	map = mmap(NULL, st.size, PROT_READ, 0, fd, 0);
	CHECK(!mmap_failed(map));
	CHECK_EQ(memcmp(map, buf, st.size), 0);
	/* A boot-image file cannot be mapped writable (copy-on-write is the
	 * next issue's). */
	CHECK_EQ((long)mmap(NULL, PAGE, PROT_READ | PROT_WRITE, 0, fd, 0), -EACCES);
	CHECK_EQ((long)mmap(NULL, PAGE, PROT_READ, 0, fd, 1), -EINVAL);
	CHECK_EQ(munmap(map, st.size), 0);
	CHECK_EQ(close(fd), 0);
	CHECK_EQ(read(fd, buf, 1), -EBADF);
	free(buf);
}

int main(void)
{
	char name[PATH_MAX];
	int fds[20], nfd = 0, fd;

	test_read_and_map("motd");
	test_read_and_map("test/pattern");
	CHECK_EQ(write(STDOUT_FILENO, "t_file: console write\n", 22), 22);
	CHECK(readdir(0, name, sizeof(name)) > 0);
	/* The table fills up, then EMFILE; closing frees a slot. */
	while ((fd = open("motd", O_RDONLY)) >= 0)
		fds[nfd++] = fd;
	CHECK_EQ(fd, -EMFILE);
	CHECK_EQ(nfd, 16 - 3);
	for (int i = 0; i < nfd; i++)
		CHECK_EQ(close(fds[i]), 0);
	return utest_pass();
}
