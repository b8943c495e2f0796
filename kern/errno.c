/*
 * kern/errno.c - names of error codes (kern/errno.h).
 */
#include "kern/errno.h"

static const char *const names[] = {
	[EPERM] = "EPERM",	[ENOENT] = "ENOENT",	[ESRCH] = "ESRCH",
	[EINTR] = "EINTR",	[EIO] = "EIO",		[E2BIG] = "E2BIG",
	[ENOEXEC] = "ENOEXEC",	[EBADF] = "EBADF",	[ECHILD] = "ECHILD",
	[EAGAIN] = "EAGAIN",	[ENOMEM] = "ENOMEM",	[EACCES] = "EACCES",
	[EFAULT] = "EFAULT",	[EBUSY] = "EBUSY",	[EEXIST] = "EEXIST",
	[EINVAL] = "EINVAL",	[ENOSPC] = "ENOSPC",	[ENODEV] = "ENODEV",
	[EMFILE] = "EMFILE",	[ERANGE] = "ERANGE",
	[ENAMETOOLONG] = "ENAMETOOLONG", [ENOSYS] = "ENOSYS",	[ENOTSUP] = "ENOTSUP",
};

const char *errno_name(int e)
{
	if (e < 0)
		e = -e;
	if (e == 0)
		return "OK";
	if ((unsigned)e < sizeof(names) / sizeof(names[0]) && names[e])
		return names[e];
	return "E?";
}
