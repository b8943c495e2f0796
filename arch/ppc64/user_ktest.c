/*
 * arch/ppc64/user_ktest.c - ppc64 user mode: traps from problem state,
 * `sc`, the user frame, and what PP/key/N bits let user code touch.
 *
 * Each test builds a process by hand (process_create, an RWX page of
 * hand-assembled big-endian instructions at USER_BASE) and a thread that
 * enters it in user mode exactly as kern/spawn.c does.  The program ends
 * through the machine-independent path: SYS_exit, or a kill by trap() for
 * a bad access (kern/proc.h); the test waits for the process to become a
 * zombie and reads its status.  The first words of every program are the
 * exit sequence, so checks branch back to it with the code in r3.
 */
#include "kern/abi/syscall.h"
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
#include "asm.h"
#include "cpu.h"
#include "mmu.h"
#include "trapframe.h"

#define UBASE		((vaddr_t)0x10000000)	/* arch.mk's USER_BASE */
#define UDATA		(UBASE + PAGE_SIZE)	/* a second page, for data */
#define UENTRY		(UBASE + 12)		/* after the exit sequence */
#define USTACK		(UBASE + 2 * PAGE_SIZE)	/* top of the data page */
#define UPASS		100			/* exit status: all checks held */
#define UWAIT_TICKS	(5 * HZ)

/* ---- a tiny assembler ------------------------------------------------- */

struct uprog {
	uint32_t code[256];
	unsigned n;		/* > ARRAY_SIZE(code): it did not fit */
};

static void emit(struct uprog *u, uint32_t insn)
{
	if (u->n < ARRAY_SIZE(u->code))
		u->code[u->n] = insn;
	u->n++;
}

static uint32_t li(unsigned rt, int16_t v)	{ return 0x38000000u | rt << 21 | (uint16_t)v; }
static uint32_t cmpdi(unsigned ra, int16_t v)	{ return 0x2c200000u | ra << 16 | (uint16_t)v; }
static uint32_t cmpd(unsigned ra, unsigned rb)	{ return 0x7c200000u | ra << 16 | rb << 11; }
static uint32_t ld(unsigned rt, unsigned ra)	{ return 0xe8000000u | rt << 21 | ra << 16; }
static uint32_t std_(unsigned rs, unsigned ra)	{ return 0xf8000000u | rs << 21 | ra << 16; }
static uint32_t addi(unsigned rt, unsigned ra, int16_t v)
{
	return 0x38000000u | rt << 21 | ra << 16 | (uint16_t)v;
}
static uint32_t mtctr(unsigned rs)		{ return 0x7c0903a6u | rs << 21; }
static uint32_t mfctr(unsigned rt)		{ return 0x7c0902a6u | rt << 21; }
static uint32_t mtlr(unsigned rs)		{ return 0x7c0803a6u | rs << 21; }
static uint32_t mflr(unsigned rt)		{ return 0x7c0802a6u | rt << 21; }
static uint32_t mtcr(unsigned rs)		{ return 0x7c0ff120u | rs << 21; }
static uint32_t mfcr(unsigned rt)		{ return 0x7c000026u | rt << 21; }
#define BCTR	0x4e800420u
#define SC	0x44000002u

/* bne / b to word index `to` of the program, from the next word. */
static uint32_t bne_to(const struct uprog *u, unsigned to)
{
	return 0x40820000u | ((uint32_t)((int)to - (int)u->n) * 4 & 0xfffc);
}
static uint32_t b_to(const struct uprog *u, unsigned to)
{
	return 0x48000000u | ((uint32_t)((int)to - (int)u->n) * 4 & 0x03fffffc);
}

/* Words 0..2: exit(r3), never returning; the entry is word 3 (UENTRY). */
static void prologue(struct uprog *u)
{
	emit(u, li(0, SYS_exit));
	emit(u, SC);
	emit(u, b_to(u, 2));
}

/* Exit with `code` unless r == v (r3 holds the code meanwhile). */
static void check(struct uprog *u, unsigned r, int16_t v, int16_t code)
{
	emit(u, cmpdi(r, v));
	emit(u, li(3, code));
	emit(u, bne_to(u, 0));
}

static void exit_with(struct uprog *u, int16_t code)
{
	emit(u, li(3, code));
	emit(u, b_to(u, 0));
}

/* ---- running a program -------------------------------------------- */

