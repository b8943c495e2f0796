/*
 * user/bin/regions.c - show a process's address space: its Regions, the
 * FR and FCM behind each, and how many pages each has resident.
 *
 *	regions [PID] [dot]
 *
 * Without a PID, this program's own.  With "dot", a Graphviz graph
 * (docs/vm.md shows one rendered: `dot -Tsvg`).  The kernel prints it
 * (the regions system call) so it sees the objects themselves.
 */
#include "ulib.h"

int main(int argc, char **argv)
{
	int pid = 0, dot = 0, e;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "dot") == 0)
			dot = 1;
		else
			pid = atoi(argv[i]);
	}
	if ((e = regions(pid, dot)) < 0)
		die("regions: %d: %s", pid, errstr(e));
	return 0;
}
