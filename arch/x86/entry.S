/*
 * arch/x86/entry.S - the first instructions of the kernel: from 32-bit
 * protected mode (where GRUB and QEMU's PVH loader leave us) to 64-bit long
 * mode in the higher half, then into C.
 *
 * At _start:  paging off, flat 32-bit segments, interrupts off, no stack.
 *   multiboot2: %eax = 0x36d76289, %ebx = physical address of the info
 *   PVH:        %ebx = physical address of struct hvm_start_info
 *
 * The kernel is linked at KERNEL_BASE + its physical address (kernel.ld),
 * but nothing maps it there yet: _start runs at its physical address, from
 * the low .boot.text section, and reaches every high symbol through
 * PHYS().  Long mode needs paging, so it builds boot page tables in which
 * the same four page directories (2 MiB pages, the first 4 GiB) appear
 * three times:
 *   PML4[0]    identity: the code below keeps running after paging is on
 *   PML4[256]  the direct map at DIRECTMAP_BASE (phys_to_kva)
 *   PML4[511]  the first 1 GiB again at KERNEL_BASE: the kernel image
 * then turns on PAE, EFER.LME and paging, far-jumps into 64-bit code and
 * jumps to start64, at its high address.  boot_main (boot.c) fills struct
 * bootinfo and kmain takes over; hat_bootstrap (kpt.c) later replaces
 * these tables and drops the identity map.
 */
#include "mmu.h"

	/* Unwind information for GDB: the chain ends at start64. */
	.cfi_sections .debug_frame

#define BOOT_STACK_SIZE	16384
#define BOOT_MAP_GIB	4		/* mapped at boot, 2 MiB pages */

	/* kernel.ld checks that it agrees with mmu.h. */
	.globl kernel_base_check
	.set kernel_base_check, KERNEL_BASE

	/*
	 * Not marked executable ("ax"), though it is code: the symbol table
	 * (tools/mksyms.sh) takes every symbol of an executable section, and
	 * ksym_lookup only knows [_stext, _etext), the high text.  The
	 * segment is executable all the same (kernel.ld), and paging with
	 * no-execute is not on yet when this runs.  GDB, too, takes these
	 * labels for data: `make gdb` stops at start64 instead.
	 */
	.section .boot.text, "a"
	.code32
	.globl _start
_start:
	cli
	cld
	mov	%eax, %esi		/* keep the loader's magic and info */
	mov	%ebx, %ebp		/* pointer across what follows */

	/* Loaders zero .bss, but it costs nothing to be sure. */
	mov	$PHYS(__bss_start), %edi
	mov	$PHYS(__bss_end), %ecx
	sub	%edi, %ecx
	shr	$2, %ecx
	xor	%eax, %eax
	rep stosl

	mov	$PHYS(boot_stack_top), %esp

	/* Is there a long mode to switch to? */
	mov	$0x80000000, %eax
	cpuid
	cmp	$0x80000001, %eax
	jb	no_long_mode
	mov	$0x80000001, %eax
	cpuid
	test	$CPUID_EXT_LM, %edx
	jz	no_long_mode

	/* PML4[0] and PML4[256] -> boot_pdpt, PML4[511] -> boot_pdpt_high. */
	mov	$PHYS(boot_pdpt) + (PTE_P | PTE_W), %eax
	mov	%eax, PHYS(boot_pml4)
	mov	%eax, PHYS(boot_pml4) + 8 * 256
	mov	$PHYS(boot_pdpt_high) + (PTE_P | PTE_W), %eax
	mov	%eax, PHYS(boot_pml4) + 8 * 511

	/* boot_pdpt[0..3] -> the four directories: 4 GiB.  KERNEL_BASE is
	 * entry 510 of its PDPT: it gets the first directory (1 GiB). */
	mov	$PHYS(boot_pd) + (PTE_P | PTE_W), %eax
	mov	%eax, PHYS(boot_pdpt_high) + 8 * 510
	mov	$PHYS(boot_pdpt), %edi
	mov	$BOOT_MAP_GIB, %ecx
