/*
 * kern/arch.h - what every architecture provides to the machine-independent
 * kernel.
 *
 * kern/ and mm/ never touch a machine register or an instruction; they call
 * these functions.  A new architecture is a new folder arch/<name>/ that
 * implements everything below, plus arch.mk (build and emulator facts) and a
 * linker script.  docs/porting.md walks through it.
 *
 * Unless a function says otherwise it may be called from any kernel context,
 * with interrupts on or off, and it does not fail.
 */
#ifndef KERN_ARCH_H
#define KERN_ARCH_H

#include "kern/types.h"

struct trapframe;		/* arch-private: the registers saved on a trap */
struct trapinfo;		/* kern/trap.h */
struct bootinfo;		/* kern/bootinfo.h */

/* ---- identity ------------------------------------------------------- */

/* "x86", "ppc64" or "mips": the ARCH= value the kernel was built for. */
extern const char arch_name[];

/* ---- boot ----------------------------------------------------------- */
/*
 * The arch's entry code sets up a stack, brings up the console, fills in a
 * struct bootinfo from what the boot loader or firmware handed over (memory
 * size and ranges, command line), and then calls kmain(bi) in kern/main.c.
 * kmain never returns.
 */
void kmain(struct bootinfo *bi) __noreturn;

/* ---- console -------------------------------------------------------- */

/* Send one byte to the serial console, waiting while the device is busy. */
void arch_cons_putc(int c);

/* Return the next byte typed on the serial console, or -1 if none is
 * waiting.  Never blocks. */
int arch_cons_getc(void);

/* Send one byte to the result channel: a device separate from the console
 * (x86 and mips: COM2; ppc64: a second vty) on which ktest reports its
 * results for the grader, so that console noise cannot corrupt them.
 * Does nothing, without waiting long, when the machine has no such
 * device (an interactive `make qemu`). */
void arch_result_putc(int c);

/* ---- traps and interrupts ------------------------------------------- */

/* Install the trap vectors.  Called once by kmain, interrupts off.  After it
 * returns every trap, exception and interrupt reaches trap() in kern/trap.c
 * with a saved struct trapframe. */
void arch_trap_init(void);

/* Decode a trap into its machine-independent description (kern/trap.h).
 * Called by trap() first thing; must not fail: an unknown cause is
 * TRAP_UNKNOWN with a name that says what the hardware reported. */
void arch_trap_classify(const struct trapframe *tf, struct trapinfo *ti);

/* Make the trapped context resume after the instruction that trapped (used
 * to resume from a breakpoint).  On x86 int3 already points past itself, so
 * this does nothing; elsewhere it advances the saved PC by one instruction. */
void arch_trap_skip(struct trapframe *tf);

/* If the trapped pc is inside one of the arch's fault-tolerant accessors
 * (hat_probe_read/write, later copyin/copyout), make the trapped context
 * resume at that accessor's failure exit and return true.  Called by
 * trap() for a memory fault nothing else resolved. */
bool arch_trap_fixup(struct trapframe *tf);

/* Print every register in the frame, one screenful, for an unexpected trap. */
void arch_trapframe_dump(const struct trapframe *tf);

/* Return the saved program counter and the frame to start unwinding from. */
uintptr_t arch_trapframe_pc(const struct trapframe *tf);

/* Interrupt enable/disable.  arch_intr_save() disables and returns the
 * previous state for arch_intr_restore(). */
void arch_intr_enable(void);
void arch_intr_disable(void);
unsigned long arch_intr_save(void);
void arch_intr_restore(unsigned long saved);

/* Wait, with interrupts enabled, until the next interrupt has been handled.
 * Must not lose a wakeup: an interrupt that arrives between the caller's
 * check and the wait still ends the wait.  If no interrupt source is
 * enabled (a lab-1 stub masks the timer), returns at once instead of
 * sleeping forever, so that polling callers (the monitor) keep working. */
void arch_idle(void);

/* Execute the architecture's breakpoint instruction (int3, trap, break) so
 * that a TRAP_BREAKPOINT reaches trap().  Returns when the trap resumes. */
void arch_breakpoint(void);

/* Execute an instruction that is illegal on this machine, to exercise the
 * unexpected-trap path.  Never returns in a working kernel. */
void arch_illegal_instruction(void);

/* ---- timer ---------------------------------------------------------- */

/* Start a periodic timer interrupt at hz per second (the decrementer on
 * ppc64, CP0 Count/Compare on mips, the PIT on x86).  Each tick arrives at
 * trap() as TRAP_TIMER. */
void arch_timer_init(unsigned hz);

/* Called by trap() for every TRAP_TIMER: acknowledge the interrupt and
 * arrange for the next one, one period later.  Lab 1. */
void arch_timer_ack(void);

/* A free-running counter for measurements (TSC, timebase, CP0 Count), and
 * its rate in counts per second (0 if unknown). */
uint64_t arch_cycles(void);
uint64_t arch_cycles_per_sec(void);

/* ---- stack unwinding (lab 1) ---------------------------------------- */

