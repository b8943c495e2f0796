/*
 * simhat.h - the host's simulated machine (simhat.c) for host tests.
 */
#ifndef SIMHAT_H
#define SIMHAT_H

#include "kern/types.h"

/* Create sim RAM and the kernel map, then frame_init and hat_bootstrap. */
void sim_init(void);

/* If set, called on a user-access fault; return true to retry once (the
 * hook the VM fault path will use in host tests). */
extern bool (*sim_vm_fault)(vaddr_t va, bool write);

extern unsigned long sim_tlb_hits, sim_tlb_misses;

#endif
