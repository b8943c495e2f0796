/*
 * mm/elf_ktest.c - tests of the boot-image FR/FCM (kern_bootfr_*) and the
 * ELF loader (kern_elf_*), on bin/hello (user/hello.c) and the test files
 * of the boot image.
 *
 * The tests read the program's headers themselves, with the native ELF
 * structures (the file is made for this arch), so that they do not trust
 * the loader's own reader.  Memory is touched as in mm/vm_ktest.c: through
 * hat_probe_read/write in the current process.  Each test ends with a leak
 * check: computational frames and every heap object come back, and the
 * boot image's frames are never freed (the free count would grow).
 */
#include "kern/bootimage.h"
#include "kern/errno.h"
#include "kern/ktest.h"
#include "kern/string.h"
#include "mm/elf.h"
#include "mm/fcm.h"
#include "mm/fr.h"
#include "mm/frame.h"
#include "mm/hat.h"
#include "mm/memcheck.h"
#include "mm/process.h"
#include "mm/region.h"
#include "mm/vm.h"
#include "user/hello.h"

#define PG	((vaddr_t)PAGE_SIZE)
#define TVA	(ROUNDUP((vaddr_t)USER_VA_MIN, HAT_SEGMENT_SIZE) + 4 * HAT_SEGMENT_SIZE)

/* The ELF structures of this arch's class, as the linker wrote them. */
#if ELF_NATIVE_64
typedef uint64_t elf_addr;
struct ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};
#else
typedef uint32_t elf_addr;
struct ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct phdr {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};
#endif

#define PT_LOAD		1
#define PT_INTERP	3
#define PF_W		2

/* bin/hello, read by the test: its text and data headers. */
struct hello {
	struct bootfile file;
	const uint8_t *image;
	const struct ehdr *eh;
	const struct phdr *text, *data;
	unsigned nload;
};

/* Find bin/hello and its two PT_LOADs; false if that fails. */
static bool hello_find(struct hello *h)
{
	const struct phdr *ph;

	memset(h, 0, sizeof(*h));
	if (bootimage_find("bin/hello", &h->file) < 0)
		return false;
	h->image = phys_to_kva(h->file.pa);
	h->eh = (const struct ehdr *)h->image;
	ph = (const struct phdr *)(h->image + h->eh->phoff);
	for (unsigned i = 0; i < h->eh->phnum; i++) {
		if (ph[i].type != PT_LOAD)
			continue;
		h->nload++;
		if (ph[i].flags & PF_W)
			h->data = &ph[i];
		else
			h->text = &ph[i];
	}
	return h->text && h->data;
}

/* The native word of the file at offset off. */
static uint32_t file_word(const struct hello *h, uint64_t off)
{
	uint32_t v;

	memcpy(&v, h->image + off, 4);
	return v;
}

static bool reads(vaddr_t va, uint32_t want)
{
	uint32_t v = ~want;

	return hat_probe_read(va, &v) == 0 && v == want;
}

static struct region *region_at(struct process *p, vaddr_t va)
{
	unsigned long s = spin_lock_irqsave(&p->lock);
	struct region *r = regionmap_lookup(&p->map, va);

	spin_unlock_irqrestore(&p->lock, s);
	return r;
}

/* The physical address va maps in p after a read fault there. */
static paddr_t frame_of(struct process *p, vaddr_t va)
{
	struct hat_mapping m;

	if (vm_fault(p, va, VM_ACCESS_READ) != 0 || !hat_extract(p->hat, va, &m))
		return (paddr_t)-1;
	return m.pa;
}

/* Run body, then check that every frame and heap object came back.
 * body makes, and destroys, its own processes. */
static void leak_checked(void (*body)(void))
{
	struct mem_snapshot before;
	long frames, objects;

	mem_snapshot(&before);
	body();
	frames = mem_frames_leaked(&before);
	objects = mem_objects_leaked(&before);
	KT_ASSERT(frames == 0, "%ld frame(s) not returned (negative: freed boot-image frames)",
		  frames);
	KT_ASSERT(objects == 0, "%ld kmalloc object(s) not freed", objects);
}

