/*
 * arch/x86/usermode.c - user mode (kern/arch.h): the TSS, the syscall
 * instruction's MSRs, the user frame and the system call registers.
 *
 * Ring 3 reaches the kernel two ways.  An interrupt or exception makes the
 * CPU switch to TSS.rsp0 and push its frame there; the syscall instruction
 * jumps to syscall_entry (trapentry.S), which switches to syscall_kstack
 * by hand and pushes the same frame.  Both are the top of the running
 * thread's kernel stack (arch_set_kernel_stack keeps them so), and since a
 * thread in user mode has nothing else on its kernel stack, the user's
 * registers always sit in the struct trapframe that ends at the top:
 * arch_user_frame.  The GDT (entry.S) has the segments in the order
 * syscall/sysret need (mmu.h); docs/arch-x86.md has the picture.
 */
#include "kern/arch.h"
#include "kern/panic.h"
#include "hat_arch.h"
#include "trapframe.h"
#include "usermode.h"
#include "x86.h"

/* The 64-bit TSS: in long mode only stack pointers and the I/O map. */
struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];	/* rsp[0]: the stack for traps from ring 3 */
	uint64_t reserved1;
	uint64_t ist[7];	/* unused: every gate has IST 0 */
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

_Static_assert(sizeof(struct tss) == 104, "the 64-bit TSS is 104 bytes");

#define TSS_TYPE_AVAIL	0x89	/* present, DPL 0, 64-bit TSS (available) */

/* What syscall clears in RFLAGS: interrupts stay off until the entry is on
 * the kernel stack; DF and AC as the kernel's C code expects them; no
 * single-step trap inside the kernel; and NT, with which the kernel's own
 * iretq would fault (a ring-3 popf can set it). */
#define SYSCALL_RFLAGS_MASK \
	(RFLAGS_IF | RFLAGS_DF | RFLAGS_TF | RFLAGS_AC | RFLAGS_NT)

static struct tss tss __attribute__((aligned(16)));
uintptr_t syscall_kstack;		/* syscall_entry's stack: one CPU */

extern uint64_t gdt_tss[2];		/* entry.S: the TSS_SEL slots */

static inline void ltr(uint16_t sel)
{
	__asm__ volatile("ltr %0" : : "r"(sel) : "memory");
}

/* A 16-byte system-segment descriptor for the TSS at base. */
static void tss_descriptor(uint64_t d[2], uintptr_t base, uint32_t limit)
{
	d[0] = (limit & 0xffff) | ((uint64_t)(base & 0xffffff) << 16) |
	       ((uint64_t)TSS_TYPE_AVAIL << 40) | ((uint64_t)((limit >> 16) & 0xf) << 48) |
	       ((uint64_t)((base >> 24) & 0xff) << 56);
	d[1] = base >> 32;
}

/* An I/O map base past the TSS's limit means no I/O bitmap: in and out
 * from ring 3 (IOPL 0) always fault. */
static void tss_init(void)
{
	tss.iomap_base = sizeof(tss);
	tss_descriptor(gdt_tss, (uintptr_t)&tss, sizeof(tss) - 1);
	ltr(TSS_SEL);
}

static void syscall_init(void)
{
	wrmsr(MSR_STAR, ((uint64_t)STAR_SYSRET_BASE << 48) | ((uint64_t)KCODE_SEL << 32));
	wrmsr(MSR_LSTAR, (uintptr_t)syscall_entry);
	wrmsr(MSR_SFMASK, SYSCALL_RFLAGS_MASK);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}

void usermode_init(void)
{
	tss_init();
	syscall_init();
}

const size_t arch_trapframe_size = sizeof(struct trapframe);

struct trapframe *arch_user_frame(uintptr_t kstack_top)
{
	return (struct trapframe *)kstack_top - 1;
}

void arch_user_frame_init(struct trapframe *tf, uintptr_t pc, uintptr_t sp,
			  uintptr_t a0, uintptr_t a1)
{
	/* iretq to a non-canonical rip would fault in ring 0. */
	KASSERT(pc < USER_VA_MAX);
	*tf = (struct trapframe){
		.rip = pc,
		.rsp = sp,
		.rdi = a0,
		.rsi = a1,
		.cs = UCODE_SEL | SEL_RPL_USER,
		.ss = UDATA_SEL | SEL_RPL_USER,
		.rflags = RFLAGS_IF | RFLAGS_RESERVED,
	};
}

/* The frame is the thread's user frame, so its end is the top of the
 * kernel stack: record it here too, so that the first trap back finds
 * the right stack even before the scheduler has switched to us once. */
void arch_user_enter(struct trapframe *tf)
{
	cli();
	arch_set_kernel_stack((uintptr_t)(tf + 1));
	trap_return(tf);
}

void arch_set_kernel_stack(uintptr_t kstack_top)
{
	tss.rsp[0] = kstack_top;
	syscall_kstack = kstack_top;
}

unsigned long arch_syscall_nr(const struct trapframe *tf)
{
	return tf->rax;
}

uintptr_t arch_syscall_arg(const struct trapframe *tf, unsigned n)
{
	switch (n) {
	case 0: return tf->rdi;
	case 1: return tf->rsi;
	case 2: return tf->rdx;
	case 3: return tf->r10;		/* not rcx: syscall overwrites it */
	case 4: return tf->r8;
	case 5: return tf->r9;
	}
	panic("arch_syscall_arg: no argument %u", n);
}

/* rip is already past the syscall instruction (the CPU put it in rcx). */
void arch_syscall_return(struct trapframe *tf, long ret)
{
	tf->rax = (uint64_t)ret;
}
