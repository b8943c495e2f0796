/*
 * arch/ppc64/of.c - the Open Firmware client interface (IEEE 1275).
 *
 * A call passes one block of 32-bit cells: the service's name, the
 * number of arguments and of results, the arguments, then room for the
 * results, which the firmware fills in.  See of.h.
 */
#include "kern/string.h"
#include "hat_arch.h"
#include "of.h"

#define OF_MAX_CELLS	10

struct of_args {
	uint32_t service;	/* address of the service's name */
	uint32_t nargs;
	uint32_t nret;
	uint32_t cells[OF_MAX_CELLS];	/* arguments, then results */
};

static uintptr_t of_entry;

void of_init(uintptr_t entry)
{
	of_entry = entry;
}

/* The firmware is 32-bit code in real mode: it gets physical addresses,
 * below 4 GiB. */
static uint32_t cell(const void *p)
{
	return (uint32_t)kva_to_phys(p);
}

/* Call service with nargs arguments from in[]; store nret results in
 * out[] and return the first (OF_FAILED on any error). */
static uint32_t of_call(const char *service, int nargs, const uint32_t *in,
			int nret, uint32_t *out)
{
	struct of_args a = { cell(service), (uint32_t)nargs, (uint32_t)nret, { 0 } };

	for (int i = 0; i < nargs; i++)
		a.cells[i] = in[i];
	fw_call32(cell(&a), 0, of_entry);
	for (int i = 0; i < nret; i++)
		out[i] = a.cells[nargs + i];
	return nret > 0 ? a.cells[nargs] : 0;
}

phandle_t of_finddevice(const char *path)
{
	uint32_t in[1] = { cell(path) }, out[1];

	return of_call("finddevice", 1, in, 1, out);
}

phandle_t of_child(phandle_t node)
{
	uint32_t in[1] = { node }, out[1];
	uint32_t r = of_call("child", 1, in, 1, out);

	return r == OF_FAILED ? 0 : r;
}

phandle_t of_peer(phandle_t node)
{
	uint32_t in[1] = { node }, out[1];
	uint32_t r = of_call("peer", 1, in, 1, out);

	return r == OF_FAILED ? 0 : r;
}

int of_getprop(phandle_t node, const char *name, void *buf, int len)
{
	uint32_t in[4] = { node, cell(name), cell(buf), (uint32_t)len }, out[1];

	return (int)of_call("getprop", 4, in, 1, out);
}

uint32_t of_getprop_u32(phandle_t node, const char *name, uint32_t def)
{
	uint32_t v;

	return of_getprop(node, name, &v, sizeof(v)) == sizeof(v) ? v : def;
}

bool of_is_type(phandle_t node, const char *type)
{
	char buf[32];
	int n = of_getprop(node, "device_type", buf, sizeof(buf) - 1);

	if (n < 0 || n >= (int)sizeof(buf))
		return false;
	buf[n] = '\0';
	return strcmp(buf, type) == 0;
}

ihandle_t of_open(const char *path)
{
	uint32_t in[1] = { cell(path) }, out[1];

	return of_call("open", 1, in, 1, out);
}

phandle_t of_instance_to_package(ihandle_t ih)
{
	uint32_t in[1] = { ih }, out[1];

	return of_call("instance-to-package", 1, in, 1, out);
}

uint32_t of_call_method1(const char *method, ihandle_t ih, uint32_t arg)
{
	uint32_t in[3] = { cell(method), ih, arg }, out[2];

	/* out[0] is the "catch" result: non-zero if the method failed. */
	if (of_call("call-method", 3, in, 2, out) != 0)
		return OF_FAILED;
	return out[1];
}

void of_quiesce(void)
{
	of_call("quiesce", 0, NULL, 0, NULL);
}
