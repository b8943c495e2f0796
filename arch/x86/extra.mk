# arch/x86/extra.mk - x86-only targets: a GRUB boot CD, booted in QEMU or
# in Bochs.  Included at the end of the Makefile.
#
#   make iso [CMDLINE=...]        build/x86/keel.iso: GRUB + the kernel
#   make qemu-iso [CMDLINE=...]   boot the ISO in QEMU (GRUB, multiboot2)
#   make bochs [CMDLINE=...]      boot the ISO in Bochs, headless; prints the
#                                 serial log when Bochs stops, kills it after
#                                 BOCHS_TIMEOUT seconds (default 60)
#
# Bochs' exit status is always 1: read the result from the serial log,
# $(BUILD)/bochs-serial.log.

ISO := $(BUILD)/keel.iso
ISODIR := $(BUILD)/iso
BOCHS_TIMEOUT ?= 60
BOCHS_SERIAL := $(BUILD)/bochs-serial.log

.PHONY: qemu-iso bochs-args

# grub.cfg is rewritten every time: CMDLINE may have changed.
iso: $(KERNEL) $(BOOTIMAGE)
	@mkdir -p $(ISODIR)/boot/grub
	cp $(KERNEL) $(ISODIR)/boot/kernel.elf
	cp $(BOOTIMAGE) $(ISODIR)/boot/bootimage.img
	@printf '%s\n' \
		'serial --unit=0 --speed=115200' \
		'terminal_input serial' \
		'terminal_output serial' \
		'set timeout=0' \
		'menuentry "Keel" {' \
		'	multiboot2 /boot/kernel.elf $(CMDLINE)' \
		'	module2 /boot/bootimage.img' \
		'	boot' \
		'}' > $(ISODIR)/boot/grub/grub.cfg
	@grub-mkrescue -d /usr/lib/grub/i386-pc -o $(ISO) $(ISODIR) \
		> $(BUILD)/grub-mkrescue.log 2>&1 || \
		{ cat $(BUILD)/grub-mkrescue.log; exit 1; }
	@echo "*** $(ISO): GRUB, multiboot2 /boot/kernel.elf $(CMDLINE)"

qemu-iso: iso
	@echo "*** Keel on x86 from the GRUB ISO: Ctrl-A then X quits QEMU"
	$(QEMU) $(QEMU_FLAGS) -cdrom $(ISO) -display none -serial mon:stdio -no-reboot

# Bochs reads the paths from the environment (arch/x86/bochsrc); -rc runs
# "c" in its built-in debugger, which otherwise stops at the first
# instruction.  Its terminal output is kept in $(BUILD)/bochs-term.log.
# Bochs ignores SIGTERM: the timeout must send SIGKILL.
BOCHS_RC := $(BUILD)/bochs.rc
BOCHS_CMD = env KEEL_ISO=$(abspath $(ISO)) KEEL_SERIAL=$(abspath $(BOCHS_SERIAL)) \
	KEEL_BOCHS_LOG=$(abspath $(BUILD)/bochs.log) TERM=dumb \
	bochs -q -f $(abspath arch/x86/bochsrc) -rc $(abspath $(BOCHS_RC))

$(BOCHS_RC):
	@mkdir -p $(@D)
	@echo c > $@

bochs: iso $(BOCHS_RC)
	@rm -f $(BOCHS_SERIAL)
	@echo "*** Keel on Bochs (headless, at most $(BOCHS_TIMEOUT) s); serial log $(BOCHS_SERIAL)"
	timeout -s KILL $(BOCHS_TIMEOUT) $(BOCHS_CMD) > $(BUILD)/bochs-term.log 2>&1 < /dev/null || \
		echo "*** Bochs exited with status $$? (1 is normal; 137: killed after $(BOCHS_TIMEOUT) s)"
	@echo "*** the serial log:"
	@cat $(BOCHS_SERIAL)

# The command line that boots the ISO (already built) in Bochs, on one
# line, for the grader (grade/keel.py), which runs it with its own timeout.
bochs-args: $(BOCHS_RC)
	@echo '$(strip $(BOCHS_CMD))'
