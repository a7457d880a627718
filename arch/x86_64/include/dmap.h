/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Physical <-> virtual translation through the direct map.  mm_dmap_offset
 * is DMAP_BASE in the kernel; host unit tests point it at a buffer that
 * stands in for physical memory.
 */
#ifndef ARCH_X86_64_INCLUDE_DMAP_H
#define ARCH_X86_64_INCLUDE_DMAP_H

#include <stdint.h>

#include <arch/x86_64/include/layout.h>

extern uintptr_t mm_dmap_offset;	/* set by paging_init, or a test */

static inline void *
phys_to_virt(uint64_t pa)
{
	return (void *)(uintptr_t)(pa + mm_dmap_offset);
}

static inline uint64_t
virt_to_phys(const void *va)
{
	return (uint64_t)(uintptr_t)va - mm_dmap_offset;
}

#endif /* ARCH_X86_64_INCLUDE_DMAP_H */
