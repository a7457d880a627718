/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Binary buddy allocator for physical pages (see page_alloc.h).
 *
 * State: one circular free list per order, linked through the free blocks
 * themselves, and one bitmap per order where bit (pfn >> order) says that
 * the block starting at pfn is free at exactly that order.  Freeing checks
 * the buddy's bit to merge, and refuses a block whose own bit is already
 * set (double free).  Memory above the highest RAM address is never
 * described, so the bitmaps are sized by that address alone.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/dmap.h>
#include <arch/x86_64/include/spinlock.h>
#include <kernel/log/panic.h>
#include <kernel/mm/page_alloc.h>

struct page_free {
	struct page_free	*pf_next;
	struct page_free	*pf_prev;
};

static struct page_free page_lists[PAGE_MAX_ORDER + 1];
static uint64_t *page_bitmap[PAGE_MAX_ORDER + 1];
static uint64_t *page_dirty;		/* per pfn: freed, not zeroed since */
static uint64_t page_zero_cursor;	/* where page_alloc_zero_some goes on */
int (*page_alloc_pressure_hook)(unsigned int order);
static uint64_t page_max_pfn;
static uint32_t *page_refs;		/* per pfn: mappings of a user page */
static struct page_stats page_stats;
static struct spinlock page_lock = SPINLOCK_INIT;

static bool
page_bit_test(unsigned int order, uint64_t pfn)
{
	uint64_t i = pfn >> order;

	return (page_bitmap[order][i / 64] >> (i % 64)) & 1;
}

static void
page_bit_flip(unsigned int order, uint64_t pfn)
{
	uint64_t i = pfn >> order;

	page_bitmap[order][i / 64] ^= 1UL << (i % 64);
}

static void
page_push(uint64_t pfn, unsigned int order)
{
	struct page_free *b = phys_to_virt(pfn << PAGE_SHIFT);
	struct page_free *head = &page_lists[order];

	b->pf_next = head->pf_next;
	b->pf_prev = head;
	head->pf_next->pf_prev = b;
	head->pf_next = b;
	page_bit_flip(order, pfn);
}

static void
page_unlink(uint64_t pfn, unsigned int order)
{
	struct page_free *b = phys_to_virt(pfn << PAGE_SHIFT);

	b->pf_prev->pf_next = b->pf_next;
	b->pf_next->pf_prev = b->pf_prev;
	page_bit_flip(order, pfn);
}

/* Pages [pfn, pfn + n) were freed: not known to be zero; lock held. */
static void
page_dirty_mark(uint64_t pfn, uint64_t n)
{
	for (uint64_t i = pfn; i < pfn + n; ) {
		if (i % 64 == 0 && i + 64 <= pfn + n) {
			page_dirty[i / 64] = ~0UL;
			i += 64;
		} else {
			page_dirty[i / 64] |= 1UL << (i % 64);
			i++;
		}
	}
}

/* Insert a free block, merging with free buddies; lock held. */
static void
page_free_locked(uint64_t pfn, unsigned int order)
{
	while (order < PAGE_MAX_ORDER) {
		uint64_t buddy = pfn ^ (1UL << order);

		if (buddy + (1UL << order) > page_max_pfn ||
		    !page_bit_test(order, buddy))
			break;
		page_unlink(buddy, order);
		pfn &= ~(1UL << order);
		order++;
	}
	page_push(pfn, order);
}

/* Free [lo, hi) in the largest aligned blocks that fit. */
static void
page_add_free(uint64_t lo, uint64_t hi)
{
	uint64_t pfn = ALIGN_UP(lo, PAGE_SIZE) >> PAGE_SHIFT;
	uint64_t end = ALIGN_DOWN(hi, PAGE_SIZE) >> PAGE_SHIFT;

	if (pfn == 0)
		pfn = 1;	/* 0 is page_alloc's failure value */
	while (pfn < end) {
		unsigned int order = PAGE_MAX_ORDER;

		while (order > 0 && ((pfn & ((1UL << order) - 1)) != 0 ||
		    pfn + (1UL << order) > end))
			order--;
		page_free_locked(pfn, order);
		page_stats.ps_total += 1UL << order;
		page_stats.ps_free += 1UL << order;
		pfn += 1UL << order;
	}
}

/* Add [lo, hi) minus every reserved range. */
static void
page_add_range(uint64_t lo, uint64_t hi, const struct boot_range *res,
    unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		if (res[i].br_end <= lo || res[i].br_base >= hi)
			continue;
		if (res[i].br_base > lo)
			page_add_range(lo, res[i].br_base, res + i + 1, n - i - 1);
		if (res[i].br_end < hi)
			page_add_range(res[i].br_end, hi, res + i + 1, n - i - 1);
		return;
	}
	if (lo < hi)
		page_add_free(lo, hi);
}

