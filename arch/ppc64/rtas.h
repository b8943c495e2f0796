/*
 * arch/ppc64/rtas.h - Run-Time Abstraction Services: the firmware calls
 * that outlive boot (power off, reboot, report a crash).
 *
 * At boot the Open Firmware client interface copies RTAS into memory we
 * provide ("instantiate-rtas"); from then on a call is a jump into that
 * copy, in real mode with interrupts off.  Each service has a token,
 * found as a property of the device tree's /rtas node.
 */
#ifndef PPC64_RTAS_H
#define PPC64_RTAS_H

#include "kern/types.h"

#define RTAS_NO_TOKEN	0xffffffffu

struct rtas_tokens {
	uint32_t power_off;
	uint32_t system_reboot;
	uint32_t os_term;
};

extern struct rtas_tokens rtas_tokens;

/* Instantiate RTAS and look up the tokens.  Boot only (uses Open
 * Firmware).  Returns false if the machine has no RTAS. */
bool rtas_init(void);

/* Call the service token with nargs arguments; return its first result
 * (the status, 0 for success) or -1 if RTAS or the service is missing. */
int rtas_call(uint32_t token, int nargs, const uint32_t *args);

#endif
