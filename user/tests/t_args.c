/*
 * user/tests/t_args.c - spawn's arguments arrive intact, and the exit
 * status goes back to the parent.
 *
 *	t_args [CODE [WORD...]]   prints its arguments; exits with CODE
 */
#include "utest.h"

const char *utest_name = "t_args";

int main(int argc, char **argv)
{
	CHECK(argc >= 1);
	CHECK(argv[argc] == NULL);
	CHECK_EQ((unsigned long)argv % sizeof(char *), 0);
	for (int i = 0; i < argc; i++)
		printf("argv[%d] = \"%s\"\n", i, argv[i]);
	return argc > 1 ? atoi(argv[1]) : 0;
}
