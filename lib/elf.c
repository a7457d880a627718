/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * ELF executable validation (see elf.h).  The structures are the ELF-64
 * object file format's; we define only the fields we read.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/elf.h>
#include <lib/errno.h>
#include <lib/string.h>

#define ELF_PAGE	4096UL

struct elf_ehdr {
	uint8_t		e_ident[16];
	uint16_t	e_type;
	uint16_t	e_machine;
	uint32_t	e_version;
	uint64_t	e_entry;
	uint64_t	e_phoff;
	uint64_t	e_shoff;
	uint32_t	e_flags;
	uint16_t	e_ehsize;
	uint16_t	e_phentsize;
	uint16_t	e_phnum;
	uint16_t	e_shentsize;
	uint16_t	e_shnum;
	uint16_t	e_shstrndx;
};
_Static_assert(sizeof(struct elf_ehdr) == 64, "ELF-64 header");

struct elf_phdr {
	uint32_t	p_type;
	uint32_t	p_flags;
	uint64_t	p_offset;
	uint64_t	p_vaddr;
	uint64_t	p_paddr;
	uint64_t	p_filesz;
	uint64_t	p_memsz;
	uint64_t	p_align;
};
_Static_assert(sizeof(struct elf_phdr) == 56, "ELF-64 program header");

#define ET_EXEC		2
#define ET_DYN		3
#define EM_X86_64	62
#define PT_LOAD		1
#define PT_INTERP	3
#define PT_PHDR		6
#define PT_TLS		7
#define PT_GNU_STACK	0x6474e551
#define PF_X		1
#define PF_W		2
#define PF_R		4
#define ELF_MAX_PHNUM	128

static int
elf_refuse(const char **why, const char *reason)
{
	*why = reason;
	return -ENOEXEC;
}

int
elf_phdrs(const void *head, size_t hlen, uint64_t len, uint64_t *off,
    size_t *size, const char **why)
{
	struct elf_ehdr eh;

	if (len < sizeof(eh) || hlen < sizeof(eh))
		return elf_refuse(why, "file shorter than an ELF header");
	memcpy(&eh, head, sizeof(eh));
	if (memcmp(eh.e_ident, "\177ELF", 4) != 0)
		return elf_refuse(why, "not an ELF file");
	if (eh.e_ident[4] != 2 || eh.e_ident[5] != 1 || eh.e_ident[6] != 1)
		return elf_refuse(why, "not a 64-bit little-endian ELF");
	if (eh.e_machine != EM_X86_64)
		return elf_refuse(why, "not an x86-64 program");
	if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN)
		return elf_refuse(why, "not an executable (ET_EXEC/ET_DYN)");
	if (eh.e_phentsize != sizeof(struct elf_phdr) || eh.e_phnum == 0 ||
	    eh.e_phnum > ELF_MAX_PHNUM)
		return elf_refuse(why, "bad program header size or count");
	if (eh.e_phoff > len ||
	    (uint64_t)eh.e_phnum * sizeof(struct elf_phdr) > len - eh.e_phoff)
		return elf_refuse(why, "program headers run past the file");
	*off = eh.e_phoff;
	*size = eh.e_phnum * sizeof(struct elf_phdr);
	return 0;
}

int
elf_parse_phdrs(const void *head, const void *phdrs, uint64_t len,
    struct elf_image *img, const char **why)
{
	struct elf_ehdr eh;
	uint64_t prev_end = 0;
	bool entry_ok = false;

	memset(img, 0, sizeof(*img));
	memcpy(&eh, head, sizeof(eh));
	img->ei_pie = eh.e_type == ET_DYN;
	img->ei_entry = eh.e_entry;
	img->ei_phnum = eh.e_phnum;

