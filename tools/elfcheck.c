/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * elfcheck: verify that an image carries both boot doors (see elfcheck.h).
 * Usage: elfcheck FILE  -> prints "pvh_entry=0x... mb2_entry=0x..."
 */
#include <elf.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elfcheck.h"

#define MB2_MAGIC	0xe85250d6u
#define MB2_SEARCH	32768
#define NOTE_PHYS32	18

static int
elfcheck_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static bool
elfcheck_in_load(const Elf64_Phdr *ph, unsigned int n, uint64_t pa)
{
	for (unsigned int i = 0; i < n; i++)
		if (ph[i].p_type == PT_LOAD && pa >= ph[i].p_paddr &&
		    pa - ph[i].p_paddr < ph[i].p_filesz && (ph[i].p_flags & PF_X))
			return true;
	return false;
}

static int
elfcheck_note(const uint8_t *buf, size_t len, const Elf64_Phdr *ph,
    uint64_t *entry)
{
	uint64_t off = ph->p_offset, end;

	if (off > len || ph->p_filesz > len - off)
		return -1;
	end = off + ph->p_filesz;
	while (end - off >= 12) {
		uint32_t namesz, descsz, type;
		uint64_t name, desc;

		memcpy(&namesz, buf + off, 4);
		memcpy(&descsz, buf + off + 4, 4);
		memcpy(&type, buf + off + 8, 4);
		name = off + 12;
		desc = name + ((namesz + 3ull) & ~3ull);
		if (desc > end || ((descsz + 3ull) & ~3ull) > end - desc)
			return -1;
		if (type == NOTE_PHYS32 && namesz == 4 &&
		    memcmp(buf + name, "Xen", 4) == 0) {
			if (descsz == 4) {
				uint32_t v;

				memcpy(&v, buf + desc, 4);
				*entry = v;
			} else if (descsz == 8) {
				memcpy(entry, buf + desc, 8);
			} else {
				return -1;
			}
			return 0;
		}
		off = desc + ((descsz + 3ull) & ~3ull);
	}
	return 1;	/* not in this segment */
}

int
elfcheck(const uint8_t *buf, size_t len, struct elfcheck_result *r,
    char *err, size_t errlen)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph[64];
	bool found = false;

	memset(r, 0, sizeof(*r));
	if (len < sizeof(eh))
		return elfcheck_err(err, errlen, "file too short for an ELF header");
	memcpy(&eh, buf, sizeof(eh));
	if (memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_machine != EM_X86_64)
		return elfcheck_err(err, errlen, "not an ELF64 x86-64 file");
	if (eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phnum == 0 ||
	    eh.e_phnum > 64 || eh.e_phoff > len ||
	    (uint64_t)eh.e_phnum * sizeof(Elf64_Phdr) > len - eh.e_phoff)
		return elfcheck_err(err, errlen, "bad program header table");
	memcpy(ph, buf + eh.e_phoff, eh.e_phnum * sizeof(Elf64_Phdr));

	for (unsigned int i = 0; i < eh.e_phnum && !found; i++) {
		int rc;

		if (ph[i].p_type != PT_NOTE)
			continue;
		rc = elfcheck_note(buf, len, &ph[i], &r->ec_pvh_entry);
		if (rc < 0)
			return elfcheck_err(err, errlen, "malformed note segment");
		found = rc == 0;
	}
	if (!found)
		return elfcheck_err(err, errlen, "no XEN_ELFNOTE_PHYS32_ENTRY note");
	if (!elfcheck_in_load(ph, eh.e_phnum, r->ec_pvh_entry))
		return elfcheck_err(err, errlen, "PVH entry 0x%llx is not in an "
		    "executable load segment", (unsigned long long)r->ec_pvh_entry);

	for (size_t off = 0; off + 16 <= len && off < MB2_SEARCH; off += 8) {
		uint32_t h[4];

		memcpy(h, buf + off, 16);
		if (h[0] != MB2_MAGIC || h[0] + h[1] + h[2] + h[3] != 0)
			continue;
		if (h[2] < 16 || h[2] > len - off)
			return elfcheck_err(err, errlen, "multiboot2 header overruns the file");
		r->ec_mb2_offset = off;
		for (size_t t = off + 16; t + 8 <= off + h[2];) {
			uint16_t type;
			uint32_t size;

			memcpy(&type, buf + t, 2);
			memcpy(&size, buf + t + 4, 4);
			if (size < 8 || size > off + h[2] - t)
				return elfcheck_err(err, errlen, "bad multiboot2 tag");
			if (type == 0)
				break;
			if (type == 3 && size >= 12) {
				uint32_t e;

				memcpy(&e, buf + t + 8, 4);
				r->ec_mb2_entry = e;
			}
			t += (size + 7) & ~7u;
		}
		if (r->ec_mb2_entry == 0)
			return elfcheck_err(err, errlen, "multiboot2 header has no entry tag");
		if (!elfcheck_in_load(ph, eh.e_phnum, r->ec_mb2_entry))
			return elfcheck_err(err, errlen, "multiboot2 entry outside the image");
		return 0;
	}
	return elfcheck_err(err, errlen, "no multiboot2 header in the first 32 KiB");
}

#ifndef ELFCHECK_NO_MAIN
int
main(int argc, char **argv)
{
	struct elfcheck_result r;
	char err[200];
	uint8_t *buf;
	long len;
	FILE *f;

	if (argc != 2) {
		fprintf(stderr, "usage: elfcheck IMAGE\n");
		return 2;
	}
	if ((f = fopen(argv[1], "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 ||
	    (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    (buf = malloc(len + 1)) == NULL ||
	    fread(buf, 1, len, f) != (size_t)len) {
		perror(argv[1]);
		return 2;
	}
	fclose(f);
	if (elfcheck(buf, len, &r, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s: %s\n", argv[1], err);
		return 1;
	}
	printf("pvh_entry=0x%llx mb2_entry=0x%llx mb2_offset=%llu\n",
	    (unsigned long long)r.ec_pvh_entry,
	    (unsigned long long)r.ec_mb2_entry,
	    (unsigned long long)r.ec_mb2_offset);
	free(buf);
	return 0;
}
#endif
