/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Host tests of the image checker (tools/elfcheck.c) on a synthetic image
 * and on malformed variants of it; and on build/jiny.elf when it exists.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../tools/elfcheck.h"
#include "ut.h"

static uint8_t ut_img[8192];

/* ELF header, one PT_LOAD (R+X) at 0x100000 and one PT_NOTE. */
static void
ut_img_build(void)
{
	Elf64_Ehdr *eh = (void *)ut_img;
	Elf64_Phdr *ph = (void *)(ut_img + 64);
	uint32_t *mb2 = (void *)(ut_img + 0x1000);
	uint32_t *note = (void *)(ut_img + 0x1800);

	memset(ut_img, 0, sizeof(ut_img));
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_machine = EM_X86_64;
	eh->e_phoff = 64;
	eh->e_phentsize = sizeof(Elf64_Phdr);
	eh->e_phnum = 2;
	ph[0] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X,
	    .p_offset = 0x1000, .p_paddr = 0x100000, .p_filesz = 0x1000,
	    .p_memsz = 0x1000 };
	ph[1] = (Elf64_Phdr){ .p_type = PT_NOTE, .p_offset = 0x1800,
	    .p_filesz = 24 };
	mb2[0] = 0xe85250d6u;
	mb2[1] = 0;
	mb2[2] = 40;
	mb2[3] = -(0xe85250d6u + 40);
	mb2[4] = 3;		/* entry tag: type 3, flags 0 */
	mb2[5] = 12;
	mb2[6] = 0x100040;
	mb2[8] = 0;		/* end tag */
	mb2[9] = 8;
	note[0] = 4;
	note[1] = 8;
	note[2] = 18;
	memcpy(&note[3], "Xen", 4);
	note[4] = 0x100080;
	note[5] = 0;
}

UT_TEST(elfcheck_good)
{
	struct elfcheck_result r;
	char err[200];

	ut_img_build();
	UT_ASSERT_EQ(elfcheck(ut_img, sizeof(ut_img), &r, err, sizeof(err)), 0);
	UT_ASSERT_EQ(r.ec_pvh_entry, 0x100080);
	UT_ASSERT_EQ(r.ec_mb2_entry, 0x100040);
	UT_ASSERT_EQ(r.ec_mb2_offset, 0x1000);
}

UT_TEST(elfcheck_malformed)
{
	struct elfcheck_result r;
	char err[200];
	Elf64_Ehdr *eh = (void *)ut_img;
	Elf64_Phdr *ph = (void *)(ut_img + 64);
	uint32_t *note = (void *)(ut_img + 0x1800);
	uint32_t *mb2 = (void *)(ut_img + 0x1000);

	ut_img_build();
	UT_ASSERT(elfcheck(ut_img, 10, &r, err, sizeof(err)) != 0);
	ut_img_build();
	eh->e_machine = EM_386;
	UT_ASSERT(elfcheck(ut_img, sizeof(ut_img), &r, err, sizeof(err)) != 0);
	ut_img_build();
	eh->e_phnum = 1000;
	UT_ASSERT(elfcheck(ut_img, sizeof(ut_img), &r, err, sizeof(err)) != 0);
	ut_img_build();
	ph[1].p_filesz = 1u << 30;		/* note past the file */
	UT_ASSERT(elfcheck(ut_img, sizeof(ut_img), &r, err, sizeof(err)) != 0);
	ut_img_build();
	note[1] = 0xfffffff0;			/* descriptor past the note */
	UT_ASSERT(elfcheck(ut_img, sizeof(ut_img), &r, err, sizeof(err)) != 0);
	ut_img_build();
	note[2] = 17;				/* no PHYS32 note */
	UT_ASSERT(elfcheck(ut_img, sizeof(ut_img), &r, err, sizeof(err)) != 0);
	UT_ASSERT(strstr(err, "PHYS32") != NULL);
	ut_img_build();
	note[4] = 0x900000;			/* entry outside the image */
	UT_ASSERT(elfcheck(ut_img, sizeof(ut_img), &r, err, sizeof(err)) != 0);
	ut_img_build();
	mb2[3] ^= 1;				/* bad checksum */
	UT_ASSERT(elfcheck(ut_img, sizeof(ut_img), &r, err, sizeof(err)) != 0);
	ut_img_build();
	mb2[5] = 0x10000;			/* tag overruns header */
	UT_ASSERT(elfcheck(ut_img, sizeof(ut_img), &r, err, sizeof(err)) != 0);
	ut_img_build();
	mb2[4] = 5;				/* no entry tag */
	UT_ASSERT(elfcheck(ut_img, sizeof(ut_img), &r, err, sizeof(err)) != 0);
}

UT_TEST(elfcheck_built_image)
{
	static uint8_t buf[4 << 20];
	struct elfcheck_result r;
	char err[200];
	FILE *f = fopen("build/jiny.elf", "rb");
	size_t n;

	if (f == NULL)
		return;		/* not built yet: covered by the kvm suite */
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	UT_ASSERT(elfcheck(buf, n, &r, err, sizeof(err)) == 0);
	UT_ASSERT(r.ec_pvh_entry >= 0x100000 && r.ec_mb2_entry >= 0x100000);
	UT_ASSERT(r.ec_pvh_entry != r.ec_mb2_entry);
}
