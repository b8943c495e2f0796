/*
 * mm/uaccess.c - copyin, copyout, copyinstr (mm/uaccess.h).
 */
#include "kern/errno.h"
#include "kern/string.h"
#include "mm/hat.h"
#include "mm/uaccess.h"

#define WORD	4u	/* hat_probe_* move 32-bit words */

/* Does [a, a + len) lie inside the user range, without wrapping? */
static bool user_range(vaddr_t a, size_t len)
{
	return a >= USER_VA_MIN && a < USER_VA_MAX && len <= USER_VA_MAX - a;
}

/* The bytes of the aligned word at w, in memory order (whatever the
 * machine's byte order: the value's own representation is memory order). */
static int read_word(vaddr_t w, unsigned char bytes[WORD])
{
	uint32_t v;

	if (hat_probe_read(w, &v) != 0)
		return -EFAULT;
	memcpy(bytes, &v, WORD);
	return 0;
}

static int write_word(vaddr_t w, const unsigned char bytes[WORD])
{
	uint32_t v;

	memcpy(&v, bytes, WORD);
	return hat_probe_write(w, v) == 0 ? 0 : -EFAULT;
}

int copyin(void *dst, vaddr_t src, size_t len)
{
	unsigned char *d = dst, word[WORD];

	if (len && !user_range(src, len))
		return -EFAULT;
	while (len) {
		vaddr_t w = src & ~(vaddr_t)(WORD - 1);
		size_t off = src - w, n = MIN(WORD - off, len);

		if (read_word(w, word) != 0)
			return -EFAULT;
		memcpy(d, word + off, n);
		d += n;
		src += n;
		len -= n;
	}
	return 0;
}

int copyout(vaddr_t dst, const void *src, size_t len)
{
	const unsigned char *s = src;
	unsigned char word[WORD];

	if (len && !user_range(dst, len))
		return -EFAULT;
	while (len) {
		vaddr_t w = dst & ~(vaddr_t)(WORD - 1);
		size_t off = dst - w, n = MIN(WORD - off, len);

		/* A word only partly ours keeps its other bytes. */
		if (n < WORD && read_word(w, word) != 0)
			return -EFAULT;
		memcpy(word + off, s, n);
		if (write_word(w, word) != 0)
			return -EFAULT;
		s += n;
		dst += n;
		len -= n;
	}
	return 0;
}

int copyinstr(char *dst, vaddr_t src, size_t size)
{
	if (size == 0)
		return -ENAMETOOLONG;
	for (size_t i = 0; i < size; i++) {
		if (copyin(&dst[i], src + i, 1) != 0)
			return -EFAULT;
		if (dst[i] == '\0')
			return 0;
	}
	dst[size - 1] = '\0';
	return -ENAMETOOLONG;
}
