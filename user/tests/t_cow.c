/*
 * user/tests/t_cow.c - copy-on-write after fork, for every kind of
 * private memory a program has: initialized data (a copy-on-write copy of
 * the program file), bss, the stack, the malloc heap, an anonymous
 * mapping and a MAP_PRIVATE mapping of a boot-image file.
 *
 * Each kind is an area of three pages.  Page 0 is written by both sides
 * after fork, page 1 by one side, page 2 never by the parent: it keeps
 * its original contents (the file's, or zeros) for good.  Every page is
 * filled whole with values derived from a runtime seed, a kind, a page
 * and a "generation" (who wrote it when), and checked whole.  What each
 * process expects is written in the code, never read from memory, since
 * a leak that corrupted both a page and a table of expectations could
 * otherwise go unseen.
 *
 * Who writes first matters to the kernel (the first writer gets a copy,
 * the second takes the frame), so the scenarios fix the order.  There is
 * no shared memory and no pipe to do it with; instead a side says "step
 * done" by forking a process that exits at once.  Zombies count in
 * memstats.processes until reaped, so during a scenario that count only
 * grows and both sides can wait for it.
 *
 * Each scenario runs in two rounds; the first warms the kernel heap, so
 * that the second can demand the exact number of free frames back.
 */
#include "utest.h"
#include "kern/abi/pattern.h"

const char *utest_name = "t_cow";

#define NPAGES		3
#define WPP		(PAGE / 4)		/* 32-bit words per page */
#define WORDS		(NPAGES * WPP)

enum kind { DATA, BSS, STACK, HEAP, ANON, FILE, NKINDS };
static const char *const kind_name[NKINDS] = { "data", "bss", "stack", "heap", "anon", "file" };

/* Page roles (generations) within a scenario; 0 means "original". */
enum role { PRE = 1, PAR, CHILD, GRAND };

/* .data: initialized, so its pages come from the program file; every
 * 256th word is set, the rest are 0 in the file too. */
#define DATA_INIT(i)	(0xda7a0000u + (i))
#define Q(i)		[i] = DATA_INIT(i)
#define Q4(i)		Q(i), Q((i) + 256), Q((i) + 512), Q((i) + 768)
static uint32_t data_area[WORDS] __attribute__((aligned(4096))) = {
	Q4(0), Q4(1024), Q4(2048)
};
static uint32_t bss_area[WORDS] __attribute__((aligned(4096)));

static uint32_t seed;
static volatile uint32_t *area[NKINDS];	/* page-aligned, NPAGES each */
static volatile uint32_t *shared_ro;	/* test/pattern mapped shared, read-only */
static int pattern_fd;			/* test/pattern, for mmap */
static unsigned long scen_procs;	/* processes when the scenario began */

/* What word w of page pg of kind k holds at generation gen. */
static uint32_t expect(int k, int pg, uint32_t gen, unsigned w)
{
	unsigned i = pg * WPP + w;

	if (gen == 0) {
		if (k == DATA)
			return i % 256 == 0 ? DATA_INIT(i) : 0;
		return k == FILE ? test_pattern_word(i) : 0;
	}
	return utest_mix(seed, k * NPAGES + pg, gen) + w * 0x9e3779b1u;
}

static volatile uint32_t *page_of(int k, int pg)
{
	return area[k] + pg * WPP;
}

static void fill(int k, int pg, uint32_t gen)
{
	volatile uint32_t *p = page_of(k, pg);

	for (unsigned w = 0; w < WPP; w++)
		p[w] = expect(k, pg, gen, w);
}

/* Words [from, to) of the page must hold generation gen. */
static void verify_words(int k, int pg, uint32_t gen, unsigned from, unsigned to, int line)
{
	volatile uint32_t *p = page_of(k, pg);

	for (unsigned w = from; w < to; w++) {
		uint32_t want = expect(k, pg, gen, w);

		if (p[w] != want) {
			fprintf(STDERR_FILENO, "t_cow[%d]: %s page %d word %u: 0x%x, expected 0x%x "
				"(generation %u)\n", getpid(), kind_name[k], pg, w, p[w], want, gen);
			utest_fail(__FILE__, line, "page contents", p[w], want);
		}
	}
}

