# Keel's build.  `make help` lists the targets; README.md has the quick start.
#
#   make [ARCH=x86|ppc64|mips]     build build/<arch>/kernel.elf
#   make qemu | qemu-gdb | gdb     boot it, or debug it
#   make check                     every test on every arch
#
# Arch facts (compiler, flags, emulator) live in arch/<arch>/arch.mk.

ARCH ?= x86
ARCHES := x86 ppc64 mips
ifeq ($(filter $(ARCH),$(ARCHES)),)
$(error ARCH must be one of: $(ARCHES) (got '$(ARCH)'))
endif

# STUB=N builds the lab-N handout in place: solutions of labs >= N replaced
# by their stubs (kern/lab.h).  It gets its own build directory.
STUB ?= 0
BUILD := build/$(ARCH)$(if $(filter-out 0,$(STUB)),-stub$(STUB))
KERNEL := $(BUILD)/kernel.elf
BOOTIMAGE := $(BUILD)/bootimage.img

# Boot options for `make qemu` (kern/cmdline.h), e.g. CMDLINE='ktest=all'.
CMDLINE ?=
PYTEST := /usr/bin/python3 -m pytest

include arch/$(ARCH)/arch.mk

CC := $(CROSS)gcc
LD := $(CROSS)ld
NM := $(CROSS)nm
OBJCOPY := $(CROSS)objcopy

CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding \
	-fno-omit-frame-pointer -fno-optimize-sibling-calls -fno-stack-protector \
	-fno-pic -fno-common -MMD -MP -I. -Iarch/$(ARCH) \
	-DKEEL_STUB_FROM=$(STUB) $(ARCH_CFLAGS)
ASFLAGS := -g -MMD -MP -I. -Iarch/$(ARCH) -D__ASSEMBLY__ -DKEEL_STUB_FROM=$(STUB) $(ARCH_ASFLAGS)
LDFLAGS := -nostdlib -static -z max-page-size=0x1000 -T $(LDSCRIPT) -L. $(ARCH_LDFLAGS)

