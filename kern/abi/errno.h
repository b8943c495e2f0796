/*
 * kern/abi/errno.h - error codes, shared by the kernel and user programs.
 *
 * A system call that fails returns the negated code (-ENOMEM); user/lib's
 * wrappers hand it on as it is, and errstr() (user/lib) names it.  The
 * kernel's own functions use the same codes (kern/errno.h).  This header
 * is part of the user ABI: it holds nothing but numbers.
 */
#ifndef KERN_ABI_ERRNO_H
#define KERN_ABI_ERRNO_H

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
#define ENODEV		19	/* not something this works on */
#define EINVAL		22	/* invalid argument */
#define EMFILE		24	/* too many open files */
#define ENOSPC		28	/* no space left */
#define ERANGE		34	/* out of range */
#define ENAMETOOLONG	36	/* name or string too long */
#define ENOSYS		38	/* no such system call */
#define ENOTSUP		95	/* not supported here */

#endif
