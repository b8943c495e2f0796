/*
 * arch/mips/trap.c - installing the vectors, and what a trap means: decoding
 * Cause into a kern/trap.h trap kind, printing a trap frame, resuming
 * after a breakpoint.  The entry and exit are in trapentry.S.
 */
#include "kern/arch.h"
#include "kern/errno.h"
#include "kern/lab.h"
#include "kern/panic.h"
#include "kern/printf.h"
#include "kern/trap.h"
#include "cp0.h"
#include "trapframe.h"
#include "uaccess.h"

_Static_assert(offsetof(struct trapframe, hi) == TF_HI, "TF_HI");
_Static_assert(offsetof(struct trapframe, status) == TF_STATUS, "TF_STATUS");
_Static_assert(offsetof(struct trapframe, epc) == TF_EPC, "TF_EPC");
_Static_assert(offsetof(struct trapframe, vector) == TF_VECTOR, "TF_VECTOR");
_Static_assert(sizeof(struct trapframe) == TF_SIZE, "TF_SIZE");
_Static_assert(TRAP_STACK % 8 == 0, "the o32 ABI keeps sp 8-byte aligned");
_Static_assert(UACCESS_EFAULT == -EFAULT, "uaccess.h");

extern char trap_vectors[];

/* Point EBase at trapentry.S's vectors, then leave the boot ROM's vectors
 * (clear BEV).  EBase may only change while BEV is set. */
void arch_trap_init(void)
{
	uint32_t st = cp0_read(CP0_STATUS);

	cp0_write(CP0_STATUS, st | ST_BEV);
	cp0_write(CP0_EBASE, (uintptr_t)trap_vectors);
	cp0_write(CP0_STATUS, st & ~ST_BEV);
}

/* Cause.ExcCode values (MIPS32r2 PRA, table 9.31), with how Keel sees them. */
static const struct {
	const char *name;
	enum trap_kind kind;
	bool write;
} exc_codes[32] = {
	[0] = { "Int (interrupt)", TRAP_SPURIOUS, false },
	[1] = { "Mod (TLB modified)", TRAP_MEMORY, true },
	[2] = { "TLBL (TLB miss/invalid, load)", TRAP_MEMORY, false },
	[3] = { "TLBS (TLB miss/invalid, store)", TRAP_MEMORY, true },
	[4] = { "AdEL (address error, load/fetch)", TRAP_ALIGN, false },
	[5] = { "AdES (address error, store)", TRAP_ALIGN, true },
	/* A bus error is the memory system refusing a physical address:
	 * no translation to fix, and (for data) no address reported. */
	[6] = { "IBE (bus error, fetch)", TRAP_MACHINE, false },
	[7] = { "DBE (bus error, data)", TRAP_MACHINE, false },
	[8] = { "Sys (syscall)", TRAP_SYSCALL, false },
	[9] = { "Bp (breakpoint)", TRAP_BREAKPOINT, false },
	[10] = { "RI (reserved instruction)", TRAP_ILLEGAL, false },
	[11] = { "CpU (coprocessor unusable)", TRAP_ILLEGAL, false },
	[12] = { "Ov (integer overflow)", TRAP_ARITH, false },
	[13] = { "Tr (trap instruction, e.g. divide by zero)", TRAP_ARITH, false },
	[15] = { "FPE (floating point)", TRAP_ARITH, false },
	[18] = { "C2E (coprocessor 2)", TRAP_ILLEGAL, false },
	[19] = { "TLBRI (TLB read inhibit)", TRAP_MEMORY, false },
	[20] = { "TLBXI (TLB execute inhibit)", TRAP_MEMORY, false },
	[23] = { "WATCH (watchpoint)", TRAP_BREAKPOINT, false },
	[24] = { "MCheck (machine check)", TRAP_MACHINE, false },
	[30] = { "CacheErr (cache error)", TRAP_MACHINE, false },
};

static uint32_t exc_code(const struct trapframe *tf)
{
	return (tf->cause & CAUSE_EXC) >> CAUSE_EXC_SHIFT;
}

/* An interrupt: the highest pending and enabled IP bit says which.  The
 * CP0 timer raises IP7 (IntCtl.IPTI); malta's i8259 pair raises IP2. */
static void classify_interrupt(const struct trapframe *tf, struct trapinfo *ti)
{
	uint32_t pending = (tf->cause & tf->status & CAUSE_IP) >> CAUSE_IP_SHIFT;
	uint32_t timer_ip = cp0_read(CP0_INTCTL) >> INTCTL_IPTI_SHIFT;

	if (pending == 0)
		return;		/* TRAP_SPURIOUS: it went away */
	if (pending & (1u << timer_ip)) {
		ti->kind = TRAP_TIMER;
		ti->name = "Int (CP0 timer)";
		ti->irq = (int)timer_ip;
		return;
	}
	ti->kind = TRAP_DEVICE;
	ti->irq = 31 - __builtin_clz(pending);
	ti->name = "Int (device)";
}

/* Was the faulting access an instruction fetch?  MIPS reports fetches and
 * loads with the same ExcCodes; a fetch is the one whose BadVAddr is the
 * pc (or, from a branch delay slot, the pc of the slot). */
