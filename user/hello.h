/*
 * user/hello.h - what the kernel's ELF tests know about bin/hello
 * (mm/elf_ktest.c): the word that starts its .data, and the size of its
 * zero-filled .bss.  Shared so that the two cannot drift apart.
 */
#ifndef USER_HELLO_H
#define USER_HELLO_H

#define HELLO_DATA_MAGIC	0x4b65656cu	/* "Keel" */
#define HELLO_BSS_WORDS		1100		/* more than a page: bss spans pages */

#endif