struct urun {
	struct process *p;
	struct uprog prog;
	uintptr_t a0, a1;
};

static void user_thread(void *arg)
{
	struct urun *r = arg;
	struct trapframe *tf = arch_user_frame(thread_current()->stack_hi);

	vm_set_current(r->p);
	arch_user_frame_init(tf, UENTRY, USTACK, r->a0, r->a1);
	arch_user_enter(tf);
}

/* A process with the program at UBASE (RWX) and a data page at UDATA
 * with data_prot; NULL if something failed. */
static bool urun_build(struct urun *r, const char *name, unsigned data_prot)
{
	KT_CHECK(r->prog.n <= ARRAY_SIZE(r->prog.code), "the program has %u words", r->prog.n);
	r->p = process_create(name);
	KT_CHECK(r->p, "process_create");
	KT_CHECK(vm_map_anon(r->p, UBASE, PAGE_SIZE, 0, HAT_PROT_ALL, VM_FIXED) == (long)UBASE,
		 "map the text");
	KT_CHECK(vm_map_anon(r->p, UDATA, PAGE_SIZE, 0, data_prot, VM_FIXED) == (long)UDATA,
		 "map the data");
	KT_CHECK(vm_write(r->p, UBASE, r->prog.code, r->prog.n * 4) == 0, "write the text");
	return true;
}

static struct thread *urun_start(struct urun *r)
{
	r->p->thread = thread_create(r->p->name, user_thread, r);
	return r->p->thread;
}

/* Wait until r's process exited; its status, or -1 after a timeout. */
static int urun_wait(struct urun *r)
{
	unsigned long end = ticks + UWAIT_TICKS;

	while (r->p->state != PROC_ZOMBIE && ticks < end)
		clock_sleep_ticks(1);
	return r->p->state == PROC_ZOMBIE ? r->p->status : -1;
}

static void urun_free(struct urun *r)
{
	if (r->p && r->p->state == PROC_ZOMBIE)
		process_free(r->p);
	else if (r->p && !r->p->thread)
		process_destroy(r->p);
	/* else: still running after a timeout; leak it rather than crash */
}

/* Run prog with a0, a1 to its end; its exit status or -1. */
static int urun(struct urun *r, const char *name, unsigned data_prot)
{
	if (!urun_build(r, name, data_prot))
		return -1;
	if (!urun_start(r))
		return -1;
	return urun_wait(r);
}

/* Does s contain sub? */
static bool contains(const char *s, const char *sub)
{
	size_t n = strlen(sub);

	for (; *s; s++)
		if (strncmp(s, sub, n) == 0)
			return true;
	return false;
}

/* Was the last kill for access at addr (the kill message's words)? */
static bool killed_for(int status, const char *access, uintptr_t addr)
{
	char want[64];

	ksnprintf(want, sizeof(want), "killed: %s at %p", access, (void *)addr);
	KT_CHECK(status >= 0, "the program did not end");
	KT_CHECK(WIFKILLED(status), "status %#x: not killed", status);
	KT_CHECK((status & 0xff) == TRAP_MEMORY, "status %#x: not a memory fault", status);
	KT_CHECK(contains(proc_last_kill(), want), "kill message \"%s\", wanted \"%s\"",
		 proc_last_kill(), want);
	return true;
}

/* ---- the frame and the classification, without running anything ----- */

KTEST(ppc64_user_frame_layout)
{
	uintptr_t top = 0xc000000000123000UL;
	struct trapframe tf, *utf = arch_user_frame(top);
	struct trapinfo ti = { 0 };

	KT_ASSERT_EQ((uintptr_t)utf, top - TF_SIZE);
	arch_user_frame_init(&tf, 0x10000100, 0x7ff0, 3, 0x7fc0);
	KT_ASSERT_EQ(tf.srr0, 0x10000100);
	KT_ASSERT_EQ(tf.gpr[12], 0x10000100);	/* ELFv2 global entry */
	KT_ASSERT_EQ(tf.gpr[1], 0x7ff0);
	KT_ASSERT_EQ(tf.gpr[3], 3);
	KT_ASSERT_EQ(tf.gpr[4], 0x7fc0);
	KT_ASSERT_EQ(tf.gpr[2], 0);
	KT_ASSERT_EQ(tf.srr1, MSR_SF | MSR_EE | MSR_PR | MSR_ME | MSR_IR | MSR_DR | MSR_RI);
	tf.vec = 0xc00;
	arch_trap_classify(&tf, &ti);
	KT_ASSERT(ti.kind == TRAP_SYSCALL && ti.user, "a user sc: kind %d user %d",
		  ti.kind, ti.user);
	tf.srr1 &= ~MSR_PR;
	arch_trap_classify(&tf, &ti);
	KT_ASSERT(ti.kind != TRAP_SYSCALL && !ti.user, "a kernel sc: kind %d user %d",
		  ti.kind, ti.user);
}

