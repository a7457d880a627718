/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Host tests of the buddy allocator and the heap over a malloc'd buffer
 * that stands in for physical memory (mm_dmap_offset points at it).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lib/boot_info.h>
#include <arch/x86_64/include/dmap.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/mm/page_alloc.h>

#include "ut.h"

uintptr_t mm_dmap_offset;

#define UT_RAM	(64UL << 20)	/* 64 MiB of "physical" memory */

static void *ut_ram;
static struct boot_info ut_mm_bi;

/*
 * Fresh allocator over [1 MiB, 64 MiB) minus a hole and a reservation.
 * Shared with the other tests that need a kernel heap (ut.h).
 */
void
ut_mm_setup(void)
{
	struct boot_range res[2] = {
		{ 0, 0x100000 },		/* "firmware" */
		{ 0x300000, 0x345000 },		/* "kernel image" */
	};

	if (ut_ram == NULL)
		ut_ram = aligned_alloc(1 << 22, UT_RAM);
	mm_dmap_offset = (uintptr_t)ut_ram;
	memset(&ut_mm_bi, 0, sizeof(ut_mm_bi));
	boot_info_add_mem(&ut_mm_bi, 0, 0xa0000, BOOT_MEM_RAM);
	boot_info_add_mem(&ut_mm_bi, 0x100000, 0x1f00000, BOOT_MEM_RAM);
	boot_info_add_mem(&ut_mm_bi, 0x2000000, 0x800000, BOOT_MEM_RESERVED);
	boot_info_add_mem(&ut_mm_bi, 0x2800000, UT_RAM - 0x2800000 - 0x1000,
	    BOOT_MEM_RAM);
	boot_info_normalize(&ut_mm_bi);
	if (page_alloc_init(&ut_mm_bi, res, 2) != 0)
		abort();
}

static int
ut_in_ram(uint64_t pa, unsigned int order)
{
	return (pa >= 0x100000 && pa + (4096UL << order) <= 0x2000000 &&
	    (pa + (4096UL << order) <= 0x300000 || pa >= 0x345000)) ||
	    (pa >= 0x2800000 && pa + (4096UL << order) <= UT_RAM - 0x1000);
}

UT_TEST(page_alloc_accounting)
{
	struct page_stats ps;
	uint64_t expect;

	ut_mm_setup();
	page_alloc_stats(&ps);
	expect = ((0x2000000 - 0x100000) - (0x345000 - 0x300000) +
	    (UT_RAM - 0x1000 - 0x2800000)) / 4096 -
	    (ps.ps_bitmap_bytes + 4095) / 4096;
	UT_ASSERT_EQ(ps.ps_total, expect);
	UT_ASSERT_EQ(ps.ps_free, ps.ps_total);
}

UT_TEST(page_alloc_blocks_are_aligned_and_disjoint)
{
	static uint64_t got[20000];
	static unsigned int ord[20000];
	unsigned int n = 0;
	struct page_stats before, after;

	ut_mm_setup();
	page_alloc_stats(&before);
	for (unsigned int i = 0; n < 20000; i++) {
		unsigned int o = (i * 7) % 5;
		uint64_t pa = page_alloc(o);

		if (pa == 0)
			break;
		UT_ASSERT((pa & ((4096UL << o) - 1)) == 0);
		UT_ASSERT(ut_in_ram(pa, o));
		/* Stamp every page: overlap with another block shows up. */
		for (unsigned int p = 0; p < (1u << o); p++)
			*(uint64_t *)phys_to_virt(pa + p * 4096UL) = n;
		got[n] = pa;
		ord[n++] = o;
	}
	UT_ASSERT(n > 1000);
	for (unsigned int i = 0; i < n; i++)
		for (unsigned int p = 0; p < (1u << ord[i]); p++)
			UT_ASSERT_EQ(*(uint64_t *)phys_to_virt(got[i] + p * 4096UL), i);
	for (unsigned int i = 0; i < n; i += 2)
		page_free(got[i], ord[i]);
	for (unsigned int i = 1; i < n; i += 2)
		page_free(got[i], ord[i]);
	page_alloc_stats(&after);
	UT_ASSERT_EQ(after.ps_free, before.ps_free);
	/* Everything merged back: a maximal block is available again. */
	UT_ASSERT(page_alloc(PAGE_MAX_ORDER) != 0);
}

