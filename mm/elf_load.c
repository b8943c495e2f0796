/*
 * mm/elf_load.c - the ELF loader (mm/elf.h).
 *
 * The file is read field by field at the offsets of its class, in its
 * byte order, so one reader serves ELF32 and ELF64 of either endianness;
 * every read is of bytes already checked to be inside the file.
 */
#include "kern/bootimage.h"
#include "kern/errno.h"
#include "kern/printf.h"
#include "kern/string.h"
#include "mm/elf.h"
#include "mm/fr.h"
#include "mm/hat.h"
#include "mm/vm.h"

#define EI_NIDENT	16
#define ELFCLASS32	1
#define ELFCLASS64	2
#define ELFDATA2LSB	1
#define ELFDATA2MSB	2
#define EV_CURRENT	1
#define ET_EXEC		2
#define PT_LOAD		1
#define PT_DYNAMIC	2
#define PT_INTERP	3
#define PF_X		0x1
#define PF_W		0x2
#define PF_R		0x4

/* The file being read: bytes, size, class, byte order. */
struct elf_file {
	const uint8_t *p;
	uint64_t size;
	bool is64, big;
	const char *name;
};

/* The unsigned field of bytes bytes at off (inside the file). */
static uint64_t field(const struct elf_file *f, uint64_t off, unsigned bytes)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < bytes; i++)
		v = v << 8 | f->p[off + (f->big ? i : bytes - 1 - i)];
	return v;
}

/* An address-sized field (p_vaddr, e_entry...): 4 or 8 bytes. */
static uint64_t word(const struct elf_file *f, uint64_t off)
{
	return field(f, off, f->is64 ? 8 : 4);
}

/* The offsets of the fields used, for the two classes. */
#define EHDR_SIZE(f)		((f)->is64 ? 64u : 52u)
#define PHDR_SIZE(f)		((f)->is64 ? 56u : 32u)
#define E_PHOFF(f)		((f)->is64 ? 32u : 28u)
#define E_PHENTSIZE(f)		((f)->is64 ? 54u : 42u)
#define E_PHNUM(f)		((f)->is64 ? 56u : 44u)
#define P_FLAGS(f)		((f)->is64 ? 4u : 24u)
#define P_OFFSET(f)		((f)->is64 ? 8u : 4u)
#define P_VADDR(f)		((f)->is64 ? 16u : 8u)
#define P_FILESZ(f)		((f)->is64 ? 32u : 16u)
#define P_MEMSZ(f)		((f)->is64 ? 40u : 20u)

static int refuse(const struct elf_file *f, const char *why)
{
	kprintf("elf: %s: %s: not loaded\n", f->name, why);
	return -ENOEXEC;
}

/* [off, off + len) is inside [0, limit), without overflowing. */
static bool inside(uint64_t off, uint64_t len, uint64_t limit)
{
	return off <= limit && len <= limit - off;
}

/* The identification and the file header.  0 or -ENOEXEC. */
static int check_header(struct elf_file *f)
{
	const uint8_t *id = f->p;

	if (f->size < EI_NIDENT || memcmp(id, "\177ELF", 4) != 0)
		return refuse(f, "no ELF magic number");
	if ((id[4] != ELFCLASS32 && id[4] != ELFCLASS64) ||
	    (id[5] != ELFDATA2LSB && id[5] != ELFDATA2MSB) || id[6] != EV_CURRENT)
		return refuse(f, "bad ELF identification (class, byte order or version)");
	f->is64 = id[4] == ELFCLASS64;
	f->big = id[5] == ELFDATA2MSB;
	if (f->size < EHDR_SIZE(f))
		return refuse(f, "shorter than an ELF header");
	if (field(f, 18, 2) != ELF_NATIVE_MACHINE || f->is64 != ELF_NATIVE_64 ||
	    f->big != ELF_NATIVE_BIG)
		return refuse(f, "made for another machine");
	if (field(f, 20, 4) != EV_CURRENT)
		return refuse(f, "bad ELF version");
	if (field(f, 16, 2) != ET_EXEC)
		return refuse(f, "not a static executable (e_type)");
	if (field(f, E_PHENTSIZE(f), 2) != PHDR_SIZE(f))
		return refuse(f, "bad program header size");
	if (!inside(word(f, E_PHOFF(f)), field(f, E_PHNUM(f), 2) * PHDR_SIZE(f), f->size))
		return refuse(f, "program headers outside the file");
	return 0;
}

