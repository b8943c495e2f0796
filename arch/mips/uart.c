/*
 * arch/mips/uart.c - the console: the 16550 UART of malta's PIIX4 south
 * bridge, COM1 at ISA I/O port 0x3f8.
 *
 * The boot stub maps PCI/ISA I/O space at physical 0x18000000, so port
 * 0x3f8 is physical 0x180003f8; we reach it through kseg1, which is
 * uncached, as device registers must be.  Polled, no interrupts.
 */
#include "kern/arch.h"
#include "mips.h"

#define COM1		((volatile uint8_t *)PHYS_TO_KSEG1(0x18000000 + 0x3f8))

/* Register offsets */
#define UART_DATA	0	/* receive/transmit (divisor low with DLAB) */
#define UART_IER	1	/* interrupt enable (divisor high with DLAB) */
#define UART_FCR	2	/* FIFO control */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */

#define LCR_8N1		0x03
#define LCR_DLAB	0x80	/* data/IER registers become the divisor */
#define FCR_FIFO_RESET	0x07	/* enable and clear both FIFOs */
#define MCR_DTR_RTS	0x03
#define LSR_DATA_READY	0x01
#define LSR_THR_EMPTY	0x20

void uart_init(void)
{
	COM1[UART_IER] = 0;			/* polled: no interrupts */
	COM1[UART_LCR] = LCR_DLAB;
	COM1[UART_DATA] = 1;			/* 115200 baud */
	COM1[UART_IER] = 0;
	COM1[UART_LCR] = LCR_8N1;
	COM1[UART_FCR] = FCR_FIFO_RESET;
	COM1[UART_MCR] = MCR_DTR_RTS;
}

void arch_cons_putc(int c)
{
	while (!(COM1[UART_LSR] & LSR_THR_EMPTY))
		;
	COM1[UART_DATA] = (uint8_t)c;
}

int arch_cons_getc(void)
{
	if (!(COM1[UART_LSR] & LSR_DATA_READY))
		return -1;
	return COM1[UART_DATA];
}
