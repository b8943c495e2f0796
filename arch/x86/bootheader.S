/*
 * arch/x86/bootheader.S - how the two boot loaders find the kernel.
 *
 * One ELF64 image serves both:
 *  - GRUB (the ISO, Bochs) scans the first 32 KiB of the file for a
 *    multiboot2 header; it loads the ELF segments and jumps to e_entry.
 *  - QEMU -kernel refuses ELF64 multiboot (version 1) images and falls back
 *    to the Xen PVH boot protocol: it reads the entry point from the
 *    XEN_ELFNOTE_PHYS32_ENTRY note in a PT_NOTE segment.
 * Both enter _start (entry.S) in 32-bit protected mode with paging off.
 * There is deliberately no multiboot version 1 header: QEMU would try it
 * first and refuse the ELF64 file.
 */

#define MB2_HEADER_MAGIC	0xe85250d6
#define MB2_ARCH_I386		0		/* 32-bit protected mode entry */
#define MB2_TAG_END		0

#define XEN_ELFNOTE_PHYS32_ENTRY 18

	.section .multiboot2, "a"
	.balign 8
mb2_header:
	.long MB2_HEADER_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long -(MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	/* No tags but the end tag: GRUB takes the load addresses and the
	 * entry point from the ELF headers, and passes the command line and
	 * memory map without being asked. */
	.balign 8
	.short MB2_TAG_END
	.short 0
	.long 8
mb2_header_end:

	/* An ELF note: name size, descriptor size, type, name, descriptor,
	 * each padded to 4 bytes.  The descriptor is the 32-bit physical
	 * address of the entry point. */
	.section .note.Xen, "a", @note
	.balign 4
	.long 4
	.long 4
	.long XEN_ELFNOTE_PHYS32_ENTRY
	.asciz "Xen"
	.balign 4
	.long _start
	.balign 4

	.section .note.GNU-stack, "", @progbits
