/*
 * user/bin/sh.c - sh: Keel's shell.
 *
 *	$ echo "hello world"        runs bin/echo with one argument
 *	$ tests/foo x               a word with a '/' is a path as it is
 *	$ spin &                    runs in the background: "[pid N]"
 *	$ exit 3                    builtins: exit [n], help
 *
 * sh -c "command args" runs one command line and exits with its status:
 * the program's exit code, 128 + 1 if the kernel killed it, 127 if it
 * could not be started.
 *
 * Words are split at spaces and tabs; double quotes make one word of
 * text with spaces in it ("a b"), and "" is an empty word.  There are no
 * pipes, redirections or variables: Keel has no pipe or dup yet.
 *
 * Background programs: with no non-blocking wait in Keel, the shell
 * cannot look for finished ones before each prompt.  It collects them
 * instead while it waits for the next foreground program: it then waits
 * for any child, and reports background ones as they come ("[pid N
 * done]").  Until then a finished background program stays a zombie.
 */
#include "ulib.h"

#define LINE_MAX	256
#define MAX_BG		16		/* background programs kept track of */
#define NAME_LEN	32

#define ST_KILLED	(128 + 1)	/* sh -c's status for a killed program */
#define ST_NOTFOUND	127		/* and for one that did not start */

struct bg {
	int pid;			/* 0: a free slot */
	char name[NAME_LEN];
};

static struct bg bg[MAX_BG];
static int interactive;			/* 0 under sh -c: no [..] notes */

/* ---- splitting a line into words ------------------------------------- */

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Cut the word at *pp out of the line, in place: quotes are removed by
 * moving the rest of the word left over them, and a NUL ends it.  *pp
 * moves past the word.  Returns -1 on a quote that is never closed.
 */
static int cut_word(char **pp)
{
	char *p = *pp, *out = p;
	int quoted = 0;

	while (*p && (quoted || !is_blank(*p))) {
		if (*p == '"')
			quoted = !quoted;
		else
			*out++ = *p;
		p++;
	}
	if (quoted)
		return -1;
	if (*p)
		p++;		/* past the blank that ended the word */
	*out = '\0';		/* out <= the blank's place: nothing lost */
	*pp = p;
	return 0;
}

/* Split line into argv (NULL-terminated); returns the number of words,
 * or -1 after printing why the line is no good. */
static int split(char *line, char **argv, int max)
{
	char *p = line;
	int argc = 0;

	for (;;) {
		while (is_blank(*p))
			p++;
		if (!*p)
			break;
		if (argc == max - 1) {
			fprintf(STDERR_FILENO, "sh: too many arguments\n");
			return -1;
		}
		argv[argc++] = p;
		if (cut_word(&p) < 0) {
			fprintf(STDERR_FILENO, "sh: unterminated quote\n");
			return -1;
		}
	}
	argv[argc] = NULL;
	return argc;
}

/* A last word "&", or a last word ending in '&', asks for the
 * background; take the '&' off.  Returns 1 if it was there. */
static int take_ampersand(char **argv, int *argc)
{
	char *last;
	size_t len;

	if (*argc == 0)
		return 0;
	last = argv[*argc - 1];
	len = strlen(last);
	if (len == 0 || last[len - 1] != '&')
		return 0;
	if (len == 1)
		argv[--*argc] = NULL;
	else
		last[len - 1] = '\0';
	return 1;
}

/* ---- background programs --------------------------------------------- */

static int bg_count(void)
{
	int i, n = 0;

	for (i = 0; i < MAX_BG; i++)
		n += bg[i].pid != 0;
	return n;
}

static void bg_add(int pid, const char *name)
{
	int i;

	for (i = 0; i < MAX_BG; i++) {
		if (bg[i].pid == 0) {
			bg[i].pid = pid;
			strlcpy(bg[i].name, name, sizeof(bg[i].name));
			return;
		}
	}
	/* No room to remember it: a later wait here collects it as a
	 * stranger, or, if the shell exits first, the kernel frees it when
	 * it ends (orphans are detached, kern/proc.c). */
}

