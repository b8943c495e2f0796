/*
 * user/tests/t_fault.c - make address-space changes and accesses from the
 * command line, so that a test (or a person at the shell) can provoke
 * exactly the fault it wants to see kill a process.
 *
 *	t_fault BASE OP...
 *
 * BASE is a hex address; page i below means BASE + i * 4096.  OPs run in
 * order; every one that returns prints nothing, every access is made at
 * offset 0x10 into its page (so the kill message's address is exact):
 *
 *	map:N          map N fresh pages read-write at BASE (MAP_FIXED)
 *	unmap:I:N      munmap pages [I, I+N)
 *	prot:I:N:P     mprotect pages [I, I+N) to P: none r rw rx rwx
 *	r:I  w:I       read / write page I
 *	rd:ADDR wr:ADDR  read / write the byte at hex address ADDR
 *	x:ADDR         call the code at hex address ADDR
 *	text-write     write into this program's own code
 *	stack          recurse until the stack runs out
 *	illegal        execute an illegal instruction
 *
 * A failed map/unmap/prot exits with status 2; reaching the end exits 0.
 */
#include "utest.h"

const char *utest_name = "t_fault";
int main(int argc, char **argv);
static unsigned long base;

static unsigned long page(const char *s)
{
	return base + strtoul(s, NULL, 0) * PAGE;
}

static int prot_of(const char *s)
{
	int p = 0;

	if (strcmp(s, "none") == 0)
		return PROT_NONE;
	for (; *s; s++)
		p |= *s == 'r' ? PROT_READ : *s == 'w' ? PROT_WRITE : *s == 'x' ? PROT_EXEC : 0;
	return p;
}

/* "a:b:c" -> the parts after the op's name. */
static const char *field(const char *op, int n)
{
	while (n-- > 0) {
		op = strchr(op, ':');
		if (!op)
			die("t_fault: missing field in op");
		op++;
	}
	return op;
}

static void must(long r, const char *op)
{
	if (r < 0) {
		fprintf(STDERR_FILENO, "t_fault: %s: %s\n", op, errstr(r));
		exit(2);
	}
}

static volatile int sink;

/* Deeper and deeper until the stack Region ends (sink is never
 * negative, but the compiler cannot know that). */
static int recurse(int depth)
{
	volatile char pad[1024];

	pad[0] = (char)depth;
	if (sink < 0)
		return pad[0];
	return recurse(depth + 1) + pad[0];
}

static void run(const char *op)
{
	if (strncmp(op, "map:", 4) == 0)
		must((long)mmap((void *)base, strtoul(field(op, 1), NULL, 0) * PAGE,
				PROT_READ | PROT_WRITE, MAP_ANON | MAP_FIXED, -1, 0), op);
	else if (strncmp(op, "unmap:", 6) == 0)
		must(munmap((void *)page(field(op, 1)), strtoul(field(op, 2), NULL, 0) * PAGE), op);
	else if (strncmp(op, "prot:", 5) == 0)
		must(mprotect((void *)page(field(op, 1)), strtoul(field(op, 2), NULL, 0) * PAGE,
			      prot_of(field(op, 3))), op);
	else if (strncmp(op, "r:", 2) == 0)
		sink = *(volatile char *)(page(field(op, 1)) + 0x10);
	else if (strncmp(op, "w:", 2) == 0)
		*(volatile char *)(page(field(op, 1)) + 0x10) = 1;
	else if (strncmp(op, "rd:", 3) == 0)
		sink = *(volatile char *)strtoul(field(op, 1), NULL, 16);
	else if (strncmp(op, "wr:", 3) == 0)
		*(volatile char *)strtoul(field(op, 1), NULL, 16) = 1;
	else if (strncmp(op, "x:", 2) == 0)
		((void (*)(void))strtoul(field(op, 1), NULL, 16))();
	else if (strcmp(op, "text-write") == 0)
		*(volatile char *)(unsigned long)&main = 0;
	else if (strcmp(op, "stack") == 0)
		sink = recurse(0);
	else if (strcmp(op, "illegal") == 0)
		__builtin_trap();
	else
		die("t_fault: unknown op %s", op);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		die("usage: t_fault BASE OP...");
	base = strtoul(argv[1], NULL, 16);
	for (int i = 2; i < argc; i++)
		run(argv[i]);
	return 0;
}
