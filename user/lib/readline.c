/*
 * user/lib/readline.c - readline(): one line of input, for the shell and
 * other interactive programs.
 *
 * The console hands over keys as they are typed, and shows nothing by
 * itself: echoing what is typed, and erasing on backspace, is the
 * reader's job.  So on the console (fd 0) readline echoes to stdout; on
 * any other file it only reads.
 */
#include "ulib.h"

#define CTRL_D		0x04	/* end of input, typed at an empty line */
#define BACKSPACE	0x08
#define DEL		0x7f	/* what most terminals send for backspace */

static void echo(const char *s, size_t n)
{
	write(STDOUT_FILENO, s, n);
}

/* Handle one console byte; returns 1 when the line is complete. */
static int console_byte(char c, char *buf, size_t size, size_t *len)
{
	if (c == '\r' || c == '\n') {	/* Enter sends '\r' on a serial line */
		echo("\n", 1);
		return 1;
	}
	if (c == BACKSPACE || c == DEL) {
		if (*len > 0) {
			(*len)--;
			echo("\b \b", 3);	/* back, blank it, back again */
		}
		return 0;
	}
	if ((c >= ' ' && c < DEL) || c == '\t') {
		if (*len < size - 1) {	/* a full line takes no more */
			buf[(*len)++] = c;
			echo(&c, 1);
		}
	}
	return 0;			/* other control keys: ignored */
}

long readline(int fd, char *buf, size_t size)
{
	int console = fd == STDIN_FILENO;
	size_t len = 0;
	char c;

	if (size == 0)
		return -1;
	for (;;) {
		if (read(fd, &c, 1) <= 0) {	/* end of input, or an error */
			if (len == 0)
				return -1;
			break;			/* a last line with no newline */
		}
		if (console && c == CTRL_D && len == 0)
			return -1;
		if (console) {
			if (console_byte(c, buf, size, &len))
				break;
		} else if (c == '\n') {
			break;
		} else if (len < size - 1) {
			buf[len++] = c;
		}
	}
	buf[len] = '\0';
	return (long)len;
}
