/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The GRUB door's boot information, parsed defensively: every size is
 * checked against the block before it is trusted, so a truncated or
 * corrupt block is refused instead of read past.
 */
#include <lib/boot_info.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/multiboot2.h>

static uint32_t
mb2_mem_type(uint32_t t)
{
	switch (t) {
	case 1: return BOOT_MEM_RAM;
	case 3: return BOOT_MEM_ACPI;
	case 4: return BOOT_MEM_NVS;
	case 5: return BOOT_MEM_UNUSABLE;
	default: return BOOT_MEM_RESERVED;
	}
}

static int
mb2_parse_mmap(const uint8_t *p, uint32_t size, struct boot_info *bi)
{
	uint32_t esize;

	if (size < 16)
		return -EINVAL;
	memcpy(&esize, p + 8, sizeof(esize));
	if (esize < sizeof(struct mb2_mmap_entry) || esize % 8 != 0)
		return -EINVAL;
	for (uint32_t off = 16; off + esize <= size; off += esize) {
		struct mb2_mmap_entry e;
		int error;

		memcpy(&e, p + off, sizeof(e));
		error = boot_info_add_mem(bi, e.base, e.len, mb2_mem_type(e.type));
		if (error == -EINVAL)
			return error;
		/* -ENOSPC: keep the first BOOT_MEM_MAX regions. */
	}
	return 0;
}

int
mb2_parse(const void *info, size_t avail, uint64_t info_pa,
    struct boot_info *bi)
{
	const uint8_t *base = info;
	uint32_t total;
	size_t off;

	if (avail < 16)
		return -EINVAL;
	memcpy(&total, base, sizeof(total));
	if (total < 16 || total > avail)
		return -EINVAL;
	bi->bi_start_info = info_pa;
	bi->bi_start_info_size = total;

	for (off = 8; off + sizeof(struct mb2_tag) <= total;) {
		struct mb2_tag tag;
		const uint8_t *p = base + off;
		int error = 0;

		memcpy(&tag, p, sizeof(tag));
		if (tag.size < sizeof(tag) || tag.size > total - off)
			return -EINVAL;
		switch (tag.type) {
		case MB2_TAG_END:
			return 0;
		case MB2_TAG_CMDLINE:
			boot_info_set_cmdline(bi, (const char *)p + 8,
			    tag.size - 8);
			break;
		case MB2_TAG_LOADER: {
			size_t n = strnlen((const char *)p + 8, tag.size - 8);

			if (n >= sizeof(bi->bi_loader))
				n = sizeof(bi->bi_loader) - 1;
			memcpy(bi->bi_loader, p + 8, n);
			bi->bi_loader[n] = '\0';
			break;
		}
		case MB2_TAG_MODULE: {
			uint32_t start, end;

			if (tag.size < 16)
				return -EINVAL;
			memcpy(&start, p + 8, 4);
			memcpy(&end, p + 12, 4);
			if (end < start)
				return -EINVAL;
			error = boot_info_add_module(bi, start, end - start,
			    (const char *)p + 16, tag.size - 16);
			break;
		}
		case MB2_TAG_MMAP:
			error = mb2_parse_mmap(p, tag.size, bi);
			break;
		case MB2_TAG_ACPI_OLD:
		case MB2_TAG_ACPI_NEW:
			/* The tag holds a copy of the RSDP itself (>= 20 B). */
			if (tag.size < 8 + 20)
				return -EINVAL;
			if (bi->bi_rsdp == 0 || tag.type == MB2_TAG_ACPI_NEW)
				bi->bi_rsdp = info_pa + off + 8;
			break;
		default:
			break;
		}
		if (error == -EINVAL)
			return error;
		off += (tag.size + 7) & ~7u;
	}
	return -EINVAL;		/* no end tag */
}
