/*
 * arch/ppc64/cons.c - the serial console: PAPR's virtual terminal.
 *
 * A pseries guest has no UART to program; the hypervisor moves bytes for
 * it.  H_PUT_TERM_CHAR sends up to 16 bytes packed into r6..r7 (first
 * byte most significant), H_GET_TERM_CHAR returns up to 16 the same way
 * in r5..r6, or none.  QEMU connects the first vty to -serial.
 */
#include "kern/arch.h"
#include "cons.h"
#include "hcall.h"

static uint32_t console_termno = VTY_DEFAULT_TERMNO;
static uint32_t result_termno;		/* 0: no result channel */

/* Bytes H_GET_TERM_CHAR handed over that nobody has read yet. */
static struct {
	unsigned char buf[16];
	int len, next;
} vty_in;

void vty_init(uint32_t termno)
{
	console_termno = termno;
}

uint32_t vty_termno(void)
{
	return console_termno;
}

void vty_result_init(uint32_t termno)
{
	result_termno = termno;
}

/* One byte to a terminal; a missing terminal answers H_PARAMETER, which
 * ends the wait like success does. */
static void vty_putc(uint32_t termno, int c)
{
	unsigned long hi = (unsigned long)(unsigned char)c << 56;

	while (hcall(H_PUT_TERM_CHAR, termno, 1, hi, 0, 0, 0) == H_BUSY)
		;
}

void arch_cons_putc(int c)
{
	vty_putc(console_termno, c);
}

void arch_result_putc(int c)
{
	if (result_termno)
		vty_putc(result_termno, c);
}

int arch_cons_getc(void)
{
	unsigned long ret[4];

	if (vty_in.next == vty_in.len) {
		vty_in.next = vty_in.len = 0;
		if (hcall_ret4(ret, H_GET_TERM_CHAR, console_termno, 0, 0, 0, 0) != H_SUCCESS)
			return -1;
		/* ret[0] = count, ret[1..2] = the bytes, first at the top */
		for (unsigned i = 0; i < ret[0] && i < sizeof(vty_in.buf); i++)
			vty_in.buf[i] = (unsigned char)(ret[1 + i / 8] >> (56 - 8 * (i % 8)));
		vty_in.len = (int)MIN(ret[0], sizeof(vty_in.buf));
		if (vty_in.len == 0)
			return -1;
	}
	return vty_in.buf[vty_in.next++];
}