SRCS := $(wildcard kern/*.c mm/*.c) $(wildcard arch/$(ARCH)/*.c arch/$(ARCH)/*.S)
OBJS := $(patsubst %,$(BUILD)/%.o,$(basename $(SRCS)))
# The entry code must come first in the image on some arches.
OBJS := $(filter $(BUILD)/$(ARCH_FIRST_OBJ),$(OBJS)) $(filter-out $(BUILD)/$(ARCH_FIRST_OBJ),$(OBJS))

.PHONY: all kernel qemu qemu-nox qemu-gdb gdb check grade handout clean \
	setup iso bochs run-info help hosttest bench
.DEFAULT_GOAL := all
all: kernel
kernel: $(KERNEL) $(BOOTIMAGE)

# User programs: static ELF files linked by user/user.ld at the arch's
# USER_BASE.  Every flag is here; the arch's own (ABI, endianness,
# address) come from arch.mk's USER_* variables.  A program is its .c file
# plus the user library: arch/<arch>/user/crt0.S first (the entry,
# _start), then user/lib/ (libc and the system call stubs, which include
# arch/<arch>/user/syscall.S) as an archive.  user/hello.c is the one
# freestanding exception: the ELF loader's tests look at its layout.
USER_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding \
	-fno-pic -fno-pie -fno-stack-protector -fno-common -fno-builtin \
	-MMD -MP -I. -Iuser/lib $(USER_ARCH_CFLAGS)
USER_LDFLAGS := -nostdlib -static -z max-page-size=0x1000 -T user/user.ld \
	--defsym=USER_BASE=$(USER_BASE) $(USER_ARCH_LDFLAGS)
USER_PROGS := $(sort $(basename $(notdir $(wildcard user/bin/*.c user/tests/*.c))))
USER_LIB_SRCS := $(wildcard user/lib/*.c) $(filter-out %/crt0.S,$(wildcard arch/$(ARCH)/user/*.S))
USER_LIB_OBJS := $(patsubst %,$(BUILD)/user/%.o,$(patsubst user/%,%,$(basename $(USER_LIB_SRCS))))
USER_CRT0 := $(BUILD)/user/arch/$(ARCH)/user/crt0.o
USER_LIB := $(BUILD)/user/libkeel.a

# More specific than the kernel's %.o rule, so user code gets user flags.
$(BUILD)/user/%.o: user/%.c Makefile arch/$(ARCH)/arch.mk
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -c -o $@ $<
$(BUILD)/user/arch/%.o: arch/%.S Makefile arch/$(ARCH)/arch.mk
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -D__ASSEMBLY__ -c -o $@ $<
$(USER_LIB): $(USER_LIB_OBJS)
	rm -f $@
	$(CROSS)ar rcs $@ $^

$(BUILD)/user/hello: $(BUILD)/user/hello.o user/user.ld
	$(LD) $(USER_LDFLAGS) -o $@ $<
$(BUILD)/user/bin/%: $(BUILD)/user/bin/%.o $(USER_CRT0) $(USER_LIB) user/user.ld
	$(LD) $(USER_LDFLAGS) -o $@ $(USER_CRT0) $< $(USER_LIB)
$(BUILD)/user/bin/%.o: user/tests/%.c Makefile arch/$(ARCH)/arch.mk
	@mkdir -p $(@D)
	$(CC) $(USER_CFLAGS) -c -o $@ $<

-include $(wildcard $(BUILD)/user/*.d $(BUILD)/user/*/*.d $(BUILD)/user/arch/*/user/*.d)

# The boot image (kern/bootimage.h): the files the kernel gets from the
# boot loader, NAME=PATH each.  Programs are ELF files the loader maps
# (mm/elf.h): bin/NAME for each user/bin/NAME.c and user/tests/NAME.c.
BOOTIMAGE_FILES := motd=user/motd.txt test/pattern=$(BUILD)/pattern.bin \
	bin/hello=$(BUILD)/user/hello \
	$(foreach p,$(USER_PROGS),bin/$(p)=$(BUILD)/user/bin/$(p))
$(BUILD)/pattern.bin: tools/mkpattern.py
	@mkdir -p $(@D)
	/usr/bin/python3 tools/mkpattern.py $@ 3

$(BOOTIMAGE): tools/mkbootimage.py $(foreach f,$(BOOTIMAGE_FILES),$(lastword $(subst =, ,$(f))))
	/usr/bin/python3 tools/mkbootimage.py $@ $(BOOTIMAGE_FILES)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/%.o: %.S
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(ASFLAGS) -c -o $@ $<

# The generated symbol tables live in $(BUILD) itself.
$(BUILD)/ksyms.o $(BUILD)/ksyms0.o: $(BUILD)/%.o: $(BUILD)/%.S
	$(CC) $(CFLAGS) $(ASFLAGS) -c -o $@ $<

# Flags live in these files: a change to them rebuilds everything.
$(OBJS) $(BUILD)/ksyms.o $(BUILD)/ksyms0.o: Makefile arch/$(ARCH)/arch.mk

# Two links: the first with an empty symbol table; its function symbols
# become the table the second carries (kern/ksym.h).
$(BUILD)/ksyms0.S: tools/mksyms.sh
	@mkdir -p $(@D)
	sh tools/mksyms.sh $(NM) - > $@

# The list of objects, rewritten only when it changes: adding or deleting a
# source file relinks even though no object is newer.
$(BUILD)/objs.list: FORCE
	@mkdir -p $(@D)
	@echo '$(OBJS)' | cmp -s - $@ || echo '$(OBJS)' > $@
.PHONY: FORCE
FORCE:

$(BUILD)/kernel0.elf: $(OBJS) $(BUILD)/ksyms0.o $(LDSCRIPT) kern/kernel-sections.ld $(BUILD)/objs.list
	$(LD) $(LDFLAGS) -o $@ $(OBJS) $(BUILD)/ksyms0.o $(ARCH_LIBS)

$(BUILD)/ksyms.S: $(BUILD)/kernel0.elf tools/mksyms.sh
	sh tools/mksyms.sh $(NM) $< > $@

$(KERNEL): $(BUILD)/kernel0.elf $(BUILD)/ksyms.o
	$(LD) $(LDFLAGS) -o $@ $(OBJS) $(BUILD)/ksyms.o $(ARCH_LIBS)
	@sh tools/mksyms.sh $(NM) $@ | cmp -s - $(BUILD)/ksyms.S || \
		{ echo "error: functions moved between the two links (see kern/kernel-sections.ld)"; rm -f $@; exit 1; }

-include $(OBJS:.o=.d) $(BUILD)/ksyms.d $(BUILD)/ksyms0.d

# ---- running --------------------------------------------------------------

# Make sure the Debian packages are here (installs them when run as root).
setup:
	@sh tools/setup.sh --ensure

QEMU_RUN = $(QEMU) $(QEMU_FLAGS) -kernel $(KERNEL) -initrd $(BOOTIMAGE) -append '$(CMDLINE)'

qemu qemu-nox: setup $(KERNEL) $(BOOTIMAGE)
	@echo "*** Keel on $(ARCH): Ctrl-A then X quits QEMU"
	$(QEMU_RUN) -display none -serial mon:stdio -no-reboot

# Wait for GDB on a free TCP port, written to $(BUILD)/gdbport for `make gdb`.
qemu-gdb: setup $(KERNEL) $(BOOTIMAGE)
	@port=$$(sh tools/freeport.sh); echo $$port > $(BUILD)/gdbport; \
	echo "*** waiting for GDB on port $$port: run 'make gdb ARCH=$(ARCH)' in another terminal"; \
	$(QEMU_RUN) -display none -serial mon:stdio -no-reboot -S -gdb tcp:127.0.0.1:$$port

gdb: $(KERNEL)
	@test -f $(BUILD)/gdbport || { echo "run 'make qemu-gdb ARCH=$(ARCH)' first"; exit 1; }
	sh tools/gdbinit.sh $(GDB_ARCH) $(KERNEL) $$(cat $(BUILD)/gdbport) $(KERNEL_ENTRY) > $(BUILD)/gdbinit
	gdb-multiarch -q -x $(BUILD)/gdbinit $(GDBFLAGS)

# What the grader needs to boot this arch (read by grade/keel.py).
run-info:
	@echo "QEMU=$(QEMU)"
	@echo "QEMU_FLAGS=$(QEMU_FLAGS)"
	@echo "QEMU_EXIT=$(QEMU_EXIT)"
	@echo "KERNEL=$(KERNEL)"
	@echo "BOOTIMAGE=$(BOOTIMAGE)"

# ---- testing --------------------------------------------------------------

# Everything the project tests, on every arch.  See docs/testing.md.
check: setup
	$(PYTEST) grade -v --tb=short -p no:cacheprovider $(PYTEST_ARGS)

# One lab's graded tests for one arch: make grade LAB=1 [ARCH=..] [TEST=..]
LAB ?= 1
grade: setup
	$(PYTEST) grade/test_lab$(LAB).py -p no:cacheprovider --arch=$(ARCH) \
		$(if $(TEST),-k '$(TEST)') $(PYTEST_ARGS)

# Benchmarks in guest instructions (QEMU -icount), every arch: make bench [BENCH_ARCHES=mips]
BENCH_ARCHES ?= x86,ppc64,mips
bench: setup
	/usr/bin/python3 tools/bench.py --arch=$(BENCH_ARCHES)

# Host unit tests of machine-independent code, under AddressSanitizer.
hosttest:
	$(MAKE) -C tools/hosttest

# The student tree for lab LAB: make handout LAB=1 DEST=../lab1
handout:
	@test -n "$(DEST)" || { echo "usage: make handout LAB=N DEST=dir"; exit 1; }
	/usr/bin/python3 tools/handout.py --lab $(LAB) --dest $(DEST)

# ---- instructors: grading submissions (docs/instructors.md) ---------------
# Every target takes LAB (default 1), ARCH, and POLICY=reference|carry
# (which earlier labs come from the reference solution).  Graded runs are
# deterministic (QEMU -icount) and timeouts are calibrated on this machine.
#   make grade-submission SUB=path [TEST=..] [SEED=n]   one submission, pristine
#   make grade-batch SUBS=folder [JOBS=n] [OUT=dir] [SEED=n|random]   a class: CSV
#   make gradescope [DEST=file.zip]                     the Gradescope autograder
#   make calibrate [JOBS=n]                             this machine's timeout scale
#   make bench-grading [BENCH_ARCHES=..]                batch throughput, every arch
.PHONY: grade-submission grade-batch gradescope calibrate bench-grading
POLICY ?= reference
JOBS ?= $(shell nproc)
PRISTINE = build/pristine/lab$(LAB)-$(ARCH)

grade-submission: setup
	@test -n "$(SUB)" || { echo "usage: make grade-submission SUB=path LAB=N [ARCH=..] [TEST=..] [SEED=n]"; exit 1; }
	/usr/bin/python3 grade/pristine.py --lab $(LAB) --arch $(ARCH) --policy $(POLICY) \
		--submission '$(SUB)' --dest $(PRISTINE)
	KEEL_DETERMINISTIC=1 $(if $(SEED),KEEL_SEED=$(SEED)) $(MAKE) --no-print-directory \
		-C $(PRISTINE) grade LAB=$(LAB) ARCH=$(ARCH) $(if $(TEST),TEST='$(TEST)')

grade-batch: setup
	@test -n "$(SUBS)" || { echo "usage: make grade-batch SUBS=folder LAB=N [ARCH=..] [JOBS=n] [OUT=dir]"; exit 1; }
	/usr/bin/python3 grade/batch.py '$(SUBS)' --lab $(LAB) --arch $(ARCH) --jobs $(JOBS) \
		--policy $(POLICY) --seed $(or $(SEED),random) $(if $(OUT),--out '$(OUT)')

gradescope:
	/usr/bin/python3 grade/gradescope.py bundle --lab $(LAB) --arch $(ARCH) --policy $(POLICY) \
		--dest $(or $(DEST),build/gradescope/keel-lab$(LAB)-$(ARCH).zip)

calibrate: setup
	KEEL_DETERMINISTIC=1 /usr/bin/python3 grade/calibrate.py --arch $(ARCH) --jobs $(JOBS)

bench-grading: setup
	/usr/bin/python3 tools/bench_grading.py --lab $(LAB) --arch $(or $(BENCH_ARCHES),x86,ppc64,mips) --jobs $(JOBS)

clean:
	rm -rf build

help:
	@sed -n '1,/^$$/p' Makefile

-include arch/$(ARCH)/extra.mk
