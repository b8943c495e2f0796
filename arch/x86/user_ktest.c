/*
 * arch/x86/user_ktest.c - x86 user-mode tests: real ring-3 code entering
 * the kernel by syscall, by faults and by the timer, through the
 * machine-independent path (trap(), kern/syscall.c, kern/proc.c).
 *
 * Each test builds a process by hand (process_create) with three pages
 * (user_ktest.h): the program from user_ktest_progs.S at UKT_CODE (RWX),
 * a data page (RW, no-execute) and a read-only page; a thread of its own
 * enters ring 3 at UKT_CODE as a spawned program's would (kern/spawn.c).
 * A program ends with SYS_exit or is killed by a fault (proc_kill); the
 * test waits for the zombie and frees it.
 */
#include "kern/arch.h"
#include "kern/clock.h"
#include "kern/ktest.h"
#include "kern/printf.h"
#include "kern/proc.h"
#include "kern/string.h"
#include "kern/thread.h"
#include "kern/trap.h"
#include "mm/process.h"
#include "mm/vm.h"
#include "pic.h"
#include "pt.h"
#include "trapframe.h"
#include "user_ktest.h"
#include "usermode.h"
#include "x86.h"

#include "kern/abi/syscall.h"

_Static_assert(UKT_SYS_EXIT == SYS_exit && UKT_SYS_SLEEP == SYS_sleep,
	       "user_ktest.h's system call numbers");
_Static_assert(UKT_CODE == USER_VA_MIN, "the program sits at USER_VA_MIN");

#define UKT_TIMEOUT_TICKS	300	/* 3 s at 100 Hz: a program hung */

/* user_ktest_progs.S */
extern const char ukt_prog_regs[], ukt_prog_regs_end[];
extern const char ukt_prog_touch[], ukt_prog_touch_end[];
extern const char ukt_prog_jump[], ukt_prog_jump_end[];
extern const char ukt_prog_spin[], ukt_prog_spin_end[];
extern char _stext[];			/* kernel.ld */

/* One test process and its thread. */
struct ukt {
	struct process *p;
	struct thread *t;
	uintptr_t a0, a1;		/* the program's rdi, rsi */
	volatile bool entered;		/* the thread is about to enter ring 3 */
};

/* ---- helpers -------------------------------------------------------- */

/* The thread: what kern/spawn.c's user_thread_start does. */
static void ukt_thread(void *arg)
{
	struct ukt *u = arg;
	struct trapframe *tf = arch_user_frame(thread_current()->stack_hi);

	vm_set_current(u->p);
	arch_user_frame_init(tf, UKT_CODE, 0, u->a0, u->a1);
	arch_intr_disable();	/* from here on, RUNNABLE means "preempted in ring 3" */
	u->entered = true;
	arch_user_enter(tf);
}

static bool map_page(struct process *p, vaddr_t va, unsigned prot)
{
	static const uint64_t zero[PAGE_SIZE / 8];

	KT_CHECK(vm_map_anon(p, va, PAGE_SIZE, 0, prot | HAT_PROT_WRITE, VM_FIXED) == (long)va,
		 "vm_map_anon at %p failed", (void *)va);
	/* Resident from the start: the programs take no page faults but
	 * the ones the tests provoke. */
	KT_CHECK(vm_write(p, va, zero, sizeof(zero)) == 0, "vm_write at %p failed", (void *)va);
	if (!(prot & HAT_PROT_WRITE))
		KT_CHECK(vm_protect(p, va, PAGE_SIZE, prot) == 0, "vm_protect failed");
	return true;
}

/* A process holding the program [prog, end) and the pages around it. */
static bool ukt_setup(struct ukt *u, const char *name, const char *prog, const char *end)
{
	memset(u, 0, sizeof(*u));
	u->p = process_create(name);
	KT_CHECK(u->p, "process_create failed");
	if (!map_page(u->p, UKT_CODE, HAT_PROT_ALL) ||
	    !map_page(u->p, UKT_DATA, HAT_PROT_READ | HAT_PROT_WRITE) ||
	    !map_page(u->p, UKT_RO, HAT_PROT_READ))
		return false;
	KT_CHECK(vm_write(u->p, UKT_CODE, prog, end - prog) == 0, "vm_write of the program failed");
	return true;
}

