/*
 * kern/cmdline.c - boot option parsing (kern/cmdline.h).
 * Machine-independent and host-tested (tools/hosttest).
 */
#include "kern/bootinfo.h"
#include "kern/cmdline.h"
#include "kern/string.h"

static char line[BOOT_CMDLINE_MAX];

void cmdline_init(const char *s)
{
	strlcpy(line, s ? s : "", sizeof(line));
}

const char *cmdline_line(void)
{
	return line;
}

/* Find key as a whole word; return a pointer to what follows it ('=' or
 * a space or NUL), or NULL. */
static const char *find_key(const char *key)
{
	size_t klen = strlen(key);
	const char *p = line;

	while (*p) {
		while (*p == ' ')
			p++;
		const char *w = p;

		while (*p && *p != ' ')
			p++;
		if ((size_t)(p - w) >= klen && strncmp(w, key, klen) == 0 &&
		    (w[klen] == '=' || w[klen] == ' ' || w[klen] == '\0'))
			return w + klen;
	}
	return NULL;
}

bool cmdline_get(const char *key, char *buf, size_t size)
{
	const char *p = find_key(key);
	size_t n = 0;

	if (!p)
		return false;
	if (*p == '=')
		for (p++; p[n] && p[n] != ' '; n++)
			;
	if (n >= size)
		n = size - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return true;
}

bool cmdline_has(const char *key)
{
	return find_key(key) != NULL;
}

bool cmdline_is(const char *key, const char *value)
{
	char buf[BOOT_CMDLINE_MAX];

	return cmdline_get(key, buf, sizeof(buf)) && strcmp(buf, value) == 0;
}

unsigned long cmdline_ulong(const char *key, unsigned long dflt)
{
	char buf[32];
	const char *end;
	unsigned long v;

	if (!cmdline_get(key, buf, sizeof(buf)) || !buf[0])
		return dflt;
	v = strtoul(buf, &end, 0);
	return *end ? dflt : v;
}
