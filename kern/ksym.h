/*
 * kern/ksym.h - the kernel's own symbol table, for symbolized backtraces.
 *
 * The build links the kernel twice: the first link's function symbols
 * (nm -n) become a sorted table (tools/mksyms.sh) that the second link
 * carries in .ksyms, placed after the code so that no function moves.
 */
#ifndef KERN_KSYM_H
#define KERN_KSYM_H

#include "kern/types.h"

struct ksym {
	uintptr_t addr;		/* start of the function */
	uint32_t name;		/* offset of its name in ksym_names */
};

extern const struct ksym ksym_table[];	/* ascending by addr */
extern const uint32_t ksym_count;
extern const char ksym_names[];
extern const char _stext[], _etext[];	/* the kernel's code, from the linker script */

/* Find the function containing addr: return its name and store addr's
 * offset from its start in *offset.  Returns NULL if addr is outside the
 * kernel's code or before the first symbol.  Lab 1. */
const char *ksym_lookup(uintptr_t addr, uintptr_t *offset);

/* The name of the function containing addr by a plain linear scan, or
 * "??": slow, independent of ksym_lookup (which lab 1 has students
 * write), for tests that must not depend on it. */
const char *ksym_owner(uintptr_t addr);

/* Address of the function called name, or 0. */
uintptr_t ksym_addr(const char *name);

#endif
