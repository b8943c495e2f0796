/*
 * user/tests/t_zero.c - zero-filled memory: .bss, the stack, and fresh
 * anonymous mappings all read as zero until written, page by page, and
 * keep what is written.
 */
#include "utest.h"

const char *utest_name = "t_zero";

static unsigned char bss[5 * 4096 + 123];	/* several zero-fill pages */

static void check_zero(const unsigned char *p, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		if (p[i])
			CHECK_EQ(p[i], 0);
}

/* Reading the frame before writing it is the point here. */
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

/* A frame much larger than anything the program used before: its lower
 * part lies on stack pages never touched, which must read as zero. */
static void __attribute__((noinline)) test_stack(void)
{
	volatile unsigned char frame[64 * 1024];
	unsigned long fresh = sizeof(frame) - 4096;	/* leave the used top */

	check_zero((const unsigned char *)frame, fresh);
	memset((void *)frame, 0x5a, sizeof(frame));
	CHECK_EQ(frame[100], 0x5a);
}

int main(void)
{
	unsigned long n = 64 * PAGE;
	unsigned char *p;

	check_zero(bss, sizeof(bss));
	memset(bss, 0xa5, sizeof(bss));
	for (unsigned long i = 0; i < sizeof(bss); i++)
		CHECK_EQ(bss[i], 0xa5);
	test_stack();
	p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_ANON, -1, 0);
	CHECK(!mmap_failed(p));
	check_zero(p, n);
	for (unsigned long i = 0; i < n; i += PAGE)
		p[i + (i / PAGE) % PAGE] = (unsigned char)(i / PAGE + 1);
	for (unsigned long i = 0; i < n; i += PAGE)
		CHECK_EQ(p[i + (i / PAGE) % PAGE], (unsigned char)(i / PAGE + 1));
	CHECK_EQ(munmap(p, n), 0);
	return utest_pass();
}
