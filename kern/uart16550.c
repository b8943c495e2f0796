/*
 * kern/uart16550.c - the 16550 driver (kern/uart16550.h).
 */
#include "kern/uart16550.h"

#define UART_DATA	0	/* receive/transmit; divisor low with DLAB */
#define UART_IER	1	/* interrupt enable; divisor high with DLAB */
#define UART_FCR	2	/* FIFO control */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */

#define LCR_8N1		0x03
#define LCR_DLAB	0x80	/* registers 0/1 become the baud divisor */
#define FCR_ENABLE	0x07	/* enable and clear both FIFOs */
#define MCR_DTR_RTS	0x03
#define LSR_DATA	0x01	/* a received byte is waiting */
#define LSR_THRE	0x20	/* the transmitter can take a byte */

#define DIVISOR_115200	1	/* 1.8432 MHz / 16 / 115200 */
#define PUTC_SPINS	100000	/* give up on a missing or stuck port */

void uart16550_init(const struct uart16550 *u)
{
	u->write(u->base, UART_IER, 0);
	u->write(u->base, UART_LCR, LCR_DLAB);
	u->write(u->base, UART_DATA, DIVISOR_115200);
	u->write(u->base, UART_IER, 0);
	u->write(u->base, UART_LCR, LCR_8N1);
	u->write(u->base, UART_FCR, FCR_ENABLE);
	u->write(u->base, UART_MCR, MCR_DTR_RTS);
}

void uart16550_putc(const struct uart16550 *u, int c)
{
	for (int i = 0; i < PUTC_SPINS; i++)
		if (u->read(u->base, UART_LSR) & LSR_THRE)
			break;
	u->write(u->base, UART_DATA, (uint8_t)c);
}

int uart16550_getc(const struct uart16550 *u)
{
	if (!(u->read(u->base, UART_LSR) & LSR_DATA))
		return -1;
	return u->read(u->base, UART_DATA);
}
