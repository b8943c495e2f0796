/*
 * kern/abi/pattern.h - the content of the boot image's test/pattern file
 * (tools/mkpattern.py writes it), for the kernel's and the user programs'
 * tests that check memory mapped from it.
 *
 * Word i is (i * 2654435761 + 12345) mod 2^32, stored little-endian.
 */
#ifndef KERN_ABI_PATTERN_H
#define KERN_ABI_PATTERN_H

#define TEST_PATTERN_PATH	"test/pattern"

/* Word i's value. */
static inline unsigned int test_pattern_value(unsigned int i)
{
	return i * 2654435761u + 12345u;
}

/* Word i as a native 32-bit load from the file's bytes reads it (the
 * file is little-endian; ppc64 is not). */
static inline unsigned int test_pattern_word(unsigned int i)
{
	unsigned int v = test_pattern_value(i);

#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap32(v);
#endif
	return v;
}

#endif