#define VERIFY(k, pg, gen)	verify_words(k, pg, gen, 0, WPP, __LINE__)

static void fill_all(int pg, uint32_t gen)
{
	for (int k = 0; k < NKINDS; k++)
		fill(k, pg, gen);
}

/* Pages 0, 1 and 2 of every kind hold generations g0, g1, g2. */
static void verify_all(uint32_t g0, uint32_t g1, uint32_t g2, int line)
{
	for (int k = 0; k < NKINDS; k++) {
		verify_words(k, 0, g0, 0, WPP, line);
		verify_words(k, 1, g1, 0, WPP, line);
		verify_words(k, 2, g2, 0, WPP, line);
	}
}

#define VERIFY_ALL(g0, g1, g2)	verify_all(g0, g1, g2, __LINE__)

static void protect_all(int pg, int prot)
{
	for (int k = 0; k < NKINDS; k++)
		CHECK_EQ(mprotect((void *)page_of(k, pg), PAGE, prot), 0);
}

/* ---- the fresh areas: a new anonymous and private file mapping per
 * scenario, so that their page 2 is untouched in every scenario -------- */

static void map_fresh(void)
{
	void *a = mmap(NULL, NPAGES * PAGE, PROT_READ | PROT_WRITE, MAP_ANON, -1, 0);
	void *f = mmap(NULL, NPAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, pattern_fd, 0);

	CHECK(!mmap_failed(a));
	CHECK(!mmap_failed(f));
	area[ANON] = a;
	area[FILE] = f;
}

static void unmap_fresh(void)
{
	CHECK_EQ(munmap((void *)area[ANON], NPAGES * PAGE), 0);
	CHECK_EQ(munmap((void *)area[FILE], NPAGES * PAGE), 0);
}

/* The file itself never changes: read() and the shared mapping give
 * its original words. */
static void check_file_intact(void)
{
	static uint32_t buf[WORDS];
	int fd = open("test/pattern", O_RDONLY);
	long n, got = 0;

	CHECK(fd >= 0);
	while ((n = read(fd, (char *)buf + got, sizeof(buf) - got)) > 0)
		got += n;
	CHECK_EQ(got, (long)sizeof(buf));
	CHECK_EQ(close(fd), 0);
	for (unsigned i = 0; i < WORDS; i++) {
		CHECK_EQ(buf[i], test_pattern_word(i));
		CHECK_EQ(shared_ro[i], test_pattern_word(i));
	}
}

/* ---- ordering the two sides ------------------------------------------ */

/* Say "my step is done": one more process, which exits at once. */
static int step_signal(void)
{
	int pid = fork();

	CHECK(pid >= 0);
	if (pid == 0)
		exit(0);
	return pid;
}

/* Wait until n steps are done (by either side): the scenario's child
 * and n step processes exist. */
static void step_await(unsigned n)
{
	unsigned long deadline = uptime_ms() + 10000;
	struct keel_memstats st;

	for (;;) {
		utest_memstats(&st);
		if (st.processes >= scen_procs + 1 + n)
			return;
		CHECK(uptime_ms() < deadline);
		yield();
	}
}

static void reap_ok(int pid)
{
	CHECK_EQ(utest_wait(pid), 0);
}

/* A write to page pg of kind k while it is read-only kills the writer,
 * and nobody else: in a grandchild, which first checks it sees gen.  If
 * protect, the grandchild makes the page read-only itself; otherwise it
 * inherited the protection. */