KTEST(ppc64_user_syscall_abi)
{
	struct trapframe tf;

	memset(&tf, 0, sizeof(tf));
	for (unsigned i = 0; i < 32; i++)
		tf.gpr[i] = 0x1000 + i;
	KT_ASSERT_EQ(arch_syscall_nr(&tf), 0x1000);		/* r0 */
	for (unsigned n = 0; n < 6; n++)
		KT_ASSERT_EQ(arch_syscall_arg(&tf, n), 0x1003 + n);	/* r3..r8 */
	tf.srr0 = 0x10000104;
	arch_syscall_return(&tf, -2);
	KT_ASSERT_EQ((long)tf.gpr[3], -2);
	KT_ASSERT_EQ(tf.srr0, 0x10000104);	/* already past the sc */
	KT_ASSERT_EQ(tf.gpr[4], 0x1004);
}

/* User pages: PP 0b10 (RW) or 0b11 (RO) with key Kp=1; kernel pages PP
 * 0b000 or 0b110, no access with key 1; N for no exec.  All segments,
 * the bolted kernel ones included, have Ks=0, Kp=1. */
KTEST(ppc64_user_protection_bits)
{
	uint64_t vsid_word;

	KT_ASSERT_EQ(hpte_r(0x1000, HAT_PROT_RW, 0, false) & (HPTE_R_PP0 | HPTE_R_PP), 2);
	KT_ASSERT_EQ(hpte_r(0x1000, HAT_PROT_READ, 0, false) & (HPTE_R_PP0 | HPTE_R_PP), 3);
	KT_ASSERT_EQ(hpte_r(0x1000, HAT_PROT_ALL, 0, true) & (HPTE_R_PP0 | HPTE_R_PP), 0);
	KT_ASSERT_EQ(hpte_r(0x1000, HAT_PROT_READ, 0, true) & (HPTE_R_PP0 | HPTE_R_PP),
		     HPTE_R_PP0 | 2);
	KT_ASSERT(hpte_r(0x1000, HAT_PROT_RW, 0, false) & HPTE_R_N, "RW page without N");
	KT_ASSERT(!(hpte_r(0x1000, HAT_PROT_ALL, 0, false) & HPTE_R_N), "RWX page with N");
	__asm__ volatile("slbmfev %0, %1" : "=r"(vsid_word) : "r"(0UL));	/* entry 0: dmap */
	KT_ASSERT((vsid_word & (SLB_VSID_KS | SLB_VSID_KP)) == SLB_VSID_KP,
		  "SLB entry 0 VSID word %#llx: want Ks=0 Kp=1", (unsigned long long)vsid_word);
}

/* ---- programs in user mode ------------------------------------------ */

#define SLEEP_MS	50	/* long enough for the test to see the frame */

/* Set every register but r1, r3, r9 to 0x100 + its number, CR, LR and
 * CTR to r29, r30, r31's; sleep(SLEEP_MS) with r4..r8 as extra arguments;
 * then check that only r3 changed (to 0).  Returns the sc's word index. */
static unsigned syscall_prog(struct uprog *u)
{
	unsigned sc_at;

	prologue(u);
	for (unsigned r = 2; r < 32; r++)
		if (r != 3 && r != 9)
			emit(u, li(r, (int16_t)(0x100 + r)));
	emit(u, mtcr(29));
	emit(u, mtlr(30));
	emit(u, mtctr(31));
	emit(u, li(3, SLEEP_MS));
	emit(u, li(0, SYS_sleep));
	sc_at = u->n;
	emit(u, SC);
	emit(u, mfcr(9));		/* before any compare changes CR */
	check(u, 3, 0, 3);
	emit(u, cmpd(9, 29));
	emit(u, li(3, 60));
	emit(u, bne_to(u, 0));
	check(u, 0, SYS_sleep, 1);
	for (unsigned r = 2; r < 32; r++)
		if (r != 3 && r != 9)
			check(u, r, (int16_t)(0x100 + r), (int16_t)r);
	emit(u, mflr(9));
	emit(u, cmpd(9, 30));
	emit(u, li(3, 61));
	emit(u, bne_to(u, 0));
	emit(u, mfctr(9));
	emit(u, cmpd(9, 31));
	emit(u, li(3, 62));
	emit(u, bne_to(u, 0));
	exit_with(u, UPASS);
	return sc_at;
}

