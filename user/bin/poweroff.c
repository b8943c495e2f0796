/*
 * user/bin/poweroff.c - stop the machine: `poweroff [STATUS]`.  Under QEMU
 * the emulator exits, with STATUS where the arch can report it
 * (docs/arch-*.md: ppc64 tells only zero from non-zero).
 */
#include "ulib.h"

int main(int argc, char **argv)
{
	poweroff(argc > 1 ? atoi(argv[1]) : 0);
}
