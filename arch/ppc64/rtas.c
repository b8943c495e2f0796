/*
 * arch/ppc64/rtas.c - instantiating and calling RTAS (rtas.h).
 */
#include "kern/arch.h"
#include "hat_arch.h"
#include "of.h"
#include "rtas.h"

#define RTAS_AREA_SIZE	4096
#define RTAS_MAX_CELLS	16

struct rtas_tokens rtas_tokens = { RTAS_NO_TOKEN, RTAS_NO_TOKEN, RTAS_NO_TOKEN };

/* Where the firmware copies RTAS: part of the kernel image, so nothing
 * else will ever be allocated over it. */
static uint8_t rtas_area[RTAS_AREA_SIZE] __attribute__((aligned(4096)));
static uintptr_t rtas_entry;

/* The argument block, in the same 32-bit cells as Open Firmware's. */
static struct {
	uint32_t token;
	uint32_t nargs;
	uint32_t nret;
	uint32_t cells[RTAS_MAX_CELLS];
} rtas_args;

bool rtas_init(void)
{
	phandle_t rtas = of_finddevice("/rtas");
	ihandle_t ih;
	uint32_t size, entry;

	if (rtas == OF_FAILED)
		return false;
	size = of_getprop_u32(rtas, "rtas-size", 0);
	if (size == 0 || size > RTAS_AREA_SIZE)
		return false;
	ih = of_open("/rtas");
	if (ih == OF_FAILED || ih == 0)
		return false;
	entry = of_call_method1("instantiate-rtas", ih, (uint32_t)kva_to_phys(rtas_area));
	if (entry == OF_FAILED)
		return false;
	rtas_entry = entry;
	rtas_tokens.power_off = of_getprop_u32(rtas, "power-off", RTAS_NO_TOKEN);
	rtas_tokens.system_reboot = of_getprop_u32(rtas, "system-reboot", RTAS_NO_TOKEN);
	rtas_tokens.os_term = of_getprop_u32(rtas, "ibm,os-term", RTAS_NO_TOKEN);
	return true;
}

int rtas_call(uint32_t token, int nargs, const uint32_t *args)
{
	unsigned long s;
	int status;

	if (rtas_entry == 0 || token == RTAS_NO_TOKEN || nargs > RTAS_MAX_CELLS - 1)
		return -1;
	s = arch_intr_save();		/* RTAS wants interrupts off */
	rtas_args.token = token;
	rtas_args.nargs = (uint32_t)nargs;
	rtas_args.nret = 1;
	for (int i = 0; i < nargs; i++)
		rtas_args.cells[i] = args[i];
	/* r3 = the argument block, r4 = where RTAS was instantiated: RTAS
	 * runs in real mode (fw_call32 turns translation off), so both are
	 * physical addresses. */
	fw_call32(kva_to_phys(&rtas_args), kva_to_phys(rtas_area), rtas_entry);
	status = (int)rtas_args.cells[nargs];
	arch_intr_restore(s);
	return status;
}
