/*
 * kern/abi/syscall.h - Keel's system call interface, shared by the kernel
 * (kern/syscall.c) and user programs (user/lib).  docs/syscalls.md is the
 * reference; this header holds only numbers and plain structs, with
 * fixed-size fields so that 32-bit mips and 64-bit x86/ppc64 agree.
 *
 * Calling convention: the machine's system call instruction, the number
 * in one register, up to six arguments in others, the result in one:
 *
 *	arch    instruction  number  arguments 0..5          result
 *	x86     syscall      rax     rdi rsi rdx r10 r8 r9   rax (rcx, r11 lost)
 *	ppc64   sc           r0      r3 r4 r5 r6 r7 r8       r3
 *	mips    syscall      v0      a0 a1 a2 a3 t0 t1       v0
 *
 * Every other register is preserved.  A result below 0 is a failure:
 * -ENOMEM and so on (kern/abi/errno.h).  Pointers are user addresses; a
 * bad one gives -EFAULT, never a crash.
 */
#ifndef KERN_ABI_SYSCALL_H
#define KERN_ABI_SYSCALL_H

#define SYS_exit	1	/* exit(status): never returns */
#define SYS_spawn	2	/* spawn(path, argv) -> pid */
#define SYS_wait	3	/* wait(pid or -1, int *status) -> pid */
#define SYS_getpid	4	/* getpid() -> pid */
#define SYS_yield	5	/* yield() -> 0 */
#define SYS_sleep	6	/* sleep(ms) -> 0 */
#define SYS_read	7	/* read(fd, buf, len) -> bytes, 0 at end */
#define SYS_write	8	/* write(fd, buf, len) -> bytes */
#define SYS_open	9	/* open(path, flags) -> fd */
#define SYS_close	10	/* close(fd) -> 0 */
#define SYS_mmap	11	/* mmap(addr, len, prot, flags, fd, off) -> addr */
#define SYS_munmap	12	/* munmap(addr, len) -> 0 */
#define SYS_mprotect	13	/* mprotect(addr, len, prot) -> 0 */
#define SYS_memstats	14	/* memstats(struct keel_memstats *) -> 0 */
#define SYS_fstat	15	/* fstat(fd, struct keel_stat *) -> 0 */
#define SYS_readdir	16	/* readdir(index, name, size) -> name length */
#define SYS_uptime	17	/* uptime() -> milliseconds since boot */
#define SYS_getppid	18	/* getppid() -> parent's pid */
#define SYS_regions	19	/* regions(pid or 0, dot) -> 0: print its Regions */
#define SYS_cycles	20	/* cycles(struct keel_cycles *) -> 0 */
#define SYS_poweroff	21	/* poweroff(status): stop the machine */
#define SYS_fork	22	/* fork() -> child's pid in the parent, 0 in the child */
#define SYS_exec	23	/* exec(path, argv): only returns on failure */
#define NSYSCALLS	24

/* The console: open in every process, never closed for good. */
#define STDIN_FILENO	0
#define STDOUT_FILENO	1
#define STDERR_FILENO	2

/* open's flags: boot-image files are read-only. */
#define O_RDONLY	0

/* mmap's prot (the same bits as the HAT's) and flags. */
#define PROT_NONE	0x0
#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4
#define MAP_FIXED	0x1	/* exactly at addr, or -EEXIST */
#define MAP_ANON	0x2	/* zero-filled memory; fd and off ignored */
#define MAP_PRIVATE	0x4	/* a file: a copy-on-write copy (writable) */
#define MAP_FAILED_MAX	4095	/* results in [-4095, -1] are errors */

/* spawn: at most this many arguments, this many bytes of them in all. */
#define SPAWN_MAX_ARGS	32
#define SPAWN_MAX_ARGBYTES 4096
#define PATH_MAX	64	/* a boot-image file name, with its NUL */
#define PROC_MAX	64	/* processes at once, zombies too: fork, spawn -EAGAIN */

/* wait's status word: an exit code, or "killed" with the reason. */
#define WKILLED		0x100	/* the kernel killed it (a bad access) */
#define WIFKILLED(s)	(((s) & WKILLED) != 0)
#define WEXITSTATUS(s)	((s) & 0xff)

#ifndef __ASSEMBLY__
/* What memstats reports, in pages of page_size bytes. */
struct keel_memstats {
	unsigned long long page_size;
	unsigned long long frames_total;	/* RAM the kernel manages */
	unsigned long long frames_free;
	unsigned long long kheap_bytes;		/* bytes the kernel heap holds */
	unsigned long long processes;		/* that exist, zombies too */
	unsigned long long regions;		/* the caller's Regions */
	unsigned long long resident;		/* the caller's mapped pages */
	/* Fork trees and copy-on-write (docs/vm.md), system-wide. */
	unsigned long long fork_nodes;		/* parent nodes that exist now */
	unsigned long long fork_collapses;	/* nodes collapsed, ever */
	unsigned long long cow_copies;		/* write faults that copied, ever */
	unsigned long long cow_takes;		/* write faults that took the frame */
};

/* What fstat reports about an open file. */
struct keel_stat {
	unsigned long long size;		/* bytes */
	unsigned long long kind;		/* KEEL_FILE_* */
};
/* What cycles reports: the kernel's free-running counter (arch_cycles:
 * TSC, timebase, CP0 Count) and its rate.  Under QEMU -icount it counts
 * guest instructions (make bench). */
struct keel_cycles {
	unsigned long long count;
	unsigned long long per_sec;
};
#endif /* __ASSEMBLY__ */
#define KEEL_FILE_CONSOLE	1
#define KEEL_FILE_BOOTIMAGE	2

#endif
