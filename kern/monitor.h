/*
 * kern/monitor.h - the kernel monitor: a command prompt on the serial
 * console for looking inside the running kernel.
 *
 * Any file may add a command:
 *
 *	MONITOR_CMD(ticks, "show the timer tick count")
 *	{
 *		kprintf("%lu\n", ticks);
 *		return 0;
 *	}
 *
 * The function gets argc/argv (argv[0] is the command name) and returns 0,
 * or non-zero after printing what went wrong.  Commands run on the boot
 * thread; during a panic they run with interrupts off.
 */
#ifndef KERN_MONITOR_H
#define KERN_MONITOR_H

#include "kern/types.h"

struct moncmd {
	const char *name;
	const char *help;
	int (*fn)(int argc, char **argv);
};

#define MONITOR_CMD(name_, help_)					\
	static int moncmd_##name_(int argc, char **argv);		\
	static const struct moncmd moncmd_ent_##name_			\
		__section("moncmds") __used				\
		__attribute__((aligned(sizeof(void *)))) =		\
		{ #name_, help_, moncmd_##name_ };			\
	static int moncmd_##name_(int argc __attribute__((unused)),	\
				  char **argv __attribute__((unused)))

/* Run one command line; returns the command's result, or -1 if unknown. */
int monitor_exec(char *line);

/* Prompt "K> " and run commands forever. */
void monitor_run(void) __noreturn;

#endif
