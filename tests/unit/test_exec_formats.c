/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Host tests of the initramfs (cpio newc) reader and the ELF validator,
 * on real files (Debian's busybox-static) and on corrupted variants.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <lib/cpio.h>
#include <lib/elf.h>
#include <lib/errno.h>

#include "ut.h"

static size_t
ut_cpio_add(uint8_t *out, size_t off, const char *name, uint32_t mode,
    const char *data)
{
	size_t nl = strlen(name) + 1, dl = data ? strlen(data) : 0;

	off += sprintf((char *)out + off, "070701%08x%08x%08x%08x%08x%08x%08zx"
	    "%08x%08x%08x%08x%08zx%08x", 1u, mode, 0u, 0u, 1u, 0u, dl, 0u, 0u,
	    0u, 0u, nl, 0u);
	memcpy(out + off, name, nl);
	off = (off + nl + 3) & ~3ul;
	memcpy(out + off, data ? data : "", dl);
	return (off + dl + 3) & ~3ul;
}

static uint8_t ut_arc[4096];

static size_t
ut_cpio_build(void)
{
	size_t n = 0;

	memset(ut_arc, 0, sizeof(ut_arc));
	n = ut_cpio_add(ut_arc, n, "bin", 040755, NULL);
	n = ut_cpio_add(ut_arc, n, "bin/hello", 0100755, "hello, world\n");
	n = ut_cpio_add(ut_arc, n, "init", 0120777, "bin/hello");
	n = ut_cpio_add(ut_arc, n, "TRAILER!!!", 0, NULL);
	return n;
}

UT_TEST(cpio_good)
{
	struct cpio_entry e;
	const char *why = NULL;
	size_t off = 0, len = ut_cpio_build();

	UT_ASSERT_EQ(cpio_next(ut_arc, len, &off, &e, &why), 1);
	UT_ASSERT_STR(e.ce_name, "bin");
	UT_ASSERT_EQ(e.ce_mode, 040755);
	UT_ASSERT_EQ(cpio_next(ut_arc, len, &off, &e, &why), 1);
	UT_ASSERT_STR(e.ce_name, "bin/hello");
	UT_ASSERT_EQ(e.ce_size, 13);
	UT_ASSERT(memcmp(e.ce_data, "hello, world\n", 13) == 0);
	UT_ASSERT_EQ(cpio_next(ut_arc, len, &off, &e, &why), 1);
	UT_ASSERT_EQ(e.ce_mode & 0170000, 0120000);
	UT_ASSERT_EQ(cpio_next(ut_arc, len, &off, &e, &why), 0);
	UT_ASSERT_EQ(off, len);
}

UT_TEST(cpio_corrupt)
{
	struct cpio_entry e;
	const char *why;
	size_t off, len;

	/* Every truncation short of the trailer is refused, never read past. */
	len = ut_cpio_build();
	for (size_t cut = 0; cut + 4 < len; cut++) {
		int rc;

		off = 0;
		while ((rc = cpio_next(ut_arc, cut, &off, &e, &why)) == 1)
			;
		UT_ASSERT_EQ(rc, -EINVAL);
	}
	len = ut_cpio_build();
	ut_arc[0] = 'X';
	off = 0;
	UT_ASSERT_EQ(cpio_next(ut_arc, len, &off, &e, &why), -EINVAL);
	UT_ASSERT(strstr(why, "magic") != NULL);
	len = ut_cpio_build();
	ut_arc[6 + 8 * 6 + 3] = 'g';		/* filesize not hex */
	off = 0;
	UT_ASSERT_EQ(cpio_next(ut_arc, len, &off, &e, &why), -EINVAL);
	len = ut_cpio_build();
	memcpy(ut_arc + 6 + 8 * 6, "7fffffff", 8);	/* huge filesize */
	off = 0;
	UT_ASSERT_EQ(cpio_next(ut_arc, len, &off, &e, &why), -EINVAL);
	len = ut_cpio_build();
	memcpy(ut_arc + 6 + 8 * 11, "00000001", 8);	/* namesize 1 */
	off = 0;
	UT_ASSERT_EQ(cpio_next(ut_arc, len, &off, &e, &why), -EINVAL);
	len = ut_cpio_build();
	ut_arc[110 + 3] = 'x';			/* name's NUL overwritten */
	off = 0;
	UT_ASSERT_EQ(cpio_next(ut_arc, len, &off, &e, &why), -EINVAL);
	off = len + 100;			/* offset past the end */
	UT_ASSERT_EQ(cpio_next(ut_arc, len, &off, &e, &why), -EINVAL);
}

static uint8_t *
ut_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n);
	if (fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

UT_TEST(elf_busybox_static)
{
	struct elf_image img;
	const char *why = "";
	size_t len;
	uint8_t *bb = ut_read_file("/bin/busybox", &len);

	UT_ASSERT(bb != NULL);	/* busybox-static is a build dependency */
	UT_ASSERT_EQ(elf_parse(bb, len, &img, &why), 0);
	UT_ASSERT(!img.ei_pie);
	UT_ASSERT(img.ei_nloads >= 2);
	UT_ASSERT(img.ei_entry >= img.ei_lo && img.ei_entry < img.ei_hi);
	UT_ASSERT(img.ei_phdr_vaddr != 0);
	UT_ASSERT(img.ei_has_tls);
	UT_ASSERT(!img.ei_exec_stack);
	free(bb);
}

/* A minimal valid static ELF: header, one R+X load at 0x400000. */
static uint8_t ut_elf[8192];

static void
ut_elf_build(void)
{
	uint8_t *e = ut_elf;
	uint64_t v;
	uint32_t w;
	uint16_t h;

	memset(ut_elf, 0, sizeof(ut_elf));
	memcpy(e, "\177ELF\2\1\1", 7);
	h = 2; memcpy(e + 16, &h, 2);		/* ET_EXEC */
	h = 62; memcpy(e + 18, &h, 2);		/* EM_X86_64 */
	w = 1; memcpy(e + 20, &w, 4);
	v = 0x401000; memcpy(e + 24, &v, 8);	/* entry */
	v = 64; memcpy(e + 32, &v, 8);		/* phoff */
	h = 64; memcpy(e + 52, &h, 2);
	h = 56; memcpy(e + 54, &h, 2);
	h = 1; memcpy(e + 56, &h, 2);		/* phnum */
	w = 1; memcpy(e + 64, &w, 4);		/* PT_LOAD */
	w = 5; memcpy(e + 68, &w, 4);		/* R+X */
	v = 0; memcpy(e + 72, &v, 8);		/* offset */
	v = 0x400000; memcpy(e + 80, &v, 8);	/* vaddr */
	v = 0x2000; memcpy(e + 96, &v, 8);	/* filesz */
	v = 0x3000; memcpy(e + 104, &v, 8);	/* memsz */
	v = 0x1000; memcpy(e + 112, &v, 8);	/* align */
}

#define UT_ELF_SET(off, type, val) do {					\
	type v_ = (val);						\
	memcpy(ut_elf + (off), &v_, sizeof(v_));			\
} while (0)