	for (unsigned int i = 0; i < eh.e_phnum; i++) {
		struct elf_phdr ph;
		struct elf_load *l;

		memcpy(&ph, (const uint8_t *)phdrs + i * sizeof(ph), sizeof(ph));
		switch (ph.p_type) {
		case PT_INTERP:
			if (img->ei_interp_len != 0)
				return elf_refuse(why, "more than one PT_INTERP");
			if (ph.p_filesz < 2 || ph.p_filesz > ELF_INTERP_MAX)
				return elf_refuse(why, "PT_INTERP path empty or "
				    "longer than PATH_MAX");
			if (ph.p_offset > len || ph.p_filesz > len - ph.p_offset)
				return elf_refuse(why, "PT_INTERP runs past the file");
			img->ei_interp_off = ph.p_offset;
			img->ei_interp_len = ph.p_filesz;
			continue;
		case PT_PHDR:
			img->ei_phdr_vaddr = ph.p_vaddr;
			continue;
		case PT_TLS:
			img->ei_has_tls = true;
			continue;
		case PT_GNU_STACK:
			img->ei_exec_stack = (ph.p_flags & PF_X) != 0;
			continue;
		case PT_LOAD:
			break;
		default:
			continue;
		}
		if (img->ei_nloads == ELF_MAX_LOADS)
			return elf_refuse(why, "too many PT_LOAD segments");
		if (ph.p_filesz > ph.p_memsz)
			return elf_refuse(why, "segment file size exceeds memory size");
		if (ph.p_offset > len || ph.p_filesz > len - ph.p_offset)
			return elf_refuse(why, "segment data runs past the file");
		if (ph.p_memsz == 0)
			continue;
		if (ph.p_vaddr >= ELF_USER_TOP || ph.p_memsz > ELF_USER_TOP ||
		    ph.p_vaddr + ph.p_memsz > ELF_USER_TOP)
			return elf_refuse(why, "segment outside the user address range");
		if (ph.p_align > 1 && ((ph.p_align & (ph.p_align - 1)) != 0 ||
		    (ph.p_vaddr - ph.p_offset) % ph.p_align != 0))
			return elf_refuse(why, "segment misaligned against its file offset");
		if ((ph.p_vaddr - ph.p_offset) % ELF_PAGE != 0)
			return elf_refuse(why, "segment offset and address differ within a page");
		if (ph.p_vaddr < prev_end)
			return elf_refuse(why, "PT_LOAD segments overlap or are unsorted");
		prev_end = ph.p_vaddr + ph.p_memsz;
		l = &img->ei_loads[img->ei_nloads++];
		l->el_vaddr = ph.p_vaddr;
		l->el_memsz = ph.p_memsz;
		l->el_offset = ph.p_offset;
		l->el_filesz = ph.p_filesz;
		l->el_prot = ((ph.p_flags & PF_R) ? ELF_PROT_R : 0) |
		    ((ph.p_flags & PF_W) ? ELF_PROT_W : 0) |
		    ((ph.p_flags & PF_X) ? ELF_PROT_X : 0);
		if ((ph.p_flags & PF_X) && eh.e_entry >= ph.p_vaddr &&
		    eh.e_entry - ph.p_vaddr < ph.p_memsz)
			entry_ok = true;
		/* AT_PHDR without PT_PHDR: the headers inside a segment. */
		if (img->ei_phdr_vaddr == 0 && eh.e_phoff >= ph.p_offset &&
		    eh.e_phoff - ph.p_offset < ph.p_filesz)
			img->ei_phdr_vaddr = ph.p_vaddr + (eh.e_phoff - ph.p_offset);
	}
	if (img->ei_nloads == 0)
		return elf_refuse(why, "no loadable segment");
	if (!entry_ok)
		return elf_refuse(why, "entry point is not in an executable segment");
	img->ei_lo = img->ei_loads[0].el_vaddr & ~(ELF_PAGE - 1);
	img->ei_hi = (prev_end + ELF_PAGE - 1) & ~(ELF_PAGE - 1);
	if (!img->ei_pie && img->ei_lo < 0x10000)
		return elf_refuse(why, "fixed-address program maps below 64 KiB");
	return 0;
}

int
elf_interp_path(const char *path, uint64_t len, const char **why)
{
	if (len < 2 || len > ELF_INTERP_MAX)
		return elf_refuse(why, "PT_INTERP path empty or longer than "
		    "PATH_MAX");
	if (path[len - 1] != '\0')
		return elf_refuse(why, "PT_INTERP path is not NUL-terminated");
	if (memchr(path, '\0', len - 1) != NULL)
		return elf_refuse(why, "PT_INTERP path has a NUL inside");
	return 0;
}

