/*
 * arch/x86/pic.c - the 8259A interrupt controller pair.
 *
 * The BIOS leaves IRQ 0-7 on vectors 8-15, which in protected mode are CPU
 * exceptions (8 is the double fault), so we reprogram both chips with the
 * four initialization words and then mask everything; drivers unmask their
 * line.  Simple and emulated identically by QEMU and Bochs; the APIC can
 * replace it when Keel goes multiprocessor.
 */
#include "pic.h"
#include "x86.h"

#define ICW1_INIT	0x11		/* edge triggered, cascade, ICW4 follows */
#define ICW4_8086	0x01
#define OCW3_READ_ISR	0x0b		/* next read of the command port: in-service */

static uint16_t irq_mask = 0xffff;	/* bit set = line masked */

static void pic_write_mask(void)
{
	outb(PIC1_DATA, irq_mask & 0xff);
	outb(PIC2_DATA, irq_mask >> 8);
}

void pic_init(void)
{
	outb(PIC1_DATA, 0xff);
	outb(PIC2_DATA, 0xff);

	outb(PIC1_CMD, ICW1_INIT);
	outb(PIC1_DATA, IRQ_BASE);		/* ICW2: vector base */
	outb(PIC1_DATA, 1 << IRQ_SLAVE);	/* ICW3: slave on IRQ 2 */
	outb(PIC1_DATA, ICW4_8086);

	outb(PIC2_CMD, ICW1_INIT);
	outb(PIC2_DATA, IRQ_BASE + 8);
	outb(PIC2_DATA, IRQ_SLAVE);		/* ICW3: my cascade identity */
	outb(PIC2_DATA, ICW4_8086);

	/* Everything masked but the cascade, so unmasking a slave line is
	 * enough. */
	irq_mask = 0xffff & ~(1 << IRQ_SLAVE);
	pic_write_mask();
}

void pic_mask(int irq)
{
	irq_mask |= 1 << irq;
	pic_write_mask();
}

void pic_unmask(int irq)
{
	irq_mask &= ~(1 << irq);
	pic_write_mask();
}

bool pic_all_masked(void)
{
	return (irq_mask | (1 << IRQ_SLAVE)) == 0xffff;
}

static uint8_t read_isr(uint16_t cmd_port)
{
	outb(cmd_port, OCW3_READ_ISR);
	return inb(cmd_port);
}

/*
 * A line that drops before the CPU acknowledges it still gets a vector: the
 * chip's lowest-priority one (IRQ 7, or 15 on the slave), with the
 * in-service bit clear.  Such an interrupt must not be acknowledged, except
 * that for 15 the master did see a real cascade interrupt on IRQ 2.
 */
bool pic_spurious(int irq)
{
	if (irq == 7)
		return !(read_isr(PIC1_CMD) & 0x80);
	if (irq == 15 && !(read_isr(PIC2_CMD) & 0x80)) {
		outb(PIC1_CMD, PIC_EOI);
		return true;
	}
	return false;
}