1:	mov	%eax, (%edi)
	add	$PAGE_SIZE, %eax
	add	$8, %edi
	loop	1b

	/* Each directory entry maps 2 MiB: entry i covers i * 2 MiB.  The
	 * high halves stay zero (all below 4 GiB). */
	mov	$(PTE_P | PTE_W | PTE_PS), %eax
	mov	$PHYS(boot_pd), %edi
	mov	$(BOOT_MAP_GIB * 512), %ecx
2:	mov	%eax, (%edi)
	add	$LARGE_PAGE_SIZE, %eax
	add	$8, %edi
	loop	2b

	/* Long mode: PAE, the tables, EFER.LME, then paging on. */
	mov	%cr4, %eax
	or	$CR4_PAE, %eax
	mov	%eax, %cr4
	mov	$PHYS(boot_pml4), %eax
	mov	%eax, %cr3
	mov	$MSR_EFER, %ecx
	rdmsr
	or	$EFER_LME, %eax
	wrmsr
	mov	%cr0, %eax
	or	$(CR0_PG | CR0_WP | CR0_PE), %eax
	mov	%eax, %cr0

	/* We are in compatibility mode until CS holds a 64-bit segment.
	 * The far jump takes a 32-bit offset: land low, then go high. */
	lgdt	boot_gdt_ptr32
	ljmp	$KCODE_SEL, $start64_low

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
start64_low:
	movabs	$start64, %rax
	jmp	*%rax

	.section .boot.data, "a"
no_long_mode_msg:
	.asciz "\r\nKeel: this CPU has no 64-bit long mode; halting.\r\n"

	/* lgdt in 32-bit mode: the GDT's physical address. */
	.balign 8
	.word	0
boot_gdt_ptr32:
	.word	gdt_end - gdt - 1
	.long	PHYS(gdt)

	/* The first instruction at a linked address: `make gdb` stops here
	 * (KERNEL_ENTRY), in 64-bit mode with the kernel's symbols valid. */
	.text
	.globl start64
start64:
	.cfi_startproc
	.cfi_undefined %rip
	/* The GDT again, at its high address: the low one goes away with
	 * the identity map, and every iretq reads the GDT. */
	lgdt	gdt_ptr
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

	/*
	 * The GDT: null, kernel code and data, user data and code, the TSS.
	 * In long mode base and limit are ignored; what matters is L=1
	 * (64-bit) on the code segments, P=1, and the DPL: 0 for the
	 * kernel's, 3 for the user's.  The order is what syscall/sysret
	 * need (mmu.h).  The TSS descriptor holds the TSS's address, which
	 * the assembler cannot split into the descriptor's pieces:
	 * usermode_init fills it in and loads it with ltr.
	 */
	.data
	.balign 16
gdt:
	.quad	0
	.quad	0x00af9a000000ffff	/* KCODE_SEL: present, ring 0, code, L=1 */
	.quad	0x00cf92000000ffff	/* KDATA_SEL: present, ring 0, data, writable */
	.quad	0x00cff2000000ffff	/* UDATA_SEL: present, ring 3, data, writable */
	.quad	0x00affa000000ffff	/* UCODE_SEL: present, ring 3, code, L=1 */
	.globl	gdt_tss
gdt_tss:
	.quad	0, 0			/* TSS_SEL: 16 bytes, filled at boot */
gdt_end:
	.if	(gdt_tss - gdt) != TSS_SEL || (gdt_end - gdt) != TSS_SEL + 16
	.error	"the GDT's layout does not match mmu.h's selectors"
	.endif
	.balign 8
	.word	0
gdt_ptr:
	.word	gdt_end - gdt - 1
	.quad	gdt

	/* The boot page tables (PHYS() addresses above), and the stack. */
	.bss
	.balign PAGE_SIZE
	.globl boot_pml4, boot_pdpt, boot_pd
boot_pml4:
	.skip	PAGE_SIZE
boot_pdpt:
	.skip	PAGE_SIZE
boot_pdpt_high:
	.skip	PAGE_SIZE
boot_pd:
	.skip	PAGE_SIZE * BOOT_MAP_GIB

	.balign 16
	.globl boot_stack, boot_stack_top
boot_stack:
	.skip	BOOT_STACK_SIZE
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