/* What the user frame of a thread in a system call showed. */
struct sc_seen {
	bool seen;
	unsigned long nr;
	uintptr_t arg[6];
	uint64_t srr1, backchain;
};

/* If the thread with kernel stack top is in the kernel for the sc at
 * pc, copy what its user frame says.  Interrupts off: the thread cannot
 * exit (and free its stack) meanwhile. */
static void peek_syscall(struct urun *r, uintptr_t top, uintptr_t pc, struct sc_seen *s)
{
	unsigned long flags = arch_intr_save();
	struct trapframe *tf = arch_user_frame(top);

	if (r->p->state != PROC_ZOMBIE && tf->vec == 0xc00 && tf->srr0 == pc + 4) {
		s->seen = true;
		s->nr = arch_syscall_nr(tf);
		for (unsigned n = 0; n < 6; n++)
			s->arg[n] = arch_syscall_arg(tf, n);
		s->srr1 = tf->srr1;
		s->backchain = *(uint64_t *)((uintptr_t)tf - FRAME_MIN);
	}
	arch_intr_restore(flags);
}

KTEST(ppc64_user_syscall)
{
	static struct urun r;
	struct sc_seen s = { 0 };
	struct thread *t;
	uintptr_t top, sc_pc;
	unsigned long end;
	int status;

	memset(&r, 0, sizeof(r));
	sc_pc = UBASE + 4 * syscall_prog(&r.prog);
	KT_ASSERT(urun_build(&r, "ut-syscall", HAT_PROT_RW), "build");
	t = urun_start(&r);
	KT_ASSERT(t, "thread_create");
	top = t->stack_hi;
	for (end = ticks + UWAIT_TICKS; r.p->state != PROC_ZOMBIE && ticks < end;) {
		if (!s.seen)
			peek_syscall(&r, top, sc_pc, &s);
		clock_sleep_ticks(1);
	}
	status = urun_wait(&r);
	urun_free(&r);
	KT_ASSERT_EQ(status, UPASS);
	KT_ASSERT(s.seen, "never saw the thread inside its system call");
	KT_ASSERT_EQ(s.nr, SYS_sleep);
	KT_ASSERT_EQ(s.arg[0], SLEEP_MS);
	for (unsigned n = 1; n < 6; n++)
		KT_ASSERT_EQ(s.arg[n], 0x103 + n);
	KT_ASSERT(s.srr1 & MSR_PR, "the saved SRR1 %#llx lacks PR", (unsigned long long)s.srr1);
	KT_ASSERT_EQ(s.backchain, 0);
}

/* One access by user code to addr (in r3): read, write or exec. */
static int access_prog(struct urun *r, const char *access, uintptr_t addr)
{
	memset(r, 0, sizeof(*r));
	prologue(&r->prog);
	if (access[0] == 'r') {
		emit(&r->prog, ld(5, 3));
	} else if (access[0] == 'w') {
		emit(&r->prog, std_(5, 3));
	} else {
		emit(&r->prog, mtctr(3));
		emit(&r->prog, BCTR);
	}
	exit_with(&r->prog, 1);		/* the access worked: wrong */
	r->a0 = addr;
	r->a1 = UDATA;
	return urun(r, "ut-access", HAT_PROT_RW);
}

static bool kernel_access(const char *access, uintptr_t addr)
{
	static struct urun r;
	int status = access_prog(&r, access, addr);

	urun_free(&r);
	return killed_for(status, access, addr);
}

/* The direct map (kernel data and text) and the kernel map: PP 0b00 or
 * 0b110 with Kp=1 is no access, so problem state faults. */
KTEST(ppc64_user_kernel_access)
{
	extern uint64_t ppc64_kstack_top;
	uintptr_t data = (uintptr_t)&ppc64_kstack_top, text = (uintptr_t)trap;

	KT_ASSERT(kernel_access("read", data), "read kernel data");
	KT_ASSERT(kernel_access("write", data), "write kernel data");
	KT_ASSERT(kernel_access("read", text), "read kernel text");
	KT_ASSERT(kernel_access("exec", text), "exec kernel text");
	KT_ASSERT(kernel_access("read", DMAP_BASE + 0x100000), "read the direct map");
}