/* Fill pcs[] with one code address inside each function of the calling
 * chain, innermost first, starting with the caller of arch_backtrace
 * itself: its return address, or (mips) the call instruction, which always
 * lies in the caller even when the call is the function's last word.
 * Return how many were stored (at most max).  Must stop cleanly at the bottom of the boot
 * stack and must never fault on a corrupt chain: it checks every frame
 * address it follows with arch_stack_ok(). */
int arch_backtrace(uintptr_t *pcs, int max);

/* Same, but for the context saved in a trap frame: pcs[0] is the trapped
 * PC itself. */
int arch_backtrace_tf(const struct trapframe *tf, uintptr_t *pcs, int max);

/* True if [addr, addr+len) lies in memory the kernel may read while
 * unwinding: the boot stack, or the running thread's kernel stack
 * (thread_stack_ok, kern/thread.h).  Keeps a corrupt frame chain from
 * faulting. */
bool arch_stack_ok(uintptr_t addr, size_t len);

/* ---- threads (kern/thread.h) ---------------------------------------- */

/* The saved state of a thread that is not running: its callee-saved
 * registers, kept on its own kernel stack; the arch defines the layout. */
struct arch_context;

/* Save the running thread's callee-saved registers on its stack, store
 * where in *from, and resume the thread whose state is at `to`.  Returns
 * when some later switch resumes *from.  Interrupts off; called only by
 * the scheduler (kern/sched.c). */
void arch_context_switch(struct arch_context **from, struct arch_context *to);

/* Build the first state of a new thread just below stack_top (thread.c
 * passes the thread's arch_user_frame: the top of the stack is kept for
 * the user frame) so that
 * the first arch_context_switch to it calls thread_start() (kern/thread.c),
 * with interrupts still off, in a frame where every unwinder stops (the
 * backtrace of a thread ends at thread_start). */
struct arch_context *arch_context_new(void *stack_top);

/* ---- user mode ----------------------------------------------------- */
/*
 * A user thread (kern/proc.h) runs its process's program in user mode and
 * comes back to the kernel only by a trap: an interrupt, a fault or a
 * system call.  Such a trap lands on the thread's own kernel stack, and
 * its frame (the user's registers) sits at the very top of that stack:
 * arch_user_frame says exactly where.  trap() learns that the trap came
 * from user mode from arch_trap_classify (ti->user).
 *
 * System calls use the machine's own instruction (x86 `syscall`, ppc64
 * `sc`, mips `syscall`); which registers carry the number, the arguments
 * and the result is the ABI in kern/abi/syscall.h.  They reach trap() as
 * TRAP_SYSCALL with ti->user set.
 */

/* Where the user frame of a thread whose kernel stack ends at kstack_top
 * lives: every trap from user mode saves the user's registers there, and
 * arch_user_enter starts user mode from there. */
struct trapframe *arch_user_frame(uintptr_t kstack_top);

/* Fill *tf so that returning through it starts user mode at pc, with
 * stack pointer sp, a0 and a1 in the first two argument registers (the
 * program's argc and argv), every other register zero (ppc64 also sets
 * r12 = pc, the ELFv2 entry convention), and interrupts enabled. */
void arch_user_frame_init(struct trapframe *tf, uintptr_t pc, uintptr_t sp,
			  uintptr_t a0, uintptr_t a1);

/* Leave the kernel into the user context saved in tf, which must be the
 * running thread's arch_user_frame, with the thread's process active
 * (vm_set_current).  Called by a new user thread with interrupts on or
 * off; never returns: the thread re-enters the kernel only by traps. */
void arch_user_enter(struct trapframe *tf) __noreturn;

/* Record kstack_top as the stack that traps from user mode switch to:
 * the running thread's (x86 TSS.rsp0 and the syscall entry's stack;
 * elsewhere a word the trap entry reads).  Called by the scheduler on
 * every switch, interrupts off, for the thread about to run. */
void arch_set_kernel_stack(uintptr_t kstack_top);

/* The system call in tf (a TRAP_SYSCALL trap): its number and argument n
 * (0..5), as the user's registers held them (kern/abi/syscall.h). */
unsigned long arch_syscall_nr(const struct trapframe *tf);
uintptr_t arch_syscall_arg(const struct trapframe *tf, unsigned n);

/* sizeof(struct trapframe): machine-independent code copies a user frame
 * (fork) without knowing what is in it. */
extern const size_t arch_trapframe_size;

/* Store ret as the system call's result in tf and make tf resume at the
 * instruction after the system call instruction (mips advances EPC;
 * x86 and ppc64 already point past it). */
void arch_syscall_return(struct trapframe *tf, long ret);

/* ---- power ---------------------------------------------------------- */

/* Stop the machine.  Under QEMU the emulator exits so that the harness can
 * read status: 0 means success, anything else failure (ppc64 can only tell
 * 0 from non-zero).  If the machine cannot be powered off, halts forever. */
void arch_poweroff(int status) __noreturn;

/* Reset the machine as a reboot would (the monitor's `reboot`).  Under
 * QEMU with -no-reboot the emulator exits instead. */
void arch_reset(void) __noreturn;

#endif
