/*
 * arch/ppc64/cons.h - the hypervisor's virtual terminal (cons.c).
 */
#ifndef PPC64_CONS_H
#define PPC64_CONS_H

#include "kern/types.h"

/* QEMU's first spapr-vty, /vdevice/vty@71000000: its reg is the
 * terminal number hcalls take. */
#define VTY_DEFAULT_TERMNO	0x71000000u

/* Use terminal termno (the vty node's reg) from now on. */
void vty_init(uint32_t termno);

/* The console's terminal number. */
uint32_t vty_termno(void);

/* Send arch_result_putc's bytes to terminal termno (0: nowhere). */
void vty_result_init(uint32_t termno);

#endif
