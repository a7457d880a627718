/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Kernel page tables.  paging_init() replaces the boot tables of entry.S:
 * the kernel image in 4 KiB pages with W^X permissions, a direct map of
 * every RAM/ACPI range at DMAP_BASE in 2 MiB pages (4 KiB in the first
 * 2 MiB, where the legacy VGA hole is left out), global pages, NX on data,
 * and no identity map.  Later mappings (MMIO, kernel stacks) are added
 * with paging_map().  Page-table pages come from a boot bump allocator
 * until the page allocator is ready, then from the allocator kmain hands
 * over (paging_use_page_alloc).
 */
#ifndef ARCH_X86_64_INCLUDE_PAGING_H
#define ARCH_X86_64_INCLUDE_PAGING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/boot_info.h>

#define PG_P	(1UL << 0)
#define PG_W	(1UL << 1)
#define PG_U	(1UL << 2)
#define PG_PWT	(1UL << 3)
#define PG_PCD	(1UL << 4)
#define PG_PS	(1UL << 7)
#define PG_G	(1UL << 8)
#define PG_NX	(1UL << 63)
#define PG_ADDR	0x000ffffffffff000UL
/* Software bit: the page belongs to the address space (freed with it). */
#define PAGING_OWNED	(1UL << 9)
#define PAGING_USER_TOP	0x0000800000000000UL

/*
 * Build and load the kernel page tables.  scratch is a physical range of
 * RAM the caller guarantees free for page tables; the used part is
 * reported by paging_boot_used() so the page allocator can skip it.
 */
void	paging_init(const struct boot_info *bi, uint64_t scratch,
	    uint64_t scratch_size);
uint64_t paging_boot_used(void);

/*
 * The page allocator as paging uses it (kernel/mm's page_alloc, page_free
 * and page_ref_put; only order-0 blocks): table pages, and the reference
 * a PAGING_OWNED leaf holds on its page.
 */
struct paging_pages {
	uint64_t (*pp_alloc)(unsigned int order);	/* 0: out of memory */
	void	(*pp_free)(uint64_t pa, unsigned int order);
	void	(*pp_ref_put)(uint64_t pa);		/* frees at zero */
};

/* From now on page tables come from pages (the table is copied). */
void	paging_use_page_alloc(const struct paging_pages *pages);

/*
 * Map [pa, pa+size) at va with flags (PG_W, PG_NX, PG_PCD...; PG_P is
 * implied), in 4 KiB pages.  Returns 0 or -ENOMEM.
 */
int	paging_map(uintptr_t va, uint64_t pa, size_t size, uint64_t flags);

/* Remove 4 KiB mappings of [va, va+size). */
void	paging_unmap(uintptr_t va, size_t size);

/* Map device memory uncached in the MMIO window; NULL on failure. */
void	*paging_map_mmio(uint64_t pa, size_t size);

/* Map normal memory (cached) in the MMIO window; NULL on failure. */
void	*paging_map_ram(uint64_t pa, size_t size);

/* Is va mapped (any level)?  Safe to call on any address. */
bool	paging_is_mapped(uintptr_t va);

/* Physical address behind a 4 KiB-mapped va, or 0 if unmapped. */
uint64_t paging_virt_to_phys(uintptr_t va);

/*
 * Ring-3 address spaces.  A space is a PML4 whose upper half is the
 * kernel's (copied at creation; every kernel top-level entry exists from
 * paging_init on) and whose lower half is its own.
 */
/* A new space; returns its root's physical address, 0 when out of memory. */
uint64_t paging_space_create(void);
/*
 * Free the lower half's tables and drop the page reference each
 * PAGING_OWNED leaf holds.
 */
void	paging_space_destroy(uint64_t root);
/* The leaf entry mapping user va in space root, or 0. */
uint64_t paging_user_pte(uint64_t root, uintptr_t va);
/* Physical address behind user va in space root, or 0. */
uint64_t paging_user_lookup(uint64_t root, uintptr_t va);
/* Load root (0: the kernel's own) into CR3 if it is not there already. */
void	paging_switch(uint64_t root);

/* The CR3 value for a space root (0: the kernel's own tables). */
uint64_t paging_root_of(uint64_t root);

/*
 * Low-level access for the memory manager (kernel/vm/vm.c): visit the
 * non-zero leaf entries of a range, find (or create the tables for) one
 * leaf, build a user leaf value, and flush one page or the whole user
 * half from the TLB when root is the live space.
 */
typedef void (*paging_leaf_fn)(uintptr_t va, uint64_t *pte, void *arg);
void	paging_user_walk(uint64_t root, uintptr_t lo, uintptr_t hi,
	    paging_leaf_fn fn, void *arg);
uint64_t *paging_user_entry(uint64_t root, uintptr_t va, bool create);
uint64_t paging_user_make(uint64_t pa, uint64_t flags);
#define PAGING_FLUSH_ALL	((uintptr_t)-1)
void	paging_user_flush(uint64_t root, uintptr_t va);

/* Physical address of a kernel-image address. */
static inline uint64_t
paging_kimg_pa(const void *va)
{
	return (uint64_t)(uintptr_t)va - 0xffffffff80000000UL;
}

#endif /* ARCH_X86_64_INCLUDE_PAGING_H */
