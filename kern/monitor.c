/*
 * kern/monitor.c - the kernel monitor's loop and its basic commands.
 */
#include "kern/arch.h"
#include "kern/clock.h"
#include "kern/cmdline.h"
#include "kern/console.h"
#include "kern/ktest.h"
#include "kern/monitor.h"
#include "kern/panic.h"
#include "kern/printf.h"
#include "kern/string.h"
#include "kern/trap.h"

#define MAXARGS 16

extern const struct moncmd __start_moncmds[], __stop_moncmds[];

static int split(char *line, char **argv)
{
	int argc = 0;

	for (;;) {
		while (*line == ' ' || *line == '\t')
			*line++ = '\0';
		if (!*line || argc == MAXARGS - 1)
			break;
		argv[argc++] = line;
		while (*line && *line != ' ' && *line != '\t')
			line++;
	}
	argv[argc] = NULL;
	return argc;
}

int monitor_exec(char *line)
{
	char *argv[MAXARGS];
	int argc = split(line, argv);

	if (argc == 0)
		return 0;
	for (const struct moncmd *c = __start_moncmds; c < __stop_moncmds; c++)
		if (strcmp(c->name, argv[0]) == 0)
			return c->fn(argc, argv);
	kprintf("unknown command '%s' (try 'help')\n", argv[0]);
	return -1;
}

void monitor_run(void)
{
	char line[128];

	kprintf("Keel monitor on %s. Type 'help' for commands.\n", arch_name);
	for (;;) {
		cons_readline("K> ", line, sizeof(line));
		monitor_exec(line);
	}
}

MONITOR_CMD(help, "list the commands")
{
	for (const struct moncmd *c = __start_moncmds; c < __stop_moncmds; c++)
		kprintf("  %-10s %s\n", c->name, c->help);
	return 0;
}

MONITOR_CMD(backtrace, "print the monitor's own call chain")
{
	backtrace_here();
	return 0;
}

MONITOR_CMD(ticks, "show timer ticks since boot")
{
	kprintf("ticks %lu (%u Hz)\n", ticks, HZ);
	return 0;
}

MONITOR_CMD(poweroff, "poweroff [status]: stop the machine")
{
	arch_poweroff(argc > 1 ? (int)strtoul(argv[1], NULL, 0) : 0);
}

MONITOR_CMD(breakpoint, "execute a breakpoint instruction and resume")
{
	unsigned long before = trap_breakpoints;

	arch_breakpoint();
	kprintf("resumed after the breakpoint (%lu handled)\n",
		trap_breakpoints - before);
	return 0;
}

MONITOR_CMD(ktest, "ktest FILTER: run in-kernel tests (all, NAME, PREFIX*)")
{
	if (argc < 2) {
		kprintf("usage: ktest all | NAME | PREFIX*\n");
		return 1;
	}
	return ktest_run(argv[1]) != 0;
}

MONITOR_CMD(cmdline, "show the boot command line")
{
	kprintf("%s\n", cmdline_line());
	return 0;
}
