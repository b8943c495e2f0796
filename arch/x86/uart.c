/*
 * arch/x86/uart.c - the console: a 16550 UART at COM1 (I/O port 0x3f8),
 * polled.
 *
 * Polling keeps the console usable with interrupts off (panics, early
 * boot).  QEMU's -serial and Bochs' com1 both emulate this chip.
 */
#include "kern/arch.h"
#include "uart.h"
#include "x86.h"

#define COM1		0x3f8
#define UART_DATA	0		/* receive / transmit; divisor low with DLAB */
#define UART_IER	1		/* interrupt enable; divisor high with DLAB */
#define UART_FCR	2		/* FIFO control */
#define UART_LCR	3		/* line control */
#define UART_MCR	4		/* modem control */
#define UART_LSR	5		/* line status */

#define LCR_8N1		0x03
#define LCR_DLAB	0x80		/* registers 0/1 are the baud divisor */
#define FCR_ENABLE	0xc7		/* enable and clear FIFOs, 14-byte trigger */
#define MCR_DTR_RTS	0x03
#define LSR_DATA	0x01		/* a received byte is waiting */
#define LSR_THRE	0x20		/* the transmitter can take a byte */

#define BAUD_BASE	115200
#define BAUD		115200

/* Give up waiting for a missing or stuck UART rather than hang. */
#define PUTC_SPINS	100000

void uart_init(void)
{
	uint16_t div = BAUD_BASE / BAUD;

	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, LCR_DLAB);
	outb(COM1 + UART_DATA, div & 0xff);
	outb(COM1 + UART_IER, div >> 8);
	outb(COM1 + UART_LCR, LCR_8N1);
	outb(COM1 + UART_FCR, FCR_ENABLE);
	outb(COM1 + UART_MCR, MCR_DTR_RTS);
}

void arch_cons_putc(int c)
{
	for (int i = 0; i < PUTC_SPINS; i++)
		if (inb(COM1 + UART_LSR) & LSR_THRE)
			break;
	outb(COM1 + UART_DATA, (uint8_t)c);
}

int arch_cons_getc(void)
{
	if (!(inb(COM1 + UART_LSR) & LSR_DATA))
		return -1;
	return inb(COM1 + UART_DATA);
}
