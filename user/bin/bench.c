/*
 * user/bin/bench.c - bench: user-level micro-benchmarks, the rows of
 * shared PERFORMANCE.md as a program sees them.  `make bench`
 * (tools/bench.py) runs it under QEMU -icount through the bench_user ktest
 * (kern/proc_bench.c), where the cycles() counter follows the guest
 * instruction count.
 *
 * Each benchmark repeats one operation N times between two cycles()
 * calls (set-up and clean-up stay outside them) and prints
 *
 *	bench: NAME ops=N cycles=C rate=R
 *
 * which bench.py turns into instructions per operation.  Any failed call
 * ends the program with status 1, so the ktest fails instead of reporting
 * a figure for work that was not done.  `bench noop` exits 0 at once: it
 * is the child of the spawn_exit_wait benchmark.
 *
 * The fork and copy-on-write benchmarks time each repetition on its own
 * (untimed set-up before each) and print the median of REPS of them:
 *
 *	bench: NAME ops=N cycles=C rate=R reps=REPS
 *
 * where C is the median repetition's cycles for N operations.  A child
 * cannot hand a figure back through its exit status (8 bits), so the
 * copy-on-write child prints its own line.
 */
#include "ulib.h"

#define PAGE		4096UL
#define N_SYSCALL	1000
#define N_FAULT		512		/* pages faulted or unmapped */
#define N_MAP		1000
#define N_PROTECT	500
#define N_SPAWN		200
#define REPS		9		/* timed repetitions of a fork benchmark */
#define COW_BLOCK	64		/* copy-on-write faults per repetition */
#define FILE_MAPS_MAX	N_FAULT		/* at least one page per mapping */

static unsigned long long rate;		/* counter ticks per second */

static unsigned long long now(void)
{
	struct keel_cycles c;
	int e = cycles(&c);

	if (e < 0)
		die("bench: cycles: %s", errstr(e));
	rate = c.per_sec;
	return c.count;
}

static void report(const char *name, unsigned long ops, unsigned long long t0)
{
	unsigned long long t1 = now();

	printf("bench: %s ops=%lu cycles=%llu rate=%llu\n", name, ops, t1 - t0, rate);
}

/* The median of t[0..n) (n odd); sorts t. */
static unsigned long long median(unsigned long long *t, unsigned n)
{
	for (unsigned i = 1; i < n; i++)
		for (unsigned j = i; j > 0 && t[j - 1] > t[j]; j--) {
			unsigned long long x = t[j];

			t[j] = t[j - 1];
			t[j - 1] = x;
		}
	return t[n / 2];
}

/* Report the median of reps timings t[], each of ops operations. */
static void report_median(const char *name, unsigned long ops, unsigned long long *t,
			  unsigned reps)
{
	printf("bench: %s ops=%lu cycles=%llu rate=%llu reps=%u\n", name, ops,
	       median(t, reps), rate, reps);
}

/* Die unless e (a system call's result) is a success. */
static void check(long e, const char *what)
{
	if (e < 0)
		die("bench: %s: %s", what, errstr(e));
}

static char *map_anon(unsigned long pages)
{
	char *p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_ANON, -1, 0);

	if (mmap_failed(p))
		die("bench: mmap: %s", errstr((long)p));
	return p;
}

/* The system call round trip: the cheapest call there is. */
static void bench_getpid(void)
{
	unsigned long long t0 = now();

	for (unsigned i = 0; i < N_SYSCALL; i++)
		if (getpid() <= 0)
			die("bench: getpid failed");
	report("getpid", N_SYSCALL, t0);
}

/* One write per page of a fresh anonymous Region: each is a zero-fill
 * fault (frame, clear, FCM record, HAT entry). */
static void bench_zero_fill_fault(void)
{
	volatile char *p = map_anon(N_FAULT);
	unsigned long long t0 = now();

	for (unsigned long i = 0; i < N_FAULT; i++)
		p[i * PAGE] = 1;
	report("zero_fill_fault", N_FAULT, t0);
	check(munmap((char *)p, N_FAULT * PAGE), "munmap");
}