/* ---- the boot-image FR ------------------------------------------------- */

static void bootfr_map(void)
{
	struct process *p = process_create("bootfr");
	struct bootfile f;
	struct fr *fr, *again;
	const uint8_t *img;

	KT_ASSERT(p, "process_create returned NULL");
	vm_set_current(p);
	KT_ASSERT(bootimage_find("test/pattern", &f) == 0 && f.size == 3 * PG,
		  "no 3-page 'test/pattern' in the boot image");
	img = phys_to_kva(f.pa);
	KT_ASSERT_EQ(fr_bootimage_get("no/such/file", &fr), -ENOENT);
	KT_ASSERT_EQ(fr_bootimage_get("test/pattern", &fr), 0);
	KT_ASSERT_EQ(fr_bootimage_get("test/pattern", &again), 0);
	KT_ASSERT(fr == again, "two gets of one file made two FRs");
	KT_ASSERT_EQ(fr->refs, 2);
	fr_bootimage_put(again);
	/* Read-only: no writable Region, no widening to write. */
	KT_ASSERT_EQ(vm_map_file(p, TVA, 3 * PG, HAT_PROT_RW, VM_FIXED, fr, 0), -EACCES);
	KT_ASSERT_EQ(vm_map_file(p, TVA, 3 * PG, HAT_PROT_READ, VM_FIXED, fr, 100), -EINVAL);
	/* One page more than the file: that page faults. */
	KT_ASSERT_EQ(vm_map_file(p, TVA, 4 * PG, HAT_PROT_READ, VM_FIXED, fr, 0), (long)TVA);
	KT_ASSERT_EQ(fr->refs, 2);
	for (vaddr_t off = 0; off < 3 * PG; off += PG / 4) {
		uint32_t want;

		memcpy(&want, img + off + 8, 4);
		KT_ASSERT(reads(TVA + off + 8, want), "offset %#lx does not read the file",
			  (unsigned long)off);
	}
	KT_ASSERT(frame_of(p, TVA + PG) == f.pa + PG, "page 1 is not the image's own frame");
	KT_ASSERT_EQ(vm_fault(p, TVA + 3 * PG, VM_ACCESS_READ), -EFAULT);
	KT_ASSERT_EQ(vm_fault(p, TVA, VM_ACCESS_WRITE), -EACCES);
	KT_ASSERT_EQ(hat_probe_write(TVA, 1), -EFAULT);
	KT_ASSERT_EQ(vm_protect(p, TVA, PG, HAT_PROT_RW), -EACCES);
	KT_ASSERT_EQ(p->map.count, 1);
	KT_ASSERT_EQ(vm_protect(p, TVA + PG, PG, HAT_PROT_READ | HAT_PROT_EXEC), 0);
	KT_ASSERT_EQ(p->map.count, 3);
	KT_ASSERT_EQ(fr->refs, 4);
	KT_ASSERT_EQ(vm_protect(p, TVA + PG, PG, HAT_PROT_READ), 0);
	KT_ASSERT_EQ(p->map.count, 1);
	KT_ASSERT_EQ(region_at(p, TVA)->fcm->ops->resident(region_at(p, TVA)->fcm, 0, 4 * PG), 3);
	/* A file smaller than a page: the rest of its page is the padding. */
	KT_ASSERT_EQ(fr_bootimage_get("motd", &again), 0);
	KT_ASSERT(again != fr, "two files share an FR");
	KT_ASSERT_EQ(vm_map_file(p, TVA + 8 * PG, PG, HAT_PROT_READ, VM_FIXED, again, 0),
		     (long)(TVA + 8 * PG));
	fr_bootimage_put(again);
	KT_ASSERT(bootimage_find("motd", &f) == 0 && f.size < PG, "no short 'motd'");
	KT_ASSERT(reads(TVA + 8 * PG, *(const uint32_t *)phys_to_kva(f.pa)),
		  "'motd' does not read its first word");
	for (vaddr_t off = ROUNDUP(f.size, 4); off < PG; off += 4)
		KT_ASSERT(reads(TVA + 8 * PG + off, 0), "motd's padding at %#lx is not zero",
			  (unsigned long)off);
	KT_ASSERT_EQ(vm_unmap(p, TVA, 4 * PG), 0);
	KT_ASSERT_EQ(fr->refs, 1);
	fr_bootimage_put(fr);
	process_destroy(p);
}