UT_TEST(elf_hostile)
{
	struct elf_image img;
	const char *why;

	ut_elf_build();
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), 0);
	UT_ASSERT_EQ(img.ei_phdr_vaddr, 0x400040);
	UT_ASSERT_EQ(elf_parse(ut_elf, 10, &img, &why), -ENOEXEC);
	ut_elf_build(); ut_elf[1] = 'X';
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	ut_elf_build(); ut_elf[4] = 1;			/* 32-bit */
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	ut_elf_build(); UT_ELF_SET(18, uint16_t, 3);	/* i386 */
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	ut_elf_build(); UT_ELF_SET(16, uint16_t, 1);	/* ET_REL */
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	ut_elf_build(); UT_ELF_SET(56, uint16_t, 60000);	/* phnum */
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	ut_elf_build(); UT_ELF_SET(32, uint64_t, ~0ULL - 8);	/* phoff */
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	ut_elf_build(); UT_ELF_SET(96, uint64_t, 0x4000);	/* filesz > memsz */
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	ut_elf_build(); UT_ELF_SET(72, uint64_t, 0x10000);	/* data past EOF */
	UT_ELF_SET(80, uint64_t, 0x410000);
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	ut_elf_build(); UT_ELF_SET(80, uint64_t, 0xffff800000000000ULL);
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	UT_ASSERT(strstr(why, "user address") != NULL);
	ut_elf_build(); UT_ELF_SET(104, uint64_t, ~0ULL);	/* memsz wraps */
	UT_ELF_SET(96, uint64_t, 0x1000);
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	ut_elf_build(); UT_ELF_SET(80, uint64_t, 0x400800);	/* misaligned */
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	ut_elf_build(); UT_ELF_SET(24, uint64_t, 0x900000);	/* entry outside */
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	ut_elf_build(); UT_ELF_SET(68, uint32_t, 6);		/* RW, no X */
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	ut_elf_build(); UT_ELF_SET(80, uint64_t, 0x0);		/* page zero */
	UT_ELF_SET(24, uint64_t, 0x1000);
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	/* Every truncation of the valid file is refused, never read past. */
	ut_elf_build();
	for (size_t cut = 0; cut < 0x2000; cut += 7)
		UT_ASSERT_EQ(elf_parse(ut_elf, cut, &img, &why), -ENOEXEC);
}

