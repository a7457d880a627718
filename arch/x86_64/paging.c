/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Kernel page tables (see paging.h).  Table pages are always reached
 * through the direct map, so the boot scratch range must lie in the first
 * 4 GiB (the part entry.S maps before paging_init switches tables).
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/dmap.h>
#include <arch/x86_64/include/layout.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/smp.h>
#include <arch/x86_64/include/spinlock.h>
#include <kernel/log/panic.h>

extern char _kernel_start[], _text_start[], _rodata_start[], _data_start[],
    _kernel_end[];

uintptr_t mm_dmap_offset = DMAP_BASE;

static uint64_t paging_root;		/* physical address of the PML4 */
static uint64_t paging_scratch, paging_scratch_end, paging_scratch_next;
static struct paging_pages paging_pages;	/* pp_alloc set: tables from it */
static uintptr_t paging_mmio_next = MMIO_BASE;
static struct spinlock paging_lock = SPINLOCK_INIT;
static bool paging_nx;

static uint64_t
paging_table_alloc(void)
{
	uint64_t pa;

	if (paging_pages.pp_alloc != NULL) {
		pa = paging_pages.pp_alloc(0);
	} else if (paging_scratch_next + PAGE_SIZE <= paging_scratch_end) {
		pa = paging_scratch_next;
		paging_scratch_next += PAGE_SIZE;
	} else {
		panic("paging: boot page-table scratch exhausted (%lu KiB)",
		    (paging_scratch_end - paging_scratch) / 1024);
	}
	if (pa != 0)
		memset(phys_to_virt(pa), 0, PAGE_SIZE);
	return pa;
}

/*
 * The entry for va at the given level (3 = PML4 ... 0 = PT), creating
 * tables on the way when create; NULL if absent or on allocation failure.
 * Stops early (returning the large-page entry) at a PG_PS entry.
 */
static uint64_t *
paging_walk_in(uint64_t root, uintptr_t va, int level, bool create)
{
	uint64_t *table = phys_to_virt(root);
	/* User addresses need PG_U at every level; the leaf decides more. */
	uint64_t up = va < PAGING_USER_TOP ? PG_U : 0;

	for (int l = 3; l > level; l--) {
		uint64_t *e = &table[(va >> (12 + 9 * l)) & 511];

		if (!(*e & PG_P)) {
			uint64_t pa;

			if (!create || (pa = paging_table_alloc()) == 0)
				return NULL;
			/* Upper levels stay permissive; leaves decide. */
			*e = pa | PG_P | PG_W | up;
		} else if (*e & PG_PS) {
			/* Covered by a large page: fine to look, not to split. */
			return create ? NULL : e;
		}
		table = phys_to_virt(*e & PG_ADDR);
	}
	return &table[(va >> (12 + 9 * level)) & 511];
}

static uint64_t *
paging_walk(uintptr_t va, int level, bool create)
{
	return paging_walk_in(paging_root, va, level, create);
}

static uint64_t
paging_flags(uint64_t flags)
{
	if (!paging_nx)
		flags &= ~PG_NX;
	return flags | PG_P;
}

static int
paging_map_locked(uintptr_t va, uint64_t pa, size_t size, uint64_t flags)
{
	for (size_t off = 0; off < size; off += PAGE_SIZE) {
		uint64_t *e = paging_walk(va + off, 0, true);

		if (e == NULL)
			return -ENOMEM;
		*e = ((pa + off) & PG_ADDR) | paging_flags(flags);
		invlpg(va + off);
	}
	return 0;
}

int
paging_map(uintptr_t va, uint64_t pa, size_t size, uint64_t flags)
{
	bool on = spin_lock_irqsave(&paging_lock);
	int error = paging_map_locked(va, pa, ALIGN_UP(size, PAGE_SIZE), flags);

	spin_unlock_irqrestore(&paging_lock, on);
	return error;
}

void
paging_unmap(uintptr_t va, size_t size)
{
	bool on = spin_lock_irqsave(&paging_lock);

	for (size_t off = 0; off < size; off += PAGE_SIZE) {
		uint64_t *e = paging_walk(va + off, 0, false);

		if (e != NULL && !(*e & PG_PS)) {
			*e = 0;
			invlpg(va + off);
		}
	}
	spin_unlock_irqrestore(&paging_lock, on);
	/* Every CPU holds the kernel's half: one request for the range. */
	smp_tlb_shoot(SMP_TLB_KERNEL, size <= PAGE_SIZE ? va : SMP_TLB_ALL);
}

