/*
 * mm/process.c - creating and destroying a Process's address space
 * (mm/process.h).
 */
#include "kern/panic.h"
#include "kern/string.h"
#include "mm/hat.h"
#include "mm/kmalloc.h"
#include "mm/process.h"
#include "mm/region.h"
#include "mm/vm.h"

struct process *process_create(const char *name)
{
	struct process *p = kzalloc(sizeof(*p));

	if (!p)
		return NULL;
	p->hat = hat_create();
	if (!p->hat) {
		kfree(p);
		return NULL;
	}
	p->lock = (struct spinlock)SPINLOCK_INIT("process");
	strlcpy(p->name, name, sizeof(p->name));
	regionmap_init(&p->map);
	return p;
}

void process_clear(struct process *p)
{
	/* hat_remove_all is for a hat no CPU runs on (it may free tables
	 * and ASIDs the MMU still uses): step off p's, then back on. */
	bool current = vm_current() == p;
	unsigned long s;

	if (current)
		vm_set_current(NULL);
	s = spin_lock_irqsave(&p->lock);

	/* Drop every translation at once, then the Regions need not remove
	 * theirs page by page. */
	hat_remove_all(p->hat);
	while (p->map.root)
		region_destroy(p->map.root, REGION_HAT_GONE);
	spin_unlock_irqrestore(&p->lock, s);
	if (current)
		vm_set_current(p);
}

void process_teardown(struct process *p)
{
	/* hat_destroy requires the hat to be active nowhere. */
	if (vm_current() == p)
		vm_set_current(NULL);
	process_clear(p);
	hat_destroy(p->hat);
	p->hat = NULL;
}

void process_free(struct process *p)
{
	kfree(p);
}

void process_destroy(struct process *p)
{
	process_teardown(p);
	process_free(p);
}
