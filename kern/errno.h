/*
 * kern/errno.h - error codes (kern/abi/errno.h).  Kernel functions that can fail return a
 * negative code from this list (or NULL where they return a pointer); the
 * same numbers reach user programs from failed system calls.
 */
#ifndef KERN_ERRNO_H
#define KERN_ERRNO_H

#include "kern/abi/errno.h"

/* The name of an error code ("ENOMEM"), for messages; takes e or -e. */
const char *errno_name(int e);

#endif
