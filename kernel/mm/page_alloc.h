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

/* The same, without calling page_alloc_pressure_hook when none is free. */
uint64_t page_alloc_noreclaim(unsigned int order);

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
	uint64_t	ps_lent;	/* allocated, and lent to the host */
	uint64_t	ps_zeroed;	/* free pages made whole zero since boot */
	uint64_t	ps_max_pfn;	/* frames are below this */
};
void	page_alloc_stats(struct page_stats *);

/* The guest's own pages: those given at init less those lent to the host. */
static inline uint64_t
page_stats_owned(const struct page_stats *ps)
{
	return ps->ps_total - ps->ps_lent;
}

/*
 * Pages the elastic memory policy lent to the host (they are allocated
 * from here, so they are not free, and not the guest's either: /proc's
 * MemTotal leaves them out).  delta may be negative.
 */
void	page_alloc_lent_add(int64_t delta);

/*
 * Zero up to max free pages that were freed since they were last zeroed
 * (a background thread calls this so that the host can merge them): the
 * number of pages made whole zero.  The first page of a free block
 * carries the allocator's links, so only its other bytes are cleared and
 * it is not counted.  Takes the allocator's lock for a few pages at a
 * time; *more says whether freed pages are still waiting.
 */
uint64_t page_alloc_zero_some(uint64_t max, int *more);

/*
 * Called (without the allocator's lock, and only with interrupts on)
 * when an allocation of 2^order pages is about to fail: it may put pages
 * back (the elastic memory policy deflates its balloon) and returns
 * nonzero if it did, the allocation then being tried once more.
 */
extern int (*page_alloc_pressure_hook)(unsigned int order);

#endif /* KERNEL_MM_PAGE_ALLOC_H */