static void write_kills(int k, int pg, uint32_t gen, int protect)
{
	int pid = fork(), status;

	CHECK(pid >= 0);
	if (pid == 0) {
		if (protect)
			CHECK_EQ(mprotect((void *)page_of(k, pg), PAGE, PROT_READ), 0);
		VERIFY(k, pg, gen);
		page_of(k, pg)[5] = 0xdeadbeef;	/* must be killed here */
		exit(2);
	}
	status = utest_wait(pid);
	if (!WIFKILLED(status))
		fprintf(STDERR_FILENO, "t_cow: a write to read-only %s page %d was allowed\n",
			kind_name[k], pg);
	CHECK(WIFKILLED(status));
}

/* ---- the scenarios ----------------------------------------------------- */

/* Generation g of role r in scenario s of round rnd: unique per run. */
#define GEN(rnd, s, r)	((uint32_t)(((rnd) * 16 + (s)) * 8 + (r)))

/* The parent writes first; the child, which waits for that, still sees
 * the values from before the fork, then writes the same page (taking
 * the frame the parent left) and a page the parent never touched. */
static void parent_first(int rnd)
{
	uint32_t pre = GEN(rnd, 1, PRE), par = GEN(rnd, 1, PAR), child = GEN(rnd, 1, CHILD);
	int pid, marker;

	fill_all(0, pre);
	fill_all(1, pre);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		step_await(1);
		VERIFY_ALL(pre, pre, 0);	/* never wrote: the old values */
		fill_all(0, child);
		fill_all(2, child);
		VERIFY_ALL(child, pre, child);
		exit(0);
	}
	fill_all(0, par);
	fill_all(1, par);
	VERIFY_ALL(par, par, 0);
	marker = step_signal();
	reap_ok(pid);
	reap_ok(marker);
	VERIFY_ALL(par, par, 0);
}

/* The child writes first; the parent sees none of it, then writes the
 * same page; the child, still alive, sees none of that. */
static void child_first(int rnd)
{
	uint32_t pre = GEN(rnd, 2, PRE), par = GEN(rnd, 2, PAR), child = GEN(rnd, 2, CHILD);
	int pid, marker;

	fill_all(0, pre);
	fill_all(1, pre);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		fill_all(0, child);
		fill_all(1, child);
		marker = step_signal();
		step_await(2);
		VERIFY_ALL(child, child, 0);
		reap_ok(marker);
		exit(0);
	}
	step_await(1);
	VERIFY_ALL(pre, pre, 0);
	fill_all(0, par);
	VERIFY_ALL(par, pre, 0);
	marker = step_signal();
	reap_ok(pid);
	reap_ok(marker);
	VERIFY_ALL(par, pre, 0);
}

/* mprotect read-only and back on either side after fork: values stay
 * private, and a write while read-only kills only the writer.  Page 1
 * is read-only from before the fork (its Regions split in both). */
static void protect_round_trips(int rnd)
{
	uint32_t pre = GEN(rnd, 3, PRE), par = GEN(rnd, 3, PAR), child = GEN(rnd, 3, CHILD);
	int pid, marker;

	fill_all(0, pre);
	fill_all(1, pre);
	protect_all(1, PROT_READ);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		protect_all(0, PROT_READ);
		VERIFY_ALL(pre, pre, 0);
		protect_all(0, PROT_READ | PROT_WRITE);
		protect_all(1, PROT_READ | PROT_WRITE);
		fill_all(0, child);
		fill_all(1, child);
		for (int k = 0; k < NKINDS; k++)
			write_kills(k, 0, child, 1);
		VERIFY_ALL(child, child, 0);
		marker = step_signal();
		step_await(2);
		VERIFY_ALL(child, child, 0);
		reap_ok(marker);
		exit(0);
	}
	step_await(1);
	VERIFY_ALL(pre, pre, 0);
	for (int k = 0; k < NKINDS; k++)
		write_kills(k, 1, pre, 0);	/* inherited read-only */
	protect_all(1, PROT_READ | PROT_WRITE);
	fill_all(1, par);
	protect_all(0, PROT_READ);
	VERIFY_ALL(pre, par, 0);
	protect_all(0, PROT_READ | PROT_WRITE);
	fill_all(0, par);
	VERIFY_ALL(par, par, 0);
	marker = step_signal();
	reap_ok(pid);
	reap_ok(marker);
	VERIFY_ALL(par, par, 0);
}

