/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Parser for the multiboot2 boot information (the GRUB door).
 * The multiboot2 specification defines the format; only the tags Jiny uses
 * are named here.
 */
#ifndef ARCH_X86_64_INCLUDE_MULTIBOOT2_H
#define ARCH_X86_64_INCLUDE_MULTIBOOT2_H

#include <stddef.h>
#include <stdint.h>

#include <lib/boot_info.h>

#define MB2_TAG_END		0
#define MB2_TAG_CMDLINE		1
#define MB2_TAG_LOADER		2
#define MB2_TAG_MODULE		3
#define MB2_TAG_MEMINFO		4
#define MB2_TAG_MMAP		6
#define MB2_TAG_ACPI_OLD	14
#define MB2_TAG_ACPI_NEW	15

struct mb2_tag {
	uint32_t	type;
	uint32_t	size;
};
_Static_assert(sizeof(struct mb2_tag) == 8, "multiboot2 tag header");

struct mb2_mmap_entry {
	uint64_t	base;
	uint64_t	len;
	uint32_t	type;
	uint32_t	reserved;
};
_Static_assert(sizeof(struct mb2_mmap_entry) == 24, "multiboot2 mmap entry");

/*
 * Parse the information block at info (physical address info_pa), of which
 * at most avail bytes may be read, into bi.  Returns 0, or -EINVAL for a
 * malformed block (bad total size, a tag overrunning the block, no end
 * tag), leaving bi with what was parsed before the fault.
 */
int	mb2_parse(const void *info, size_t avail, uint64_t info_pa,
	    struct boot_info *bi);

#endif /* ARCH_X86_64_INCLUDE_MULTIBOOT2_H */