UT_TEST(page_alloc_misuse_panics)
{
	uint64_t pa;

	ut_mm_setup();
	pa = page_alloc(1);
	UT_ASSERT(pa != 0);
	page_free(pa, 1);
	UT_EXPECT_PANIC(page_free(pa, 1));		/* double free */
	UT_ASSERT(strstr(ut_panic_msg, "double free") != NULL);
	UT_EXPECT_PANIC(page_free(pa + 4096, 1));	/* misaligned */
	UT_EXPECT_PANIC(page_free(UT_RAM * 2, 0));	/* beyond RAM */
	UT_EXPECT_PANIC(page_free(pa, PAGE_MAX_ORDER + 1));
	UT_EXPECT_PANIC(page_free(0, 0));
	UT_ASSERT_EQ(page_alloc(PAGE_MAX_ORDER + 1), 0);
}

UT_TEST(page_alloc_double_free_after_merge)
{
	uint64_t a, b;

	ut_mm_setup();
	/* Two buddies: freeing both merges them into one order-1 block. */
	a = page_alloc(1);
	UT_ASSERT(a != 0);
	b = a + 4096;
	page_free(a, 0);	/* an order-1 block may be returned by halves */
	page_free(b, 0);
	/* a is now inside a free order-1 (or larger) block. */
	UT_EXPECT_PANIC(page_free(a, 0));
	UT_ASSERT(strstr(ut_panic_msg, "double free") != NULL);
}

UT_TEST(page_alloc_exhaustion)
{
	uint64_t pa, n = 0;
	struct page_stats ps;

	ut_mm_setup();
	page_alloc_stats(&ps);
	while ((pa = page_alloc(0)) != 0)
		n++;
	UT_ASSERT_EQ(n, ps.ps_free);
	UT_ASSERT_EQ(page_alloc(0), 0);
}

UT_TEST(kmalloc_classes_and_reuse)
{
	struct kmalloc_stats ks;
	void *p[64];

	ut_mm_setup();
	for (unsigned int i = 0; i < 64; i++) {
		size_t sz = 1 + i * 97;

		p[i] = kmalloc(sz);
		UT_ASSERT(p[i] != NULL);
		UT_ASSERT(kmalloc_size(p[i]) >= sz);
		UT_ASSERT(((uintptr_t)p[i] & (sz >= 64 ? 63 : 15)) == 0);
		memset(p[i], 0x5a, sz);
	}
	kmalloc_stats(&ks);
	UT_ASSERT_EQ(ks.ks_allocs, 64);
	for (unsigned int i = 0; i < 64; i++)
		kfree(p[i]);
	kmalloc_stats(&ks);
	UT_ASSERT_EQ(ks.ks_allocs, 0);
	UT_ASSERT_EQ(ks.ks_bytes, 0);
	p[0] = kmalloc(100000);
	UT_ASSERT(p[0] != NULL && kmalloc_size(p[0]) >= 100000);
	kfree(p[0]);
	UT_ASSERT(kmalloc(32UL << 20) == NULL);	/* above the largest order */
	UT_ASSERT(kmalloc(SIZE_MAX - 8) == NULL);	/* size + header wraps */
	UT_ASSERT(kcalloc(1, SIZE_MAX - 8) == NULL);
	UT_ASSERT(kcalloc(SIZE_MAX / 8, 16) == NULL);	/* overflow */
	p[0] = kcalloc(10, 10);
	UT_ASSERT(p[0] != NULL && ((char *)p[0])[99] == 0);
	kfree(p[0]);
}

