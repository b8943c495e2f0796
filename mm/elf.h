/*
 * mm/elf.h - the ELF loader: turn a program of the boot image into
 * Regions of a Process (docs/vm.md, "The ELF loader").
 *
 * Programs are static executables (ET_EXEC, no interpreter, no dynamic
 * section) for this kernel's machine: ELF64 big-endian EM_PPC64 on ppc64,
 * ELF64 little-endian EM_X86_64 on x86, ELF32 little-endian EM_MIPS on
 * mips.  The reader itself is machine-independent: it handles both classes
 * and both byte orders, and only then compares with the kernel's own.
 *
 * Nothing in the file is trusted: every size, offset and address is
 * checked against the file and the user range before any Region is made,
 * and a bad file is refused with -ENOEXEC and a console line saying why.
 */
#ifndef MM_ELF_H
#define MM_ELF_H

#include "kern/types.h"

struct process;

/* e_machine values of the three arches. */
#define EM_MIPS		8
#define EM_PPC64	21
#define EM_X86_64	62

/* What this kernel runs, from the compiler's own predefined macros: the
 * same facts the arch's compiler flags chose (arch/<arch>/arch.mk). */
#if defined(__x86_64__)
#define ELF_NATIVE_MACHINE	EM_X86_64
#elif defined(__powerpc64__)
#define ELF_NATIVE_MACHINE	EM_PPC64
#elif defined(__mips__)
#define ELF_NATIVE_MACHINE	EM_MIPS
#else
#error "mm/elf.h: unknown machine"
#endif
#define ELF_NATIVE_64		(__SIZEOF_POINTER__ == 8)
#define ELF_NATIVE_BIG		(__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__)

/* At most this many PT_LOAD segments (linkers make two or three). */
#define ELF_MAX_SEGMENTS	8

/* One PT_LOAD segment, checked: [vaddr, vaddr + memsz) is inside the user
 * range, [offset, offset + filesz) inside the file, filesz <= memsz,
 * offset and vaddr congruent modulo the page size. */
struct elf_segment {
	uint64_t vaddr, memsz;
	uint64_t offset, filesz;
	unsigned prot;			/* HAT_PROT_* from p_flags */
};

/* What elf_check found.  The segments are the non-empty PT_LOADs in
 * ascending address order, no two on one page; entry is inside an
 * executable one. */
struct elf_info {
	uint64_t entry;
	unsigned nsegs;
	struct elf_segment seg[ELF_MAX_SEGMENTS];
};

/* Check the size bytes at image as a program for this kernel and fill
 * *info.  0, or -ENOEXEC after printing why (naming it name). */
int elf_check(const void *image, uint64_t size, const char *name, struct elf_info *info);

/* Is the boot-image file name a program elf_load would load?  0, or
 * -ENOENT, -ENOEXEC (after printing why): exec asks before it lets go of
 * the old image. */
int elf_probe(const char *name);

/* Load the boot-image file name into p (no Region of p may overlap its
 * segments): a text segment (not writable, memsz == filesz) maps the
 * file's frames through the file's boot-image FR, shared with every other
 * Process running the program; any other segment maps its file bytes
 * through a copy-on-write copy of that FR (fr_crw_create: copied page by
 * page at the first write), the bss after them zero (the rest of the
 * last file page is zeroed, the pages beyond are computational memory),
 * with the segment's protection.  0 and *entry set, or -ENOENT (no such file),
 * -ENOEXEC (not a program for us), -EEXIST, -ENOMEM; on error p has none
 * of the program's Regions. */
int elf_load(struct process *p, const char *name, vaddr_t *entry);

#endif