/* munmap of one touched page, its own Region (mmap does not merge). */
static void bench_munmap_touched(void)
{
	static volatile char *pages[N_FAULT];
	unsigned long long t0;

	for (unsigned i = 0; i < N_FAULT; i++) {
		pages[i] = map_anon(1);
		pages[i][0] = 1;
	}
	t0 = now();
	for (unsigned i = 0; i < N_FAULT; i++)
		check(munmap((char *)pages[i], PAGE), "munmap");
	report("munmap_touched", N_FAULT, t0);
}

/* One munmap of N_FAULT touched pages, per page: the marginal cost of a
 * touched page in a large munmap (PERFORMANCE.md's munmap row is below
 * Linux's own mmap+munmap of one page, so it must be measured this way). */
static void bench_munmap_touched_bulk(void)
{
	volatile char *p = map_anon(N_FAULT);
	unsigned long long t0;

	for (unsigned long i = 0; i < N_FAULT; i++)
		p[i * PAGE] = 1;
	t0 = now();
	check(munmap((char *)p, N_FAULT * PAGE), "munmap");
	report("munmap_touched_bulk", N_FAULT, t0);
}

/* The largest file of the boot image (most pages per mapping); its
 * size in *size. */
static void largest_file(char *name, size_t namesz, unsigned long long *size)
{
	char cand[PATH_MAX];
	struct keel_stat st;
	int fd, n;

	*size = 0;
	for (unsigned i = 0; (n = readdir(i, cand, sizeof(cand))) != -ENOENT; i++) {
		if (n < 0 || (fd = open(cand, O_RDONLY)) < 0)
			continue;
		if (fstat(fd, &st) == 0 && st.size > *size) {
			*size = st.size;
			strlcpy(name, cand, namesz);
		}
		close(fd);
	}
	if (*size == 0)
		die("bench: no file in the boot image");
}

/* Map the file fd (pages long) read-only as often as it takes to have at
 * least N_FAULT pages; returns the number of mappings. */
static unsigned map_file_copies(int fd, unsigned long pages, const char **maps)
{
	unsigned n = 0;

	for (unsigned long total = 0; total < N_FAULT; total += pages) {
		const char *p = mmap(NULL, pages * PAGE, PROT_READ, 0, fd, 0);

		if (mmap_failed((void *)p))
			die("bench: mmap of a file: %s", errstr((long)p));
		maps[n++] = p;
	}
	return n;
}

/* Read faults on boot-image file pages: the boot-image FCM already holds
 * every page (the image is the page cache), so each is a "cached" fault.
 * One read per page of each mapping of the largest file. */
static void bench_file_read_fault(void)
{
	static const char *maps[FILE_MAPS_MAX];
	char name[PATH_MAX];
	unsigned long long size, t0;
	unsigned long pages, faults;
	unsigned nmaps;
	int fd;

	largest_file(name, sizeof(name), &size);
	if ((fd = open(name, O_RDONLY)) < 0)
		die("bench: open %s: %s", name, errstr(fd));
	pages = (size + PAGE - 1) / PAGE;
	nmaps = map_file_copies(fd, pages, maps);
	faults = nmaps * pages;
	t0 = now();
	for (unsigned m = 0; m < nmaps; m++)
		for (unsigned long i = 0; i < pages; i++)
			(void)*(volatile const char *)(maps[m] + i * PAGE);
	report("file_read_fault", faults, t0);
	for (unsigned m = 0; m < nmaps; m++)
		check(munmap((char *)maps[m], pages * PAGE), "munmap");
	close(fd);
}

/* Make and remove a one-page Region that is never touched. */
static void bench_mmap_munmap(void)
{
	unsigned long long t0 = now();

	for (unsigned i = 0; i < N_MAP; i++)
		check(munmap(map_anon(1), PAGE), "munmap");
	report("mmap_munmap", N_MAP, t0);
}

