/*
 * user/lib/errstr.c - errstr(): the name of an error code from
 * kern/abi/errno.h, for messages such as "cat: motd2: ENOENT".
 */
#include "ulib.h"

#define E(name) [name] = #name

/* Indexed by code; codes with no name are NULL.  The designated
 * initialisers keep this right whatever order errno.h lists them in. */
static const char *const names[] = {
	E(EPERM), E(ENOENT), E(ESRCH), E(EINTR), E(EIO), E(E2BIG),
	E(ENOEXEC), E(EBADF), E(ECHILD), E(EAGAIN), E(ENOMEM), E(EACCES),
	E(EFAULT), E(EBUSY), E(EEXIST), E(ENODEV), E(EINVAL), E(EMFILE),
	E(ENOSPC), E(ERANGE),
	E(ENAMETOOLONG), E(ENOSYS), E(ENOTSUP),
};

/*
 * Takes ENOMEM or -ENOMEM: the system call wrappers return the negative
 * form.  An unknown code gets "E?" and its number, written into a static
 * buffer; so the result is only good until the next unknown code.
 */
const char *errstr(long e)
{
	static char unknown[32];
	unsigned long code = e < 0 ? -(unsigned long)e : (unsigned long)e;

	if (code < sizeof(names) / sizeof(names[0]) && names[code])
		return names[code];
	snprintf(unknown, sizeof(unknown), "E?%lu", code);
	return unknown;
}
