/* kern/string.c on the host. */
#include "hosttest.h"
#include "kern/string.h"

void test_string(void)
{
	char buf[16];
	const char *end;

	CHECK(strlen("abc") == 3 && strlen("") == 0);
	CHECK(strcmp("abc", "abd") < 0 && strcmp("b", "a") > 0 && strcmp("x", "x") == 0);
	CHECK(strncmp("abcX", "abcY", 3) == 0 && strncmp("ab", "abc", 3) < 0);
	CHECK(strchr("hello", 'l') != NULL && *strchr("hello", 'l') == 'l');
	CHECK(strchr("hello", 'z') == NULL);
	CHECK(strlcpy(buf, "truncate me please", 8) == 18);
	CHECK_STR(buf, "truncat");
	memset(buf, 'a', sizeof(buf));
	memmove(buf + 2, buf, 5);	/* overlapping, forwards */
	buf[15] = '\0';
	strlcpy(buf, "0123456789", sizeof(buf));
	memmove(buf + 2, buf, 5);
	CHECK_STR(buf, "0101234789");
	strlcpy(buf, "0123456789", sizeof(buf));
	memmove(buf, buf + 2, 5);
	CHECK_STR(buf, "2345656789");
	CHECK(memcmp("abc", "abd", 3) < 0 && memcmp("abc", "abc", 3) == 0);
	CHECK(strtoul("1234xyz", &end, 0) == 1234 && *end == 'x');
	CHECK(strtoul("0x1fG", &end, 0) == 0x1f && *end == 'G');
	CHECK(strtoul("777", NULL, 8) == 0777);
	CHECK(strtoul("0x", &end, 0) == 0 && *end == 'x');
}