/* Read NW words of test/pattern into page pg of kind k with read(): the
 * kernel writes the page (copyout), which must copy it like any write. */
#define NW	16
static void read_pattern_into(int k, int pg)
{
	int fd = open("test/pattern", O_RDONLY);

	CHECK(fd >= 0);
	CHECK_EQ(read(fd, (void *)page_of(k, pg), NW * 4), NW * 4);
	CHECK_EQ(close(fd), 0);
	for (unsigned w = 0; w < NW; w++)
		CHECK_EQ(page_of(k, pg)[w], test_pattern_word(w));
}

/* The kernel's own writes into copy-on-write pages (read(), memstats,
 * wait's status) copy them too, on either side. */
static void kernel_writes(int rnd)
{
	uint32_t pre = GEN(rnd, 4, PRE);
	int pid, marker;

	fill_all(0, pre);
	fill_all(1, pre);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		for (int k = 0; k < NKINDS; k++) {
			volatile uint32_t *p = page_of(k, 0);
			struct keel_memstats *st = (struct keel_memstats *)(p + 512);

			read_pattern_into(k, 0);
			CHECK_EQ(memstats(st), 0);
			CHECK_EQ(st->page_size, PAGE);
			p[1000] = 77;
			marker = fork();
			if (marker == 0)
				exit(k + 1);
			CHECK_EQ(wait(marker, (int *)(p + 1000)), marker);
			CHECK_EQ(p[1000], k + 1);
			verify_words(k, 0, pre, NW, 512, __LINE__);
			verify_words(k, 1, pre, 0, WPP, __LINE__);
		}
		exit(0);
	}
	reap_ok(pid);
	VERIFY_ALL(pre, pre, 0);

	/* The other way: the parent's kernel writes, the child looks. */
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		step_await(1);
		VERIFY_ALL(pre, pre, 0);
		exit(0);
	}
	for (int k = 0; k < NKINDS; k++)
		read_pattern_into(k, 1);
	marker = step_signal();
	reap_ok(pid);
	reap_ok(marker);
	for (int k = 0; k < NKINDS; k++)
		verify_words(k, 1, pre, NW, WPP, __LINE__);
}

/* MAP_PRIVATE of a file: the file, its shared mapping and a fresh
 * private mapping never see a private copy's writes; the shared mapping
 * still refuses to become writable. */
static void private_file(int rnd)
{
	uint32_t par = GEN(rnd, 5, PAR), child = GEN(rnd, 5, CHILD);
	volatile uint32_t *fresh, *late;
	int pid;

	CHECK_EQ((long)mmap(NULL, PAGE, PROT_READ | PROT_WRITE, 0, pattern_fd, 0), -EACCES);
	CHECK_EQ(mprotect((void *)shared_ro, PAGE, PROT_READ | PROT_WRITE), -EACCES);
	fill(FILE, 0, par);
	fresh = mmap(NULL, NPAGES * PAGE, PROT_READ, MAP_PRIVATE, pattern_fd, 0);
	CHECK(!mmap_failed((void *)fresh));
	for (unsigned i = 0; i < WORDS; i++)
		CHECK_EQ(fresh[i], test_pattern_word(i));
	/* Read-only at first, writable later: the first write copies. */
	CHECK_EQ(mprotect((void *)fresh, PAGE, PROT_READ | PROT_WRITE), 0);
	fresh[3] = par;
	CHECK_EQ(fresh[3], par);
	CHECK_EQ(shared_ro[3], test_pattern_word(3));
	VERIFY(FILE, 0, par);
	/* At an offset: the file's second page onwards. */
	late = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, pattern_fd, PAGE);
	CHECK(!mmap_failed((void *)late));
	CHECK_EQ(late[0], test_pattern_word(WPP));
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		late[0] = child;
		fill(FILE, 0, child);
		CHECK_EQ(fresh[3], par);
		CHECK_EQ(late[1], test_pattern_word(WPP + 1));
		exit(0);
	}
	reap_ok(pid);
	CHECK_EQ(late[0], test_pattern_word(WPP));
	CHECK_EQ(fresh[3], par);
	VERIFY(FILE, 0, par);
	CHECK_EQ(munmap((void *)late, 2 * PAGE), 0);
	CHECK_EQ(munmap((void *)fresh, NPAGES * PAGE), 0);
	check_file_intact();
}