KTEST(kern_bootfr_map)
{
	leak_checked(bootfr_map);
}

/* Two processes map one file: one FR, the same frames. */
static void bootfr_shared(void)
{
	struct process *p = process_create("bootfr-p"), *q = process_create("bootfr-q");
	struct fr *fr;

	KT_ASSERT(p && q, "process_create returned NULL");
	KT_ASSERT_EQ(fr_bootimage_get("test/pattern", &fr), 0);
	KT_ASSERT_EQ(vm_map_file(p, TVA, 3 * PG, HAT_PROT_READ, VM_FIXED, fr, 0), (long)TVA);
	KT_ASSERT_EQ(vm_map_file(q, TVA + 16 * PG, 2 * PG, HAT_PROT_READ, VM_FIXED, fr, PG),
		     (long)(TVA + 16 * PG));
	fr_bootimage_put(fr);		/* the Regions keep it */
	KT_ASSERT(region_at(p, TVA)->fcm == region_at(q, TVA + 16 * PG)->fcm,
		  "two processes mapping one file have two FCMs");
	KT_ASSERT(frame_of(p, TVA + 2 * PG) == frame_of(q, TVA + 17 * PG),
		  "two processes see different frames for one page of a file");
	process_destroy(p);
	KT_ASSERT(frame_of(q, TVA + 16 * PG) != (paddr_t)-1, "the file went with one process");
	process_destroy(q);
}

KTEST(kern_bootfr_shared)
{
	leak_checked(bootfr_shared);
}

/* ---- the ELF loader ---------------------------------------------------- */

static unsigned prot_of(uint32_t flags)
{
	return (flags & 4 ? HAT_PROT_READ : 0) | (flags & 2 ? HAT_PROT_WRITE : 0) |
	       (flags & 1 ? HAT_PROT_EXEC : 0);
}

/* p's Regions are the program headers' PT_LOADs, page-rounded. */
static bool regions_match(struct process *p, const struct hello *h, const char **why)
{
	const struct phdr *ph = (const struct phdr *)(h->image + h->eh->phoff);
	unsigned long walked = 0;

	for (unsigned i = 0; i < h->eh->phnum; i++) {
		vaddr_t at = PAGE_ROUNDDOWN((vaddr_t)ph[i].vaddr);
		vaddr_t end = PAGE_ROUNDUP((vaddr_t)(ph[i].vaddr + ph[i].memsz));
		struct region *r = region_at(p, at);

		if (ph[i].type != PT_LOAD)
			continue;
		*why = "text is not mapped from the boot image, or data is not a "
		       "copy-on-write copy of it";
		if (!r || strcmp(r->fr->ops->kind,
				 ph[i].flags & PF_W ? (ph[i].filesz ? "crw" : "comp") : "bootimage"))
			return false;
		/* Data may be two Regions: the file's pages, then the bss. */
		for (*why = "the Regions' range or protection differs from the segment's";
		     r && r->start == at && at < end; r = region_at(p, at)) {
			if (r->prot != prot_of(ph[i].flags))
				return false;
			at = r->end;
			walked++;
		}
		if (at != end)
			return false;
	}
	*why = "Regions outside the program's segments";
	return walked == p->map.count;
}

