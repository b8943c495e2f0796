/*
 * arch/mips/user_ktest.c - user mode on MIPS, through the real trap path
 * (kern/trap.c, kern/syscall.c, kern/proc.c): tiny hand-written programs
 * (user_ktest_progs.S) run in kuseg as processes of the kernel, and what
 * they report in their exit status, or how they were killed, is checked:
 * a system call's result in v0 and every other register preserved (with
 * a hostile sp), three- and six-argument calls, kernel addresses and a
 * read-only page refused (a kill, which kern/trap.c does only for
 * ti->user), illegal instructions, and the timer preempting two user
 * processes, each resumed in its own context from the user frame at the
 * top of its kernel stack (arch_user_frame).
 *
 * The processes are built here rather than by proc_spawn (whose programs
 * come from the boot image) but are started as kern/spawn.c starts its
 * own: pid, the kernel as parent, on proc_list, so proc_wait and
 * proc_kill treat them like any other.
 */
#include "kern/arch.h"
#include "kern/file.h"
#include "kern/ktest.h"
#include "kern/printf.h"
#include "kern/proc.h"
#include "kern/string.h"
#include "kern/thread.h"
#include "kern/trap.h"
#include "mm/hat.h"
#include "mm/process.h"
#include "mm/uaccess.h"
#include "mm/vm.h"
#include "cp0.h"
#include "trapframe.h"
#include "user_ktest.h"

#include "kern/abi/syscall.h"

_Static_assert(UKT_SYS_EXIT == SYS_exit && UKT_SYS_GETPID == SYS_getpid &&
	       UKT_SYS_WRITE == SYS_write && UKT_SYS_MMAP == SYS_mmap, "user_ktest.h");
_Static_assert(UKT_PROT_RW == (PROT_READ | PROT_WRITE) &&
	       UKT_MAP_FIXED_ANON == (MAP_FIXED | MAP_ANON), "user_ktest.h");

#define UKT_SPINNERS	2

extern struct process *proc_list;	/* kern/proc.c */
extern const char ukt_prog_regs[], ukt_prog_regs_end[];
extern const char ukt_prog_args[], ukt_prog_args_end[];
extern const char ukt_prog_touch[], ukt_prog_touch_end[];
extern const char ukt_prog_spin[], ukt_prog_spin_end[];
extern const char ukt_prog_illegal[], ukt_prog_illegal_end[];

/* What a new user thread runs. */
struct ukt_start {
	struct process *p;
	uintptr_t a0, a1, a2;
};

static void ukt_thread(void *arg)
{
	const struct ukt_start *st = arg;
	struct trapframe *tf = arch_user_frame(thread_current()->stack_hi);

	vm_set_current(st->p);
	arch_user_frame_init(tf, UKT_CODE, UKT_DATA + PAGE_SIZE, st->a0, st->a1);
	tf->r[REG_A0 + 2] = st->a2;
	arch_user_enter(tf);
}

/* A process with the program [prog, end) at UKT_CODE, a RW page at
 * UKT_DATA, a read-only one at UKT_RO, and the console open. */
static struct process *ukt_process(const char *prog, const char *end)
{
	struct process *p = process_create("ukt");

	if (!p)
		return NULL;
	if (vm_map_anon(p, UKT_CODE, PAGE_SIZE, 0, HAT_PROT_RW | HAT_PROT_EXEC,
			VM_FIXED) != UKT_CODE ||
	    vm_map_anon(p, UKT_DATA, PAGE_SIZE, 0, HAT_PROT_RW, VM_FIXED) != UKT_DATA ||
	    vm_map_anon(p, UKT_RO, PAGE_SIZE, 0, HAT_PROT_READ, VM_FIXED) != UKT_RO ||
	    vm_write(p, UKT_CODE, prog, (size_t)(end - prog)) != 0 ||
	    file_open_console(p) != 0) {
		file_close_all(p);
		process_destroy(p);
		return NULL;
	}
	return p;
}

/* Start p in user mode as the kernel's child (as kern/spawn.c's
 * proc_start does).  st must live until p exits.  The pid, or -1. */
static int ukt_start(struct process *p, struct ukt_start *st, int pid)
{
	unsigned long s = arch_intr_save();

	st->p = p;
	p->thread = thread_create("ukt", ukt_thread, st);
	if (p->thread) {
		p->pid = pid;
		p->parent = NULL;
		p->state = PROC_ALIVE;
		p->next = proc_list;
		proc_list = p;
	}
	arch_intr_restore(s);
	return p->thread ? pid : -1;
}

