/*
 * user/tests/t_badptr.c - bad pointers and bad numbers given to system
 * calls come back as errors; the kernel never crashes and the program
 * goes on.  KADDR (argv[1], hex) is a kernel address the test passes in.
 */
#include "utest.h"

const char *utest_name = "t_badptr";

/* A page the program may read but not write. */
static char *readonly_page(void)
{
	char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_ANON, -1, 0);

	CHECK(!mmap_failed(p));
	CHECK_EQ(mprotect(p, PAGE, PROT_READ), 0);
	return p;
}

static void test_buffers(char *kaddr, char *ro, char *unmapped)
{
	struct keel_memstats st;
	struct keel_stat fs;
	int fd = open("motd", O_RDONLY);

	CHECK(fd >= 0);
	CHECK_EQ(write(STDOUT_FILENO, NULL, 10), -EFAULT);
	CHECK_EQ(write(STDOUT_FILENO, kaddr, 10), -EFAULT);
	CHECK_EQ(write(STDOUT_FILENO, unmapped, 10), -EFAULT);
	CHECK_EQ(read(fd, kaddr, 10), -EFAULT);
	CHECK_EQ(read(fd, ro, 10), -EFAULT);		/* read-only: no writing */
	CHECK_EQ(read(fd, unmapped, 10), -EFAULT);
	CHECK_EQ(memstats((struct keel_memstats *)kaddr), -EFAULT);
	CHECK_EQ(memstats((struct keel_memstats *)ro), -EFAULT);
	CHECK_EQ(fstat(fd, (struct keel_stat *)kaddr), -EFAULT);
	CHECK_EQ(readdir(0, kaddr, 64), -EFAULT);
	CHECK_EQ(memstats(&st), 0);
	CHECK_EQ(fstat(fd, &fs), 0);
	CHECK_EQ(close(fd), 0);
}

static void test_strings(char *kaddr, char *unmapped)
{
	char *argv_bad[] = { "t_args", kaddr, NULL };
	char long_name[PATH_MAX + 8];

	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	CHECK_EQ(open(NULL, O_RDONLY), -EFAULT);
	CHECK_EQ(open(kaddr, O_RDONLY), -EFAULT);
	CHECK_EQ(open(unmapped, O_RDONLY), -EFAULT);
	CHECK_EQ(open(long_name, O_RDONLY), -ENAMETOOLONG);
	CHECK_EQ(spawn(kaddr, argv_bad), -EFAULT);
	CHECK_EQ(spawn("bin/t_args", (char *const *)kaddr), -EFAULT);
	CHECK_EQ(spawn("bin/t_args", argv_bad), -EFAULT);
	CHECK_EQ(spawn("bin/t_args", (char *const *)unmapped), -EFAULT);
}

static void test_numbers(void)
{
	char buf[8];
	int status;

	CHECK_EQ(write(99, "x", 1), -EBADF);
	CHECK_EQ(write(-1, "x", 1), -EBADF);
	CHECK_EQ(read(16, buf, 1), -EBADF);
	CHECK_EQ(close(42), -EBADF);
	CHECK_EQ(open("no/such/file", O_RDONLY), -ENOENT);
	CHECK_EQ(open("motd", 7), -EINVAL);
	CHECK_EQ(wait(-1, &status), -ECHILD);
	CHECK_EQ(wait(12345, &status), -ECHILD);
	CHECK_EQ(__syscall(0, 0, 0, 0, 0, 0, 0), -ENOSYS);
	CHECK_EQ(__syscall(NSYSCALLS, 0, 0, 0, 0, 0, 0), -ENOSYS);
	CHECK_EQ(__syscall(-1, 0, 0, 0, 0, 0, 0), -ENOSYS);
	CHECK_EQ(spawn("motd", (char *const[]){ "motd", NULL }), -ENOEXEC);
	CHECK_EQ(spawn("bin/nonexistent", (char *const[]){ "x", NULL }), -ENOENT);
	CHECK_EQ(readdir(100000, buf, sizeof(buf)), -ENOENT);
	CHECK_EQ(readdir(0, buf, 1), -ERANGE);
	CHECK_EQ(sleep_ms((unsigned long)-1), -EINVAL);
}

/* wait with a bad status pointer must not lose the child. */
static void test_wait_badptr(char *kaddr)
{
	int pid = spawn("bin/t_args", (char *const[]){ "t_args", "3", NULL }), status = -1;

	CHECK(pid > 0);
	CHECK_EQ(wait(pid, (int *)kaddr), -EFAULT);
	CHECK_EQ(wait(pid, &status), pid);
	CHECK_EQ(WEXITSTATUS(status), 3);
}

int main(int argc, char **argv)
{
	char *kaddr, *ro = readonly_page(), *unmapped;

	if (argc < 2)
		die("usage: t_badptr KERNEL-ADDRESS");
	kaddr = (char *)strtoul(argv[1], NULL, 16);
	unmapped = ro + 64 * PAGE;
	CHECK_EQ(munmap(unmapped, PAGE), 0);	/* make sure */
	test_buffers(kaddr, ro, unmapped);
	test_strings(kaddr, unmapped);
	test_numbers();
	test_wait_badptr(kaddr);
	return utest_pass();
}