static void elf_load_hello(void)
{
	struct process *p = process_create("hello");
	const char *why = "";
	vaddr_t entry = 0, dva, bss_end, text_at;
	struct hello h;

	KT_ASSERT(p, "process_create returned NULL");
	KT_ASSERT(hello_find(&h), "no bin/hello with a text and a data segment in the boot image");
	vm_set_current(p);
	KT_ASSERT_EQ(elf_load(p, "bin/hello", &entry), 0);
	KT_ASSERT(entry == h.eh->entry, "entry %#lx, the header says %#lx", (unsigned long)entry,
		  (unsigned long)h.eh->entry);
	KT_ASSERT(regions_match(p, &h, &why), "%s", why);
	/* The code at the entry point is the file's. */
	text_at = h.text->offset + (entry - h.text->vaddr);
	for (unsigned i = 0; i < 4; i++)
		KT_ASSERT(reads(entry + 4 * i, file_word(&h, text_at + 4 * i)),
			  "word %u at the entry point differs from the file", i);
	/* .data starts with the magic; .bss and the rest of its page read zero. */
	dva = h.data->vaddr;
	KT_ASSERT(file_word(&h, h.data->offset) == HELLO_DATA_MAGIC, "the file's .data is not hello's");
	KT_ASSERT(reads(dva, HELLO_DATA_MAGIC), ".data does not start with the magic");
	KT_ASSERT(h.data->memsz >= h.data->filesz + 4 * HELLO_BSS_WORDS, ".bss is too small");
	bss_end = PAGE_ROUNDUP((vaddr_t)(dva + h.data->memsz));
	for (vaddr_t va = ROUNDUP((vaddr_t)(dva + h.data->filesz), 4); va < bss_end; va += 4)
		KT_ASSERT(reads(va, 0), ".bss at %#lx is not zero", (unsigned long)va);
	/* Data is private and writable; text refuses writes. */
	KT_ASSERT(hat_probe_write(dva, 42) == 0 && reads(dva, 42), "writing .data failed");
	KT_ASSERT(file_word(&h, h.data->offset) == HELLO_DATA_MAGIC, "writing .data changed the file");
	KT_ASSERT_EQ(hat_probe_write(entry, 0), -EFAULT);
	KT_ASSERT_EQ(vm_fault(p, entry, VM_ACCESS_WRITE), -EACCES);
	KT_ASSERT(reads(entry, file_word(&h, text_at)), "a refused write changed the text");
	process_destroy(p);
}

KTEST(kern_elf_load_hello)
{
	leak_checked(elf_load_hello);
}

/* Two processes running one program: one text, two datas. */
static void elf_shared_text(void)
{
	struct process *p = process_create("hello-p"), *q = process_create("hello-q");
	vaddr_t ep, eq;
	struct hello h;
	paddr_t tp;

	KT_ASSERT(p && q, "process_create returned NULL");
	KT_ASSERT(hello_find(&h), "no bin/hello in the boot image");
	KT_ASSERT_EQ(elf_load(p, "bin/hello", &ep), 0);
	KT_ASSERT_EQ(elf_load(q, "bin/hello", &eq), 0);
	tp = frame_of(p, ep);
	KT_ASSERT(tp == frame_of(q, eq), "the two processes' text frames differ");
	KT_ASSERT(tp == h.file.pa + PAGE_ROUNDDOWN(h.text->offset + (ep - h.text->vaddr)),
		  "the text is not the boot image's own frame");
	KT_ASSERT(frame_of(p, h.data->vaddr) != frame_of(q, h.data->vaddr),
		  "the two processes share a data frame");
	KT_ASSERT(region_at(p, ep)->fr == region_at(q, eq)->fr, "one program, two text FRs");
	process_destroy(p);
	process_destroy(q);
}

KTEST(kern_elf_shared_text)
{
	leak_checked(elf_shared_text);
}

/* Corruption i of the copy of bin/hello at buf (size *size): its name, or
 * NULL past the last. */
