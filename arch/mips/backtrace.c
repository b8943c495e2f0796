/*
 * arch/mips/backtrace.c - walking the call chain by reading prologues.
 *
 * o32 code keeps no chain of frame pointers at a fixed place: a frame is
 * just "sp went down by N, and ra (if the function calls others) was
 * stored at some offset".  Both facts are written in the function's
 * prologue, which gcc always emits at the function's start (arch.mk passes
 * -fno-shrink-wrap):
 *
 *	addiu	sp, sp, -N		0x27bd....  (N = -imm)
 *	sw	ra, off(sp)		0xafbf....  (only if it calls out)
 *
 * So from a pc we scan backwards for the addiu, then forwards from it for
 * the sw ra, and find the return address at sp + off and the caller's sp
 * at sp + N, as MIPS kernels do.  docs/arch-mips.md draws the frame.
 *
 * Each caller is recorded by its call instruction, return address - 8 (the
 * jal and its delay slot), not by the return address itself: a call to a
 * noreturn function such as panic() can be a function's last instruction,
 * and its return address is then the first word of the next function.
 */
#include "kern/arch.h"
#include "kern/ksym.h"
#include "kern/lab.h"
#include "kern/thread.h"
#include "cp0.h"
#include "mips.h"
#include "trapframe.h"

/* How far back (in instructions) to look for a prologue: longer than any
 * kernel function, short enough to give up quickly on a bad pc. */
#define PROLOGUE_SCAN_MAX	2048

/* True if pc could be an instruction of the kernel. */
static inline bool text_ok(uintptr_t pc)
{
	return pc >= (uintptr_t)_stext && pc < (uintptr_t)_etext && pc % 4 == 0;
}

static inline uint32_t insn_at(uintptr_t pc)
{
	return *(const uint32_t *)pc;
}

/* Is insn "addiu sp, sp, -N", the allocation of a frame?  Sets *size = N. */
static inline bool insn_allocs_frame(uint32_t insn, uint32_t *size)
{
	int16_t imm = (int16_t)(insn & 0xffff);

	if ((insn & 0xffff0000) != 0x27bd0000 || imm >= 0)
		return false;
	*size = (uint32_t)-imm;
	return true;
}

/* Is insn "sw ra, off(sp)", saving the return address?  Sets *off. */
static inline bool insn_saves_ra(uint32_t insn, uint32_t *off)
{
	int16_t imm = (int16_t)(insn & 0xffff);

	if ((insn & 0xffff0000) != 0xafbf0000 || imm < 0)
		return false;
	*off = (uint32_t)imm;
	return true;
}

bool arch_stack_ok(uintptr_t addr, size_t len)
{
	uintptr_t lo = (uintptr_t)boot_stack, hi = (uintptr_t)boot_stack_top;

	return (addr >= lo && addr <= hi && len <= hi - addr) ||
	       thread_stack_ok(addr, len);
}

int arch_backtrace(uintptr_t *pcs, int max)
{
#if SOLUTION(1)
	/* Start the walk in our caller, at its call to us, with the sp it
	 * had then (our CFA). */
	struct trapframe tf;

	tf.epc = (uintptr_t)__builtin_return_address(0) - 8;
	tf.r[REG_SP] = (uintptr_t)__builtin_dwarf_cfa();
	tf.r[REG_RA] = 0;	/* not needed: the caller saved its own ra */
	return arch_backtrace_tf(&tf, pcs, max);
#else
	/*
	 * LAB 1: fill pcs[] with the calling chain, starting with our caller
	 * (each caller is named by its call instruction: see the top of this
	 * file).  Easiest: describe the caller as if it had trapped at its
	 * call to us, in a struct trapframe (trapframe.h) with only epc,
	 * r[REG_SP] and r[REG_RA] filled in, and let arch_backtrace_tf (which
	 * you also write) walk from there.  Our return address is
	 * __builtin_return_address(0); the call is 8 bytes before it.  The
	 * caller's sp is the sp we were entered with, __builtin_dwarf_cfa()
	 * (our own frame sits just below it).
	 * Checked by: lab1_backtrace, lab1_backtrace_max, lab1_panic.
	 */
	(void)pcs;
	(void)max;
	LAB_TODO(1, "arch_backtrace: walk the frame chain");
	return 0;
#endif
}

int arch_backtrace_tf(const struct trapframe *tf, uintptr_t *pcs, int max)
{
#if SOLUTION(1)
	uintptr_t pc = tf->epc, sp = tf->r[REG_SP], ra = tf->r[REG_RA];
	int n = 0;

	while (n < max) {
		uintptr_t a, prologue = 0;
		uint32_t size = 0, ra_off = 0;
		bool ra_saved = false;

		pcs[n++] = pc;
		if (!text_ok(pc))
			break;	/* a wild trapped pc: no code to read */
		/* The nearest frame allocation before pc is this function's. */
		for (a = pc - 4; text_ok(a) && pc - a <= 4 * PROLOGUE_SCAN_MAX; a -= 4) {
			if (insn_allocs_frame(insn_at(a), &size)) {
				prologue = a;
				break;
			}
		}
		if (!prologue)
			break;
		/* Had it saved ra by the time it reached pc? */
		for (a = prologue + 4; a < pc && !ra_saved; a += 4)
			ra_saved = insn_saves_ra(insn_at(a), &ra_off);
		if (ra_saved) {
			if (!arch_stack_ok(sp + ra_off, 4))
				break;
			ra = *(const uint32_t *)(sp + ra_off);
		} else if (n > 1) {
			break;	/* only the trapped function can still hold it in ra */
		}
		if (!text_ok(ra - 8))
			break;	/* ra = 0: mips_boot, entered from entry.S */
		pc = ra - 8;	/* the call: jal and its delay slot precede ra */
		sp += size;
	}
	return n;
#else
	/*
	 * LAB 1: walk the chain from the registers saved in a trap frame.
	 * pcs[0] is the trapped pc (tf->epc); the walk starts with the trapped
	 * sp and ra (tf->r[REG_SP], tf->r[REG_RA]).  For each function, at pc:
	 *  - record pc; stop when max are recorded, or if pc is not kernel
	 *    code (text_ok: a wild jump);
	 *  - scan backwards from pc - 4, one instruction at a time, for the
	 *    prologue's "addiu sp, sp, -N" (insn_at, insn_allocs_frame); stay
	 *    inside the kernel's code (text_ok) and give up after
	 *    PROLOGUE_SCAN_MAX instructions: no prologue, stop;
	 *  - scan forwards from there, up to pc, for "sw ra, off(sp)"
	 *    (insn_saves_ra).  Found: the return address is the word at
	 *    sp + off (check it with arch_stack_ok before reading it!).  Not
	 *    found: the function has not saved ra (a leaf, or trapped inside
	 *    its prologue); only the trapped function itself can be in that
	 *    state, and then the return address is still in tf's ra;
	 *  - the caller's pc is its call, return address - 8, and its sp is
	 *    sp + N.
	 * The walk ends at the boot code, which entered mips_boot with ra = 0:
	 * a return address whose call is not kernel code ends it.
	 * Checked by: lab1_backtrace, lab1_panic, lab1_illegal.
	 */
	(void)tf;
	(void)pcs;
	(void)max;
	LAB_TODO(1, "arch_backtrace_tf: walk the frame chain from a trap frame");
	return 0;
#endif
}
