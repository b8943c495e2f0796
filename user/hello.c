/*
 * user/hello.c - Keel's first user program.  Nothing runs it yet: the ELF
 * loader maps it (mm/elf_load.c) and the tests look at its memory.  It is
 * freestanding (no libc, no system calls yet), so it can only compute and
 * loop.
 *
 * The layout is what the tests check: .data starts with HELLO_DATA_MAGIC
 * (user.ld puts .data.first first), and .bss is big enough to need
 * zero-filled pages of its own after the part of the last .data page.
 */
#include "user/hello.h"

/* First in .data (user.ld), at the writable segment's p_vaddr. */
__attribute__((section(".data.first"), used))
volatile unsigned int hello_magic = HELLO_DATA_MAGIC;

volatile unsigned int hello_counter = 7;
volatile unsigned int hello_bss[HELLO_BSS_WORDS];
const char hello_msg[] = "hello, world\n";

/* The entry point (user.ld's ENTRY).  With no system calls it cannot
 * print or exit: it touches its data, then spins. */
void _start(void)
{
	for (unsigned i = 0; hello_msg[i]; i++)
		hello_bss[i] = (unsigned char)hello_msg[i] + hello_counter;
	hello_magic = 0;
	for (;;)
		hello_counter++;
}