/* Run [prog, end) with a0..a2 until it exits; its wait status in *status. */
static bool ukt_run(const char *prog, const char *end, uintptr_t a0, uintptr_t a1,
		    uintptr_t a2, int *status)
{
	struct ukt_start st = { NULL, a0, a1, a2 };
	struct process *p = ukt_process(prog, end);
	int r;

	KT_CHECK(p, "could not build the test process");
	if (ukt_start(p, &st, UKT_PID) < 0) {
		file_close_all(p);
		process_destroy(p);
		KT_CHECK(false, "thread_create failed");
	}
	r = proc_wait(UKT_PID, status);
	KT_CHECK(r == UKT_PID, "proc_wait returned %d", r);
	return true;
}

KTEST(mips_user_frame_layout)
{
	struct trapframe tf;
	uintptr_t top = 0x80400000;
	uint32_t st;

	KT_ASSERT_EQ((uintptr_t)arch_user_frame(top), top - TRAP_STACK + TRAP_ARGAREA);
	KT_ASSERT((uintptr_t)arch_user_frame(top) % 8 == 0, "the frame is misaligned");
	arch_user_frame_init(&tf, 0x00400010, 0x7fff0000, 11, 22);
	KT_ASSERT_EQ(tf.epc, 0x00400010);
	KT_ASSERT_EQ(tf.r[REG_SP], 0x7fff0000);
	KT_ASSERT_EQ(tf.r[REG_A0], 11);
	KT_ASSERT_EQ(tf.r[REG_A0 + 1], 22);
	KT_ASSERT_EQ(tf.r[28], 0);	/* gp: -G 0 */
	KT_ASSERT_EQ(tf.r[REG_RA], 0);
	st = tf.status;
	KT_ASSERT((st & ST_KSU) == ST_UM && (st & ST_EXL) && (st & ST_IE) && !(st & ST_CU0),
		  "user Status %#x: wants KSU=user, EXL, IE, no CU0", st);
	KT_ASSERT_EQ(st & ST_IM, cp0_read(CP0_STATUS) & ST_IM);
	for (unsigned n = 0; n < 6; n++)
		tf.r[REG_A0 + n] = 100 + n;
	tf.r[REG_V0] = 42;
	KT_ASSERT_EQ(arch_syscall_nr(&tf), 42);
	for (unsigned n = 0; n < 6; n++)
		KT_ASSERT_EQ(arch_syscall_arg(&tf, n), 100 + n);
	arch_syscall_return(&tf, -7);
	KT_ASSERT_EQ((int32_t)tf.r[REG_V0], -7);
	KT_ASSERT_EQ(tf.epc, 0x00400014);
}

KTEST(mips_user_syscall_regs)
{
	int status = -1;

	if (!ukt_run(ukt_prog_regs, ukt_prog_regs_end, 0, 0, 0, &status))
		return;
	KT_ASSERT(status == 0, "after getpid, register %d was wrong (2: v0, 32: hi, "
		  "33: lo; above 0xff: killed: %s)", status, proc_last_kill());
}

KTEST(mips_user_syscall_args)
{
	int status = -1;

	if (!ukt_run(ukt_prog_args, ukt_prog_args_end, 0, 0, 0, &status))
		return;
	KT_ASSERT(WIFKILLED(status) || !(status & 0x80), "write(1, msg, len) did not "
		  "return len but %d", (int8_t)status);
	KT_ASSERT(status != 2, "mmap(UKT_MMAP, 4096, RW, FIXED|ANON, -1, 0) did not "
		  "return UKT_MMAP");
	KT_ASSERT(status == 0, "status %#x (%s)", status, proc_last_kill());
}

/* Does s contain sub?  (The kernel has no strstr.) */
static bool ukt_contains(const char *s, const char *sub)
{
	size_t n = strlen(sub);

	for (; *s; s++)
		if (strncmp(s, sub, n) == 0)
			return true;
	return false;
}

/* The last program must have been killed for a user access to addr. */
static bool ukt_expect_kill(int status, uintptr_t addr, bool write)
{
	char want[48];

	KT_CHECK(WIFKILLED(status), "status %#x: not killed", status);
	ksnprintf(want, sizeof(want), "%s at %p", write ? "write" : "read", (void *)addr);
	KT_CHECK(ukt_contains(proc_last_kill(), want), "killed as \"%s\", wanted \"%s\"",
		 proc_last_kill(), want);
	return true;
}

KTEST(mips_user_kernel_address)
{
	static const uintptr_t kaddrs[] = { 0x80100000, 0xa0000000, 0xc0000000, 0xfffff000 };
	int status;

	for (unsigned i = 0; i < ARRAY_SIZE(kaddrs); i++) {
		if (!ukt_run(ukt_prog_touch, ukt_prog_touch_end, kaddrs[i], 1, UKT_DATA,
			     &status) || !ukt_expect_kill(status, kaddrs[i], false))
			return;
		if (!ukt_run(ukt_prog_touch, ukt_prog_touch_end, UKT_DATA, 1, kaddrs[i],
			     &status) || !ukt_expect_kill(status, kaddrs[i], true))
			return;
	}
}