static void *
paging_map_window(uint64_t pa, size_t size, uint64_t flags)
{
	uint64_t base = ALIGN_DOWN(pa, PAGE_SIZE);
	size_t len = ALIGN_UP(pa + size, PAGE_SIZE) - base;
	bool on = spin_lock_irqsave(&paging_lock);
	uintptr_t va = paging_mmio_next;
	int error;

	paging_mmio_next += len + PAGE_SIZE;	/* a hole between windows */
	error = paging_map_locked(va, base, len, flags);
	spin_unlock_irqrestore(&paging_lock, on);
	if (error != 0)
		return NULL;
	return (void *)(va + (pa - base));
}

void *
paging_map_mmio(uint64_t pa, size_t size)
{
	return paging_map_window(pa, size, PG_W | PG_NX | PG_PCD | PG_PWT | PG_G);
}

void *
paging_map_ram(uint64_t pa, size_t size)
{
	return paging_map_window(pa, size, PG_W | PG_NX | PG_G);
}

bool
paging_is_mapped(uintptr_t va)
{
	uint64_t *e;

	/* Non-canonical addresses would fault in the walk's arithmetic use. */
	if ((uint64_t)((int64_t)(va << 16) >> 16) != va)
		return false;
	e = paging_walk(va, 0, false);
	return e != NULL && (*e & PG_P);
}

uint64_t
paging_virt_to_phys(uintptr_t va)
{
	uint64_t *e = paging_walk(va, 0, false);

	if (e == NULL || !(*e & PG_P) || (*e & PG_PS))
		return 0;
	return (*e & PG_ADDR) | (va & (PAGE_SIZE - 1));
}

uint64_t
paging_boot_used(void)
{
	return paging_scratch_next - paging_scratch;
}

void
paging_use_page_alloc(const struct paging_pages *pages)
{
	paging_pages = *pages;
}

/* Direct map [lo, hi): 4 KiB pages below 2 MiB, 2 MiB pages above. */
static void
paging_dmap_range(uint64_t lo, uint64_t hi)
{
	uint64_t pa = ALIGN_DOWN(lo, PAGE_SIZE);
	uint64_t fl = paging_flags(PG_W | PG_NX | PG_G);

	while (pa < hi) {
		if (pa < LARGE_PAGE_SIZE) {
			/* Leave the VGA window out of the cached map. */
			if (pa < 0xa0000 || pa >= 0xc0000)
				*paging_walk(DMAP_BASE + pa, 0, true) = pa | fl;
			pa += PAGE_SIZE;
			continue;
		}
		pa = ALIGN_DOWN(pa, LARGE_PAGE_SIZE);
		*paging_walk(DMAP_BASE + pa, 1, true) = pa | fl | PG_PS;
		pa += LARGE_PAGE_SIZE;
	}
}

void
paging_init(const struct boot_info *bi, uint64_t scratch, uint64_t scratch_size)
{
	struct cpuid_regs r;
	uintptr_t va;

	cpuid(0x80000001, 0, &r);
	paging_nx = (r.edx >> 20) & 1;
	paging_scratch = paging_scratch_next = scratch;
	paging_scratch_end = scratch + scratch_size;
	paging_root = paging_table_alloc();

	for (unsigned int i = 0; i < bi->bi_nmem; i++) {
		const struct boot_mem_region *m = &bi->bi_mem[i];

		if (m->bm_type == BOOT_MEM_RAM || m->bm_type == BOOT_MEM_ACPI ||
		    m->bm_type == BOOT_MEM_NVS)
			paging_dmap_range(m->bm_base, m->bm_base + m->bm_size);
	}
	/* The first MiB holds firmware tables (RSDP) whatever the map says. */
	paging_dmap_range(0, 0x100000);

	/* The kernel image, W^X. */
	for (va = (uintptr_t)_kernel_start; va < (uintptr_t)_kernel_end;
	    va += PAGE_SIZE) {
		uint64_t fl;

		if (va < (uintptr_t)_rodata_start)
			fl = PG_G;
		else if (va < (uintptr_t)_data_start)
			fl = PG_G | PG_NX;
		else
			fl = PG_G | PG_NX | PG_W;
		*paging_walk(va, 0, true) = paging_kimg_pa((void *)va) |
		    paging_flags(fl);
	}

	/*
	 * Every kernel-half top-level entry that will ever be used exists
	 * from now on, so address spaces can share them by copying the
	 * upper half of the PML4 once, at creation.
	 */
	(void)paging_walk(KSTACK_BASE, 2, true);
	(void)paging_walk(MMIO_BASE, 2, true);

	write_cr4(read_cr4() | CR4_PGE);
	write_cr3(paging_root);
}

uint64_t
paging_space_create(void)
{
	uint64_t root = paging_pages.pp_alloc(0);
	uint64_t *pml4;

	if (root == 0)
		return 0;
	pml4 = phys_to_virt(root);
	memset(pml4, 0, PAGE_SIZE / 2);
	memcpy(pml4 + 256, (uint64_t *)phys_to_virt(paging_root) + 256,
	    PAGE_SIZE / 2);
	return root;
}