static bool ukt_start(struct ukt *u, uintptr_t a0, uintptr_t a1)
{
	u->a0 = a0;
	u->a1 = a1;
	u->t = thread_create(u->p->name, ukt_thread, u);
	KT_CHECK(u->t, "thread_create failed");
	u->p->thread = u->t;
	return true;
}

/* Has u's program ended (proc_exit made it a zombie)? */
static bool ukt_done(struct ukt *u)
{
	return u->p->state == PROC_ZOMBIE;
}

/* Wait for u's program to end; its status in *status. */
static bool ukt_wait(struct ukt *u, int *status)
{
	unsigned long until = ticks + UKT_TIMEOUT_TICKS;

	while (!ukt_done(u) && (long)(ticks - until) < 0)
		thread_yield();
	KT_CHECK(ukt_done(u), "%s: the program did not end", u->p->name);
	*status = u->p->status;
	return true;
}

/* Free what the test made; a program still running (a failed test) is
 * left alone: its thread still uses the process. */
static void ukt_free(struct ukt *u)
{
	if (!u->p)
		return;
	if (!u->t)
		process_destroy(u->p);
	else if (ukt_done(u))
		process_free(u->p);
	u->p = NULL;
}

/* Run [prog, end) with a0 and a1 to its end; its status, or -1. */
static int ukt_run(const char *name, const char *prog, const char *end, uintptr_t a0,
		   uintptr_t a1)
{
	struct ukt u;
	int status = -1;

	if (ukt_setup(&u, name, prog, end) && ukt_start(&u, a0, a1))
		ukt_wait(&u, &status);
	ukt_free(&u);
	return status;
}

static bool contains(const char *s, const char *part)
{
	for (size_t n = strlen(part); *s; s++)
		if (strncmp(s, part, n) == 0)
			return true;
	return false;
}

/* The program was killed for a memory fault whose message names what. */
static void expect_killed(int status, const char *what)
{
	KT_ASSERT(status != -1, "the program did not run to its end");
	KT_ASSERT(status == (WKILLED | TRAP_MEMORY), "status %#x, not killed for a memory fault",
		  status);
	KT_ASSERT(contains(proc_last_kill(), what), "kill message '%s' does not say '%s'",
		  proc_last_kill(), what);
}

/* ---- system calls ----------------------------------------------------- */

/* The frame of u's thread while it sleeps in SYS_sleep: the number and the
 * six arguments where arch_syscall_* find them, at arch_user_frame. */
static bool check_sleeping_frame(struct ukt *u)
{
	unsigned long until = ticks + UKT_TIMEOUT_TICKS, s;
	static const uintptr_t want[6] = {
		UKT_SLEEP_MS, UKT_PAT(4), UKT_PAT(3), UKT_PAT(9), UKT_PAT(7), UKT_PAT(8),
	};
	struct trapframe *tf = arch_user_frame(u->t->stack_hi);
	bool asleep = false;

	while (!asleep && !ukt_done(u) && (long)(ticks - until) < 0) {
		s = arch_intr_save();
		asleep = u->p->thread && u->t->state == THREAD_SLEEPING;
		arch_intr_restore(s);
		if (!asleep)
			thread_yield();
	}
	KT_CHECK(asleep, "never saw the program asleep in SYS_sleep");
	KT_CHECK(tf->trapno == T_SYSCALL && tf->cs == (UCODE_SEL | SEL_RPL_USER) &&
		 tf->ss == (UDATA_SEL | SEL_RPL_USER) && tf->rsp == UKT_STACK,
		 "frame: trapno %lu cs %#lx ss %#lx rsp %#lx", (unsigned long)tf->trapno,
		 (unsigned long)tf->cs, (unsigned long)tf->ss, (unsigned long)tf->rsp);
	KT_CHECK(arch_syscall_nr(tf) == SYS_sleep, "nr %lu", arch_syscall_nr(tf));
	for (unsigned i = 0; i < 6; i++)
		KT_CHECK(arch_syscall_arg(tf, i) == want[i], "argument %u is %#lx, not %#lx", i,
			 (unsigned long)arch_syscall_arg(tf, i), (unsigned long)want[i]);
	return true;
}

/*
 * A system call with six arguments: they reach the kernel in the frame
 * at the top of the thread's kernel stack, the result comes back in rax,
 * and every other register but rcx and r11 (DF too) is as it was.  The
 * program checks its registers and exits with what it found.
 */