/* Narrow a touched page to read-only (its translation must go) and
 * widen it back: one op is both calls. */
static void bench_mprotect_rw_r_rw(void)
{
	char *p = map_anon(1);
	unsigned long long t0;

	p[0] = 1;
	t0 = now();
	for (unsigned i = 0; i < N_PROTECT; i++) {
		check(mprotect(p, PAGE, PROT_READ), "mprotect R");
		check(mprotect(p, PAGE, PROT_READ | PROT_WRITE), "mprotect RW");
	}
	report("mprotect_rw_r_rw", N_PROTECT, t0);
	check(munmap(p, PAGE), "munmap");
}

/* The middle page of three to read-only (the Region splits in three)
 * and back (they merge again): one op is both calls. */
static void bench_mprotect_split_merge(void)
{
	char *p = map_anon(3);
	unsigned long long t0;

	for (unsigned long i = 0; i < 3; i++)
		p[i * PAGE] = 1;
	t0 = now();
	for (unsigned i = 0; i < N_PROTECT; i++) {
		check(mprotect(p + PAGE, PAGE, PROT_READ), "mprotect R");
		check(mprotect(p + PAGE, PAGE, PROT_READ | PROT_WRITE), "mprotect RW");
	}
	report("mprotect_split_merge", N_PROTECT, t0);
	check(munmap(p, 3 * PAGE), "munmap");
}

/* Keel's "fork+exit+wait": start a program that exits at once, reap it. */
static void bench_spawn_exit_wait(void)
{
	char *argv[] = { "bench", "noop", NULL };
	unsigned long long t0 = now();
	int pid, st;

	for (unsigned i = 0; i < N_SPAWN; i++) {
		check(pid = spawn("bin/bench", argv), "spawn");
		check(wait(pid, &st), "wait");
		if (st != 0)
			die("bench: bench noop ended with status %#x", st);
	}
	report("spawn_exit_wait", N_SPAWN, t0);
}

/* Write one byte in each of pages pages at p (untimed set-up): every page
 * is then held by the FCM and mapped writable in this process. */
static void touch(volatile char *p, unsigned long pages)
{
	for (unsigned long i = 0; i < pages; i++)
		p[i * PAGE] = (char)i;
}

/* One timed fork whose child exits at once, and the wait that reaps it. */
static unsigned long long fork_exit_wait(void)
{
	unsigned long long t0 = now(), t;
	int pid, st;

	pid = fork();
	if (pid == 0)
		exit(0);
	check(pid, "fork");
	check(wait(pid, &st), "wait");
	t = now() - t0;
	if (st != 0)
		die("bench: forked child ended with status %#x", st);
	return t;
}

/* How the parent's memory looks to each timed fork. */
enum fork_mem {
	FORK_MAPPED,		/* held and mapped: re-touched before each fork */
	FORK_HELD,		/* held by the FCM, no translations (not re-touched) */
	FORK_RESERVED,		/* a Region never touched: no page, no table */
};

/*
 * fork+exit+wait with an anonymous mapping of mib MiB in the parent.
 * FORK_MAPPED is PERFORMANCE.md's row: fork removes the parent's
 * translations of private memory (the fork tree's node takes the pages),
 * so before each timed fork one byte per page is written again, untimed,
 * and every fork finds the whole range mapped, as Linux's finds its page
 * tables full.  The other two isolate where fork's per-page cost goes.
 */
static void bench_fork(unsigned mib, enum fork_mem mem, const char *name)
{
	unsigned long pages = mib * (1024 * 1024 / PAGE);
	volatile char *p = pages ? map_anon(pages) : NULL;
	unsigned long long t[REPS];

	if (mem != FORK_RESERVED)
		touch(p, pages);
	if (mem == FORK_HELD)
		(void)fork_exit_wait();		/* unmaps them; nothing maps them again */
	for (unsigned i = 0; i < REPS; i++) {
		if (mem == FORK_MAPPED)
			touch(p, pages);
		t[i] = fork_exit_wait();
	}
	report_median(name, 1, t, REPS);
	if (pages)
		check(munmap((char *)p, pages * PAGE), "munmap");
}

