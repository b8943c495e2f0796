/* The VM objects and the fault path (mm/vm_ktest.c), fork trees
 * (mm/fork_ktest.c) on the simulated MMU: a user access that misses goes
 * through sim_vm_fault to the current process's fault path, as
 * trap_memory does on a machine.  The host has no boot image, so the
 * tests that map its files (lab4_crw_*) run in the kernel only. */
#include "hosttest.h"
#include "kern/ktest.h"
#include "mm/vm.h"
#include "simhat.h"

static bool vm_hook(vaddr_t va, bool write)
{
	return vm_fault_current(va, write, false);
}

void test_vm(void)
{
	/* test_hat ran sim_init already. */
	sim_vm_fault = vm_hook;
	CHECK(ktest_run("lab3_*,kern_vm_*,kern_uaccess_*") == 0);
	CHECK(ktest_run("lab4_fork_*,lab4_collapse,lab4_no_leaks,kern_fork_random") == 0);
	CHECK(vm_current() == NULL);
	sim_vm_fault = NULL;
}
