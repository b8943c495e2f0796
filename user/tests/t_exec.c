/*
 * user/tests/t_exec.c - exec after fork: the new program runs with the
 * arguments given, in a fresh image (nothing of the old one's memory),
 * with the open files; and exec's errors return to the caller with the
 * old image untouched.  After fork + exec + exit + wait, the fork-tree
 * nodes and frames the fork made are all gone: the exec already
 * collapsed them, which the new program checks itself while its parent
 * is still waiting.
 *
 *	t_exec                                the test
 *	t_exec image SEED NODES COLLAPSES FD "last arg"   run by exec: checks, exits CODE(SEED)
 *	t_exec big SEED LEN STRING            run by exec: STRING is LEN bytes
 */
#include "utest.h"
#include "kern/abi/pattern.h"

const char *utest_name = "t_exec";

#define DATA_INIT	0x600dda7au

static uint32_t data_word = DATA_INIT;	/* .data: the file's value after exec */
static uint32_t bss_word;		/* .bss: zero after exec */
static uint32_t seed;
/* Below the user range everywhere; volatile, so that the compiler does
 * not look through it. */
static volatile uintptr_t bad_addr = 16;

static int code_of(uint32_t s)
{
	return 2 + (int)(s % 200);
}

static unsigned long num(const char *s)
{
	return strtoul(s, NULL, 0);
}

/* ---- the exec'd side ------------------------------------------------- */

/* A fresh image: .data from the file, .bss zero, whatever the process
 * wrote before its exec.  Fork-tree nodes are back to what the parent
 * had before forking (exec collapsed them), and more collapses happened.
 * The open file kept its position. */
static int image_main(int argc, char **argv)
{
	struct keel_memstats st;
	uint32_t word = 0;

	CHECK_EQ(argc, 7);
	CHECK(argv[argc] == NULL);
	CHECK_EQ(strcmp(argv[6], "last arg"), 0);
	CHECK_EQ(data_word, DATA_INIT);
	CHECK_EQ(bss_word, 0);
	utest_memstats(&st);
	CHECK_EQ(st.fork_nodes, num(argv[3]));
	CHECK(st.fork_collapses > num(argv[4]));
	CHECK_EQ(read((int)num(argv[5]), &word, 4), 4);
	CHECK_EQ(word, test_pattern_word(2));	/* the parent read words 0 and 1 */
	return code_of((uint32_t)num(argv[2]));
}

static int big_main(int argc, char **argv)
{
	size_t len = num(argv[3]);

	CHECK_EQ(argc, 5);
	CHECK_EQ(strlen(argv[4]), len);
	for (size_t i = 0; i < len; i++)
		CHECK_EQ(argv[4][i], 'a' + (char)(i % 26));
	return code_of((uint32_t)num(argv[2]));
}

/* ---- the test -------------------------------------------------------- */

/* Fork; the child runs fn, whose exec must succeed; its status. */
static int fork_exec(void (*fn)(void *), void *arg)
{
	int pid = fork();

	CHECK(pid >= 0);
	if (pid == 0) {
		data_word = ~seed;	/* the image to be replaced */
		bss_word = seed;
		fn(arg);
		exit(1);		/* exec returned: fn's checks said why */
	}
	return utest_wait(pid);
}

static void exec_t_args(void *arg)
{
	char code[12];

	(void)arg;
	snprintf(code, sizeof(code), "%d", code_of(seed));
	CHECK_EQ(exec("bin/t_args", (char *const[]){ "t_args", code, "a b", "", NULL }), 0);
}

struct image_args {
	unsigned long long nodes, collapses;
	int fd;
};

static void exec_image(void *arg)
{
	const struct image_args *a = arg;
	char s[16], n[24], c[24], f[8];

	snprintf(s, sizeof(s), "%u", seed);
	snprintf(n, sizeof(n), "%llu", a->nodes);
	snprintf(c, sizeof(c), "%llu", a->collapses);
	snprintf(f, sizeof(f), "%d", a->fd);
	CHECK_EQ(exec("bin/t_exec", (char *const[]){ "t_exec", "image", s, n, c, f, "last arg",
						    NULL }), 0);
}

/* Arguments of exactly SPAWN_MAX_ARGBYTES bytes (NULs included) fit. */
static void exec_big(void *arg)
{
	static char big[SPAWN_MAX_ARGBYTES];
	char s[16], l[8];
	size_t len;

	(void)arg;
	snprintf(s, sizeof(s), "%u", seed);
	len = SPAWN_MAX_ARGBYTES - (strlen("t_exec") + 1) - (strlen("big") + 1) -
	      (strlen(s) + 1) - 5 - 1;	/* l: 4 digits and a NUL; big's NUL */
	snprintf(l, sizeof(l), "%04u", (unsigned)len);
	for (size_t i = 0; i < len; i++)
		big[i] = 'a' + (char)(i % 26);
	big[len] = '\0';
	CHECK_EQ(exec("bin/t_exec", (char *const[]){ "t_exec", "big", s, l, big, NULL }), 0);
}

