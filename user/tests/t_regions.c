/*
 * user/tests/t_regions.c - thousands of Regions in one process.
 *
 * Maps N single pages with alternating protections (so that no two
 * neighbours could be one Region), touches each, checks memstats counts
 * them, then finds each again by faulting on it in a scattered order,
 * and unmaps them all.  The region map must keep up (mm/regionmap.c:
 * O(log n) lookups).
 */
#include "utest.h"

const char *utest_name = "t_regions";

#define BASE	0x20000000UL

int main(int argc, char **argv)
{
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 0) : 3000;
	struct keel_memstats st;
	unsigned long r0;

	CHECK_EQ(memstats(&st), 0);
	r0 = st.regions;
	for (unsigned long i = 0; i < n; i++) {
		int prot = (i & 1) ? PROT_READ : PROT_READ | PROT_WRITE;
		char *p = mmap((void *)(BASE + i * PAGE), PAGE, prot, MAP_ANON | MAP_FIXED, -1, 0);

		CHECK(p == (char *)(BASE + i * PAGE));
	}
	CHECK_EQ(memstats(&st), 0);
	CHECK_EQ(st.regions, r0 + n);
	/* Write the writable ones in a scattered order (7919 is prime). */
	for (unsigned long j = 0; j < n; j++) {
		unsigned long i = (j * 7919) % n;

		if (!(i & 1))
			*(volatile unsigned long *)(BASE + i * PAGE) = i;
	}
	for (unsigned long i = 0; i < n; i++)
		CHECK_EQ(*(volatile unsigned long *)(BASE + i * PAGE), (i & 1) ? 0 : i);
	CHECK_EQ(munmap((void *)BASE, n * PAGE), 0);
	CHECK_EQ(memstats(&st), 0);
	CHECK_EQ(st.regions, r0);
	printf("t_regions: %lu regions\n", n);
	return utest_pass();
}
