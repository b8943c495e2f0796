/*
 * user/bin/cat.c - cat: copy files (boot-image files, by name) to stdout,
 * or stdin when there are no arguments.  A file that cannot be opened is
 * reported and skipped; the exit status is then 1.
 */
#include "ulib.h"

#define CHUNK 512

/* Copy fd to stdout; returns 0, or the error code of a failed read. */
static long copy(int fd)
{
	char buf[CHUNK];
	long n, w, done;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (done = 0; done < n; done += w) {	/* writes may be short */
			w = write(STDOUT_FILENO, buf + done, n - done);
			if (w <= 0)
				return w < 0 ? w : -EIO;
		}
	}
	return n < 0 ? n : 0;
}

static int cat_file(const char *name)
{
	int fd = open(name, O_RDONLY);
	long err;

	if (fd < 0) {
		fprintf(STDERR_FILENO, "cat: %s: %s\n", name, errstr(fd));
		return 1;
	}
	err = copy(fd);
	close(fd);
	if (err < 0) {
		fprintf(STDERR_FILENO, "cat: %s: %s\n", name, errstr(err));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int i, status = 0;
	long err;

	if (argc < 2) {
		err = copy(STDIN_FILENO);
		if (err < 0)
			die("cat: stdin: %s", errstr(err));
		return 0;
	}
	for (i = 1; i < argc; i++)
		status |= cat_file(argv[i]);
	return status;
}
