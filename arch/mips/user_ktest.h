/*
 * arch/mips/user_ktest.h - what user_ktest.c and the user programs it
 * runs (user_ktest_progs.S) agree on: where things are in the test
 * process and the numbers the programs use.  Included by C and assembly.
 */
#ifndef MIPS_USER_KTEST_H
#define MIPS_USER_KTEST_H

#define UKT_CODE	0x00400000	/* the program (USER_VA_MIN), RWX */
#define UKT_DATA	0x00401000	/* one RW page */
#define UKT_RO		0x00402000	/* one read-only page */
#define UKT_STOP	(UKT_DATA + 0x4)	/* the spinner stops when set */
#define UKT_COUNT	(UKT_DATA + 0x10)	/* the spinner's count */
#define UKT_MMAP	0x00500000	/* where the args program maps a page */

#define UKT_PID		0x7a01	/* the pid the tests give their processes */
#define UKT_BAD		0x77	/* exit status: a spinner's registers changed */
#define UKT_SPIN_MAGIC	0x0f0f5555

/* kern/abi/syscall.h's, which assembly cannot include (it has structs):
 * user_ktest.c checks that they agree. */
#define UKT_SYS_EXIT	1
#define UKT_SYS_GETPID	4
#define UKT_SYS_WRITE	8
#define UKT_SYS_MMAP	11
#define UKT_PROT_RW	0x3
#define UKT_MAP_FIXED_ANON 0x3

#endif