UT_TEST(kmalloc_bad_free_panics)
{
	char *p;

	ut_mm_setup();
	p = kmalloc(32);
	UT_ASSERT(p != NULL);
	UT_EXPECT_PANIC(kfree(p + 8));			/* inside an object */
	UT_ASSERT(strstr(ut_panic_msg, "not a heap object") != NULL);
	kfree(p);
	UT_EXPECT_PANIC(kfree(p));			/* double free */
	p = kmalloc(5000);
	UT_EXPECT_PANIC(kfree(p + 64));
	kfree(p);
}

UT_TEST(kmalloc_exhaustion_returns_null)
{
	unsigned int n = 0;

	ut_mm_setup();
	while (kmalloc(2048) != NULL)
		n++;
	UT_ASSERT(n > 10000);
	UT_ASSERT(kmalloc(16) == NULL || kmalloc(16) != NULL);	/* no crash */
}

/* Every byte of the page at pa from off on is c. */
static int
ut_page_is(uint64_t pa, size_t off, unsigned char c)
{
	const unsigned char *p = (const unsigned char *)mm_dmap_offset + pa;

	for (size_t i = off; i < 4096; i++)
		if (p[i] != c)
			return 0;
	return 1;
}

UT_TEST(page_alloc_zeroes_freed_pages)
{
	struct page_stats ps;
	uint64_t pa, n = 0, got;
	int more = 1;

	ut_mm_setup();
	pa = page_alloc(2);
	UT_ASSERT(pa != 0);
	memset((char *)mm_dmap_offset + pa, 0xaa, 4 * 4096);
	page_free(pa, 2);
	while (more) {
		got = page_alloc_zero_some(8, &more);
		UT_ASSERT(got <= 8);
		n += got;
	}
	/* Three pages whole zero; the fourth at least past the links. */
	UT_ASSERT(n >= 3 && n <= 4);
	for (unsigned int i = 1; i < 4; i++)
		UT_ASSERT(ut_page_is(pa + i * 4096, 0, 0));
	UT_ASSERT(ut_page_is(pa, 16, 0));
	page_alloc_stats(&ps);
	UT_ASSERT_EQ(ps.ps_zeroed, n);
	/* Nothing freed since: nothing to do. */
	UT_ASSERT_EQ(page_alloc_zero_some(100, &more), 0);
	UT_ASSERT_EQ(more, 0);
}

UT_TEST(page_alloc_zeroing_skips_pages_in_use)
{
	uint64_t pa, again;
	int more;

	ut_mm_setup();
	pa = page_alloc(0);
	memset((char *)mm_dmap_offset + pa, 0x55, 4096);
	page_free(pa, 0);
	again = page_alloc(0);		/* the same page, in use again */
	UT_ASSERT_EQ(again, pa);
	memset((char *)mm_dmap_offset + pa, 0x55, 4096);
	while (page_alloc_zero_some(64, &more) != 0 || more)
		;
	UT_ASSERT(ut_page_is(pa, 0, 0x55));
	page_free(pa, 0);
}

static uint64_t ut_held;
static unsigned int ut_hook_calls;

static int
ut_hook(unsigned int order)
{
	ut_hook_calls++;
	if (order != 0 || ut_held == 0)
		return 0;
	page_free(ut_held, 0);
	ut_held = 0;
	return 1;
}

UT_TEST(page_alloc_pressure_hook_runs_before_failing)
{
	uint64_t pa;

	ut_mm_setup();
	while ((pa = page_alloc(0)) != 0)
		ut_held = pa;
	ut_hook_calls = 0;
	page_alloc_pressure_hook = ut_hook;
	pa = page_alloc(0);		/* the hook frees one: it is ours */
	UT_ASSERT(pa != 0);
	UT_ASSERT_EQ(ut_hook_calls, 1);
	UT_ASSERT_EQ(page_alloc(0), 0);	/* the hook has nothing more */
	UT_ASSERT_EQ(ut_hook_calls, 2);
	UT_ASSERT_EQ(page_alloc_noreclaim(0), 0);	/* never asks it */
	UT_ASSERT_EQ(ut_hook_calls, 2);
	page_alloc_pressure_hook = NULL;
}
