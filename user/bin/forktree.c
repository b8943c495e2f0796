/*
 * user/bin/forktree.c - watch a fork tree grow and collapse: the example
 * of docs/vm.md, "Fork".
 *
 *	forktree [dot]
 *
 * The process touches four pages of anonymous memory, forks a child A,
 * writes one page (which copies it: A can still see the original), forks
 * a child B, and shows its own Regions with the fork-tree nodes above its
 * FCM.  Then A exits, then B: after each the tree is shown again, smaller,
 * until the memory is the process's own again.  With "dot", Graphviz
 * graphs instead of text.
 */
#include "ulib.h"

#define PAGE	4096UL
#define PAGES	4

static void show(const char *when, int dot)
{
	struct keel_memstats st;

	memstats(&st);
	printf("%s %s: %llu fork node(s), %llu collapse(s), %llu copie(s), %llu take(s)\n",
	       dot ? "//" : "==", when, st.fork_nodes, st.fork_collapses, st.cow_copies,
	       st.cow_takes);
	regions(0, dot);
}

/* A child that keeps its view of the memory for a while, then exits. */
static int child(unsigned long ms)
{
	int pid = fork();

	if (pid == 0) {
		sleep_ms(ms);
		exit(0);
	}
	if (pid < 0)
		die("forktree: fork: %s", errstr(pid));
	return pid;
}

int main(int argc, char **argv)
{
	int dot = argc > 1 && strcmp(argv[1], "dot") == 0;
	char *mem = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_ANON, -1, 0);
	int a, b;

	if (mmap_failed(mem))
		die("forktree: mmap: %s", errstr((long)mem));
	for (unsigned long i = 0; i < PAGES; i++)
		mem[i * PAGE] = 'a' + i;
	a = child(100);
	mem[0] = 'P';			/* A still sees 'a': this copies */
	b = child(300);
	show("after fork A, a write, fork B", dot);
	wait(a, NULL);
	show("after A exited", dot);
	wait(b, NULL);
	show("after B exited", dot);
	return 0;
}
