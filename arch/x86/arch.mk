# arch/x86/arch.mk - build and emulator facts for ARCH=x86 (x86-64).
#
# The host gcc and ld build the kernel: no cross toolchain.  The kernel is
# one ELF64 loaded at 1 MiB physical and linked in the top 2 GiB
# (-mcmodel=kernel) that both GRUB (multiboot2 header) and QEMU -kernel
# (Xen PVH note) can load; see docs/arch-x86.md.

CROSS :=

# No red zone: interrupts arrive on the kernel stack, and the CPU would
# push its frame over the 128 bytes below %rsp that leaf functions use.
# No MMX/SSE: the trap path saves integer registers only.  No unwind
# tables: backtraces walk %rbp, and gdb reads .debug_frame.
ARCH_CFLAGS := -m64 -march=x86-64 -mcmodel=kernel -fno-pie -mno-red-zone -mno-mmx -mno-sse \
	-mno-sse2 -fno-asynchronous-unwind-tables -fno-unwind-tables
ARCH_ASFLAGS :=
ARCH_LDFLAGS := -m elf_x86_64 -no-pie -z noexecstack
LDSCRIPT := arch/x86/kernel.ld
ARCH_FIRST_OBJ := arch/x86/entry.o

QEMU := qemu-system-x86_64
QEMU_FLAGS := -M pc -cpu qemu64 -m 128M -device isa-debug-exit,iobase=0xf4,iosize=0x04
QEMU_EXIT := debug-exit

GDB_ARCH := i386:x86-64
# The first instruction at its linked address, in 64-bit mode: _start and
# the 32-bit code before it run at physical addresses (entry.S).
KERNEL_ENTRY := start64

# User programs (the Makefile's USER_CFLAGS): the System V ABI, linked at
# the bottom of the user range (hat_arch.h's USER_VA_MIN), but with
# general registers only: the kernel neither enables SSE (CR4.OSFXSR) nor
# saves x87/SSE state across traps and thread switches, so user code must
# not use it (no float or double either).
USER_ARCH_CFLAGS := -m64 -march=x86-64 -mgeneral-regs-only -fno-asynchronous-unwind-tables
USER_ARCH_LDFLAGS := -m elf_x86_64 -z noexecstack
USER_BASE := 0x400000