/*
 * One copy-on-write fault: the child writes a page the parent touched,
 * which copies it (the parent can still see the original).  The child
 * times REPS blocks of COW_BLOCK writes, each to a page of its own, and
 * prints the median block itself; the parent checks it exited 0 and that
 * its own bytes are unchanged.  The child never read the page first: one
 * write, one fault.
 */
static void bench_cow_fault(void)
{
	unsigned long pages = REPS * COW_BLOCK;
	volatile char *p = map_anon(pages);
	int pid, st;

	touch(p, pages);
	pid = fork();
	if (pid == 0) {
		unsigned long long t[REPS];

		(void)now();	/* its own copy of `rate` first, untimed */
		for (unsigned b = 0; b < REPS; b++) {
			volatile char *q = p + b * COW_BLOCK * PAGE;
			unsigned long long t0 = now();

			for (unsigned long i = 0; i < COW_BLOCK; i++)
				q[i * PAGE] = 1;
			t[b] = now() - t0;
		}
		for (unsigned long i = 0; i < pages; i++)
			if (p[i * PAGE] != 1)
				die("bench: cow_fault: the child's write is lost");
		report_median("cow_fault", COW_BLOCK, t, REPS);
		exit(0);
	}
	check(pid, "fork");
	check(wait(pid, &st), "wait");
	if (st != 0)
		die("bench: cow_fault child ended with status %#x", st);
	for (unsigned long i = 0; i < pages; i++)
		if (p[i * PAGE] != (char)i)
			die("bench: cow_fault: the child's write reached the parent");
	check(munmap((char *)p, pages * PAGE), "munmap");
}

/* First write to each page of MAP_PRIVATE mappings of the largest boot
 * image file: each copies the file's page into the mapping's own (the
 * FCMCRW, mm/fcm_crw.c).  As file_read_fault, one byte per page. */
static void bench_private_file_write_fault(void)
{
	static char *maps[FILE_MAPS_MAX];
	char name[PATH_MAX];
	unsigned long long size, t0;
	unsigned long pages, faults;
	unsigned nmaps = 0;
	int fd;

	largest_file(name, sizeof(name), &size);
	if ((fd = open(name, O_RDONLY)) < 0)
		die("bench: open %s: %s", name, errstr(fd));
	pages = (size + PAGE - 1) / PAGE;
	for (faults = 0; faults < N_FAULT; faults += pages) {
		char *m = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);

		if (mmap_failed(m))
			die("bench: mmap MAP_PRIVATE: %s", errstr((long)m));
		maps[nmaps++] = m;
	}
	t0 = now();
	for (unsigned m = 0; m < nmaps; m++)
		for (unsigned long i = 0; i < pages; i++)
			((volatile char *)maps[m])[i * PAGE] = 1;
	report("private_file_write_fault", faults, t0);
	for (unsigned m = 0; m < nmaps; m++)
		check(munmap(maps[m], pages * PAGE), "munmap");
	close(fd);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "noop") == 0)
		return 0;
	bench_getpid();
	bench_zero_fill_fault();
	bench_munmap_touched();
	bench_munmap_touched_bulk();
	bench_file_read_fault();
	bench_mmap_munmap();
	bench_mprotect_rw_r_rw();
	bench_mprotect_split_merge();
	bench_spawn_exit_wait();
	bench_private_file_write_fault();
	bench_cow_fault();
	bench_fork(0, FORK_MAPPED, "fork_exit_wait_0M");
	bench_fork(1, FORK_MAPPED, "fork_exit_wait_1M");
	bench_fork(4, FORK_MAPPED, "fork_exit_wait_4M");
	bench_fork(16, FORK_MAPPED, "fork_exit_wait_16M");
	bench_fork(16, FORK_HELD, "fork_exit_wait_16M_held");
	bench_fork(16, FORK_RESERVED, "fork_exit_wait_16M_reserved");
	return 0;
}
