/*
 * arch/x86/uart.h - the 16550 serial port COM1, the kernel's console.
 * arch_cons_putc/getc (kern/arch.h) are the rest of its interface.
 */
#ifndef X86_UART_H
#define X86_UART_H

/* Set 115200 8N1, FIFOs on, no interrupts.  First thing at boot. */
void uart_init(void);

#endif
