/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Host-side check of a Jiny image's boot doors: the PVH entry note
 * (XEN_ELFNOTE_PHYS32_ENTRY, 18, owner "Xen") and the multiboot2 header,
 * read from the ELF file bytes with every offset bounds-checked.
 */
#ifndef TOOLS_ELFCHECK_H
#define TOOLS_ELFCHECK_H

#include <stddef.h>
#include <stdint.h>

struct elfcheck_result {
	uint64_t	ec_pvh_entry;	/* physical, from the note */
	uint64_t	ec_mb2_entry;	/* physical, from the entry tag */
	uint64_t	ec_mb2_offset;	/* file offset of the header */
};

/*
 * Returns 0 and fills r, or -1 with a message in err (size errlen) for a
 * file that is not a loadable ELF64 x86-64 image, has no PVH note, a note
 * whose entry is outside every PT_LOAD, or no valid multiboot2 header in
 * its first 32 KiB.
 */
int	elfcheck(const uint8_t *buf, size_t len, struct elfcheck_result *r,
	    char *err, size_t errlen);

#endif /* TOOLS_ELFCHECK_H */