/* The PT_LOAD segment whose header is at ph, checked, into *s. */
static int check_segment(const struct elf_file *f, uint64_t ph, struct elf_segment *s)
{
	unsigned flags = (unsigned)field(f, ph + P_FLAGS(f), 4);

	s->offset = word(f, ph + P_OFFSET(f));
	s->vaddr = word(f, ph + P_VADDR(f));
	s->filesz = word(f, ph + P_FILESZ(f));
	s->memsz = word(f, ph + P_MEMSZ(f));
	s->prot = (flags & PF_R ? HAT_PROT_READ : 0) | (flags & PF_W ? HAT_PROT_WRITE : 0) |
		  (flags & PF_X ? HAT_PROT_EXEC : 0);
	if (s->filesz > s->memsz)
		return refuse(f, "a segment's file size exceeds its memory size");
	if (s->memsz == 0)
		return 0;		/* empty (a linker's data PHDR with nothing in it): skipped */
	if (!inside(s->offset, s->filesz, f->size))
		return refuse(f, "a segment lies outside the file");
	if (s->offset % PAGE_SIZE != s->vaddr % PAGE_SIZE)
		return refuse(f, "a segment's file offset and address differ within a page");
	if (s->vaddr < USER_VA_MIN || !inside(s->vaddr, s->memsz, USER_VA_MAX))
		return refuse(f, "a segment lies outside the user address range");
	return 0;
}

int elf_check(const void *image, uint64_t size, const char *name, struct elf_info *info)
{
	struct elf_file f = { .p = image, .size = size, .name = name };
	uint64_t phoff, prev_end = 0;
	unsigned phnum;
	int e = check_header(&f);

	if (e)
		return e;
	phoff = word(&f, E_PHOFF(&f));
	phnum = (unsigned)field(&f, E_PHNUM(&f), 2);
	info->entry = word(&f, 24);
	info->nsegs = 0;
	for (unsigned i = 0; i < phnum; i++) {
		uint64_t ph = phoff + (uint64_t)i * PHDR_SIZE(&f);
		uint32_t type = (uint32_t)field(&f, ph, 4);
		struct elf_segment *s = &info->seg[info->nsegs];

		if (type == PT_INTERP || type == PT_DYNAMIC)
			return refuse(&f, "dynamically linked (there is no dynamic linker)");
		if (type != PT_LOAD)
			continue;		/* notes, stack flags: nothing to map */
		if (info->nsegs == ELF_MAX_SEGMENTS)
			return refuse(&f, "too many loadable segments");
		e = check_segment(&f, ph, s);
		if (e)
			return e;
		if (s->memsz == 0)
			continue;
		/* Ascending (the ELF spec's order), and never two on one page:
		 * each page is one Region with one protection and one FR. */
		if (PAGE_ROUNDDOWN(s->vaddr) < prev_end)
			return refuse(&f, "segments out of order or sharing a page");
		prev_end = PAGE_ROUNDUP(s->vaddr + s->memsz);
		info->nsegs++;
	}
	if (info->nsegs == 0)
		return refuse(&f, "no loadable segment");
	for (unsigned i = 0; i < info->nsegs; i++) {
		const struct elf_segment *s = &info->seg[i];

		if ((s->prot & HAT_PROT_EXEC) && info->entry >= s->vaddr &&
		    info->entry - s->vaddr < s->memsz)
			return 0;
	}
	return refuse(&f, "the entry point is not in an executable segment");
}

/* Zero [va, end) of p (the bss sharing the last file page). */
static int zero_tail(struct process *p, vaddr_t va, vaddr_t end)
{
	static const uint8_t zeros[256];
	int e = 0;

	while (va < end && !e) {
		size_t n = MIN((size_t)(end - va), sizeof(zeros));

		e = vm_write(p, va, zeros, n);
		va += n;
	}
	return e;
}