/* A read-only page: reading works (PP 0b11), writing faults. */
KTEST(ppc64_user_readonly)
{
	static struct urun r;
	int status;

	memset(&r, 0, sizeof(r));
	prologue(&r.prog);
	emit(&r.prog, ld(5, 4));
	check(&r.prog, 5, 0, 5);
	emit(&r.prog, std_(5, 4));
	exit_with(&r.prog, 1);
	r.a1 = UDATA;
	status = urun(&r, "ut-readonly", HAT_PROT_READ);
	urun_free(&r);
	KT_ASSERT(killed_for(status, "write", UDATA), "write to a read-only page");
}

/* Code in a RW page (N set) does not run. */
KTEST(ppc64_user_noexec)
{
	static struct urun r;
	static const uint32_t would_exit[] = { 0x38600001, 0x38000001, SC };	/* exit(1) */
	int status;

	memset(&r, 0, sizeof(r));
	prologue(&r.prog);
	emit(&r.prog, mtctr(4));
	emit(&r.prog, BCTR);
	r.a1 = UDATA;
	if (!urun_build(&r, "ut-noexec", HAT_PROT_RW))
		return;
	KT_ASSERT(vm_write(r.p, UDATA, would_exit, sizeof(would_exit)) == 0, "vm_write");
	KT_ASSERT(urun_start(&r), "thread_create");
	status = urun_wait(&r);
	urun_free(&r);
	KT_ASSERT(killed_for(status, "exec", UDATA), "exec from a no-exec page");
}

/* Two threads that only count in user mode: the decrementer preempts
 * them (its frame on their own kernel stack, back chain 0, PR in the
 * saved SRR1), and both finish with their count right. */
#define SPIN_COUNT	20000000

static void spin_prog(struct urun *r)
{
	memset(r, 0, sizeof(*r));
	prologue(&r->prog);
	emit(&r->prog, li(5, 0));
	emit(&r->prog, addi(5, 5, 1));
	emit(&r->prog, cmpd(5, 3));
	emit(&r->prog, bne_to(&r->prog, r->prog.n - 2));
	exit_with(&r->prog, 7);
	r->a0 = SPIN_COUNT;
}

/* Count a look at thread i's user frame that shows a timer trap. */
static void peek_timer(struct urun *r, uintptr_t top, unsigned *seen)
{
	unsigned long flags = arch_intr_save();
	struct trapframe *tf = arch_user_frame(top);

	if (r->p->state != PROC_ZOMBIE && tf->vec == 0x900 && (tf->srr1 & MSR_PR) &&
	    tf->gpr[5] > 0 && *(uint64_t *)((uintptr_t)tf - FRAME_MIN) == 0)
		(*seen)++;
	arch_intr_restore(flags);
}

KTEST(ppc64_user_preempt)
{
	static struct urun r[2];
	uintptr_t top[2];
	unsigned seen[2] = { 0, 0 };
	unsigned long end;
	int status[2];

	for (unsigned i = 0; i < 2; i++) {
		spin_prog(&r[i]);
		KT_ASSERT(urun_build(&r[i], i ? "ut-spin1" : "ut-spin0", HAT_PROT_RW), "build");
	}
	for (unsigned i = 0; i < 2; i++) {
		KT_ASSERT(urun_start(&r[i]), "thread_create");
		top[i] = r[i].p->thread->stack_hi;
	}
	for (end = ticks + UWAIT_TICKS; ticks < end &&
	     (r[0].p->state != PROC_ZOMBIE || r[1].p->state != PROC_ZOMBIE);) {
		for (unsigned i = 0; i < 2; i++)
			peek_timer(&r[i], top[i], &seen[i]);
		clock_sleep_ticks(1);
	}
	for (unsigned i = 0; i < 2; i++) {
		status[i] = urun_wait(&r[i]);
		urun_free(&r[i]);
	}
	KT_ASSERT_EQ(status[0], 7);
	KT_ASSERT_EQ(status[1], 7);
	KT_ASSERT(seen[0] > 0 && seen[1] > 0, "timer frames seen: %u and %u", seen[0], seen[1]);
}
