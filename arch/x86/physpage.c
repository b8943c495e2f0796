/*
 * arch/x86/physpage.c - whole frames through the direct map: zeroing,
 * copying, and the instruction-cache sync x86 does not need.
 *
 * The direct map covers all RAM with wired global entries, so these never
 * fault and need no temporary mapping.  `rep stosq` / `rep movsq` move 8
 * bytes an instruction (kern/string.c goes byte by byte): every page table
 * and every FRAME_ZERO frame passes through hat_zero_page.
 */
#include "pt.h"

void hat_zero_page(paddr_t pa)
{
	void *d = phys_to_kva(PAGE_ROUNDDOWN(pa));
	size_t n = PAGE_SIZE / 8;

	__asm__ volatile("rep stosq" : "+D"(d), "+c"(n) : "a"(0UL) : "memory");
}

void hat_copy_page(paddr_t dst, paddr_t src)
{
	void *d = phys_to_kva(PAGE_ROUNDDOWN(dst));
	const void *s = phys_to_kva(PAGE_ROUNDDOWN(src));
	size_t n = PAGE_SIZE / 8;

	__asm__ volatile("rep movsq" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
}

/* x86 keeps instruction fetches coherent with stores by itself (a
 * cross-modifying CPU would need a serializing instruction: later). */
void hat_sync_icache(paddr_t pa, size_t len)
{
	(void)pa;
	(void)len;
}
