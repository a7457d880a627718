/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Validation of x86-64 ELF executables before anything is mapped: ET_EXEC
 * and ET_DYN (PIE), static or naming a program interpreter (PT_INTERP,
 * the dynamic linker), and the interpreter itself, which is as untrusted
 * as the program.  elf_parse() reads only the file bytes, checks every
 * header field and program header against the file and the user address
 * range, and describes what a loader must map.  A malformed or
 * unsupported file is refused with -ENOEXEC and a reason.
 */
#ifndef LIB_ELF_H
#define LIB_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_LOADS	16
#define ELF_USER_TOP	0x0000800000000000UL	/* end of the lower half */
#define ELF_INTERP_MAX	4096	/* PT_INTERP bytes, NUL included (PATH_MAX) */

struct elf_load {
	uint64_t	el_vaddr;	/* as in the file (before any bias) */
	uint64_t	el_memsz;
	uint64_t	el_offset;
	uint64_t	el_filesz;
	uint32_t	el_prot;	/* ELF_PROT_* */
};

#define ELF_PROT_R	1
#define ELF_PROT_W	2
#define ELF_PROT_X	4

struct elf_image {
	bool		ei_pie;		/* ET_DYN: may be placed anywhere */
	uint64_t	ei_entry;	/* as in the file */
	uint64_t	ei_phdr_vaddr;	/* where the program headers are
					 * mapped (AT_PHDR), 0 if not */
	uint16_t	ei_phnum;
	uint64_t	ei_lo, ei_hi;	/* page-aligned span of the loads */
	bool		ei_exec_stack;	/* PT_GNU_STACK asks for PF_X */
	bool		ei_has_tls;
	uint64_t	ei_interp_off;	/* PT_INTERP: the path's bytes in the */
	uint64_t	ei_interp_len;	/* file, NUL included; 0: static */
	struct elf_load	ei_loads[ELF_MAX_LOADS];
	unsigned int	ei_nloads;
};

/*
 * Validate the ELF file [buf, buf+len).  Returns 0 and fills img, or
 * -ENOEXEC with a reason in *why (static string).
 */
int	elf_parse(const void *buf, size_t len, struct elf_image *img,
	    const char **why);

/*
 * elf_parse in two steps, for a file not in memory whole (exec reads its
 * first page): head holds the file's first hlen bytes and len is the
 * file's length.  elf_phdrs checks the ELF header and says where the
 * program headers are (*size bytes at *off, inside the file);
 * elf_parse_phdrs checks them (phdrs: those bytes) and fills img.  The
 * same refusals as elf_parse.
 */
int	elf_phdrs(const void *head, size_t hlen, uint64_t len, uint64_t *off,
	    size_t *size, const char **why);
int	elf_parse_phdrs(const void *head, const void *phdrs, uint64_t len,
	    struct elf_image *img, const char **why);

/*
 * Check the PT_INTERP bytes [path, path + len) read from the file
 * (img->ei_interp_len of them): one NUL, at the end, after a non-empty
 * path.  0 or -ENOEXEC with a reason.
 */
int	elf_interp_path(const char *path, uint64_t len, const char **why);

/*
 * Check that img, parsed from the file a program named as its
 * interpreter, can serve as one: it must not ask for an interpreter
 * itself.  0 or -ENOEXEC with a reason.
 */
int	elf_interp_ok(const struct elf_image *img, const char **why);

/*
 * The function symbol of an ELF file (its .symtab) that holds addr: its
 * name (inside buf) and addr's offset into it.  -ENOENT when there is no
 * symbol table or no function there.  Every offset is checked.
 */
int	elf_symbol(const void *buf, size_t len, uint64_t addr, const char **name,
	    uint64_t *off);

#endif /* LIB_ELF_H */