static bool is_fetch(const struct trapframe *tf, uint32_t code)
{
	uint32_t pc = tf->epc + (tf->cause & CAUSE_BD ? 4 : 0);

	return (code == EXC_TLBL || code == EXC_ADEL) && tf->badvaddr == pc;
}

void arch_trap_classify(const struct trapframe *tf, struct trapinfo *ti)
{
	uint32_t code = exc_code(tf);

	ti->pc = tf->epc;
	ti->user = (tf->status & ST_UM) != 0;
	ti->kind = exc_codes[code].name ? exc_codes[code].kind : TRAP_UNKNOWN;
	ti->name = exc_codes[code].name ? exc_codes[code].name : "reserved ExcCode";
	ti->write = exc_codes[code].write;
	if (code == 0)
		classify_interrupt(tf, ti);
	if (ti->kind == TRAP_MEMORY || ti->kind == TRAP_ALIGN)
		ti->addr = tf->badvaddr;
	/* From the kernel every address is legal, so an address error is
	 * misalignment; from user mode it may also be a kernel address. */
	if (ti->kind == TRAP_ALIGN && ti->user && tf->badvaddr >= 0x80000000u)
		ti->kind = TRAP_MEMORY;
	if (ti->kind == TRAP_MEMORY)
		ti->exec = is_fetch(tf, code);
	/* Resuming after it means EPC + 4, which from a delay slot is the
	 * syscall again: Keel does not emulate the branch, so refuse it. */
	if (code == EXC_SYS && (tf->cause & CAUSE_BD)) {
		ti->kind = TRAP_ILLEGAL;
		ti->name = "Sys (syscall in a branch delay slot)";
	}
	if (tf->vector == VEC_TLB_REFILL)
		ti->name = ti->write ? "TLB refill (store)" :
			ti->exec ? "TLB refill (fetch)" : "TLB refill (load)";
}

/* A fault inside a fault-tolerant accessor: resume at its failure exit
 * (uaccess.h).  The faulting instruction is never in a delay slot. */
bool arch_trap_fixup(struct trapframe *tf)
{
	for (const struct fixup *f = __fixups_start; f < __fixups_end; f++) {
		if (tf->epc >= f->from && tf->epc < f->to) {
			tf->epc = f->handler;
			return true;
		}
	}
	return false;
}

uintptr_t arch_trapframe_pc(const struct trapframe *tf)
{
	return tf->epc;
}

static const char *const reg_names[32] = {
	"zero", "at", "v0", "v1", "a0", "a1", "a2", "a3",
	"t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7",
	"s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7",
	"t8", "t9", "k0", "k1", "gp", "sp", "fp", "ra",
};

void arch_trapframe_dump(const struct trapframe *tf)
{
	kprintf("trap frame at %p (%s vector):\n", (void *)tf,
		tf->vector == VEC_TLB_REFILL ? "TLB refill" : "general");
	for (int i = 0; i < 32; i++)
		kprintf("  %-4s %08x%s", reg_names[i], (unsigned)tf->r[i],
			i % 4 == 3 ? "\n" : "");
	kprintf("  hi   %08x  lo   %08x\n", (unsigned)tf->hi, (unsigned)tf->lo);
	kprintf("  status %08x (IM %02x%s%s%s)  cause %08x (ExcCode %u, IP %02x%s)\n",
		(unsigned)tf->status, (unsigned)(tf->status & ST_IM) >> ST_IM_SHIFT,
		tf->status & ST_IE ? " IE" : "", tf->status & ST_EXL ? " EXL" : "",
		tf->status & ST_UM ? " UM" : "", (unsigned)tf->cause,
		(unsigned)exc_code(tf), (unsigned)(tf->cause & CAUSE_IP) >> CAUSE_IP_SHIFT,
		tf->cause & CAUSE_BD ? ", BD" : "");
	kprintf("  epc  %08x  badvaddr %08x\n", (unsigned)tf->epc,
		(unsigned)tf->badvaddr);
}

void arch_trap_skip(struct trapframe *tf)
{
#if SOLUTION(1)
	if (tf->cause & CAUSE_BD)
		panic("arch_trap_skip: the trap is in a branch delay slot at %p: "
		      "cannot skip it by advancing EPC", (void *)(tf->epc + 4));
	tf->epc += 4;
#else
	/*
	 * LAB 1: make the trapped code resume after the instruction that
	 * trapped (a `break`).  tf->epc is the address of that instruction,
	 * and every MIPS32 instruction is 4 bytes long.  One edge case: if
	 * Cause.BD (CAUSE_BD in tf->cause) is set, the trap came from a
	 * branch delay slot and EPC points at the branch: EPC + 4 would be
	 * the break again, and resuming properly would mean emulating the
	 * branch, so panic() saying so instead.
	 * Checked by: lab1_breakpoint.
	 */
	(void)tf;
	LAB_TODO(1, "arch_trap_skip: advance EPC past the break");
	panic("arch_trap_skip is not implemented");
#endif
}

void arch_breakpoint(void)
{
	__asm__ volatile("break" ::: "memory");
}

/* Primary opcode 0x3b is unassigned in MIPS32r2 (R6 uses it for PC-relative
 * loads): the 24Kf raises RI (ExcCode 10) for it. */
void arch_illegal_instruction(void)
{
	__asm__ volatile(".word 0xec000000" ::: "memory");
}