/* Every way exec can fail before the old image goes: the caller gets
 * the error and goes on as it was. */
static void exec_errors(void)
{
	static char big[SPAWN_MAX_ARGBYTES + 1];
	char *many[SPAWN_MAX_ARGS + 2], longpath[100];
	char *const ok[] = { "t_args", NULL };
	char **tail;
	char *pages;
	volatile uint32_t stack_word = seed;

	CHECK_EQ(exec("bin/no-such-program", ok), -ENOENT);
	CHECK_EQ(exec("motd", ok), -ENOEXEC);
	CHECK_EQ(exec("test/pattern", ok), -ENOEXEC);
	CHECK_EQ(exec((const char *)bad_addr, ok), -EFAULT);
	CHECK_EQ(exec("bin/t_args", (char *const *)bad_addr), -EFAULT);
	CHECK_EQ(exec("bin/t_args", (char *const[]){ "t_args", (char *)bad_addr, NULL }), -EFAULT);
	memset(longpath, 'x', sizeof(longpath) - 1);
	longpath[sizeof(longpath) - 1] = '\0';
	CHECK_EQ(exec(longpath, ok), -ENAMETOOLONG);

	/* An argv and a path that run into an unmapped page. */
	pages = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_ANON, -1, 0);
	CHECK(!mmap_failed(pages));
	CHECK_EQ(munmap(pages + PAGE, PAGE), 0);
	tail = (char **)(pages + PAGE) - 3;
	tail[0] = tail[1] = tail[2] = "t_args";
	CHECK_EQ(exec("bin/t_args", tail), -EFAULT);
	memset(pages + PAGE - 8, 'b', 8);
	CHECK_EQ(exec(pages + PAGE - 8, ok), -EFAULT);
	CHECK_EQ(munmap(pages, PAGE), 0);

	/* Too many arguments, too many bytes. */
	for (int i = 0; i <= SPAWN_MAX_ARGS; i++)
		many[i] = "x";
	many[SPAWN_MAX_ARGS + 1] = NULL;
	CHECK_EQ(exec("bin/t_args", many), -E2BIG);
	memset(big, 'c', SPAWN_MAX_ARGBYTES);
	big[SPAWN_MAX_ARGBYTES] = '\0';
	CHECK_EQ(exec("bin/t_args", (char *const[]){ "t_args", big, NULL }), -E2BIG);

	CHECK_EQ(stack_word, seed);
	CHECK_EQ(data_word, DATA_INIT);
}

/* The most arguments exec takes: SPAWN_MAX_ARGS. */
static void exec_many(void *arg)
{
	char *many[SPAWN_MAX_ARGS + 1], code[12];

	(void)arg;
	snprintf(code, sizeof(code), "%d", code_of(seed + 1));
	many[0] = "t_args";
	many[1] = code;
	for (int i = 2; i < SPAWN_MAX_ARGS; i++)
		many[i] = "y";
	many[SPAWN_MAX_ARGS] = NULL;
	CHECK_EQ(exec("bin/t_args", many), 0);
}

/* fork + exec + exit + wait leaves nothing behind. */
static void exec_leaves_nothing(int measured)
{
	struct keel_memstats before, after;
	struct image_args a;
	char skip[8];

	a.fd = open("test/pattern", O_RDONLY);
	CHECK(a.fd >= 0);
	CHECK_EQ(read(a.fd, skip, 8), 8);	/* the child reads on from here */
	utest_memstats(&before);
	a.nodes = before.fork_nodes;
	a.collapses = before.fork_collapses;
	CHECK_EQ(fork_exec(exec_image, &a), code_of(seed));
	CHECK_EQ(close(a.fd), 0);
	utest_memstats(&after);
	CHECK(after.fork_collapses > before.fork_collapses);
	CHECK_BASELINE(before, measured);
}

int main(int argc, char **argv)
{
	int pid;

	if (argc >= 2 && strcmp(argv[1], "image") == 0)
		return image_main(argc, argv);
	if (argc >= 2 && strcmp(argv[1], "big") == 0)
		return big_main(argc, argv);
	seed = utest_seed();
	CHECK_EQ(fork_exec(exec_t_args, NULL), code_of(seed));
	CHECK_EQ(fork_exec(exec_many, NULL), code_of(seed + 1));
	CHECK_EQ(fork_exec(exec_big, NULL), code_of(seed));
	exec_errors();
	pid = fork();			/* the errors again, in a forked child */
	CHECK(pid >= 0);
	if (pid == 0) {
		exec_errors();
		exit(code_of(seed));
	}
	CHECK_EQ(utest_wait(pid), code_of(seed));
	for (int round = 0; round < 3; round++)
		exec_leaves_nothing(round > 0);
	return utest_pass();
}
