/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Host tests of memory-map normalisation and the two boot doors' parsers
 * (multiboot2 and PVH start info), with well-formed and hostile inputs.
 */
#include <stdint.h>
#include <stdlib.h>

#include <xen/xen.h>
#include <xen/arch-x86/hvm/start_info.h>

#include <lib/boot_info.h>
#include <lib/errno.h>
#include <arch/x86_64/include/multiboot2.h>
#include <pv/common/pv_boot.h>

#include "ut.h"

static struct boot_info ut_bi;

static void
ut_bi_reset(void)
{
	memset(&ut_bi, 0, sizeof(ut_bi));
}

UT_TEST(memmap_normalize_overlaps)
{
	ut_bi_reset();
	/* Unsorted, overlapping, unaligned, with a zero-sized entry. */
	boot_info_add_mem(&ut_bi, 0x100000, 0x7f00000, BOOT_MEM_RAM);
	boot_info_add_mem(&ut_bi, 0, 0x9fc00, BOOT_MEM_RAM);
	boot_info_add_mem(&ut_bi, 0x9fc00, 0x400, BOOT_MEM_RESERVED);
	boot_info_add_mem(&ut_bi, 0x7000000, 0x1000, BOOT_MEM_ACPI);
	boot_info_add_mem(&ut_bi, 0x5000, 0, BOOT_MEM_RESERVED);
	boot_info_add_mem(&ut_bi, 0x200800, 0x100, BOOT_MEM_RESERVED);
	boot_info_normalize(&ut_bi);

	UT_ASSERT_EQ(ut_bi.bi_nmem, 7);
	UT_ASSERT_EQ(ut_bi.bi_mem[0].bm_base, 0);
	UT_ASSERT_EQ(ut_bi.bi_mem[0].bm_size, 0x9f000);	/* trimmed */
	UT_ASSERT_EQ(ut_bi.bi_mem[1].bm_type, BOOT_MEM_RESERVED);
	UT_ASSERT_EQ(ut_bi.bi_mem[2].bm_base, 0x100000);
	UT_ASSERT_EQ(ut_bi.bi_mem[2].bm_size, 0x100000);	/* to 0x200000 */
	UT_ASSERT_EQ(ut_bi.bi_mem[3].bm_type, BOOT_MEM_RESERVED);
	UT_ASSERT_EQ(ut_bi.bi_mem[4].bm_base, 0x201000);	/* page up */
	UT_ASSERT_EQ(ut_bi.bi_mem[5].bm_type, BOOT_MEM_ACPI);
	UT_ASSERT_EQ(ut_bi.bi_mem[6].bm_base, 0x7001000);
	UT_ASSERT_EQ(boot_info_ram_end(&ut_bi), 0x8000000);
	UT_ASSERT_EQ(boot_info_ram_bytes(&ut_bi),
	    0x9f000 + 0x100000 + (0x7000000 - 0x201000) + 0xfff000);
}

UT_TEST(memmap_is_ram)
{
	ut_bi_reset();
	boot_info_add_mem(&ut_bi, 0, 0x9f000, BOOT_MEM_RAM);
	boot_info_add_mem(&ut_bi, 0x100000, 0x100000, BOOT_MEM_RAM);
	boot_info_add_mem(&ut_bi, 0x200000, 0x30000, BOOT_MEM_RAM);
	boot_info_add_mem(&ut_bi, 0x230000, 0x40000, BOOT_MEM_RESERVED);
	boot_info_normalize(&ut_bi);
	UT_ASSERT(boot_info_is_ram(&ut_bi, 0x100000, 0x230000));
	UT_ASSERT(boot_info_is_ram(&ut_bi, 0x1000, 0x2000));
	UT_ASSERT(boot_info_is_ram(&ut_bi, 0x5000, 0x5000));	/* empty */
	/* A kernel whose .bss runs into the firmware's reserved top. */
	UT_ASSERT(!boot_info_is_ram(&ut_bi, 0x100000, 0x230001));
	/* Across the hole below 1 MiB, past all RAM, and nowhere near. */
	UT_ASSERT(!boot_info_is_ram(&ut_bi, 0x9e000, 0x101000));
	UT_ASSERT(!boot_info_is_ram(&ut_bi, 0x300000, 0x301000));
	UT_ASSERT(!boot_info_is_ram(&ut_bi, UINT64_MAX - 0x1000, UINT64_MAX));
}

