/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* In-kernel tests of the page allocator, heap and page tables. */
#include <stdint.h>

#include <lib/string.h>
#include <arch/x86_64/include/dmap.h>
#include <arch/x86_64/include/layout.h>
#include <arch/x86_64/include/paging.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/mm/page_alloc.h>
#include <kernel/tests/ktest.h>

KTEST(mm, page_alloc_orders)
{
	struct page_stats before, after;
	uint64_t pa[PAGE_MAX_ORDER + 1];

	page_alloc_stats(&before);
	for (unsigned int k = 0; k <= PAGE_MAX_ORDER; k++) {
		pa[k] = page_alloc(k);
		if (pa[k] == 0)
			continue;	/* small guests lack the big orders */
		KT_ASSERT((pa[k] & ((PAGE_SIZE << k) - 1)) == 0);
		memset(phys_to_virt(pa[k]), 0xa5, PAGE_SIZE << k);
	}
	KT_ASSERT(pa[0] != 0);
	for (unsigned int k = 0; k <= PAGE_MAX_ORDER; k++)
		if (pa[k] != 0)
			page_free(pa[k], k);
	page_alloc_stats(&after);
	KT_ASSERT_EQ(after.ps_free, before.ps_free);
	KT_ASSERT(page_alloc(PAGE_MAX_ORDER + 1) == 0);
}

KTEST(mm, page_alloc_exhaust_and_merge)
{
	struct page_stats before, after;
	uint64_t *list = NULL, n = 0, pa;

	/* Take every page (a chain through the pages themselves)... */
	page_alloc_stats(&before);
	while ((pa = page_alloc(0)) != 0) {
		*(uint64_t **)phys_to_virt(pa) = list;
		list = phys_to_virt(pa);
		n++;
	}
	KT_ASSERT_EQ(n, before.ps_free);
	/* ...give them back, and the buddies must merge again. */
	while (list != NULL) {
		uint64_t *next = *(uint64_t **)list;

		page_free_va(list, 0);
		list = next;
	}
	page_alloc_stats(&after);
	KT_ASSERT_EQ(after.ps_free, before.ps_free);
	pa = page_alloc(4);
	KT_ASSERT(pa != 0);
	page_free(pa, 4);
}

KTEST(mm, kmalloc_sizes)
{
	static const size_t sizes[] = { 1, 8, 16, 17, 64, 100, 512, 2048,
	    2049, 4096, 10000, 100000 };
	void *p[sizeof(sizes) / sizeof(sizes[0])];
	struct kmalloc_stats before, after;

	kmalloc_stats(&before);
	for (unsigned int i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		p[i] = kmalloc(sizes[i]);
		KT_ASSERT(p[i] != NULL);
		KT_ASSERT(kmalloc_size(p[i]) >= sizes[i]);
		memset(p[i], (int)i, sizes[i]);
	}
	for (unsigned int i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		KT_ASSERT(((unsigned char *)p[i])[sizes[i] - 1] == i);
		kfree(p[i]);
	}
	kmalloc_stats(&after);
	KT_ASSERT_EQ(after.ks_allocs, before.ks_allocs);
	KT_ASSERT(kcalloc(SIZE_MAX / 2, 4) == NULL);
	kfree(NULL);
}

KTEST(mm, kmalloc_many)
{
	void *p[600];

	for (unsigned int i = 0; i < 600; i++) {
		p[i] = kzalloc(48);
		KT_ASSERT(p[i] != NULL);
		KT_ASSERT(*(uint64_t *)p[i] == 0);
		*(unsigned int *)p[i] = i;
	}
	for (unsigned int i = 0; i < 600; i += 2)
		kfree(p[i]);
	for (unsigned int i = 1; i < 600; i += 2) {
		KT_ASSERT_EQ(*(unsigned int *)p[i], i);
		kfree(p[i]);
	}
}

KTEST(mm, paging_map_unmap)
{
	uintptr_t va = MMIO_BASE + 0x40000000UL;	/* far from windows */
	uint64_t pa = page_alloc(0);

	KT_ASSERT(pa != 0);
	KT_ASSERT(!paging_is_mapped(va));
	KT_ASSERT(paging_map(va, pa, PAGE_SIZE, PG_W | PG_NX) == 0);
	KT_ASSERT(paging_is_mapped(va));
	KT_ASSERT_EQ(paging_virt_to_phys(va + 8), pa + 8);
	*(volatile uint64_t *)va = 0x1234;
	KT_ASSERT_EQ(*(uint64_t *)phys_to_virt(pa), 0x1234);
	paging_unmap(va, PAGE_SIZE);
	KT_ASSERT(!paging_is_mapped(va));
	page_free(pa, 0);
	/* Non-canonical and null addresses are simply unmapped. */
	KT_ASSERT(!paging_is_mapped(0x0000800000000000UL));
	KT_ASSERT(!paging_is_mapped(0));
}
