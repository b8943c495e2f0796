/*
 * user/tests/t_mmap.c - mmap, munmap and mprotect as a program sees them:
 * results, errors, contents kept across splits and merges, and the
 * Region count (memstats) going up and down as Regions split and merge.
 * The accesses that must fault are t_fault's job (kern/user_ktest.c).
 */
#include "utest.h"

const char *utest_name = "t_mmap";

static unsigned long region_count(void)
{
	struct keel_memstats st;

	CHECK_EQ(memstats(&st), 0);
	return st.regions;
}

static void fill(char *p, unsigned long pages)
{
	for (unsigned long i = 0; i < pages; i++)
		memset(p + i * PAGE, (int)(i + 1), PAGE);
}

static void expect(const char *p, unsigned long first, unsigned long n)
{
	for (unsigned long i = first; i < first + n; i++)
		for (unsigned long off = 0; off < PAGE; off += 512)
			CHECK_EQ(p[i * PAGE + off], (char)(i + 1));
}

/* Anonymous memory: zero-filled, the address picked or fixed. */
static void test_anon(void)
{
	char *p = mmap(NULL, 8 * PAGE, PROT_READ | PROT_WRITE, MAP_ANON, -1, 0);

	CHECK(!mmap_failed(p));
	CHECK_EQ((unsigned long)p % PAGE, 0);
	for (unsigned long i = 0; i < 8 * PAGE; i += 64)
		CHECK_EQ(p[i], 0);
	fill(p, 8);
	expect(p, 0, 8);
	/* The same range again, fixed: it is taken. */
	CHECK_EQ((long)mmap(p, PAGE, PROT_READ, MAP_ANON | MAP_FIXED, -1, 0), -EEXIST);
	CHECK_EQ(munmap(p, 8 * PAGE), 0);
	/* Now it is free, and fresh memory there is zero again. */
	CHECK(mmap(p, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_ANON | MAP_FIXED, -1, 0) == p);
	CHECK_EQ(p[PAGE + 5], 0);
	CHECK_EQ(munmap(p, 2 * PAGE), 0);
}

/* munmap of every part of a Region: the rest keeps its contents. */
static void test_partial_unmap(void)
{
	unsigned long r0 = region_count();
	char *p = mmap(NULL, 6 * PAGE, PROT_READ | PROT_WRITE, MAP_ANON, -1, 0);

	CHECK(!mmap_failed(p));
	fill(p, 6);
	CHECK_EQ(region_count(), r0 + 1);
	CHECK_EQ(munmap(p + 2 * PAGE, PAGE), 0);	/* middle: two Regions */
	CHECK_EQ(region_count(), r0 + 2);
	CHECK_EQ(munmap(p, PAGE), 0);			/* first page */
	CHECK_EQ(munmap(p + 5 * PAGE, PAGE), 0);	/* last page */
	CHECK_EQ(region_count(), r0 + 2);
	expect(p, 1, 1);
	expect(p, 3, 2);
	/* The holes are free: a fixed map there succeeds, reads zero. */
	CHECK(mmap(p + 2 * PAGE, PAGE, PROT_READ, MAP_ANON | MAP_FIXED, -1, 0) == p + 2 * PAGE);
	CHECK_EQ(p[2 * PAGE], 0);
	/* One munmap across Regions and holes removes them all. */
	CHECK_EQ(munmap(p, 6 * PAGE), 0);
	CHECK_EQ(region_count(), r0);
	/* Unmapping nothing is fine. */
	CHECK_EQ(munmap(p, 6 * PAGE), 0);
}

/* mprotect at every edge splits, and putting it back merges. */
static void test_protect_splits(void)
{
	unsigned long r0 = region_count();
	char *p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_ANON, -1, 0);

	CHECK(!mmap_failed(p));
	fill(p, 4);
	CHECK_EQ(mprotect(p, PAGE, PROT_READ), 0);		/* first */
	CHECK_EQ(region_count(), r0 + 2);
	CHECK_EQ(mprotect(p + 3 * PAGE, PAGE, PROT_READ), 0);	/* last */
	CHECK_EQ(region_count(), r0 + 3);
	CHECK_EQ(mprotect(p + PAGE, PAGE, PROT_NONE), 0);	/* middle */
	CHECK_EQ(region_count(), r0 + 4);
	CHECK_EQ(mprotect(p, 4 * PAGE, PROT_READ | PROT_WRITE), 0);	/* all: merge */
	CHECK_EQ(region_count(), r0 + 1);
	expect(p, 0, 4);
	/* A range with a hole in it is not all mapped. */
	CHECK_EQ(munmap(p + 2 * PAGE, PAGE), 0);
	CHECK_EQ(mprotect(p, 4 * PAGE, PROT_READ), -ENOMEM);
	CHECK_EQ(munmap(p, 4 * PAGE), 0);
}

/* Bad arguments are refused, nothing changes. */
static void test_errors(void)
{
	unsigned long r0 = region_count();
	char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_ANON, -1, 0);

	CHECK(!mmap_failed(p));
	CHECK_EQ((long)mmap(NULL, 0, PROT_READ, MAP_ANON, -1, 0), -EINVAL);
	CHECK_EQ((long)mmap(p + 1, PAGE, PROT_READ, MAP_ANON | MAP_FIXED, -1, 0), -EINVAL);
	CHECK_EQ((long)mmap(NULL, PAGE, 0x80, MAP_ANON, -1, 0), -EINVAL);
	CHECK_EQ((long)mmap(NULL, PAGE, PROT_READ, 0x40 | MAP_ANON, -1, 0), -EINVAL);
	CHECK_EQ((long)mmap(NULL, PAGE, PROT_READ, 0, 99, 0), -EBADF);
	CHECK_EQ((long)mmap(NULL, PAGE, PROT_READ, 0, 1, 0), -ENODEV);
	CHECK_EQ((long)mmap(NULL, (size_t)-PAGE, PROT_READ, MAP_ANON, -1, 0), -EINVAL);
	CHECK_EQ(munmap(p + 1, PAGE), -EINVAL);
	CHECK_EQ(munmap(p, 0), -EINVAL);
	CHECK_EQ(mprotect(p, PAGE, 0x10), -EINVAL);
	CHECK_EQ(mprotect((void *)PAGE, PAGE, PROT_READ), -EINVAL);	/* below the user range */
	CHECK_EQ(region_count(), r0 + 1);
	p[0] = 7;
	CHECK_EQ(p[0], 7);
	CHECK_EQ(munmap(p, PAGE), 0);
}

int main(void)
{
	test_anon();
	test_partial_unmap();
	test_protect_splits();
	test_errors();
	return utest_pass();
}
