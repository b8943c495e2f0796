/*
 * ushims.c - the system calls the user library makes, faked on the host
 * for its unit tests (test_ulib.c): write() and read() over buffers,
 * mmap() and munmap() over the host's, exit() as a longjmp back into the
 * test.  The names are urename.h's: u_write and so on.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "ushims.h"

char ushim_out[65536];
size_t ushim_out_len;
size_t ushim_write_max;
int ushim_writes;
const char *ushim_input;
size_t ushim_input_len;
int ushim_mmaps, ushim_munmaps, ushim_mmap_fail;
jmp_buf *ushim_exit_jmp;

void ushim_out_reset(void)
{
	ushim_out_len = 0;
	ushim_writes = 0;
	ushim_out[0] = '\0';
}

long u_write(int fd, const void *buf, size_t len);
long u_read(int fd, void *buf, size_t len);
void *u_mmap(void *addr, size_t len, int prot, int flags, int fd, long off);
int u_munmap(void *addr, size_t len);
void u_exit(int status) __attribute__((noreturn));

long u_write(int fd, const void *buf, size_t len)
{
	(void)fd;
	if (ushim_write_max && len > ushim_write_max)
		len = ushim_write_max;
	if (len > sizeof(ushim_out) - 1 - ushim_out_len)
		len = sizeof(ushim_out) - 1 - ushim_out_len;
	memcpy(ushim_out + ushim_out_len, buf, len);
	ushim_out_len += len;
	ushim_out[ushim_out_len] = '\0';
	ushim_writes++;
	return (long)len;
}

long u_read(int fd, void *buf, size_t len)
{
	(void)fd;
	if (len > ushim_input_len)
		len = ushim_input_len;
	memcpy(buf, ushim_input, len);
	ushim_input += len;
	ushim_input_len -= len;
	return (long)len;
}

void *u_mmap(void *addr, size_t len, int prot, int flags, int fd, long off)
{
	void *p;

	(void)addr, (void)prot, (void)flags, (void)fd, (void)off;
	if (ushim_mmap_fail)
		return (void *)-12L;	/* -ENOMEM, as the kernel would */
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return (void *)-12L;
	ushim_mmaps++;
	return p;
}

int u_munmap(void *addr, size_t len)
{
	ushim_munmaps++;
	return munmap(addr, len) == 0 ? 0 : -22;
}

void u_exit(int status)
{
	if (!ushim_exit_jmp) {
		fprintf(stderr, "user library called exit(%d) outside a test of it\n", status);
		abort();
	}
	longjmp(*ushim_exit_jmp, status + 1);
}

int host_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