UT_TEST(memmap_merge_and_limits)
{
	ut_bi_reset();
	boot_info_add_mem(&ut_bi, 0x2000, 0x1000, BOOT_MEM_RAM);
	boot_info_add_mem(&ut_bi, 0x1000, 0x1000, BOOT_MEM_RAM);
	boot_info_add_mem(&ut_bi, 0x1800, 0x1000, BOOT_MEM_RAM);
	boot_info_normalize(&ut_bi);
	UT_ASSERT_EQ(ut_bi.bi_nmem, 1);
	UT_ASSERT_EQ(ut_bi.bi_mem[0].bm_base, 0x1000);
	UT_ASSERT_EQ(ut_bi.bi_mem[0].bm_size, 0x2000);

	ut_bi_reset();
	UT_ASSERT_EQ(boot_info_add_mem(&ut_bi, UINT64_MAX - 10, 100,
	    BOOT_MEM_RAM), -EINVAL);
	for (int i = 0; i < BOOT_MEM_MAX; i++)
		UT_ASSERT_EQ(boot_info_add_mem(&ut_bi, (uint64_t)i << 20,
		    0x1000, BOOT_MEM_RAM), 0);
	UT_ASSERT_EQ(boot_info_add_mem(&ut_bi, 1ULL << 40, 0x1000,
	    BOOT_MEM_RAM), -ENOSPC);
	boot_info_normalize(&ut_bi);
	UT_ASSERT_EQ(ut_bi.bi_nmem, BOOT_MEM_MAX);	/* gaps: no merging */
	/* Sub-page RAM disappears entirely. */
	ut_bi_reset();
	boot_info_add_mem(&ut_bi, 0x1001, 0xffe, BOOT_MEM_RAM);
	boot_info_normalize(&ut_bi);
	UT_ASSERT_EQ(ut_bi.bi_nmem, 0);
	/* Unknown types become reserved. */
	ut_bi_reset();
	boot_info_add_mem(&ut_bi, 0x1000, 0x1000, 99);
	UT_ASSERT_EQ(ut_bi.bi_mem[0].bm_type, BOOT_MEM_RESERVED);
}

UT_TEST(memmap_find_free)
{
	struct boot_range used[2] = { { 0, 0x100000 }, { 0x100000, 0x180000 } };

	ut_bi_reset();
	boot_info_add_mem(&ut_bi, 0, 0xa0000, BOOT_MEM_RAM);
	boot_info_add_mem(&ut_bi, 0x100000, 0x400000, BOOT_MEM_RAM);
	boot_info_normalize(&ut_bi);
	UT_ASSERT_EQ(boot_info_find_free(&ut_bi, used, 2, 0x10000, UINT64_MAX),
	    0x180000);
	UT_ASSERT_EQ(boot_info_find_free(&ut_bi, used, 2, 0x1000000,
	    UINT64_MAX), UINT64_MAX);
	UT_ASSERT_EQ(boot_info_find_free(&ut_bi, used, 2, 0x10000, 0x180000),
	    UINT64_MAX);
}

/* ---- multiboot2 ---- */

static uint8_t ut_mb2[1024] __attribute__((aligned(8)));
static size_t ut_mb2_len;

static void
ut_mb2_tag(uint32_t type, const void *body, uint32_t blen)
{
	uint32_t size = 8 + blen;

	memcpy(ut_mb2 + ut_mb2_len, &type, 4);
	memcpy(ut_mb2 + ut_mb2_len + 4, &size, 4);
	if (blen > 0)
		memcpy(ut_mb2 + ut_mb2_len + 8, body, blen);
	ut_mb2_len += (size + 7) & ~7u;
}

static void
ut_mb2_build(void)
{
	struct { uint32_t esize, ever; struct mb2_mmap_entry e[2]; } mm = {
		24, 0, { { 0, 0x9fc00, 1, 0 }, { 0x100000, 0x1f00000, 1, 0 } },
	};
	struct { uint32_t start, end; char line[8]; } mod = {
		0x400000, 0x480000, "initrd",
	};
	uint8_t rsdp[20] = "RSD PTR ";

	memset(ut_mb2, 0, sizeof(ut_mb2));
	ut_mb2_len = 8;
	ut_mb2_tag(MB2_TAG_CMDLINE, "ktest=all", 10);
	ut_mb2_tag(MB2_TAG_LOADER, "GRUB 2.06", 10);
	ut_mb2_tag(MB2_TAG_MMAP, &mm, sizeof(mm));
	ut_mb2_tag(MB2_TAG_MODULE, &mod, sizeof(mod));
	ut_mb2_tag(MB2_TAG_ACPI_OLD, rsdp, sizeof(rsdp));
	ut_mb2_tag(MB2_TAG_END, NULL, 0);
	memcpy(ut_mb2, &(uint32_t){ (uint32_t)ut_mb2_len }, 4);
}

