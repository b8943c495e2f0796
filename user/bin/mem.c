/*
 * user/bin/mem.c - mem: what memstats reports about the machine's memory
 * and this process.  Counts of pages are also shown in KiB.
 *
 * KiB are `>> 10`, not `/ 1024`: a 64-bit division is a call of libgcc
 * on 32-bit mips, and programs link no libgcc.
 */
#include "ulib.h"

static unsigned long long page_size;

static void pages(const char *label, unsigned long long n)
{
	printf("%-14s %10llu pages %10llu KiB\n", label, n, n * page_size >> 10);
}

int main(void)
{
	struct keel_memstats st;
	int err = memstats(&st);

	if (err < 0)
		die("mem: memstats: %s", errstr(err));
	page_size = st.page_size;
	printf("%-14s %10llu bytes\n", "page size", st.page_size);
	pages("frames total", st.frames_total);
	pages("frames free", st.frames_free);
	printf("%-14s %10llu bytes %10llu KiB\n", "kernel heap", st.kheap_bytes,
	       st.kheap_bytes >> 10);
	printf("%-14s %10llu\n", "processes", st.processes);
	printf("%-14s %10llu\n", "regions", st.regions);
	pages("resident", st.resident);
	return 0;
}
