/*
 * mm/uaccess_ktest.c - copyin/copyout/copyinstr against a real address
 * space: page boundaries, odd alignments, and every kind of bad pointer.
 * Runs in the kernel on every arch and on the host's simulated MMU.
 */
#include "kern/errno.h"
#include "kern/ktest.h"
#include "kern/string.h"
#include "mm/hat.h"
#include "mm/memcheck.h"
#include "mm/process.h"
#include "mm/uaccess.h"
#include "mm/vm.h"

#define UA_VA	(ROUNDUP((vaddr_t)USER_VA_MIN, PAGE_SIZE) + 96 * PAGE_SIZE)
#define UA_LEN	6000

static unsigned char ua_out[UA_LEN], ua_in[UA_LEN];

/* A process with two RW pages at UA_VA and one read-only page after them,
 * made current. */
static struct process *ua_setup(void)
{
	struct process *p = process_create("uaccess");

	if (!p)
		return NULL;
	if (vm_map_anon(p, UA_VA, 2 * PAGE_SIZE, 0, HAT_PROT_RW, VM_FIXED) != (long)UA_VA ||
	    vm_map_anon(p, UA_VA + 2 * PAGE_SIZE, PAGE_SIZE, 0, HAT_PROT_READ, VM_FIXED) !=
		    (long)(UA_VA + 2 * PAGE_SIZE)) {
		process_destroy(p);
		return NULL;
	}
	vm_set_current(p);
	return p;
}

static void ua_teardown(struct process *p)
{
	vm_set_current(NULL);
	process_destroy(p);
}

KTEST(kern_uaccess_copy)
{
	struct mem_snapshot mem;
	struct process *p;
	int r;

	mem_snapshot(&mem);
	KT_ASSERT((p = ua_setup()), "could not build the test process");
	for (unsigned i = 0; i < UA_LEN; i++)
		ua_out[i] = (unsigned char)(i * 7 + 3);
	/* Odd start, odd length, across the page boundary. */
	r = copyout(UA_VA + 3, ua_out, UA_LEN);
	KT_ASSERT(r == 0, "copyout across a page boundary returned %d", r);
	memset(ua_in, 0, sizeof(ua_in));
	r = copyin(ua_in, UA_VA + 3, UA_LEN);
	KT_ASSERT(r == 0, "copyin returned %d", r);
	KT_ASSERT(memcmp(ua_in, ua_out, UA_LEN) == 0, "copyin did not read what copyout wrote");
	/* The bytes around the copy were not touched (zero-filled memory). */
	r = copyin(ua_in, UA_VA, 3);
	KT_ASSERT(r == 0 && ua_in[0] == 0 && ua_in[1] == 0 && ua_in[2] == 0,
		  "copyout disturbed the bytes before its range");
	r = copyin(ua_in, UA_VA + 3 + UA_LEN, 1);
	KT_ASSERT(r == 0 && ua_in[0] == 0, "copyout disturbed the byte after its range");
	/* One byte, and nothing. */
	KT_ASSERT(copyout(UA_VA + 1, "Z", 1) == 0 && copyin(ua_in, UA_VA + 1, 1) == 0 &&
		  ua_in[0] == 'Z', "a one-byte copy failed");
	KT_ASSERT(copyin(ua_in, 0, 0) == 0, "an empty copy must succeed");
	ua_teardown(p);
	KT_ASSERT(mem_frames_leaked(&mem) == 0 && mem_objects_leaked(&mem) == 0,
		  "leaked %ld frame(s), %ld object(s)", mem_frames_leaked(&mem),
		  mem_objects_leaked(&mem));
}

KTEST(kern_uaccess_bad_pointers)
{
	struct process *p;
	unsigned char before[8];
	int local = 0;

	KT_ASSERT((p = ua_setup()), "could not build the test process");
	/* Runs off the mapping's end. */
	KT_ASSERT(copyin(ua_in, UA_VA + 3 * PAGE_SIZE - 2, 8) == -EFAULT,
		  "copyin into unmapped memory must give -EFAULT");
	/* Outside the user range: a kernel address, and a range that wraps. */
	KT_ASSERT(copyin(ua_in, (vaddr_t)&local, sizeof(local)) == -EFAULT,
		  "copyin from a kernel address must give -EFAULT");
	KT_ASSERT(copyout((vaddr_t)&local, "x", 1) == -EFAULT && local == 0,
		  "copyout to a kernel address must give -EFAULT and write nothing");
	KT_ASSERT(copyin(ua_in, USER_VA_MAX - 4, 16) == -EFAULT,
		  "a range running past the user range must give -EFAULT");
	KT_ASSERT(copyin(ua_in, (vaddr_t)-8, 16) == -EFAULT, "a wrapping range must give -EFAULT");
	/* Read-only memory refuses copyout, and keeps its bytes. */
	KT_ASSERT(copyin(before, UA_VA + 2 * PAGE_SIZE, sizeof(before)) == 0,
		  "the read-only page cannot be read");
	KT_ASSERT(copyout(UA_VA + 2 * PAGE_SIZE, "xxxxxxxx", 8) == -EFAULT,
		  "copyout to a read-only page must give -EFAULT");
	KT_ASSERT(copyin(ua_in, UA_VA + 2 * PAGE_SIZE, sizeof(before)) == 0 &&
		  memcmp(ua_in, before, sizeof(before)) == 0, "a refused copyout changed memory");
	ua_teardown(p);
}

KTEST(kern_uaccess_strings)
{
	struct process *p;
	char buf[16];
	vaddr_t s = UA_VA + PAGE_SIZE - 3;	/* "hello" crosses the boundary */

	KT_ASSERT((p = ua_setup()), "could not build the test process");
	KT_ASSERT(copyout(s, "hello", 6) == 0, "copyout of a string failed");
	KT_ASSERT(copyinstr(buf, s, sizeof(buf)) == 0 && strcmp(buf, "hello") == 0,
		  "copyinstr gave \"%s\"", buf);
	KT_ASSERT(copyinstr(buf, s, 4) == -ENAMETOOLONG && strcmp(buf, "hel") == 0,
		  "a string longer than the buffer must give -ENAMETOOLONG and a terminated prefix");
	/* No terminator before the mapping ends: "abcd" fills the last bytes
	 * of the RW pages, and the page after them is unmapped. */
	KT_ASSERT(vm_unmap(p, UA_VA + 2 * PAGE_SIZE, PAGE_SIZE) == 0, "vm_unmap failed");
	KT_ASSERT(copyout(UA_VA + 2 * PAGE_SIZE - 4, "abcd", 4) == 0, "copyout failed");
	KT_ASSERT(copyinstr(buf, UA_VA + 2 * PAGE_SIZE - 4, sizeof(buf)) == -EFAULT,
		  "an unterminated string at the end of the mapping must give -EFAULT");
	ua_teardown(p);
}
