/*
 * arch/ppc64/trap.c - interrupt vectors, and what a trap frame means.
 *
 * A POWER CPU has no cause register: where it jumps says what happened
 * (0x700 program, 0x900 decrementer, ...), and trapentry.S records that
 * vector offset in the frame.  Some vectors carry details: SRR1 says why
 * a program interrupt happened, DAR and DSISR describe a data fault.
 */
#include "kern/arch.h"
#include "kern/lab.h"
#include "kern/panic.h"
#include "kern/printf.h"
#include "kern/trap.h"
#include "mm/hat.h"
#include "cpu.h"
#include "trapframe.h"

#define VECTOR_FIRST	0x100
#define VECTOR_END	0x1000
#define VECTOR_SLOT	0x20	/* the smallest spacing of vectors */

_Static_assert(offsetof(struct trapframe, srr0) == TF_SRR0, "TF_SRR0");
_Static_assert(offsetof(struct trapframe, dsisr) == TF_DSISR, "TF_DSISR");
_Static_assert(offsetof(struct trapframe, vec) == TF_VEC, "TF_VEC");
_Static_assert(sizeof(struct trapframe) == TF_SIZE, "TF_SIZE");

extern uint32_t real_vectors[];		/* real address 0 (kernel.ld) */
extern const uint32_t trap_vector[], trap_vector_len;	/* trapentry.S */

/* Put the stub in every vector slot, each with its own offset. */
void arch_trap_init(void)
{
	size_t words = trap_vector_len / 4;

	if (trap_vector_len > VECTOR_SLOT)
		panic("the trap vector stub is %u bytes, more than a slot", trap_vector_len);

	for (uint32_t v = VECTOR_FIRST; v < VECTOR_END; v += VECTOR_SLOT) {
		uint32_t *slot = real_vectors + v / 4;

		for (size_t i = 0; i < words; i++)
			slot[i] = trap_vector[i];
		slot[2] |= v;	/* li r12, 0  ->  li r12, v */
	}
	sync_icache(real_vectors + VECTOR_FIRST / 4, VECTOR_END - VECTOR_FIRST);
}

struct vector_info {
	uint32_t vec;
	enum trap_kind kind;
	const char *name;
};

static const struct vector_info vectors[] = {
	{ 0x100, TRAP_MACHINE,	"0x100 system reset" },
	{ 0x200, TRAP_MACHINE,	"0x200 machine check" },
	{ 0x300, TRAP_MEMORY,	"0x300 data storage" },
	{ 0x380, TRAP_MEMORY,	"0x380 data segment" },
	{ 0x400, TRAP_MEMORY,	"0x400 instruction storage" },
	{ 0x480, TRAP_MEMORY,	"0x480 instruction segment" },
	{ 0x500, TRAP_DEVICE,	"0x500 external" },
	{ 0x600, TRAP_ALIGN,	"0x600 alignment" },
	{ 0x700, TRAP_UNKNOWN,	"0x700 program" },	/* refined from SRR1 */
	{ 0x800, TRAP_ILLEGAL,	"0x800 floating-point unavailable" },
	{ 0x900, TRAP_TIMER,	"0x900 decrementer" },
	{ 0x980, TRAP_UNKNOWN,	"0x980 hypervisor decrementer" },
	{ 0xa00, TRAP_SPURIOUS,	"0xa00 doorbell" },
	{ 0xc00, TRAP_SYSCALL,	"0xc00 system call" },
	{ 0xd00, TRAP_UNKNOWN,	"0xd00 trace" },
	{ 0xe40, TRAP_ILLEGAL,	"0xe40 hypervisor emulation assistance" },
	{ 0xf00, TRAP_UNKNOWN,	"0xf00 performance monitor" },
	{ 0xf20, TRAP_ILLEGAL,	"0xf20 vector unavailable" },
	{ 0xf40, TRAP_ILLEGAL,	"0xf40 VSX unavailable" },
	{ 0xf60, TRAP_ILLEGAL,	"0xf60 facility unavailable" },
};

/* A program interrupt: SRR1 says which of four reasons. */
static void classify_program(const struct trapframe *tf, struct trapinfo *ti)
{
	if (tf->srr1 & SRR1_PROG_TRAP) {
		ti->kind = TRAP_BREAKPOINT;
		ti->name = "0x700 program/trap";
	} else if (tf->srr1 & SRR1_PROG_ILL) {
		ti->kind = TRAP_ILLEGAL;
		ti->name = "0x700 program/illegal";
	} else if (tf->srr1 & SRR1_PROG_PRIV) {
		ti->kind = TRAP_ILLEGAL;
		ti->name = "0x700 program/privileged";
	} else if (tf->srr1 & SRR1_PROG_FPE) {
		ti->kind = TRAP_ARITH;
		ti->name = "0x700 program/fp-enabled";
	} else {
		ti->name = "0x700 program/no-reason";
	}
}

