/*
 * kern/reset.h - resetting the machine on purpose.
 *
 * machine_reset() announces the reset on the console before asking the arch
 * to do it, because on some machines (ppc64, mips under QEMU -no-reboot) a
 * reset and a power-off with status 0 end the emulator the same way: the
 * grader tells them apart by this line.
 */
#ifndef KERN_RESET_H
#define KERN_RESET_H

#include "kern/types.h"

#define RESET_MESSAGE "kernel: resetting the machine"

void machine_reset(void) __noreturn;

#endif
