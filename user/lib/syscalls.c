/*
 * user/lib/syscalls.c - one C function per system call
 * (kern/abi/syscall.h), each a call of the arch's __syscall stub
 * (arch/<arch>/user/syscall.S), which puts the number and the arguments
 * where the kernel expects them and executes the system call instruction.
 */
#include "ulib.h"

#define SC0(nr)			__syscall((nr), 0, 0, 0, 0, 0, 0)
#define SC1(nr, a)		__syscall((nr), (long)(a), 0, 0, 0, 0, 0)
#define SC2(nr, a, b)		__syscall((nr), (long)(a), (long)(b), 0, 0, 0, 0)
#define SC3(nr, a, b, c)	__syscall((nr), (long)(a), (long)(b), (long)(c), 0, 0, 0)

void exit(int status)
{
	SC1(SYS_exit, status);
	for (;;)
		;			/* SYS_exit does not return */
}

void poweroff(int status)
{
	SC1(SYS_poweroff, status);
	for (;;)
		;
}

int spawn(const char *path, char *const argv[])	{ return SC2(SYS_spawn, path, argv); }
int fork(void)				{ return SC0(SYS_fork); }
int exec(const char *path, char *const argv[])	{ return SC2(SYS_exec, path, argv); }
int wait(int pid, int *status)		{ return SC2(SYS_wait, pid, status); }
int getpid(void)			{ return SC0(SYS_getpid); }
int getppid(void)			{ return SC0(SYS_getppid); }
int yield(void)				{ return SC0(SYS_yield); }
int sleep_ms(unsigned long ms)		{ return SC1(SYS_sleep, ms); }
long read(int fd, void *buf, size_t len)	{ return SC3(SYS_read, fd, buf, len); }
long write(int fd, const void *buf, size_t len)	{ return SC3(SYS_write, fd, buf, len); }
int open(const char *path, int flags)	{ return SC2(SYS_open, path, flags); }
int close(int fd)			{ return SC1(SYS_close, fd); }
int munmap(void *addr, size_t len)	{ return SC2(SYS_munmap, addr, len); }
int mprotect(void *addr, size_t len, int prot)	{ return SC3(SYS_mprotect, addr, len, prot); }
int memstats(struct keel_memstats *st)	{ return SC1(SYS_memstats, st); }
int fstat(int fd, struct keel_stat *st)	{ return SC2(SYS_fstat, fd, st); }
int readdir(unsigned index, char *name, size_t size)
{
	return SC3(SYS_readdir, index, name, size);
}
unsigned long uptime_ms(void)		{ return SC0(SYS_uptime); }
int regions(int pid, int dot)		{ return SC2(SYS_regions, pid, dot); }
int cycles(struct keel_cycles *c)	{ return SC1(SYS_cycles, c); }

void *mmap(void *addr, size_t len, int prot, int flags, int fd, long off)
{
	return (void *)__syscall(SYS_mmap, (long)addr, (long)len, prot, flags, fd, off);
}
