# arch/ppc64/arch.mk - build and emulator facts for 64-bit big-endian POWER
# under QEMU's pseries machine with VOF (docs/arch-ppc64.md).

CROSS := powerpc64-linux-gnu-

# ELFv2 on big-endian: no function descriptors, so a function's symbol is
# its first instruction (what backtraces and `hbreak` want).  No FP or
# vector registers in the kernel: the trap entry does not save them.
ARCH_CFLAGS := -mabi=elfv2 -mbig-endian -mcpu=power8 -mno-altivec -mno-vsx \
	-msoft-float -mcmodel=medium -fno-asynchronous-unwind-tables
# -mregnames lets the assembly say r1 rather than %r1 or 1.
ARCH_ASFLAGS := -Wa,-mregnames
ARCH_LDFLAGS :=
LDSCRIPT := arch/ppc64/kernel.ld
# Firmware jumps to the first byte of the image, not to e_entry.
ARCH_FIRST_OBJ := arch/ppc64/entry.o

QEMU := qemu-system-ppc64
# The cap-* settings silence TCG's warnings about Spectre mitigations it
# cannot emulate, except cap-hpt-max-page-size=16M, which lets the guest use
# 16 MiB pages (QEMU's default is 64 KiB) for the direct map (directmap.c).
# panic=exit-failure makes RTAS ibm,os-term (how arch_poweroff reports a
# non-zero status) exit QEMU with 1.
QEMU_FLAGS := -M pseries,x-vof=on,cap-cfpc=broken,cap-sbbc=broken,cap-ibs=broken,cap-ccf-assist=off,cap-hpt-max-page-size=16M \
	-cpu POWER8 -m 512M -action panic=exit-failure
# QEMU's exit code is the status for 0, and 1 for every non-zero status.
QEMU_EXIT := direct

GDB_ARCH := powerpc:common64
KERNEL_ENTRY := _start

# User programs (the Makefile's USER_CFLAGS): ELFv2 big-endian like the
# kernel, no FP or vector registers until the trap path saves them.
USER_ARCH_CFLAGS := -mabi=elfv2 -mbig-endian -mcpu=power8 -mno-altivec -mno-vsx \
	-msoft-float -fno-asynchronous-unwind-tables
USER_ARCH_LDFLAGS :=
USER_BASE := 0x10000000
