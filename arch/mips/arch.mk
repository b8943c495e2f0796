# arch/mips/arch.mk - build and emulator facts for ARCH=mips (MIPS32r2,
# little-endian, QEMU malta).
#
# The kernel is linked in kseg0 (cached, unmapped) at 0x80100000 and QEMU
# -kernel loads the ELF there; see docs/arch-mips.md.

CROSS := mipsel-linux-gnu-

# o32 ABI, no PIC or abicalls (there is no dynamic linker), no small-data
# section (-G 0: $gp is not set up), no FPU (the trap path saves integer
# registers only).  -fno-shrink-wrap keeps every prologue at its function's
# start, where the backtrace's prologue scan expects it (backtrace.c).
ARCH_CFLAGS := -march=mips32r2 -mabi=32 -EL -fno-pic -mno-abicalls -G 0 \
	-msoft-float -fno-shrink-wrap
ARCH_ASFLAGS :=
ARCH_LDFLAGS := -EL
LDSCRIPT := arch/mips/kernel.ld
ARCH_FIRST_OBJ := arch/mips/trapentry.o

# The 24Kf is malta's default 32-bit CPU; naming it pins the CP0 Count rate
# (timer.c).  Semihosting carries arch_poweroff's status to QEMU's exit code.
QEMU := qemu-system-mipsel
QEMU_FLAGS := -M malta -cpu 24Kf -m 256M -semihosting-config enable=on,target=native
QEMU_EXIT := direct

GDB_ARCH := mips:isa32r2
KERNEL_ENTRY := _start

# User programs (the Makefile's USER_CFLAGS): o32 without PIC, like the
# kernel, linked at the bottom of kuseg's user range (USER_VA_MIN).
USER_ARCH_CFLAGS := -march=mips32r2 -mabi=32 -EL -mno-abicalls -G 0 -msoft-float
USER_ARCH_LDFLAGS := -EL
USER_BASE := 0x00400000
