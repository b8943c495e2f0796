/*
 * arch/mips/divdi3.c - 64-bit division for a 32-bit CPU.
 *
 * MIPS32 divides 32-bit numbers only; for a uint64_t / or % (printf's
 * %llu) gcc emits calls to __udivdi3 and __umoddi3, which normally come
 * from libgcc.  The kernel links no libraries (the Makefile's link line has
 * no place after the objects for one), so here they are, as plain binary
 * long division: speed does not matter for printing numbers.
 */
#include "kern/types.h"

uint64_t __udivdi3(uint64_t n, uint64_t d);
uint64_t __umoddi3(uint64_t n, uint64_t d);

/* n / d, with the remainder in *rem.  One quotient bit per step, from
 * the top: shift the next bit of n into the partial remainder, and
 * subtract d when it fits. */
static uint64_t udivmod64(uint64_t n, uint64_t d, uint64_t *rem)
{
	uint64_t q = 0, r = 0;

	if (n >> 32 == 0 && d >> 32 == 0 && d != 0) {	/* the common case */
		*rem = (uint32_t)n % (uint32_t)d;
		return (uint32_t)n / (uint32_t)d;
	}
	for (int i = 63; i >= 0; i--) {
		r = r << 1 | ((n >> i) & 1);
		if (r >= d) {
			r -= d;
			q |= 1ULL << i;
		}
	}
	*rem = r;
	return q;
}

uint64_t __udivdi3(uint64_t n, uint64_t d)
{
	uint64_t r;

	return udivmod64(n, d, &r);
}

uint64_t __umoddi3(uint64_t n, uint64_t d)
{
	uint64_t r;

	udivmod64(n, d, &r);
	return r;
}