int
elf_interp_ok(const struct elf_image *img, const char **why)
{
	if (img->ei_interp_len != 0)
		return elf_refuse(why, "the interpreter has an interpreter "
		    "(PT_INTERP) itself");
	return 0;
}

int
elf_parse(const void *buf, size_t len, struct elf_image *img, const char **why)
{
	uint64_t off;
	size_t size;
	int error;

	memset(img, 0, sizeof(*img));
	if ((error = elf_phdrs(buf, len, len, &off, &size, why)) != 0 ||
	    (error = elf_parse_phdrs(buf, (const uint8_t *)buf + off, len, img,
	    why)) != 0)
		return error;
	if (img->ei_interp_len != 0)
		return elf_interp_path((const char *)buf + img->ei_interp_off,
		    img->ei_interp_len, why);
	return 0;
}

struct elf_shdr {
	uint32_t	sh_name;
	uint32_t	sh_type;
	uint64_t	sh_flags;
	uint64_t	sh_addr;
	uint64_t	sh_offset;
	uint64_t	sh_size;
	uint32_t	sh_link;
	uint32_t	sh_info;
	uint64_t	sh_addralign;
	uint64_t	sh_entsize;
};
_Static_assert(sizeof(struct elf_shdr) == 64, "ELF-64 section header");

struct elf_sym {
	uint32_t	st_name;
	uint8_t		st_info;
	uint8_t		st_other;
	uint16_t	st_shndx;
	uint64_t	st_value;
	uint64_t	st_size;
};
_Static_assert(sizeof(struct elf_sym) == 24, "ELF-64 symbol");

#define SHT_SYMTAB	2
#define STT_FUNC	2

static bool
elf_in(size_t len, uint64_t off, uint64_t size)
{
	return off <= len && size <= len - off;
}

int
elf_symbol(const void *buf, size_t len, uint64_t addr, const char **name,
    uint64_t *off)
{
	const uint8_t *b = buf;
	const struct elf_ehdr *eh = buf;
	uint64_t best = 0;

	*name = NULL;
	if (len < sizeof(*eh) || memcmp(eh->e_ident, "\177ELF", 4) != 0 ||
	    eh->e_shentsize != sizeof(struct elf_shdr) ||
	    !elf_in(len, eh->e_shoff, (uint64_t)eh->e_shnum *
	    sizeof(struct elf_shdr)))
		return -ENOENT;
	for (unsigned int i = 0; i < eh->e_shnum; i++) {
		struct elf_shdr sh, str;

		memcpy(&sh, b + eh->e_shoff + i * sizeof(sh), sizeof(sh));
		if (sh.sh_type != SHT_SYMTAB || sh.sh_link >= eh->e_shnum ||
		    !elf_in(len, sh.sh_offset, sh.sh_size))
			continue;
		memcpy(&str, b + eh->e_shoff + sh.sh_link * sizeof(str),
		    sizeof(str));
		if (!elf_in(len, str.sh_offset, str.sh_size) || str.sh_size == 0)
			continue;
		for (uint64_t o = 0; o + sizeof(struct elf_sym) <= sh.sh_size;
		    o += sizeof(struct elf_sym)) {
			struct elf_sym s;

			memcpy(&s, b + sh.sh_offset + o, sizeof(s));
			if ((s.st_info & 0xf) != STT_FUNC || s.st_value > addr ||
			    s.st_value < best || s.st_name >= str.sh_size ||
			    (s.st_size != 0 && addr >= s.st_value + s.st_size))
				continue;
			/* The name must end inside the string table. */
			if (memchr(b + str.sh_offset + s.st_name, '\0',
			    str.sh_size - s.st_name) == NULL)
				continue;
			best = s.st_value;
			*name = (const char *)b + str.sh_offset + s.st_name;
		}
	}
	if (*name == NULL)
		return -ENOENT;
	*off = addr - best;
	return 0;
}
