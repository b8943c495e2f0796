/*
 * arch/x86/user_ktest.h - what user_ktest.c and the user programs it runs
 * (user_ktest_progs.S) agree on: where things are in a test process and
 * the numbers the programs use.  Included by C and assembly.
 */
#ifndef X86_USER_KTEST_H
#define X86_USER_KTEST_H

#define UKT_CODE	0x00400000	/* the program (USER_VA_MIN), RWX */
#define UKT_DATA	0x00401000	/* one RW page, not executable */
#define UKT_RO		0x00402000	/* one read-only page */
#define UKT_RESULT	(UKT_DATA + 0x0)	/* a program's verdict */
#define UKT_STOP	(UKT_DATA + 0x8)	/* the spinner stops when set */
#define UKT_COUNT	(UKT_DATA + 0x10)	/* the spinner's loop count */
#define UKT_STACK	(UKT_DATA + 0x800)	/* rsp for the register test */

/* kern/abi/syscall.h's SYS_exit and SYS_sleep (that header is C only;
 * user_ktest.c checks that they agree). */
#define UKT_SYS_EXIT	1
#define UKT_SYS_SLEEP	6

#define UKT_SLEEP_MS	30		/* prog_regs's SYS_sleep argument */
#define UKT_OK		0		/* a program's success: its exit code */
#define UKT_BAD_RAX	100		/* wrong system call result */
#define UKT_BAD_DF	101		/* DF not restored */
#define UKT_BAD_SPIN	102		/* a spinner saw another's registers */

/* Register n's pattern (n in the frame's order: rax 0 ... r15 15). */
#define UKT_PAT(n)	(0x5a5a000000000000 + (n) * 0x0101010101)

#endif