int
page_alloc_init(const struct boot_info *bi, const struct boot_range *reserved,
    unsigned int nreserved)
{
	struct boot_range res[nreserved + 1];
	uint64_t words[PAGE_MAX_ORDER + 1], total = 0, pa;
	uint64_t *bits;

	page_max_pfn = boot_info_ram_end(bi) >> PAGE_SHIFT;
	for (unsigned int k = 0; k <= PAGE_MAX_ORDER; k++) {
		words[k] = ((page_max_pfn >> k) + 64) / 64;
		total += words[k] * 8;
		page_lists[k].pf_next = page_lists[k].pf_prev = &page_lists[k];
	}
	uint64_t dirty_at = total;
	total += ((page_max_pfn + 64) / 64) * 8;
	total = ALIGN_UP(total, sizeof(uint32_t));
	uint64_t refs_at = total;
	total += page_max_pfn * sizeof(uint32_t);
	memcpy(res, reserved, nreserved * sizeof(*res));
	pa = boot_info_find_free(bi, res, nreserved, total, UINT64_MAX);
	if (pa == UINT64_MAX)
		return -ENOMEM;
	res[nreserved] = (struct boot_range){ pa, pa + total };

	bits = phys_to_virt(pa);
	memset(bits, 0, total);
	for (unsigned int k = 0; k <= PAGE_MAX_ORDER; k++) {
		page_bitmap[k] = bits;
		bits += words[k];
	}
	page_dirty = (uint64_t *)((char *)phys_to_virt(pa) + dirty_at);
	page_zero_cursor = 0;
	page_refs = (uint32_t *)((char *)phys_to_virt(pa) + refs_at);
	page_stats = (struct page_stats){ .ps_bitmap_bytes = total };

	for (unsigned int r = 0; r < bi->bi_nmem; r++) {
		const struct boot_mem_region *m = &bi->bi_mem[r];

		if (m->bm_type == BOOT_MEM_RAM)
			page_add_range(m->bm_base, m->bm_base + m->bm_size,
			    res, nreserved + 1);
	}
	return 0;
}

static uint64_t page_alloc_try(unsigned int order);

uint64_t
page_alloc(unsigned int order)
{
	uint64_t pa;
	int (*hook)(unsigned int);

	if (order > PAGE_MAX_ORDER)
		return 0;
	if ((pa = page_alloc_try(order)) != 0)
		return pa;
	/*
	 * Only with interrupts on: then nobody on this CPU holds a spinlock
	 * the hook's driver might need (they are all taken with interrupts
	 * off).
	 */
	hook = __atomic_load_n(&page_alloc_pressure_hook, __ATOMIC_ACQUIRE);
	if (hook != NULL && (read_rflags() & EFLAGS_IF) != 0 &&
	    hook(order))
		pa = page_alloc_try(order);
	return pa;
}

uint64_t
page_alloc_noreclaim(unsigned int order)
{
	return order > PAGE_MAX_ORDER ? 0 : page_alloc_try(order);
}

static uint64_t
page_alloc_try(unsigned int order)
{
	uint64_t pfn = 0;
	unsigned int k;
	bool on;

	on = spin_lock_irqsave(&page_lock);
	for (k = order; k <= PAGE_MAX_ORDER; k++)
		if (page_lists[k].pf_next != &page_lists[k])
			break;
	if (k <= PAGE_MAX_ORDER) {
		pfn = virt_to_phys(page_lists[k].pf_next) >> PAGE_SHIFT;
		page_unlink(pfn, k);
		while (k > order) {
			k--;
			page_push(pfn + (1UL << k), k);
		}
		page_stats.ps_free -= 1UL << order;
	}
	spin_unlock_irqrestore(&page_lock, on);
	return pfn << PAGE_SHIFT;
}

void
page_free(uint64_t pa, unsigned int order)
{
	uint64_t pfn = pa >> PAGE_SHIFT;
	bool on;

	if (order > PAGE_MAX_ORDER || (pa & (PAGE_SIZE - 1)) != 0 ||
	    (pfn & ((1UL << order) - 1)) != 0 ||
	    pfn + (1UL << order) > page_max_pfn || pfn == 0)
		panic("page_free: bad block pa=0x%lx order=%u", pa, order);
	on = spin_lock_irqsave(&page_lock);
	/* Free already, on its own or inside a block it merged into? */
	for (unsigned int k = order; k <= PAGE_MAX_ORDER; k++) {
		uint64_t head = pfn & ~((1UL << k) - 1);

		if (head + (1UL << k) > page_max_pfn)
			break;
		if (page_bit_test(k, head)) {
			spin_unlock_irqrestore(&page_lock, on);
			panic("page_free: double free of pa=0x%lx order=%u",
			    pa, order);
		}
	}
	page_free_locked(pfn, order);
	page_stats.ps_free += 1UL << order;
	page_dirty_mark(pfn, 1UL << order);
	spin_unlock_irqrestore(&page_lock, on);
}

