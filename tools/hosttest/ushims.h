/*
 * ushims.h - the fake system calls under the user library in the host
 * tests (ushims.c), and what they record for the tests to look at.
 */
#ifndef USHIMS_H
#define USHIMS_H

#include <setjmp.h>
#include <stddef.h>

/* write(): every fd's bytes go to one buffer; writes take at most
 * ushim_write_max bytes (0: all), to exercise short-write loops. */
extern char ushim_out[65536];
extern size_t ushim_out_len;
extern size_t ushim_write_max;
extern int ushim_writes;
void ushim_out_reset(void);

/* read(): from this string, ushim_input_len bytes, then end of input. */
extern const char *ushim_input;
extern size_t ushim_input_len;

/* mmap() and munmap() over the host's; counts, and a switch to fail. */
extern int ushim_mmaps, ushim_munmaps, ushim_mmap_fail;

/* exit(): longjmps here with the status + 1 (so 0 is never returned). */
extern jmp_buf *ushim_exit_jmp;

/* The host's own snprintf, for comparing with the user library's. */
int host_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
