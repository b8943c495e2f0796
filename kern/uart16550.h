/*
 * kern/uart16550.h - the 16550 serial port, the same chip on x86 (port
 * I/O) and on malta (memory-mapped ISA I/O).  The arch supplies how a
 * register is read and written; the driver is shared.
 *
 * Polled, no interrupts: the console must work with interrupts off
 * (panics, early boot).  Writes give up after a bounded wait, so a missing
 * or stuck port (no QEMU -serial for it) never hangs the kernel.
 */
#ifndef KERN_UART16550_H
#define KERN_UART16550_H

#include "kern/types.h"

struct uart16550 {
	uintptr_t base;
	uint8_t (*read)(uintptr_t base, unsigned reg);
	void (*write)(uintptr_t base, unsigned reg, uint8_t value);
};

/* 115200 baud 8N1, FIFOs on, interrupts off. */
void uart16550_init(const struct uart16550 *u);

void uart16550_putc(const struct uart16550 *u, int c);

/* The next received byte, or -1 if none is waiting. */
int uart16550_getc(const struct uart16550 *u);

#endif
