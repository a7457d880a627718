/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Memory-map normalisation shared by every boot door.  Loaders hand us maps
 * that are unsorted, overlapping (QEMU's e820 has been seen listing RAM
 * over reserved ranges) or not page aligned; the page allocator wants a
 * clean, sorted list of whole-page RAM ranges.  O(n^2) in the number of
 * regions, which is bounded by BOOT_MEM_MAX.
 */
#include <stdbool.h>

#include <lib/boot_info.h>
#include <lib/errno.h>
#include <lib/string.h>

#define PAGE_MASK	0xfffUL

int
boot_info_add_mem(struct boot_info *bi, uint64_t base, uint64_t size,
    uint32_t type)
{
	if (size == 0)
		return 0;
	if (base + size < base)
		return -EINVAL;
	if (type < BOOT_MEM_RAM || type > BOOT_MEM_UNUSABLE)
		type = BOOT_MEM_RESERVED;
	if (bi->bi_nmem >= BOOT_MEM_MAX)
		return -ENOSPC;
	bi->bi_mem[bi->bi_nmem++] = (struct boot_mem_region){
		.bm_base = base, .bm_size = size, .bm_type = type,
	};
	return 0;
}

int
boot_info_add_module(struct boot_info *bi, uint64_t base, uint64_t size,
    const char *cmdline, size_t cmdline_len)
{
	struct boot_module *m;
	size_t n;

	if (bi->bi_nmods >= BOOT_MOD_MAX)
		return -ENOSPC;
	if (base + size < base)
		return -EINVAL;
	m = &bi->bi_mods[bi->bi_nmods++];
	m->bmod_base = base;
	m->bmod_size = size;
	n = cmdline == NULL ? 0 : strnlen(cmdline, cmdline_len);
	if (n >= sizeof(m->bmod_cmdline))
		n = sizeof(m->bmod_cmdline) - 1;
	if (n > 0)
		memcpy(m->bmod_cmdline, cmdline, n);
	m->bmod_cmdline[n] = '\0';
	return 0;
}

void
boot_info_set_cmdline(struct boot_info *bi, const char *s, size_t len)
{
	size_t n = s == NULL ? 0 : strnlen(s, len);

	if (n >= sizeof(bi->bi_cmdline))
		n = sizeof(bi->bi_cmdline) - 1;
	if (n > 0)
		memcpy(bi->bi_cmdline, s, n);
	bi->bi_cmdline[n] = '\0';
}

/* RAM has the lowest rank: any other claim on an address wins. */
static unsigned int
boot_info_rank(uint32_t type)
{
	return type == BOOT_MEM_RAM ? 0 : type;
}

void
boot_info_normalize(struct boot_info *bi)
{
	uint64_t edges[2 * BOOT_MEM_MAX];
	struct boot_mem_region out[BOOT_MEM_MAX];
	unsigned int nedges = 0, nout = 0;

	/* Every region end is a boundary of the output. */
	for (unsigned int i = 0; i < bi->bi_nmem; i++) {
		edges[nedges++] = bi->bi_mem[i].bm_base;
		edges[nedges++] = bi->bi_mem[i].bm_base + bi->bi_mem[i].bm_size;
	}
	for (unsigned int i = 1; i < nedges; i++)
		for (unsigned int j = i; j > 0 && edges[j - 1] > edges[j]; j--) {
			uint64_t t = edges[j];

			edges[j] = edges[j - 1];
			edges[j - 1] = t;
		}

	for (unsigned int e = 0; e + 1 < nedges; e++) {
		uint64_t lo = edges[e], hi = edges[e + 1];
		uint32_t type = 0;

		if (lo == hi)
			continue;
		for (unsigned int i = 0; i < bi->bi_nmem; i++) {
			const struct boot_mem_region *r = &bi->bi_mem[i];

			if (r->bm_base <= lo && lo < r->bm_base + r->bm_size &&
			    (type == 0 ||
			    boot_info_rank(r->bm_type) > boot_info_rank(type)))
				type = r->bm_type;
		}
		if (type == 0)
			continue;	/* a hole between regions */
		if (nout > 0 && out[nout - 1].bm_type == type &&
		    out[nout - 1].bm_base + out[nout - 1].bm_size == lo) {
			out[nout - 1].bm_size += hi - lo;
			continue;
		}
		if (nout == BOOT_MEM_MAX)
			break;
		out[nout++] = (struct boot_mem_region){
			.bm_base = lo, .bm_size = hi - lo, .bm_type = type,
		};
	}

	/* RAM shrinks inwards to whole pages; what is left empty goes. */
	bi->bi_nmem = 0;
	for (unsigned int i = 0; i < nout; i++) {
		struct boot_mem_region r = out[i];

		if (r.bm_type == BOOT_MEM_RAM) {
			uint64_t lo = (r.bm_base + PAGE_MASK) & ~PAGE_MASK;
			uint64_t hi = (r.bm_base + r.bm_size) & ~PAGE_MASK;

			if (hi <= lo)
				continue;
			r.bm_base = lo;
			r.bm_size = hi - lo;
		}
		bi->bi_mem[bi->bi_nmem++] = r;
	}
}

uint64_t
boot_info_ram_bytes(const struct boot_info *bi)
{
	uint64_t sum = 0;

	for (unsigned int i = 0; i < bi->bi_nmem; i++)
		if (bi->bi_mem[i].bm_type == BOOT_MEM_RAM)
			sum += bi->bi_mem[i].bm_size;
	return sum;
}

uint64_t
boot_info_ram_end(const struct boot_info *bi)
{
	uint64_t end = 0;

	for (unsigned int i = 0; i < bi->bi_nmem; i++)
		if (bi->bi_mem[i].bm_type == BOOT_MEM_RAM &&
		    bi->bi_mem[i].bm_base + bi->bi_mem[i].bm_size > end)
			end = bi->bi_mem[i].bm_base + bi->bi_mem[i].bm_size;
	return end;
}

bool
boot_info_is_ram(const struct boot_info *bi, uint64_t base, uint64_t end)
{
	/* The map is sorted: one pass, each region holding base moving it
	 * to that region's end. */
	for (unsigned int i = 0; i < bi->bi_nmem && base < end; i++) {
		const struct boot_mem_region *m = &bi->bi_mem[i];

		if (m->bm_type == BOOT_MEM_RAM && m->bm_base <= base &&
		    base - m->bm_base < m->bm_size)
			base = m->bm_base + m->bm_size;
	}
	return base >= end;
}

uint64_t
boot_info_find_free(const struct boot_info *bi, const struct boot_range *used,
    unsigned int n, uint64_t size, uint64_t limit)
{
	for (unsigned int r = 0; r < bi->bi_nmem; r++) {
		const struct boot_mem_region *m = &bi->bi_mem[r];
		uint64_t lo, end = m->bm_base + m->bm_size;

		if (m->bm_type != BOOT_MEM_RAM)
			continue;
		if (end > limit)
			end = limit;
		lo = (m->bm_base + PAGE_MASK) & ~PAGE_MASK;
		while (lo + size > lo && lo + size <= end) {
			bool hit = false;

			for (unsigned int i = 0; i < n; i++)
				if (used[i].br_base < lo + size &&
				    used[i].br_end > lo) {
					lo = (used[i].br_end + PAGE_MASK) &
					    ~PAGE_MASK;
					hit = true;
					break;
				}
			if (!hit)
				return lo;
		}
	}
	return UINT64_MAX;
}
