/*
 * arch/x86/pic.h - the two cascaded 8259A interrupt controllers (PC/AT).
 *
 * The master handles IRQ 0-7 and the slave IRQ 8-15 through the master's
 * IRQ 2.  pic_init moves them to vectors 32-47, off the CPU's exceptions.
 */
#ifndef X86_PIC_H
#define X86_PIC_H

#include "kern/types.h"

#define PIC1_CMD	0x20		/* master: command / status */
#define PIC1_DATA	0x21		/* master: interrupt mask */
#define PIC2_CMD	0xa0		/* slave */
#define PIC2_DATA	0xa1

#define PIC_EOI		0x20		/* OCW2: non-specific end of interrupt */

#define IRQ_BASE	32		/* vector of IRQ 0 */
#define NIRQ		16
#define IRQ_TIMER	0		/* the PIT, channel 0 */
#define IRQ_SLAVE	2		/* the cascade from the slave */

/* Remap to IRQ_BASE and mask every line. */
void pic_init(void);

void pic_mask(int irq);
void pic_unmask(int irq);

/* True if every line is masked: no device can interrupt. */
bool pic_all_masked(void);

/* True if irq (7 or 15) is a spurious interrupt, which must not get an
 * EOI.  For a spurious 15 it sends the master the EOI it still needs. */
bool pic_spurious(int irq);

#endif
