/*
 * arch/mips/user_ktest_progs.S - tiny user programs for user_ktest.c,
 * kept as bytes in .rodata: a test copies one to UKT_CODE with vm_write
 * and starts a thread in user mode at its first byte.  Each is
 * position-independent (only relative branches) and addresses its data
 * absolutely (user_ktest.h).  They end with the real exit system call;
 * the exit status says what they found (0: all well).
 */
#include "user_ktest.h"

	.set	noreorder
	.set	noat

/* Register n's pattern, for the register-preservation check. */
#define PAT(n)	(0x5a000000 + (n) * 0x10101)

/* exit(reg): the status in a register, never returns. */
	.macro	EXIT reg
	move	$a0, \reg
	li	$v0, UKT_SYS_EXIT
	syscall
	b	.
	nop
	.endm

	.section .rodata.mips_user_progs, "a"
	.balign	4

/*
 * getpid with every register but k0/k1 set to a pattern (sp too: the
 * kernel must not trust it): the pid must come back in v0 and everything
 * else unchanged.  Exits with 0 or the number of the first bad register
 * (32 hi, 33 lo).
 */
	.globl	ukt_prog_regs, ukt_prog_regs_end
ukt_prog_regs:
	li	$at, UKT_PID		/* at's pattern is the expected result */
	.irp	n, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 28, 29, 30, 31
	li	$\n, PAT(\n)
	.endr
	li	$v0, PAT(32)
	mthi	$v0
	li	$v0, PAT(33)
	mtlo	$v0
	li	$v0, UKT_SYS_GETPID
	syscall
	/* v0 == at, and at == UKT_PID: both came back right. */
	bne	$v0, $at, 8f
	li	$v0, UKT_PID
	bne	$at, $v0, 8f
	nop
	li	$at, PAT(4)		/* a0 first: later checks clobber it */
	bne	$a0, $at, 9f
	li	$a0, 4
	.irp	n, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 28, 29, 30, 31
	li	$at, PAT(\n)
	bne	$\n, $at, 9f
	li	$a0, \n
	.endr
	mfhi	$v0
	li	$at, PAT(32)
	bne	$v0, $at, 9f
	li	$a0, 32
	mflo	$v0
	li	$at, PAT(33)
	bne	$v0, $at, 9f
	li	$a0, 33
	b	9f
	move	$a0, $zero
8:	li	$a0, 2
9:	EXIT	$a0
ukt_prog_regs_end:

/*
 * System calls with three and six arguments: write(1, msg, len) must
 * return len (exit 0x80 | its result if not), mmap(UKT_MMAP, 4096, RW, FIXED|ANON, -1, 0)
 * must return UKT_MMAP (exit 2) and the page must be writable (else a
 * kill).  Then exit(0).
 */
	.globl	ukt_prog_args, ukt_prog_args_end
ukt_prog_args:
	b	1f
	nop
0:	.ascii	"mips_user: hello from user mode\n"
1:	li	$a0, 1
	li	$a1, UKT_CODE + (0b - ukt_prog_args)
	li	$a2, 1b - 0b
	li	$v0, UKT_SYS_WRITE
	syscall
	li	$at, 1b - 0b
	bne	$v0, $at, 9f
	ori	$s0, $v0, 0x80		/* 0x80 | what write returned */
	li	$a0, UKT_MMAP
	li	$a1, 4096
	li	$a2, UKT_PROT_RW
	li	$a3, UKT_MAP_FIXED_ANON
	li	$t0, -1
	li	$t1, 0
	li	$v0, UKT_SYS_MMAP
	syscall
	li	$at, UKT_MMAP
	bne	$v0, $at, 9f
	li	$s0, 2
	sw	$at, 0($v0)
	move	$s0, $zero
9:	EXIT	$s0
ukt_prog_args_end:

/* A load from a0, then a store of a1 to a2: each may fault.  exit(0). */
	.globl	ukt_prog_touch, ukt_prog_touch_end
ukt_prog_touch:
	lw	$t0, 0($a0)
	sw	$a1, 0($a2)
	EXIT	$zero
ukt_prog_touch_end:

/*
 * Spin in user mode, for the preemption test: count in s0 and store the
 * count at UKT_COUNT each time round, checking that the registers are
 * still the program's own (s1 is derived from t3, the count's address):
 * exit(UKT_BAD) if not.  exit(0) when the kernel sets UKT_STOP.
 */
	.globl	ukt_prog_spin, ukt_prog_spin_end
ukt_prog_spin:
	li	$t3, UKT_COUNT
	li	$at, UKT_SPIN_MAGIC
	xor	$s1, $t3, $at		/* s1: t3's signature */
	move	$s0, $zero
1:	addiu	$s0, $s0, 1
	sw	$s0, 0($t3)
	xor	$t4, $t3, $at
	bne	$t4, $s1, 2f
	lui	$t5, %hi(UKT_STOP)
	lw	$t5, %lo(UKT_STOP)($t5)
	beqz	$t5, 1b
	nop
	EXIT	$zero
2:	li	$t4, UKT_BAD
	EXIT	$t4
ukt_prog_spin_end:

/* A syscall in a branch delay slot (refused as illegal), or with a0 != 0
 * a read of CP0 Status (CpU: user mode has no CP0).  Both must kill. */
	.globl	ukt_prog_illegal, ukt_prog_illegal_end
ukt_prog_illegal:
	bnez	$a0, 1f
	li	$v0, UKT_SYS_GETPID
	beqz	$zero, 2f
	syscall
1:	mfc0	$t0, $12
2:	EXIT	$zero
ukt_prog_illegal_end:

	.section .note.GNU-stack, "", @progbits
