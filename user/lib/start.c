/*
 * user/lib/start.c - where a program's C code begins.
 *
 * The kernel starts a program at _start (arch/<arch>/user/crt0.S) with
 * argc and argv in the first two argument registers; argv points at the
 * argument strings the kernel copied to the top of the user stack
 * (kern/spawn.c draws the layout).  _start sets up what the ABI needs and
 * calls __libc_start, which runs main and hands its result to exit.
 */
#include "ulib.h"

int main(int argc, char **argv);
void __libc_start(int argc, char **argv) __attribute__((noreturn));

void __libc_start(int argc, char **argv)
{
	exit(main(argc, argv));
}