/*
 * A data segment interrupt (0x380) does not say whether the access was a
 * load or a store (DSISR is not set for it), yet a kill message must name
 * the access.  So look at the instruction: stores are D-form opcodes
 * 36-39, 44, 45, 47 and 52-55 (stw stwu stb stbu sth sthu stmw, the FP
 * stores), DS-form 62 (std stdu stq), and opcode 31 X-forms whose
 * extended opcode has the store bit pattern (stwx 151 ... stdx 149,
 * stdux 181, stwux 183, stbx 215, stbux 247, sthx 407, sthux 439,
 * stwbrx 662, sthbrx 918, stdbrx 660, stwcx. 150, stdcx. 214).
 */
static bool insn_is_store(uint32_t insn)
{
	static const unsigned short x_stores[] = {
		149, 150, 151, 181, 183, 214, 215, 247, 407, 439, 660, 662, 918,
	};
	unsigned op = insn >> 26, xo = (insn >> 1) & 0x3ff;

	if ((op >= 36 && op <= 39) || op == 44 || op == 45 || op == 47 ||
	    (op >= 52 && op <= 55) || op == 62)
		return true;
	if (op != 31)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(x_stores); i++)
		if (xo == x_stores[i])
			return true;
	return false;
}

/* Was the access that took a data segment interrupt a store? */
static bool segment_fault_was_store(const struct trapframe *tf)
{
	uint32_t insn;

	if (hat_probe_read(tf->srr0, &insn) != 0)
		return false;
	return insn_is_store(insn);
}

void arch_trap_classify(const struct trapframe *tf, struct trapinfo *ti)
{
	ti->kind = TRAP_UNKNOWN;
	ti->name = "unknown vector";
	ti->pc = tf->srr0;
	ti->user = (tf->srr1 & MSR_PR) != 0;
	for (size_t i = 0; i < ARRAY_SIZE(vectors); i++)
		if (vectors[i].vec == tf->vec) {
			ti->kind = vectors[i].kind;
			ti->name = vectors[i].name;
		}
	/* Memory faults: DSI (0x300) and data segment (0x380) give the address
	 * in DAR, instruction ones (0x400, 0x480) fault at the pc itself. */
	switch (tf->vec) {
	case 0x300:
		ti->addr = tf->dar;
		ti->write = (tf->dsisr & DSISR_STORE) != 0;
		break;
	case 0x380:
		ti->addr = tf->dar;
		ti->write = segment_fault_was_store(tf);
		break;
	case 0x600:
		ti->addr = tf->dar;
		break;
	case 0x400:
	case 0x480:
		ti->addr = tf->srr0;
		ti->exec = true;
		break;
	case 0x500:
		ti->irq = -1;	/* the interrupt controller (XICS) would say */
		break;
	case 0x700:
		classify_program(tf, ti);
		break;
	case 0xc00:
		/* The kernel makes no system calls (hcalls are sc 1, which the
		 * hypervisor takes): an sc in the kernel is a bug. */
		if (!ti->user) {
			ti->kind = TRAP_ILLEGAL;
			ti->name = "0xc00 system call from the kernel";
		}
		break;
	}
}

void arch_trapframe_dump(const struct trapframe *tf)
{
	for (int i = 0; i < 32; i += 4)
		kprintf("r%-2d %016llx r%-2d %016llx r%-2d %016llx r%-2d %016llx\n",
			i, (unsigned long long)tf->gpr[i],
			i + 1, (unsigned long long)tf->gpr[i + 1],
			i + 2, (unsigned long long)tf->gpr[i + 2],
			i + 3, (unsigned long long)tf->gpr[i + 3]);
	kprintf("pc  %016llx msr %016llx lr  %016llx ctr %016llx\n",
		(unsigned long long)tf->srr0, (unsigned long long)tf->srr1,
		(unsigned long long)tf->lr, (unsigned long long)tf->ctr);
	kprintf("cr  %08llx xer %08llx dar %016llx dsisr %08llx vector %#llx\n",
		(unsigned long long)tf->cr, (unsigned long long)tf->xer,
		(unsigned long long)tf->dar, (unsigned long long)tf->dsisr,
		(unsigned long long)tf->vec);
}

uintptr_t arch_trapframe_pc(const struct trapframe *tf)
{
	return tf->srr0;
}

void arch_trap_skip(struct trapframe *tf)
{
#if SOLUTION(1)
	tf->srr0 += 4;
#else
	/*
	 * LAB 1: a `trap` instruction raised a program interrupt, and SRR0
	 * (saved as tf->srr0) points at the trap itself: rfid would run it
	 * again, forever.  Make the trapped code resume at the next
	 * instruction.  Every POWER instruction is 4 bytes long.
	 * Checked by: lab1_breakpoint.
	 */
	(void)tf;
	panic("arch_trap_skip: not implemented (LAB 1)");
#endif
}

/* `trap` is `tw 31,0,0`: trap whatever the operands compare as. */
void arch_breakpoint(void)
{
	__asm__ volatile("trap" ::: "memory");
}

/* Primary opcode 0 is not an instruction on any POWER CPU. */
void arch_illegal_instruction(void)
{
	__asm__ volatile(".long 0" ::: "memory");
}