/*
 * The minimal ELF with a second program header: PT_INTERP naming
 * "/lib/ld.so" at file offset 0x200 (inside the R+X load).
 */
static const char ut_interp[] = "/lib/ld.so";

static void
ut_elf_build_dyn(void)
{
	ut_elf_build();
	UT_ELF_SET(56, uint16_t, 2);			/* phnum */
	/* PT_INTERP first, as linkers put it; then the load. */
	memcpy(ut_elf + 64 + 56, ut_elf + 64, 56);
	memset(ut_elf + 64, 0, 56);
	UT_ELF_SET(64, uint32_t, 3);			/* PT_INTERP */
	UT_ELF_SET(68, uint32_t, 4);
	UT_ELF_SET(72, uint64_t, 0x200);		/* offset */
	UT_ELF_SET(80, uint64_t, 0x400200);
	UT_ELF_SET(96, uint64_t, sizeof(ut_interp));	/* filesz */
	UT_ELF_SET(104, uint64_t, sizeof(ut_interp));
	UT_ELF_SET(112, uint64_t, 1);
	memcpy(ut_elf + 0x200, ut_interp, sizeof(ut_interp));
}

UT_TEST(elf_interp_hostile)
{
	struct elf_image img;
	const char *why = "";

	ut_elf_build_dyn();
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), 0);
	UT_ASSERT_EQ(img.ei_interp_off, 0x200);
	UT_ASSERT_EQ(img.ei_interp_len, sizeof(ut_interp));
	UT_ASSERT_EQ(img.ei_nloads, 1);
	/* Such a program cannot be an interpreter; a static one can. */
	UT_ASSERT_EQ(elf_interp_ok(&img, &why), -ENOEXEC);
	UT_ASSERT(strstr(why, "interpreter") != NULL);
	ut_elf_build();
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), 0);
	UT_ASSERT_EQ(img.ei_interp_len, 0);
	UT_ASSERT_EQ(elf_interp_ok(&img, &why), 0);

	/* Not NUL-terminated. */
	ut_elf_build_dyn(); ut_elf[0x200 + sizeof(ut_interp) - 1] = 'x';
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	UT_ASSERT(strstr(why, "NUL-terminated") != NULL);
	/* A NUL inside: the path would not be what the header says. */
	ut_elf_build_dyn(); ut_elf[0x203] = '\0';
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	/* Empty, and longer than PATH_MAX. */
	ut_elf_build_dyn(); UT_ELF_SET(64 + 32, uint64_t, 1);
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	ut_elf_build_dyn(); UT_ELF_SET(64 + 32, uint64_t, 0);
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	ut_elf_build_dyn(); UT_ELF_SET(64 + 32, uint64_t, 4097);
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	UT_ASSERT(strstr(why, "PATH_MAX") != NULL);
	/* Pointing outside the file, and wrapping around. */
	ut_elf_build_dyn(); UT_ELF_SET(64 + 8, uint64_t, sizeof(ut_elf) - 4);
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	UT_ASSERT(strstr(why, "past the file") != NULL);
	ut_elf_build_dyn(); UT_ELF_SET(64 + 8, uint64_t, ~0ULL - 4);
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	/* Two of them. */
	ut_elf_build_dyn(); UT_ELF_SET(56, uint16_t, 3);
	memcpy(ut_elf + 64 + 112, ut_elf + 64, 56);
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	UT_ASSERT(strstr(why, "more than one") != NULL);
	/* The path alone, as exec checks what it read. */
	UT_ASSERT_EQ(elf_interp_path("/a", 3, &why), 0);
	UT_ASSERT_EQ(elf_interp_path("/ab", 3, &why), -ENOEXEC);
	UT_ASSERT_EQ(elf_interp_path("\0a", 3, &why), -ENOEXEC);
	UT_ASSERT_EQ(elf_interp_path("", 1, &why), -ENOEXEC);
	/* Every truncation of the valid file is refused, never read past. */
	ut_elf_build_dyn();
	for (size_t cut = 0; cut < 0x2000; cut += 5)
		UT_ASSERT_EQ(elf_parse(ut_elf, cut, &img, &why), -ENOEXEC);
}