void *
page_alloc_va(unsigned int order)
{
	uint64_t pa = page_alloc(order);

	return pa == 0 ? NULL : phys_to_virt(pa);
}

void *
page_alloc_zeroed(unsigned int order)
{
	void *va = page_alloc_va(order);

	if (va != NULL)
		memset(va, 0, PAGE_SIZE << order);
	return va;
}

void
page_free_va(void *va, unsigned int order)
{
	page_free(virt_to_phys(va), order);
}

void
page_alloc_stats(struct page_stats *ps)
{
	bool on = spin_lock_irqsave(&page_lock);

	*ps = page_stats;
	ps->ps_max_pfn = page_max_pfn;
	spin_unlock_irqrestore(&page_lock, on);
}

void
page_alloc_lent_add(int64_t delta)
{
	bool on = spin_lock_irqsave(&page_lock);

	page_stats.ps_lent += (uint64_t)delta;
	spin_unlock_irqrestore(&page_lock, on);
}

/* Is pfn inside a free block?  *head: whether it is the block's first. */
static bool
page_is_free(uint64_t pfn, bool *head)
{
	for (unsigned int k = 0; k <= PAGE_MAX_ORDER; k++) {
		uint64_t h = pfn & ~((1UL << k) - 1);

		if (h + (1UL << k) > page_max_pfn)
			break;
		if (page_bit_test(k, h)) {
			*head = h == pfn;
			return true;
		}
	}
	return false;
}

#define PAGE_ZERO_LOCKED	16	/* pages zeroed per hold of the lock */

uint64_t
page_alloc_zero_some(uint64_t max, int *more)
{
	uint64_t done = 0, seen = 0, words = (page_max_pfn + 63) / 64;
	bool on;

	*more = 0;
	while (done < max && seen < words) {
		unsigned int n = 0;

		on = spin_lock_irqsave(&page_lock);
		while (n < PAGE_ZERO_LOCKED && done < max && seen < words) {
			uint64_t w = page_zero_cursor;
			uint64_t bits = page_dirty[w];

			if (bits == 0) {
				page_zero_cursor = (w + 1) % words;
				seen++;
				continue;
			}
			unsigned int b = (unsigned int)__builtin_ctzl(bits);
			uint64_t pfn = w * 64 + b;
			bool head;

			page_dirty[w] &= ~(1UL << b);
			if (pfn == 0 || pfn >= page_max_pfn ||
			    !page_is_free(pfn, &head))
				continue;	/* in use: dirty again when freed */
			if (head) {
				memset((char *)phys_to_virt(pfn << PAGE_SHIFT) +
				    sizeof(struct page_free), 0,
				    PAGE_SIZE - sizeof(struct page_free));
			} else {
				memset(phys_to_virt(pfn << PAGE_SHIFT), 0,
				    PAGE_SIZE);
				page_stats.ps_zeroed++;
				done++;
			}
			n++;
		}
		spin_unlock_irqrestore(&page_lock, on);
	}
	for (uint64_t w = 0; w < words && !*more; w++)
		if (page_dirty[w] != 0)
			*more = 1;
	return done;
}

/*
 * Reference counts of pages mapped into user address spaces: a page
 * shared copy-on-write after fork, or held by a file's page cache and
 * mapped by several programs, is freed when its last user lets go.
 */
uint64_t
page_ref_alloc(void)
{
	uint64_t pa = page_alloc(0);

	if (pa != 0)
		__atomic_store_n(&page_refs[pa >> PAGE_SHIFT], 1,
		    __ATOMIC_RELAXED);
	return pa;
}

void
page_ref_get(uint64_t pa)
{
	uint64_t pfn = pa >> PAGE_SHIFT;

	if (pfn >= page_max_pfn ||
	    __atomic_fetch_add(&page_refs[pfn], 1, __ATOMIC_RELAXED) == 0)
		panic("page_ref_get: pa=0x%lx has no references", pa);
}

void
page_ref_put(uint64_t pa)
{
	uint64_t pfn = pa >> PAGE_SHIFT;
	uint32_t old;

	if (pfn >= page_max_pfn ||
	    (old = __atomic_fetch_sub(&page_refs[pfn], 1, __ATOMIC_ACQ_REL)) == 0)
		panic("page_ref_put: pa=0x%lx has no references", pa);
	if (old == 1)
		page_free(pa & ~(uint64_t)(PAGE_SIZE - 1), 0);
}

unsigned int
page_ref_count(uint64_t pa)
{
	uint64_t pfn = pa >> PAGE_SHIFT;

	return pfn < page_max_pfn ?
	    __atomic_load_n(&page_refs[pfn], __ATOMIC_RELAXED) : 0;
}
