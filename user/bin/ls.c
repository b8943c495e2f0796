/*
 * user/bin/ls.c - ls: list the files of the boot image, the only files
 * Keel has.  `ls -l` adds each file's size, which takes opening it: there
 * is no stat by name, only fstat of an open file.
 */
#include "ulib.h"

static void print_long(const char *name)
{
	struct keel_stat st;
	int fd = open(name, O_RDONLY);
	int err = fd;

	if (fd >= 0) {
		err = fstat(fd, &st);
		close(fd);
	}
	if (err < 0)
		printf("%10s %s\n", errstr(err), name);
	else
		printf("%10llu %s\n", st.size, name);
}

int main(int argc, char **argv)
{
	char name[PATH_MAX];
	int longform = 0;
	unsigned i;

	if (argc == 2 && strcmp(argv[1], "-l") == 0)
		longform = 1;
	else if (argc != 1)
		die("usage: ls [-l]");
	/* readdir numbers the files 0, 1, ...; past the last it fails. */
	for (i = 0; readdir(i, name, sizeof(name)) >= 0; i++) {
		if (longform)
			print_long(name);
		else
			printf("%s\n", name);
	}
	return 0;
}