/* ---- the driver ---------------------------------------------------------- */

/* Read every page of the lasting areas (the fresh ones are not mapped
 * between scenarios), so that taking a baseline does not itself fault
 * pages in later. */
static void touch_all(void)
{
	volatile uint32_t sum = 0;

	for (int k = 0; k < ANON; k++)
		for (int pg = 0; pg < NPAGES; pg++)
			sum += page_of(k, pg)[0];
	for (unsigned i = 0; i < WORDS; i += WPP)
		sum += shared_ro[i];
	(void)sum;
}

struct scenario {
	const char *name;
	void (*run)(int rnd);
	unsigned copies, takes;		/* at least this many of each */
};

/* Copies and takes counted from the area pages alone; the stacks and
 * the step processes add more. */
static const struct scenario scenarios[] = {
	{ "parent first", parent_first, 2 * NKINDS, NKINDS },
	{ "child first", child_first, 2 * NKINDS, NKINDS },
	{ "mprotect round trips", protect_round_trips, 2 * NKINDS, NKINDS },
	{ "kernel writes", kernel_writes, 2 * NKINDS, 0 },
	{ "private file", private_file, 2, 0 },
};

static void run_scenario(const struct scenario *sc, int rnd)
{
	struct keel_memstats before, after;

	touch_all();
	utest_memstats(&before);
	scen_procs = before.processes;
	map_fresh();
	sc->run(rnd);
	unmap_fresh();
	check_file_intact();
	touch_all();
	CHECK_EQ(wait(-1, NULL), -ECHILD);
	utest_memstats(&after);
	if (after.regions != before.regions || after.cow_copies - before.cow_copies < sc->copies ||
	    after.cow_takes - before.cow_takes < sc->takes)
		fprintf(STDERR_FILENO, "t_cow: %s: %llu region(s) (%llu before), %llu copies, "
			"%llu takes\n", sc->name, after.regions, before.regions,
			after.cow_copies - before.cow_copies, after.cow_takes - before.cow_takes);
	CHECK_EQ(after.regions, before.regions);
	CHECK(after.cow_copies - before.cow_copies >= sc->copies);
	CHECK(after.cow_takes - before.cow_takes >= sc->takes);
	CHECK_BASELINE(before, rnd > 0);
}

int main(void)
{
	unsigned char stack_buf[(NPAGES + 1) * PAGE];
	unsigned char *heap = calloc(NPAGES + 1, PAGE);

	seed = utest_seed();
	CHECK(heap != NULL);
	area[DATA] = data_area;
	area[BSS] = bss_area;
	area[STACK] = (uint32_t *)(((uintptr_t)stack_buf + PAGE - 1) & ~(PAGE - 1));
	area[HEAP] = (uint32_t *)(((uintptr_t)heap + PAGE - 1) & ~(PAGE - 1));
	memset((void *)area[STACK], 0, NPAGES * PAGE);
	pattern_fd = open("test/pattern", O_RDONLY);
	CHECK(pattern_fd >= 0);
	shared_ro = mmap(NULL, NPAGES * PAGE, PROT_READ, 0, pattern_fd, 0);
	CHECK(!mmap_failed((void *)shared_ro));
	map_fresh();
	VERIFY_ALL(0, 0, 0);		/* every kind as the program starts */
	unmap_fresh();
	for (int rnd = 0; rnd < 2; rnd++)
		for (unsigned i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++)
			run_scenario(&scenarios[i], rnd);
	return utest_pass();
}
