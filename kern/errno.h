/*
 * kern/errno.h - error codes.  Kernel functions that can fail return a
 * negative code from this list (or NULL where they return a pointer); the
 * same numbers reach user programs from failed system calls.
 */
#ifndef KERN_ERRNO_H
#define KERN_ERRNO_H

#define EPERM		1	/* operation not permitted */
#define ENOENT		2	/* no such file or object */
#define ESRCH		3	/* no such process */
#define EINTR		4	/* interrupted */
#define EIO		5	/* input/output error */
#define E2BIG		7	/* argument list too long */
#define ENOEXEC		8	/* not an executable */
#define EBADF		9	/* bad handle */
#define ECHILD		10	/* no child to wait for */
#define EAGAIN		11	/* try again */
#define ENOMEM		12	/* out of memory */
#define EACCES		13	/* permission denied */
#define EFAULT		14	/* bad address */
#define EBUSY		16	/* in use */
#define EEXIST		17	/* already exists */
#define EINVAL		22	/* invalid argument */
#define ENOSPC		28	/* no space left */
#define ERANGE		34	/* out of range */
#define ENAMETOOLONG	36	/* name or string too long */
#define ENOSYS		38	/* no such system call */
#define ENOTSUP		95	/* not supported here */

/* The name of an error code ("ENOMEM"), for messages; takes e or -e. */
const char *errno_name(int e);

#endif