/* Loads that overlap, a huge p_memsz, p_offset/p_vaddr not congruent. */
UT_TEST(elf_loads_hostile)
{
	struct elf_image img;
	const char *why = "";

	/* A second load at 0x401000 overlapping the first's memsz. */
	ut_elf_build(); UT_ELF_SET(56, uint16_t, 2);
	memcpy(ut_elf + 64 + 56, ut_elf + 64, 56);
	UT_ELF_SET(64 + 56 + 16, uint64_t, 0x401000);
	UT_ELF_SET(64 + 56 + 8, uint64_t, 0x1000);
	UT_ELF_SET(64 + 56 + 32, uint64_t, 0x1000);
	UT_ELF_SET(64 + 56 + 40, uint64_t, 0x1000);
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	UT_ASSERT(strstr(why, "overlap") != NULL);
	/* Moved past the first's end: fine. */
	UT_ELF_SET(64 + 56 + 16, uint64_t, 0x403000);
	UT_ELF_SET(64 + 56 + 8, uint64_t, 0x0);
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), 0);
	UT_ASSERT_EQ(img.ei_nloads, 2);
	UT_ASSERT_EQ(img.ei_hi, 0x404000);
	/* A memsz reaching past the user half, for PIE and fixed alike. */
	ut_elf_build(); UT_ELF_SET(104, uint64_t, 0x0000800000000000ULL);
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	ut_elf_build(); UT_ELF_SET(16, uint16_t, 3);
	UT_ELF_SET(104, uint64_t, 0x00007ffffffff000ULL);
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	/* p_vaddr and p_offset differ within the page (p_align 1 too). */
	ut_elf_build(); UT_ELF_SET(72, uint64_t, 0x10);
	UT_ELF_SET(96, uint64_t, 0x1000);
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	ut_elf_build(); UT_ELF_SET(72, uint64_t, 0x10);
	UT_ELF_SET(96, uint64_t, 0x1000); UT_ELF_SET(112, uint64_t, 1);
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
	/* p_align not a power of two. */
	ut_elf_build(); UT_ELF_SET(112, uint64_t, 0x3000);
	UT_ASSERT_EQ(elf_parse(ut_elf, sizeof(ut_elf), &img, &why), -ENOEXEC);
}

/* The host's own dynamic programs: PIE with an interpreter, and ld.so. */
UT_TEST(elf_host_dynamic)
{
	struct elf_image img;
	const char *why = "";
	size_t len;
	uint8_t *f = ut_read_file("/usr/bin/sort", &len);

	UT_ASSERT(f != NULL);
	UT_ASSERT_EQ(elf_parse(f, len, &img, &why), 0);
	UT_ASSERT(img.ei_pie);
	UT_ASSERT(img.ei_interp_len > 1);
	UT_ASSERT(strcmp((char *)f + img.ei_interp_off,
	    "/lib64/ld-linux-x86-64.so.2") == 0);
	free(f);
	f = ut_read_file("/lib64/ld-linux-x86-64.so.2", &len);
	UT_ASSERT(f != NULL);
	UT_ASSERT_EQ(elf_parse(f, len, &img, &why), 0);
	UT_ASSERT(img.ei_pie);
	UT_ASSERT_EQ(elf_interp_ok(&img, &why), 0);
	free(f);
}

