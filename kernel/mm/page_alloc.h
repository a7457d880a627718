/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The physical page allocator: a binary buddy allocator over the RAM of
 * the boot memory map, in blocks of 2^order pages (order 0..PAGE_MAX_ORDER).
 * Free blocks are linked through their own first bytes (via the direct
 * map), and one bit per block and order records "free at this order", so
 * initialisation touches only block heads and a small bitmap.
 * All functions are IRQ-safe (they take the allocator's spinlock).
 */
#ifndef KERNEL_MM_PAGE_ALLOC_H
#define KERNEL_MM_PAGE_ALLOC_H

#include <stddef.h>
#include <stdint.h>

#include <lib/boot_info.h>

#define PAGE_MAX_ORDER	12	/* 16 MiB blocks (a ramfs file is one) */


/*
 * Hand every RAM page of bi to the allocator except those in the reserved
 * ranges (kernel image, modules, page tables...).  The allocator's own
 * bitmap is carved from RAM too.  Returns 0, or -ENOMEM when no RAM range
 * can hold the bitmap.  Call once, before any other function here.
 */
int	page_alloc_init(const struct boot_info *bi,
	    const struct boot_range *reserved, unsigned int nreserved);

/* A block of 2^order pages, physically contiguous and aligned; 0 if none. */
uint64_t page_alloc(unsigned int order);

/* Return a block; order must match the allocation. Panics on double free. */
void	page_free(uint64_t pa, unsigned int order);

/* Direct-map helpers: page_alloc + phys_to_virt, optionally zeroed. */
void	*page_alloc_va(unsigned int order);
void	*page_alloc_zeroed(unsigned int order);
void	page_free_va(void *va, unsigned int order);

/* Pages for user address spaces carry a reference count (one when new). */
uint64_t page_ref_alloc(void);
void	page_ref_get(uint64_t pa);
void	page_ref_put(uint64_t pa);	/* frees the page at zero */
unsigned int page_ref_count(uint64_t pa);

struct page_stats {
	uint64_t	ps_total;	/* pages given at init */
	uint64_t	ps_free;	/* pages free now */
	uint64_t	ps_bitmap_bytes;
};
void	page_alloc_stats(struct page_stats *);

#endif /* KERNEL_MM_PAGE_ALLOC_H */
