/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The kernel heap: size-class slabs (16 B .. 2 KiB) carved from single
 * pages, and whole-page blocks for larger requests.  Objects are aligned
 * to min(size class, 64) bytes.  IRQ-safe; never sleeps.  Returns NULL when
 * memory is exhausted.  kfree(NULL) does nothing; kfree of anything else
 * not from kmalloc panics with the pointer.
 */
#ifndef KERNEL_MM_KMALLOC_H
#define KERNEL_MM_KMALLOC_H

#include <stddef.h>
#include <stdint.h>

void	*kmalloc(size_t size);
void	*kzalloc(size_t size);
/* n * size bytes, zeroed; NULL on overflow. */
void	*kcalloc(size_t n, size_t size);
void	 kfree(void *p);
/* The usable size of an object from kmalloc. */
size_t	 kmalloc_size(const void *p);

struct kmalloc_stats {
	uint64_t	ks_allocs;	/* live objects */
	uint64_t	ks_bytes;	/* bytes in live objects (class sizes) */
	uint64_t	ks_pages;	/* pages held by the heap */
};
void	kmalloc_stats(struct kmalloc_stats *);

#endif /* KERNEL_MM_KMALLOC_H */
