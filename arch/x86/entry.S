/*
 * arch/x86/entry.S - the first instructions of the kernel: from 32-bit
 * protected mode (where GRUB and QEMU's PVH loader leave us) to 64-bit long
 * mode, then into C.
 *
 * At _start:  paging off, flat 32-bit segments, interrupts off, no stack.
 *   multiboot2: %eax = 0x36d76289, %ebx = physical address of the info
 *   PVH:        %ebx = physical address of struct hvm_start_info
 * Long mode needs paging, so we build page tables that map the first
 * 4 GiB one to one with 2 MiB pages (the kernel, its stack and every
 * device we touch lie there), then turn on PAE, EFER.LME and paging, load a
 * GDT with a 64-bit code segment and far-jump into it.  boot_main (boot.c)
 * fills struct bootinfo and kmain takes over.
 *
 * The tables are built from physical addresses.  Today virtual = physical;
 * the higher-half kernel will also map the same page directories at its
 * base, which only adds an entry to boot_pml4.
 */
#include "mmu.h"

	/* Unwind information for GDB: the chain ends at start64. */
	.cfi_sections .debug_frame

#define BOOT_STACK_SIZE	16384
#define BOOT_MAP_GIB	4		/* identity-mapped at boot */

	.section .text.entry, "ax"
	.code32
	.globl _start
_start:
	cli
	cld
	mov	%eax, %esi		/* keep the loader's magic and info */
	mov	%ebx, %ebp		/* pointer across what follows */

	/* Loaders zero .bss, but it costs nothing to be sure. */
	mov	$__bss_start, %edi
	mov	$__bss_end, %ecx
	sub	%edi, %ecx
	shr	$2, %ecx
	xor	%eax, %eax
	rep stosl

	mov	$boot_stack_top, %esp

	/* Is there a long mode to switch to? */
	mov	$0x80000000, %eax
	cpuid
	cmp	$0x80000001, %eax
	jb	no_long_mode
	mov	$0x80000001, %eax
	cpuid
	test	$CPUID_EXT_LM, %edx
	jz	no_long_mode

	/* PML4[0] -> PDPT; PDPT[0..3] -> four page directories. */
	mov	$boot_pdpt + (PTE_P | PTE_W), %eax
	mov	%eax, boot_pml4
	mov	$boot_pd + (PTE_P | PTE_W), %eax
	mov	$boot_pdpt, %edi
	mov	$BOOT_MAP_GIB, %ecx
1:	mov	%eax, (%edi)
	add	$PAGE_SIZE, %eax
	add	$8, %edi
	loop	1b

	/* Each directory entry maps 2 MiB: entry i covers i * 2 MiB.  The
	 * high halves stay zero (all below 4 GiB). */
	mov	$(PTE_P | PTE_W | PTE_PS), %eax
	mov	$boot_pd, %edi
	mov	$(BOOT_MAP_GIB * 512), %ecx
2:	mov	%eax, (%edi)
	add	$LARGE_PAGE_SIZE, %eax
	add	$8, %edi
	loop	2b

	/* Long mode: PAE, the tables, EFER.LME, then paging on. */
	mov	%cr4, %eax
	or	$CR4_PAE, %eax
	mov	%eax, %cr4
	mov	$boot_pml4, %eax
	mov	%eax, %cr3
	mov	$MSR_EFER, %ecx
	rdmsr
	or	$EFER_LME, %eax
	wrmsr
	mov	%cr0, %eax
	or	$(CR0_PG | CR0_WP | CR0_PE), %eax
	mov	%eax, %cr0

	/* We are in compatibility mode until CS holds a 64-bit segment. */
	lgdt	boot_gdt_ptr
	ljmp	$KCODE_SEL, $start64

no_long_mode:
	/* No console driver yet: poke the message straight into COM1. */
	mov	$no_long_mode_msg, %esi
	mov	$0x3f8, %dx
3:	lodsb
	test	%al, %al
	jz	4f
	outb	%al, %dx
	jmp	3b
4:	hlt
	jmp	4b

	.code64
start64:
	.cfi_startproc
	.cfi_undefined %rip
	mov	$KDATA_SEL, %ax
	mov	%ax, %ds
	mov	%ax, %es
	mov	%ax, %ss
	xor	%eax, %eax
	mov	%ax, %fs
	mov	%ax, %gs
	mov	$boot_stack_top, %rsp

	/* boot_main(magic, info); the 32-bit moves zero the upper halves. */
	mov	%esi, %edi
	mov	%ebp, %esi
	/* A zero frame pointer ends every backtrace here. */
	xor	%ebp, %ebp
	call	boot_main
	mov	%rax, %rdi
	call	kmain
5:	cli			/* kmain never returns */
	hlt
	jmp	5b
	.cfi_endproc

	.section .rodata
no_long_mode_msg:
	.asciz "\r\nKeel: this CPU has no 64-bit long mode; halting.\r\n"

	/* The GDT: null, 64-bit kernel code, kernel data.  In long mode base
	 * and limit are ignored; what matters is L=1 (64-bit) on the code
	 * segment, P=1, DPL=0.  The TSS for user mode comes later. */
	.data
	.balign 16
boot_gdt:
	.quad	0
	.quad	0x00af9a000000ffff	/* KCODE_SEL: present, ring 0, code, L=1 */
	.quad	0x00cf92000000ffff	/* KDATA_SEL: present, ring 0, data, writable */
boot_gdt_end:
	.balign 8
	.word	0
boot_gdt_ptr:
	.word	boot_gdt_end - boot_gdt - 1
	.quad	boot_gdt

	.bss
	.balign PAGE_SIZE
	.globl boot_pml4, boot_pdpt, boot_pd
boot_pml4:
	.skip	PAGE_SIZE
boot_pdpt:
	.skip	PAGE_SIZE
boot_pd:
	.skip	PAGE_SIZE * BOOT_MAP_GIB

	.balign 16
	.globl boot_stack, boot_stack_top
boot_stack:
	.skip	BOOT_STACK_SIZE
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