/*
 * Free the user half below table (level 3..0).  A leaf marked
 * PAGING_OWNED holds one reference to its page, present or not (a
 * PROT_NONE page keeps its frame in a non-present entry).
 */
static void
paging_free_level(uint64_t *table, int level, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		uint64_t e = table[i];

		if (level == 0) {
			if (e & PAGING_OWNED)
				paging_pages.pp_ref_put(e & PG_ADDR);
			continue;
		}
		if (!(e & PG_P))
			continue;
		if (e & PG_PS)
			panic("paging: large page in a user space (entry 0x%lx)", e);
		paging_free_level(phys_to_virt(e & PG_ADDR), level - 1, 512);
		paging_pages.pp_free(e & PG_ADDR, 0);
	}
}

/*
 * Visit the non-zero leaves under table (level 3..0) within [lo, hi),
 * indexing straight to the overlapping entries: a sparse 8 MiB thread
 * stack costs a scan of the tables that exist, tightly, not of the range.
 */
static void
paging_walk_level(uint64_t *table, int level, uintptr_t base, uintptr_t lo,
    uintptr_t hi, paging_leaf_fn fn, void *arg)
{
	unsigned int shift = 12 + 9 * level;
	uintptr_t span = (uintptr_t)1 << shift;
	unsigned int i = lo > base ? (unsigned int)((lo - base) >> shift) : 0;
	unsigned int end = 512;

	if (hi - base < 512 * span)	/* hi > base: the caller overlaps */
		end = (unsigned int)((hi - base + span - 1) >> shift);
	for (uint64_t *e = table + i, *stop = table + end; e < stop; e++) {
		if (*e == 0)		/* the common case: skip it tightly */
			continue;
		i = (unsigned int)(e - table);
		if (level == 0)
			fn(base + ((uintptr_t)i << 12), e, arg);
		else if ((*e & (PG_P | PG_PS)) == PG_P)
			paging_walk_level(phys_to_virt(*e & PG_ADDR),
			    level - 1, base + (uintptr_t)i * span, lo, hi, fn,
			    arg);
	}
}

void
paging_user_walk(uint64_t root, uintptr_t lo, uintptr_t hi, paging_leaf_fn fn,
    void *arg)
{
	if (hi > PAGING_USER_TOP)
		hi = PAGING_USER_TOP;
	if (lo < hi)
		paging_walk_level(phys_to_virt(root), 3, 0, lo, hi, fn, arg);
}

uint64_t *
paging_user_entry(uint64_t root, uintptr_t va, bool create)
{
	uint64_t *e;
	bool on;

	if (va >= PAGING_USER_TOP)
		return NULL;
	on = spin_lock_irqsave(&paging_lock);
	e = paging_walk_in(root, va, 0, create);
	spin_unlock_irqrestore(&paging_lock, on);
	return e;
}

uint64_t
paging_user_make(uint64_t pa, uint64_t flags)
{
	return (pa & PG_ADDR) | paging_flags(flags | PG_U);
}

void
paging_user_flush(uint64_t root, uintptr_t va)
{
	if (read_cr3() == root) {
		if (va == PAGING_FLUSH_ALL)
			write_cr3(root);	/* user pages are never global */
		else
			invlpg(va);
	}
	/* Other CPUs running on these page tables (threads of it). */
	smp_tlb_shoot(root, va == PAGING_FLUSH_ALL ? SMP_TLB_ALL : va);
}

void
paging_space_destroy(uint64_t root)
{
	if (root == 0 || root == paging_root)
		return;
	if (read_cr3() == root)
		write_cr3(paging_root);
	paging_free_level(phys_to_virt(root), 3, 256);
	paging_pages.pp_free(root, 0);
}



uint64_t
paging_user_pte(uint64_t root, uintptr_t va)
{
	uint64_t *e;

	if (va >= PAGING_USER_TOP)
		return 0;
	e = paging_walk_in(root, va, 0, false);
	if (e == NULL || !(*e & PG_P) || (*e & PG_PS))
		return 0;
	return *e;
}

uint64_t
paging_user_lookup(uint64_t root, uintptr_t va)
{
	uint64_t pte = paging_user_pte(root, va);

	return pte == 0 ? 0 : (pte & PG_ADDR) | (va & (PAGE_SIZE - 1));
}

uint64_t
paging_root_of(uint64_t root)
{
	return root != 0 ? root : paging_root;
}

void
paging_switch(uint64_t root)
{
	if (root == 0)
		root = paging_root;
	smp_set_cr3(root);	/* loads it, and says so for shootdowns */
}