/* Offset of the first tag of type in the built block. */
static size_t
ut_mb2_find(uint32_t type)
{
	for (size_t off = 8; off < ut_mb2_len;) {
		uint32_t t, s;

		memcpy(&t, ut_mb2 + off, 4);
		memcpy(&s, ut_mb2 + off + 4, 4);
		if (t == type)
			return off;
		off += (s + 7) & ~7u;
	}
	abort();
}

UT_TEST(mb2_good)
{
	ut_mb2_build();
	ut_bi_reset();
	UT_ASSERT_EQ(mb2_parse(ut_mb2, sizeof(ut_mb2), 0x9000, &ut_bi), 0);
	UT_ASSERT_STR(ut_bi.bi_cmdline, "ktest=all");
	UT_ASSERT_STR(ut_bi.bi_loader, "GRUB 2.06");
	UT_ASSERT_EQ(ut_bi.bi_nmem, 2);
	UT_ASSERT_EQ(ut_bi.bi_mem[1].bm_size, 0x1f00000);
	UT_ASSERT_EQ(ut_bi.bi_nmods, 1);
	UT_ASSERT_EQ(ut_bi.bi_mods[0].bmod_base, 0x400000);
	UT_ASSERT_EQ(ut_bi.bi_mods[0].bmod_size, 0x80000);
	UT_ASSERT_STR(ut_bi.bi_mods[0].bmod_cmdline, "initrd");
	UT_ASSERT(ut_bi.bi_rsdp > 0x9000 && ut_bi.bi_rsdp < 0x9000 + ut_mb2_len);
	/* The block must stay reserved: the RSDP copy lives in it. */
	UT_ASSERT_EQ(ut_bi.bi_start_info, 0x9000);
	UT_ASSERT_EQ(ut_bi.bi_start_info_size, ut_mb2_len);
}

UT_TEST(mb2_hostile)
{
	uint32_t v;

	ut_mb2_build();
	ut_bi_reset();
	/* The block claims more than can be read. */
	UT_ASSERT_EQ(mb2_parse(ut_mb2, ut_mb2_len - 8, 0, &ut_bi), -EINVAL);
	UT_ASSERT_EQ(mb2_parse(ut_mb2, 4, 0, &ut_bi), -EINVAL);
	/* A tag whose size runs past the block. */
	ut_mb2_build();
	v = 0x10000;
	memcpy(ut_mb2 + 8 + 4, &v, 4);
	UT_ASSERT_EQ(mb2_parse(ut_mb2, sizeof(ut_mb2), 0, &ut_bi), -EINVAL);
	/* A tag smaller than its own header. */
	ut_mb2_build();
	v = 4;
	memcpy(ut_mb2 + 8 + 4, &v, 4);
	UT_ASSERT_EQ(mb2_parse(ut_mb2, sizeof(ut_mb2), 0, &ut_bi), -EINVAL);
	/* No end tag: the total size ends before one. */
	ut_mb2_build();
	v = (uint32_t)ut_mb2_len - 8;
	memcpy(ut_mb2, &v, 4);
	UT_ASSERT_EQ(mb2_parse(ut_mb2, sizeof(ut_mb2), 0, &ut_bi), -EINVAL);
	/* Module ending before it starts. */
	ut_mb2_build();
	v = 0x100;
	memcpy(ut_mb2 + ut_mb2_find(MB2_TAG_MODULE) + 12, &v, 4);
	ut_bi_reset();
	UT_ASSERT_EQ(mb2_parse(ut_mb2, sizeof(ut_mb2), 0, &ut_bi), -EINVAL);
	/* An ACPI tag too short to hold an RSDP. */
	ut_mb2_build();
	v = 8 + 4;
	memcpy(ut_mb2 + ut_mb2_find(MB2_TAG_ACPI_OLD) + 4, &v, 4);
	ut_bi_reset();
	UT_ASSERT_EQ(mb2_parse(ut_mb2, sizeof(ut_mb2), 0, &ut_bi), -EINVAL);
	/* Memory-map entry size too small to hold an entry. */
	ut_mb2_build();
	v = 8;
	memcpy(ut_mb2 + ut_mb2_find(MB2_TAG_MMAP) + 8, &v, 4);
	ut_bi_reset();
	UT_ASSERT_EQ(mb2_parse(ut_mb2, sizeof(ut_mb2), 0, &ut_bi), -EINVAL);
}

/* ---- PVH start info ---- */

#define UT_PHYS_SIZE	0x10000
static uint8_t ut_phys[UT_PHYS_SIZE] __attribute__((aligned(16)));

static const void *
ut_phys_map(uint64_t pa, size_t len)
{
	if (pa + len < pa || pa + len > UT_PHYS_SIZE)
		return NULL;
	return ut_phys + pa;
}

