/*
 * kern/ksym.c - looking addresses up in the kernel's symbol table.
 */
#include "kern/ksym.h"
#include "kern/lab.h"
#include "kern/string.h"

const char *ksym_lookup(uintptr_t addr, uintptr_t *offset)
{
#if SOLUTION(1)
	uint32_t lo = 0, hi = ksym_count;

	if (addr < (uintptr_t)_stext || addr >= (uintptr_t)_etext)
		return NULL;
	/* Invariant: every symbol below lo starts at or before addr, every
	 * symbol at or above hi starts after it. */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (ksym_table[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	*offset = addr - ksym_table[lo - 1].addr;
	return ksym_names + ksym_table[lo - 1].name;
#else
	/*
	 * LAB 1: find the function that contains addr.
	 * ksym_table[] holds ksym_count entries sorted by address; the entry
	 * for addr is the last one whose .addr <= addr.  Use a binary search
	 * (there are thousands of symbols), return its name
	 * (ksym_names + .name) and store addr - .addr in *offset.  Return NULL
	 * for addresses outside [_stext, _etext) or before the first symbol.
	 * Checked by: lab1_ksym.
	 */
	(void)addr;
	(void)offset;
	LAB_TODO(1, "ksym_lookup: binary search of the symbol table");
	return NULL;
#endif
}

uintptr_t ksym_addr(const char *name)
{
	for (uint32_t i = 0; i < ksym_count; i++)
		if (strcmp(ksym_names + ksym_table[i].name, name) == 0)
			return ksym_table[i].addr;
	return 0;
}

const char *ksym_owner(uintptr_t addr)
{
	const struct ksym *best = NULL;

	if (addr < (uintptr_t)_stext || addr >= (uintptr_t)_etext)
		return "??";
	for (uint32_t i = 0; i < ksym_count; i++)
		if (ksym_table[i].addr <= addr && (!best || ksym_table[i].addr > best->addr))
			best = &ksym_table[i];
	return best ? ksym_names + best->name : "??";
}
