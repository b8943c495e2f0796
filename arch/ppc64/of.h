/*
 * arch/ppc64/of.h - the Open Firmware client interface, used at boot only.
 *
 * VOF answers questions about the machine (its device tree) through one
 * entry point it hands the kernel in r5.  Every call must happen before
 * arch_trap_init: VOF's code lives in the low memory the interrupt
 * vectors overwrite.
 */
#ifndef PPC64_OF_H
#define PPC64_OF_H

#include "kern/types.h"

typedef uint32_t phandle_t;	/* a device-tree node */
typedef uint32_t ihandle_t;	/* an opened device */

#define OF_FAILED	0xffffffffu	/* what a failing call returns */

void of_init(uintptr_t entry);

phandle_t of_finddevice(const char *path);
phandle_t of_child(phandle_t node);	/* 0 when there is none */
phandle_t of_peer(phandle_t node);	/* 0 when there is none */

/* Copy property name of node into buf (at most len bytes); return the
 * property's full length, or -1 if the node has no such property. */
int of_getprop(phandle_t node, const char *name, void *buf, int len);

/* A one-cell (32-bit) property, or def if it is missing. */
uint32_t of_getprop_u32(phandle_t node, const char *name, uint32_t def);

/* True if node's device_type is type ("memory", "cpu"). */
bool of_is_type(phandle_t node, const char *type);

ihandle_t of_open(const char *path);
phandle_t of_instance_to_package(ihandle_t ih);

/* call-method with one argument; returns the method's first result, or
 * OF_FAILED. */
uint32_t of_call_method1(const char *method, ihandle_t ih, uint32_t arg);

/* Tell the firmware we are done with it. */
void of_quiesce(void);

/* Call 32-bit firmware code at entry with r3 and r4 set (fwcall.S). */
unsigned long fw_call32(unsigned long r3, unsigned long r4, uintptr_t entry);

#endif