static const char *corrupt(uint8_t *buf, uint64_t *size, unsigned i)
{
	struct ehdr *eh = (struct ehdr *)buf;
	struct phdr *ph = (struct phdr *)(buf + eh->phoff), *text = NULL, *data = NULL;

	for (unsigned k = 0; k < eh->phnum; k++)
		if (ph[k].type == PT_LOAD && (ph[k].flags & PF_W))
			data = &ph[k];
		else if (ph[k].type == PT_LOAD)
			text = &ph[k];
	switch (i) {
	case 0: buf[1] = 'X'; return "magic";
	case 1: buf[4] = 3; return "class";
	case 2: buf[4] = ELF_NATIVE_64 ? 1 : 2; return "other class";
	case 3: buf[5] = ELF_NATIVE_BIG ? 1 : 2; return "other byte order";
	case 4: eh->machine = 3; return "machine";
	case 5: eh->type = 3; return "type (shared object)";
	case 6: eh->phentsize = 12; return "phentsize";
	case 7: eh->phoff = (elf_addr)*size - 8; return "phoff at the end";
	case 8: eh->phoff = (elf_addr)-16; return "phoff overflowing";
	case 9: eh->phnum = 0xffff; return "phnum";
	case 10: eh->phnum = 0; return "no segments";
	case 11: *size = 20; return "truncated header";
	case 12: *size = text->filesz - 1; return "truncated text";
	case 13: text->offset = (elf_addr)-PAGE_SIZE; return "offset overflowing";
	case 14: data->filesz = data->memsz + 1; return "filesz > memsz";
	case 15: data->vaddr += 8; return "offset and vaddr not congruent";
	case 16: text->vaddr = text->offset; return "below the user range";
	case 17: data->memsz = (elf_addr)-(data->vaddr & ~(elf_addr)PAGE_MASK);
		return "memsz to the top of the address space";
	case 18: data->vaddr = text->vaddr + PAGE_SIZE * (data->offset / PAGE_SIZE) - PAGE_SIZE;
		data->vaddr += data->offset % PAGE_SIZE; return "segments sharing a page";
	case 19: data->type = PT_INTERP; return "interpreter";
	case 20: eh->entry = data->vaddr; return "entry in data";
	case 21: eh->entry = 0; return "entry nowhere";
	default: return NULL;
	}
}

static void elf_malformed(void)
{
	struct process *p = process_create("bad");
	struct elf_info info;
	const char *what;
	struct page *pg;
	struct hello h;
	vaddr_t entry;
	unsigned n;
	uint8_t *buf;

	KT_ASSERT(p, "process_create returned NULL");
	KT_ASSERT(hello_find(&h), "no bin/hello in the boot image");
	/* Not an ELF file, no such file, and an occupied address range. */
	KT_ASSERT_EQ(elf_load(p, "motd", &entry), -ENOEXEC);
	KT_ASSERT_EQ(elf_load(p, "no/such/program", &entry), -ENOENT);
	KT_ASSERT_EQ(p->map.count, 0);
	KT_ASSERT_EQ(vm_map_anon(p, PAGE_ROUNDDOWN((vaddr_t)h.data->vaddr), PG, 0, HAT_PROT_RW,
				 VM_FIXED), (long)PAGE_ROUNDDOWN((vaddr_t)h.data->vaddr));
	KT_ASSERT_EQ(elf_load(p, "bin/hello", &entry), -EEXIST);
	KT_ASSERT(p->map.count == 1, "a failed load left %lu Region(s)", p->map.count - 1);
	process_destroy(p);
	/* Copies of bin/hello, one field broken each (too big for kmalloc). */
	n = (unsigned)((h.file.size + PAGE_MASK) >> PAGE_SHIFT);
	pg = frame_alloc_contig(n, 0);
	KT_ASSERT(pg, "no %u contiguous frames for a copy of bin/hello", n);
	buf = phys_to_kva(page_to_pa(pg));
	memcpy(buf, h.image, h.file.size);
	if (elf_check(buf, h.file.size, "copy", &info) != 0) {
		frame_free_contig(pg, n);
		KT_ASSERT(false, "an intact copy of bin/hello was refused");
	}
	for (unsigned i = 0;; i++) {
		uint64_t size = h.file.size;
		int e;

		memcpy(buf, h.image, h.file.size);
		what = corrupt(buf, &size, i);
		if (!what)
			break;
		e = elf_check(buf, size, what, &info);
		if (e != -ENOEXEC) {
			frame_free_contig(pg, n);
			KT_ASSERT(false, "corruption %u (%s): elf_check returned %d", i, what, e);
		}
	}
	frame_free_contig(pg, n);
}

KTEST(kern_elf_malformed)
{
	leak_checked(elf_malformed);
}
