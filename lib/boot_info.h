/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The boot information every door is normalised into.  The multiboot2
 * parser (arch/x86_64/multiboot2.c) and the PVH parser (pv/xen/xen_pvh.c)
 * fill one of these; boot_info_normalize() then sorts the memory map,
 * resolves overlaps (anything that is not RAM wins) and trims RAM to whole
 * pages.  Everything is copied in: nothing points back into loader memory,
 * except modules, which stay where the loader put them.
 */
#ifndef LIB_BOOT_INFO_H
#define LIB_BOOT_INFO_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#define BOOT_MEM_MAX		128
#define BOOT_MOD_MAX		8
#define BOOT_CMDLINE_MAX	1024
#define BOOT_MODLINE_MAX	128

enum boot_mem_type {
	BOOT_MEM_RAM = 1,
	BOOT_MEM_RESERVED,
	BOOT_MEM_ACPI,
	BOOT_MEM_NVS,
	BOOT_MEM_UNUSABLE,
};

struct boot_mem_region {
	uint64_t	bm_base;	/* set by the door's parser */
	uint64_t	bm_size;	/* set by the door's parser */
	uint32_t	bm_type;	/* enum boot_mem_type */
};

struct boot_module {
	uint64_t	bmod_base;	/* physical; set by the parser */
	uint64_t	bmod_size;	/* set by the parser */
	char		bmod_cmdline[BOOT_MODLINE_MAX];
};

struct boot_info {
	int			bi_door;	/* BOOT_DOOR_*, set by kmain */
	const char		*bi_door_name;	/* "multiboot2" or "pvh" */
	char			bi_cmdline[BOOT_CMDLINE_MAX];
	struct boot_mem_region	bi_mem[BOOT_MEM_MAX];
	unsigned int		bi_nmem;
	struct boot_module	bi_mods[BOOT_MOD_MAX];
	unsigned int		bi_nmods;
	uint64_t		bi_rsdp;	/* physical, 0 if unknown */
	char			bi_loader[64];	/* boot loader name if given */
	uint64_t		bi_start_info;	/* physical address of the
						 * door's info block */
	uint64_t		bi_start_info_size; /* bytes to keep there */
};

/*
 * Append a region.  Returns 0, -EINVAL for a region that wraps the address
 * space, or -ENOSPC when the table is full (the region is dropped).
 * Zero-sized regions are ignored.
 */
int	boot_info_add_mem(struct boot_info *, uint64_t base, uint64_t size,
	    uint32_t type);

/* Append a module; -ENOSPC when full.  The command line is truncated. */
int	boot_info_add_module(struct boot_info *, uint64_t base, uint64_t size,
	    const char *cmdline, size_t cmdline_len);

/* Copy a command line of at most len bytes (stops at NUL). */
void	boot_info_set_cmdline(struct boot_info *, const char *s, size_t len);

/* Sort, resolve overlaps, merge neighbours, trim RAM to pages. */
void	boot_info_normalize(struct boot_info *);

/* Bytes of RAM in the (normalised) map. */
uint64_t boot_info_ram_bytes(const struct boot_info *);

struct boot_range {
	uint64_t	br_base;	/* physical, any alignment */
	uint64_t	br_end;		/* exclusive */
};

/*
 * Lowest page-aligned RAM range of size bytes that ends at or below limit
 * and overlaps none of the n ranges in used; UINT64_MAX if there is none.
 */
uint64_t boot_info_find_free(const struct boot_info *,
	    const struct boot_range *used, unsigned int n, uint64_t size,
	    uint64_t limit);

/*
 * Whether [base, end) lies wholly in RAM of the (normalised) map, across
 * adjacent RAM regions; an empty range does.
 */
bool	boot_info_is_ram(const struct boot_info *, uint64_t base, uint64_t end);

/* Highest end address of any RAM region. */
uint64_t boot_info_ram_end(const struct boot_info *);

#endif /* LIB_BOOT_INFO_H */
