/*
 * mm/vm_monitor.c - showing a Process's objects: the monitor's `regions`
 * command, as a table or as a Graphviz graph (`regions dot | dot -Tsvg`).
 * Below each FCM its kind describes what lies behind it: the fork-tree
 * nodes above a private FCM, the base a copy-on-write copy reads from.
 */
#include "kern/monitor.h"
#include "kern/printf.h"
#include "kern/string.h"
#include "mm/fcm.h"
#include "mm/fr.h"
#include "mm/process.h"
#include "mm/region.h"
#include "mm/vm.h"

static const char *prot_str(unsigned prot, char *buf)
{
	buf[0] = prot & HAT_PROT_READ ? 'r' : '-';
	buf[1] = prot & HAT_PROT_WRITE ? 'w' : '-';
	buf[2] = prot & HAT_PROT_EXEC ? 'x' : '-';
	buf[3] = '\0';
	return buf;
}

static unsigned long resident(const struct region *r)
{
	return r->fcm->ops->resident(r->fcm, r->offset, r->end - r->start);
}

void vm_usage(struct process *p, unsigned long long *regions,
	      unsigned long long *pages)
{
	unsigned long s = spin_lock_irqsave(&p->lock);

	*regions = p->map.count;
	*pages = 0;
	for (struct region *r = regionmap_next(&p->map, 0); r; r = regionmap_next(&p->map, r->end))
		*pages += resident(r);
	spin_unlock_irqrestore(&p->lock, s);
}

static void print_table(struct process *p)
{
	char pb[4];

	kprintf("process %s (%p): %lu region(s)\n", p->name, (void *)p, p->map.count);
	for (struct region *r = regionmap_next(&p->map, 0); r; r = regionmap_next(&p->map, r->end)) {
		kprintf("  [%#lx, %#lx) %s %s off %#llx fr %s@%p fcm %s@%p resident %lu%s\n",
			(unsigned long)r->start, (unsigned long)r->end, prot_str(r->prot, pb),
			r->ops->kind, (unsigned long long)r->offset, r->fr->ops->kind,
			(void *)r->fr, r->fcm->ops->kind, (void *)r->fcm, resident(r),
			r->stopped ? " stopped" : "");
		if (r->fcm->ops->describe)
			r->fcm->ops->describe(r->fcm, false);
	}
}

/* One node per object; an FR or FCM several Regions share is printed
 * once per Region, which Graphviz merges by name. */
static void print_dot(struct process *p)
{
	char pb[4];

	kprintf("digraph process {\n  rankdir=LR;\n");
	kprintf("  p%p [shape=box,label=\"process %s\"];\n", (void *)p, p->name);
	for (struct region *r = regionmap_next(&p->map, 0); r; r = regionmap_next(&p->map, r->end)) {
		kprintf("  r%p [shape=box,label=\"region %s\\n[%#lx, %#lx) %s\\nresident %lu\"];\n",
			(void *)r, r->ops->kind, (unsigned long)r->start,
			(unsigned long)r->end, prot_str(r->prot, pb), resident(r));
		kprintf("  fr%p [label=\"FR %s\"];\n", (void *)r->fr, r->fr->ops->kind);
		kprintf("  fcm%p [shape=cylinder,label=\"FCM %s\"];\n",
			(void *)r->fcm, r->fcm->ops->kind);
		kprintf("  p%p -> r%p;\n  r%p -> fr%p [label=\"off %#llx\"];\n",
			(void *)p, (void *)r, (void *)r, (void *)r->fr,
			(unsigned long long)r->offset);
		kprintf("  fr%p -> fcm%p;\n", (void *)r->fr, (void *)r->fcm);
		if (r->fcm->ops->describe)
			r->fcm->ops->describe(r->fcm, true);
	}
	kprintf("}\n");
}

void vm_print_regions(struct process *p, bool dot)
{
	unsigned long s = spin_lock_irqsave(&p->lock);

	if (dot)
		print_dot(p);
	else
		print_table(p);
	spin_unlock_irqrestore(&p->lock, s);
}

MONITOR_CMD(regions, "regions [dot]: the current process's Regions (dot: Graphviz)")
{
	struct process *p = vm_current();
	bool dot = argc == 2 && strcmp(argv[1], "dot") == 0;

	if (argc > 2 || (argc == 2 && !dot)) {
		kprintf("usage: regions [dot]\n");
		return 1;
	}
	if (!p) {
		kprintf("no current process\n");
		return 1;
	}
	vm_print_regions(p, dot);
	return 0;
}