/* Data and bss: the file's pages through a private copy-on-write copy
 * (mm/fr_crw.c), so a page is copied only when the program writes it;
 * the part of the last file page past p_filesz zeroed (which copies that
 * one page); the rest of the bss zero-filled memory.  Mapped writable for
 * the zeroing, then narrowed to the segment's protection.  0 or -errno;
 * either way [start, *mapped) is what it mapped. */
static int load_private(struct process *p, struct fr *fr, const struct elf_segment *s,
			vaddr_t start, vaddr_t end, vaddr_t *mapped)
{
	vaddr_t file_end = s->filesz ? PAGE_ROUNDUP((vaddr_t)(s->vaddr + s->filesz)) : start;
	vaddr_t mem_end = (vaddr_t)(s->vaddr + s->memsz);
	unsigned prot = s->prot | HAT_PROT_WRITE;
	struct fr *copy;
	long r = 0;

	*mapped = start;
	if (file_end > start) {
		r = fr_crw_create(fr, PAGE_ROUNDDOWN(s->offset), file_end - start, &copy);
		if (r)
			return (int)r;
		r = vm_map_file(p, start, file_end - start, prot, VM_FIXED, copy,
				PAGE_ROUNDDOWN(s->offset));
		fr_unref(copy);		/* the Region holds its own */
		if (r < 0)
			return (int)r;
		*mapped = file_end;
		if (mem_end > s->vaddr + s->filesz)
			r = zero_tail(p, (vaddr_t)(s->vaddr + s->filesz), MIN(file_end, mem_end));
	}
	if (r >= 0 && end > file_end) {
		r = vm_map_anon(p, file_end, end - file_end, 0, prot, VM_FIXED);
		if (r >= 0)
			*mapped = end;
	}
	if (r >= 0 && !(s->prot & HAT_PROT_WRITE))
		r = vm_protect(p, start, end - start, s->prot);
	return r < 0 ? (int)r : 0;
}

/* Map segment s of the file (whose FR is fr) into p.  0 or -errno, with
 * nothing of s mapped. */
static int load_segment(struct process *p, struct fr *fr, const struct elf_segment *s)
{
	vaddr_t start = PAGE_ROUNDDOWN((vaddr_t)s->vaddr);
	vaddr_t end = PAGE_ROUNDUP((vaddr_t)(s->vaddr + s->memsz)), mapped;
	long r;
	int e;

	/* Text: the image's frames themselves, shared by every Process. */
	if (!(s->prot & HAT_PROT_WRITE) && s->filesz == s->memsz) {
		r = vm_map_file(p, start, end - start, s->prot, VM_FIXED, fr,
				PAGE_ROUNDDOWN(s->offset));
		return r < 0 ? (int)r : 0;
	}
	e = load_private(p, fr, s, start, end, &mapped);
	if (e && mapped > start)
		vm_unmap(p, start, mapped - start);
	return e;
}

int elf_probe(const char *name)
{
	struct elf_info info;
	struct bootfile file;

	if (bootimage_find(name, &file) < 0)
		return -ENOENT;
	return elf_check(phys_to_kva(file.pa), file.size, name, &info);
}

int elf_load(struct process *p, const char *name, vaddr_t *entry)
{
	struct elf_info info;
	struct bootfile file;
	const uint8_t *image;
	struct fr *fr;
	unsigned i;
	int e;

	if (bootimage_find(name, &file) < 0)
		return -ENOENT;
	image = phys_to_kva(file.pa);
	e = elf_check(image, file.size, name, &info);
	if (!e)
		e = fr_bootimage_get(name, &fr);
	if (e)
		return e;
	for (i = 0; i < info.nsegs && !e; i++)
		e = load_segment(p, fr, &info.seg[i]);
	if (e) {
		/* Segment i - 1 failed and cleaned up after itself. */
		for (unsigned k = 0; k + 1 < i; k++) {
			const struct elf_segment *s = &info.seg[k];
			vaddr_t start = PAGE_ROUNDDOWN((vaddr_t)s->vaddr);

			vm_unmap(p, start, PAGE_ROUNDUP((vaddr_t)(s->vaddr + s->memsz)) - start);
		}
	}
	fr_bootimage_put(fr);		/* the text Regions hold their own */
	if (!e)
		*entry = (vaddr_t)info.entry;
	return e;
}