KTEST(x86_user_syscall)
{
	struct ukt u;
	int status = -1;

	if (ukt_setup(&u, "ukt-regs", ukt_prog_regs, ukt_prog_regs_end) &&
	    ukt_start(&u, 0, 0) && check_sleeping_frame(&u))
		ukt_wait(&u, &status);
	ukt_free(&u);
	KT_ASSERT(status == UKT_OK, "the program found register %d wrong (exit %#x)",
		  status & 0xff, status);
}

/* ---- faults ------------------------------------------------------------ */

/* Kernel text and the direct map are not the user's (no PTE_U): a read
 * from ring 3 faults, as a user trap, and the process is killed. */
KTEST(x86_user_fault_kernel)
{
	char want[48];
	uintptr_t text = (uintptr_t)_stext, direct = (uintptr_t)phys_to_kva(0x100000);

	ksnprintf(want, sizeof(want), "read at %p", (void *)text);
	expect_killed(ukt_run("ukt-ktext", ukt_prog_touch, ukt_prog_touch_end, text, 0), want);
	ksnprintf(want, sizeof(want), "read at %p", (void *)direct);
	expect_killed(ukt_run("ukt-kdirect", ukt_prog_touch, ukt_prog_touch_end, direct, 0),
		      want);
}

/* A read-only page reads (the load comes first) but a write faults. */
KTEST(x86_user_fault_readonly)
{
	char want[48];

	ksnprintf(want, sizeof(want), "write at %p", (void *)UKT_RO);
	expect_killed(ukt_run("ukt-ro", ukt_prog_touch, ukt_prog_touch_end, UKT_RO, 1), want);
	/* The same program on a writable page runs to its end. */
	KT_ASSERT_EQ(ukt_run("ukt-rw", ukt_prog_touch, ukt_prog_touch_end, UKT_DATA, 1), UKT_OK);
}

/* A jump into the data page (no HAT_PROT_EXEC: PTE_NX) faults. */
KTEST(x86_user_fault_nx)
{
	char want[48];

	if (!pte_nx)
		return;		/* the CPU has no no-execute bit */
	ksnprintf(want, sizeof(want), "exec at %p", (void *)UKT_DATA);
	expect_killed(ukt_run("ukt-nx", ukt_prog_jump, ukt_prog_jump_end, UKT_DATA, 0), want);
}

/* ---- preemption --------------------------------------------------------- */

/*
 * u's thread, preempted in ring 3: its frame must be a timer interrupt
 * from ring 3, at the top of its own kernel stack, holding its own
 * registers (r12 is the spinner's number), with the frame record below
 * it ending the backtrace chain (saved rbp 0).
 */
static bool check_preempted(struct ukt *u, unsigned long *seen)
{
	struct trapframe *tf = arch_user_frame(u->t->stack_hi);
	const uint64_t *record = (const uint64_t *)tf - 2;
	uintptr_t pcs[4];
	unsigned long s = arch_intr_save();
	bool preempted = u->entered && u->p->thread && u->t->state == THREAD_RUNNABLE;

	arch_intr_restore(s);
	if (!preempted)
		return true;
	(*seen)++;
	KT_CHECK(tf->trapno == IRQ_BASE + IRQ_TIMER && tf->cs == (UCODE_SEL | SEL_RPL_USER),
		 "%s: frame has trapno %lu, cs %#lx", u->p->name, (unsigned long)tf->trapno,
		 (unsigned long)tf->cs);
	KT_CHECK(tf->rip >= UKT_CODE && tf->rip < UKT_CODE + PAGE_SIZE && tf->r12 == u->a0,
		 "%s: frame has rip %#lx, r12 %#lx", u->p->name, (unsigned long)tf->rip,
		 (unsigned long)tf->r12);
	KT_CHECK(record[0] == 0 && record[1] == tf->rip, "frame record [%#lx, %#lx]",
		 (unsigned long)record[0], (unsigned long)record[1]);
	KT_CHECK(arch_backtrace_tf(tf, pcs, 4) == 1, "backtrace of a user frame goes on");
	return true;
}

static bool stop_spinner(struct ukt *u)
{
	static const uint64_t one = 1;

	KT_CHECK(vm_write(u->p, UKT_STOP, &one, sizeof(one)) == 0, "vm_write of the stop flag");
	return true;
}

/* Two threads spinning in ring 3, never calling the kernel: the timer
 * preempts both, each time onto its own kernel stack, and both go on
 * with their own registers. */