static struct hvm_start_info *
ut_pvh_build(void)
{
	struct hvm_start_info *si = (void *)(ut_phys + 0x1000);
	struct hvm_modlist_entry *mod = (void *)(ut_phys + 0x2000);
	struct hvm_memmap_table_entry *mm = (void *)(ut_phys + 0x3000);

	memset(ut_phys, 0, sizeof(ut_phys));
	si->magic = XEN_HVM_START_MAGIC_VALUE;
	si->version = 1;
	si->nr_modules = 1;
	si->modlist_paddr = 0x2000;
	si->cmdline_paddr = 0x4000;
	si->rsdp_paddr = 0xe0000;
	si->memmap_paddr = 0x3000;
	si->memmap_entries = 3;
	strcpy((char *)ut_phys + 0x4000, "ktest=all hz=100");
	mod->paddr = 0x800000;
	mod->size = 12345;
	mod->cmdline_paddr = 0x5000;
	strcpy((char *)ut_phys + 0x5000, "initrd.cpio");
	mm[0] = (struct hvm_memmap_table_entry){ 0, 0xa0000, 1, 0 };
	mm[1] = (struct hvm_memmap_table_entry){ 0x100000, 0x3f00000, 1, 0 };
	mm[2] = (struct hvm_memmap_table_entry){ 0xfc000000, 0x1000, 3, 0 };
	return si;
}

UT_TEST(pvh_good)
{
	ut_pvh_build();
	ut_bi_reset();
	UT_ASSERT_EQ(pv_boot_pvh_parse(0x1000, ut_phys_map, &ut_bi), 0);
	UT_ASSERT_STR(ut_bi.bi_cmdline, "ktest=all hz=100");
	UT_ASSERT_EQ(ut_bi.bi_nmods, 1);
	UT_ASSERT_EQ(ut_bi.bi_mods[0].bmod_size, 12345);
	UT_ASSERT_STR(ut_bi.bi_mods[0].bmod_cmdline, "initrd.cpio");
	UT_ASSERT_EQ(ut_bi.bi_nmem, 3);
	UT_ASSERT_EQ(ut_bi.bi_mem[2].bm_type, BOOT_MEM_ACPI);
	UT_ASSERT_EQ(ut_bi.bi_rsdp, 0xe0000);
}

UT_TEST(pvh_hostile)
{
	struct hvm_start_info *si;

	si = ut_pvh_build();
	si->magic ^= 1;
	ut_bi_reset();
	UT_ASSERT_EQ(pv_boot_pvh_parse(0x1000, ut_phys_map, &ut_bi), -EINVAL);
	UT_ASSERT_EQ(pv_boot_pvh_parse(UT_PHYS_SIZE - 8, ut_phys_map, &ut_bi),
	    -EINVAL);
	si = ut_pvh_build();
	si->cmdline_paddr = UT_PHYS_SIZE + 0x1000;	/* out of reach */
	UT_ASSERT_EQ(pv_boot_pvh_parse(0x1000, ut_phys_map, &ut_bi), -EINVAL);
	si = ut_pvh_build();
	memset(ut_phys + 0x4000, 'a', UT_PHYS_SIZE - 0x4000);	/* no NUL */
	ut_bi_reset();
	UT_ASSERT_EQ(pv_boot_pvh_parse(0x1000, ut_phys_map, &ut_bi), 0);
	UT_ASSERT_EQ(strlen(ut_bi.bi_cmdline), BOOT_CMDLINE_MAX - 1);
	si = ut_pvh_build();
	si->nr_modules = 1000;
	UT_ASSERT_EQ(pv_boot_pvh_parse(0x1000, ut_phys_map, &ut_bi), -EINVAL);
	si = ut_pvh_build();
	si->modlist_paddr = UT_PHYS_SIZE - 16;
	UT_ASSERT_EQ(pv_boot_pvh_parse(0x1000, ut_phys_map, &ut_bi), -EINVAL);
	si = ut_pvh_build();
	si->memmap_entries = 0x10000000;
	UT_ASSERT_EQ(pv_boot_pvh_parse(0x1000, ut_phys_map, &ut_bi), -EINVAL);
	si = ut_pvh_build();
	si->memmap_paddr = UT_PHYS_SIZE - 24;
	UT_ASSERT_EQ(pv_boot_pvh_parse(0x1000, ut_phys_map, &ut_bi), -EINVAL);
	/* Version 0 has no memory map; off Xen there is nobody to ask. */
	si = ut_pvh_build();
	si->version = 0;
	ut_bi_reset();
	UT_ASSERT_EQ(pv_boot_pvh_parse(0x1000, ut_phys_map, &ut_bi), -ENOENT);
}