/* A minimal ELF with three function symbols, for elf_symbol. */
static size_t
ut_elf_syms(uint8_t *b, size_t cap)
{
	struct { uint32_t name, type; uint64_t flags, addr, off, size;
	    uint32_t link, info; uint64_t align, entsize; } sh[3];
	struct { uint32_t name; uint8_t info, other; uint16_t shndx;
	    uint64_t value, size; } sym[4];
	static const char str[] = "\0start\0middle\0last";
	size_t off = 64;

	memset(b, 0, cap);
	memcpy(b, "\177ELF\2\1\1", 7);
	memset(sym, 0, sizeof(sym));
	sym[1] = (typeof(sym[0])){ 1, 2, 0, 1, 0x401000, 0x20 };
	sym[2] = (typeof(sym[0])){ 7, 2, 0, 1, 0x401100, 0 };
	sym[3] = (typeof(sym[0])){ 14, 1, 0, 1, 0x401180, 8 };	/* object */
	memcpy(b + off, sym, sizeof(sym));
	memcpy(b + off + sizeof(sym), str, sizeof(str));
	memset(sh, 0, sizeof(sh));
	sh[1].type = 2;		/* SHT_SYMTAB */
	sh[1].off = off;
	sh[1].size = sizeof(sym);
	sh[1].link = 2;
	sh[2].type = 3;		/* SHT_STRTAB */
	sh[2].off = off + sizeof(sym);
	sh[2].size = sizeof(str);
	off += sizeof(sym) + sizeof(str);
	off = (off + 7) & ~7ul;
	memcpy(b + off, sh, sizeof(sh));
	*(uint64_t *)(b + 0x28) = off;			/* e_shoff */
	*(uint16_t *)(b + 0x3a) = 64;			/* e_shentsize */
	*(uint16_t *)(b + 0x3c) = 3;			/* e_shnum */
	return off + sizeof(sh);
}

UT_TEST(elf_symbol_lookup)
{
	static uint8_t b[1024];
	size_t n = ut_elf_syms(b, sizeof(b));
	const char *name;
	uint64_t off;

	UT_ASSERT_EQ(elf_symbol(b, n, 0x401010, &name, &off), 0);
	UT_ASSERT_STR(name, "start");
	UT_ASSERT_EQ(off, 0x10);
	/* Past start's size, before middle: no function holds it. */
	UT_ASSERT_EQ(elf_symbol(b, n, 0x401050, &name, &off), -ENOENT);
	/* middle has no size: it runs on to the next address asked. */
	UT_ASSERT_EQ(elf_symbol(b, n, 0x401190, &name, &off), 0);
	UT_ASSERT_STR(name, "middle");
	UT_ASSERT_EQ(off, 0x90);
	UT_ASSERT_EQ(elf_symbol(b, n, 0x400000, &name, &off), -ENOENT);
	/* Hostile: truncated, string table out of the file, bad link. */
	UT_ASSERT_EQ(elf_symbol(b, n - 1, 0x401010, &name, &off), -ENOENT);
	b[n - 64 * 1 + 0x18 + 6] = 0xff;	/* strtab offset far out */
	UT_ASSERT_EQ(elf_symbol(b, n, 0x401010, &name, &off), -ENOENT);
	n = ut_elf_syms(b, sizeof(b));
	b[n - 64 * 2 + 0x28] = 9;		/* symtab's sh_link */
	UT_ASSERT_EQ(elf_symbol(b, n, 0x401010, &name, &off), -ENOENT);
	/* A stripped binary (Debian's busybox-static) has no symbols. */
	{
		FILE *f = fopen("/bin/busybox", "rb");
		static uint8_t bb[4 << 20];
		size_t len;

		UT_ASSERT(f != NULL);
		len = fread(bb, 1, sizeof(bb), f);
		fclose(f);
		UT_ASSERT_EQ(elf_symbol(bb, len, 0x401000, &name, &off),
		    -ENOENT);
	}
}