KTEST(x86_user_preempt)
{
	struct ukt u[2];
	unsigned long seen[2] = { 0, 0 }, until;
	int status[2] = { -1, -1 };
	bool ok = true;

	for (int i = 0; i < 2 && ok; i++)
		ok = ukt_setup(&u[i], i ? "ukt-spin2" : "ukt-spin1", ukt_prog_spin,
			       ukt_prog_spin_end) && ukt_start(&u[i], i + 1, 0);
	KT_ASSERT(!ok || u[0].t->stack_hi != u[1].t->stack_hi, "one kernel stack for two");
	for (until = ticks + 30; ok && (long)(ticks - until) < 0;) {
		ok = check_preempted(&u[0], &seen[0]) && check_preempted(&u[1], &seen[1]);
		thread_yield();
	}
	for (int i = 0; i < 2; i++) {
		if (u[i].t && stop_spinner(&u[i]))
			ukt_wait(&u[i], &status[i]);
		ukt_free(&u[i]);
	}
	KT_ASSERT(ok, "a check of a preempted thread failed");
	KT_ASSERT(seen[0] > 0 && seen[1] > 0, "preempted in ring 3: %lu and %lu times",
		  seen[0], seen[1]);
	KT_ASSERT(status[0] == UKT_OK && status[1] == UKT_OK, "spinners exited %#x and %#x",
		  status[0], status[1]);
}

/* ---- page tables and segments --------------------------------------------- */

/* va's entries in h at every level have PTE_U; the leaf has exactly the
 * W and NX bits wanted. */
static bool check_user_walk(struct hat *h, vaddr_t va, uint64_t want_w, uint64_t want_nx)
{
	for (int level = PT_LEVELS; level >= 1; level--) {
		uint64_t *e = pt_walk(h, va, level, false);

		KT_CHECK(e && (*e & (PTE_P | PTE_U)) == (PTE_P | PTE_U),
			 "va %p level %d: entry %#llx lacks P or U", (void *)va, level,
			 e ? (unsigned long long)*e : 0ULL);
		if (level == 1)
			KT_CHECK((*e & (PTE_W | pte_nx)) == (want_w | want_nx),
				 "va %p: PTE %#llx, want W %#llx NX %#llx", (void *)va,
				 (unsigned long long)*e, (unsigned long long)want_w,
				 (unsigned long long)want_nx);
	}
	return true;
}

/* User pages: U at every level, W only if writable, NX unless
 * executable.  The kernel half of the same tree: never U. */
KTEST(x86_user_pte_bits)
{
	struct ukt u;

	if (ukt_setup(&u, "ukt-pte", ukt_prog_touch, ukt_prog_touch_end) &&
	    check_user_walk(u.p->hat, UKT_CODE, PTE_W, 0) &&
	    check_user_walk(u.p->hat, UKT_DATA, PTE_W, pte_nx) &&
	    check_user_walk(u.p->hat, UKT_RO, 0, pte_nx)) {
		for (int i = PT_ENTRIES / 2; i < PT_ENTRIES; i++)
			if (u.p->hat->pml4[i] & PTE_U)
				ktest_fail_at(__FILE__, __LINE__, "kernel PML4 slot %d has U", i);
	}
	ukt_free(&u);
}

static uint16_t read_tr(void)
{
	uint16_t sel;

	__asm__ volatile("str %0" : "=r"(sel));
	return sel;
}

/* The boot-time setup: the TSS loaded, syscall enabled with the
 * selectors and the entry point usermode.c chose. */
KTEST(x86_user_msrs)
{
	KT_ASSERT_EQ(read_tr(), TSS_SEL);
	KT_ASSERT(rdmsr(MSR_EFER) & EFER_SCE, "EFER.SCE is off");
	KT_ASSERT_EQ(rdmsr(MSR_STAR) >> 32, ((uint64_t)STAR_SYSRET_BASE << 16) | KCODE_SEL);
	KT_ASSERT_EQ(rdmsr(MSR_LSTAR), (uintptr_t)syscall_entry);
	KT_ASSERT_EQ(rdmsr(MSR_SFMASK) & (RFLAGS_IF | RFLAGS_DF | RFLAGS_TF | RFLAGS_AC),
		     RFLAGS_IF | RFLAGS_DF | RFLAGS_TF | RFLAGS_AC);
}