KTEST(mips_user_readonly)
{
	int status;

	/* A store as the first touch (TLBS: the PTE not yet valid), then a
	 * store after a load (TLB Mod: valid, D clear). */
	if (!ukt_run(ukt_prog_touch, ukt_prog_touch_end, UKT_DATA, 1, UKT_RO, &status) ||
	    !ukt_expect_kill(status, UKT_RO, true))
		return;
	if (!ukt_run(ukt_prog_touch, ukt_prog_touch_end, UKT_RO + 8, 1, UKT_RO + 8,
		     &status) || !ukt_expect_kill(status, UKT_RO + 8, true))
		return;
	/* Reading it and writing the RW page is fine. */
	if (!ukt_run(ukt_prog_touch, ukt_prog_touch_end, UKT_RO, 1, UKT_DATA + 64, &status))
		return;
	KT_ASSERT(status == 0, "status %#x (%s)", status, proc_last_kill());
}

KTEST(mips_user_illegal)
{
	for (uintptr_t cp0 = 0; cp0 <= 1; cp0++) {
		int status;

		if (!ukt_run(ukt_prog_illegal, ukt_prog_illegal_end, cp0, 0, 0, &status))
			return;
		KT_ASSERT(WIFKILLED(status) && (status & 0xff) == TRAP_ILLEGAL,
			  "%s: status %#x (%s)", cp0 ? "mfc0" : "syscall in a delay slot",
			  status, proc_last_kill());
	}
}

/* Spinner p's count (read from the test's own thread). */
static uint32_t ukt_count(struct process *p)
{
	uint32_t v = 0;

	vm_set_current(p);
	if (copyin(&v, UKT_COUNT, sizeof(v)) != 0)
		v = 0;
	vm_set_current(NULL);
	return v;
}

/* A spinner off the CPU waits in its user frame, which must hold its
 * own user context: a pc in its code, user mode, its count's address in
 * t3; a backtrace of it stops at once, at the user pc. */
static bool ukt_check_frame(struct process *p)
{
	const struct trapframe *tf = arch_user_frame(p->thread->stack_hi);
	uintptr_t pcs[4];

	KT_CHECK(tf->epc >= UKT_CODE && tf->epc < UKT_CODE + PAGE_SIZE &&
		 (tf->status & ST_KSU) == ST_UM && tf->r[11] == UKT_COUNT,
		 "the user frame holds epc %#x, Status %#x, t3 %#x", tf->epc,
		 tf->status, tf->r[11]);
	KT_CHECK(arch_backtrace_tf(tf, pcs, ARRAY_SIZE(pcs)) == 1,
		 "a backtrace of the user frame went on past the user pc");
	return true;
}

/* The test thread yields; round-robin gives it the CPU back only after
 * each spinner ran and was preempted in user mode (they never yield). */
static bool ukt_spin_rounds(struct process **p)
{
	uint32_t c0[UKT_SPINNERS], c1;

	for (int round = 0; round < 4; round++) {
		for (unsigned i = 0; i < UKT_SPINNERS; i++)
			c0[i] = ukt_count(p[i]);
		thread_yield();
		for (unsigned i = 0; i < UKT_SPINNERS; i++) {
			c1 = ukt_count(p[i]);
			KT_CHECK(c1 > c0[i], "round %d: spinner %u did not run: %u -> %u",
				 round, i, c0[i], c1);
			if (!ukt_check_frame(p[i]))
				return false;
		}
	}
	return true;
}

KTEST(mips_user_preempt)
{
	struct ukt_start st[UKT_SPINNERS];
	struct process *p[UKT_SPINNERS] = { 0 };
	uint32_t one = 1;
	bool ok;
	int status;

	for (unsigned i = 0; i < UKT_SPINNERS; i++) {
		st[i] = (struct ukt_start){ NULL, 0, 0, 0 };
		p[i] = ukt_process(ukt_prog_spin, ukt_prog_spin_end);
		KT_ASSERT(p[i] && ukt_start(p[i], &st[i], UKT_PID + 1 + i) > 0,
			  "could not start spinner %u", i);
	}
	ok = ukt_spin_rounds(p);
	for (unsigned i = 0; i < UKT_SPINNERS; i++)
		vm_write(p[i], UKT_STOP, &one, sizeof(one));
	for (unsigned i = 0; i < UKT_SPINNERS; i++) {
		KT_ASSERT_EQ(proc_wait(UKT_PID + 1 + i, &status), UKT_PID + 1 + i);
		KT_ASSERT(status == 0, "spinner %u: status %#x (%#x: another's "
			  "registers; %s)", i, status, UKT_BAD, proc_last_kill());
	}
	KT_ASSERT(ok, "see above");
}