/* A child that is not the one being waited for has finished: if it is a
 * background program, say so and forget it. */
static void bg_done(int pid, int st)
{
	int i;

	for (i = 0; i < MAX_BG; i++) {
		if (bg[i].pid != pid)
			continue;
		if (WIFKILLED(st))
			printf("[pid %d done: %s killed]\n", pid, bg[i].name);
		else
			printf("[pid %d done: %s exit %d]\n", pid, bg[i].name, WEXITSTATUS(st));
		bg[i].pid = 0;
		return;
	}
}

/* ---- running programs ------------------------------------------------ */

/* Wait for pid.  With background programs about, wait for any child,
 * which reaps those that finished in the meantime too. */
static int wait_for(int pid, int *st)
{
	int got;

	if (bg_count() == 0)
		return wait(pid, st);
	for (;;) {
		got = wait(-1, st);
		if (got == pid || got < 0)
			return got;
		bg_done(got, *st);
	}
}

/* Exit status for sh -c, from wait's status word. */
static int exit_code(int st)
{
	return WIFKILLED(st) ? ST_KILLED : WEXITSTATUS(st);
}

/* Run the program argv names; returns its status as exit_code() has it. */
static int run(char **argv, int background)
{
	char path[PATH_MAX];
	int pid, st, got;

	if (strchr(argv[0], '/'))
		strlcpy(path, argv[0], sizeof(path));
	else
		snprintf(path, sizeof(path), "bin/%s", argv[0]);
	pid = spawn(path, argv);
	if (pid < 0) {
		fprintf(STDERR_FILENO, "sh: %s: %s\n", argv[0], errstr(pid));
		return ST_NOTFOUND;
	}
	if (background) {
		printf("[pid %d]\n", pid);
		bg_add(pid, argv[0]);
		return 0;
	}
	got = wait_for(pid, &st);
	if (got < 0) {
		fprintf(STDERR_FILENO, "sh: wait: %s\n", errstr(got));
		return ST_KILLED;
	}
	if (interactive && WIFKILLED(st))
		printf("[%s: killed]\n", argv[0]);
	else if (interactive && WEXITSTATUS(st) != 0)
		printf("[%s: exit %d]\n", argv[0], WEXITSTATUS(st));
	return exit_code(st);
}

/* ---- builtins and the command line ----------------------------------- */

static void help(void)
{
	printf("Builtins:\n"
	       "  exit [n]    leave the shell, with status n (default 0)\n"
	       "  help        this text\n"
	       "Any other word runs a program: NAME is the boot-image file bin/NAME,\n"
	       "a word with a '/' in it is a file name as it is.  Double quotes\n"
	       "group words (\"a b\"); a trailing & runs the program in the background.\n"
	       "ls lists the programs.\n");
}

/* Run one command line; returns its status. */
static int run_line(char *line)
{
	char *argv[SPAWN_MAX_ARGS + 1];
	int argc = split(line, argv, SPAWN_MAX_ARGS + 1);
	int background;

	if (argc < 0)
		return 2;		/* a syntax error, as other shells say */
	background = take_ampersand(argv, &argc);
	if (argc == 0)
		return 0;
	if (strcmp(argv[0], "exit") == 0)
		exit(argc > 1 ? atoi(argv[1]) : 0);
	if (strcmp(argv[0], "help") == 0) {
		help();
		return 0;
	}
	return run(argv, background);
}

int main(int argc, char **argv)
{
	char line[LINE_MAX];

	if (argc >= 2 && strcmp(argv[1], "-c") == 0) {
		if (argc != 3)
			die("usage: sh [-c \"command line\"]");
		return run_line(argv[2]);	/* argument strings are writable */
	}
	interactive = 1;
	for (;;) {
		printf("$ ");
		if (readline(STDIN_FILENO, line, sizeof(line)) < 0)
			break;		/* end of input */
		run_line(line);
	}
	return 0;
}
