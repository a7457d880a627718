/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Page cache (see pagecache.h).  A file's cache is an array of physical
 * pages covering the size the file had when the cache was made, filled
 * one page at a time on first use.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <arch/x86_64/include/dmap.h>
#include <arch/x86_64/include/spinlock.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/mm/page_alloc.h>
#include <fs/pagecache.h>
#include <fs/vfs.h>

struct pagecache {
	struct pagecache *pc_next;	/* every cache, for reclaim */
	struct pagecache **pc_prevp;
	size_t		 pc_npages;	/* covers the size at creation */
	uint64_t	 pc_pa[];	/* 0: not read yet */
};

static struct pagecache *pagecache_all;
static struct spinlock pagecache_lock = SPINLOCK_INIT;	/* the list */

void
pagecache_drop(struct vnode *v)
{
	struct pagecache *c = __atomic_exchange_n(&v->v_cache, NULL,
	    __ATOMIC_ACQ_REL);
	bool on;

	if (c == NULL)
		return;
	on = spin_lock_irqsave(&pagecache_lock);
	if ((*c->pc_prevp = c->pc_next) != NULL)
		c->pc_next->pc_prevp = c->pc_prevp;
	spin_unlock_irqrestore(&pagecache_lock, on);
	for (size_t i = 0; i < c->pc_npages; i++)
		if (c->pc_pa[i] != 0)
			page_ref_put(c->pc_pa[i]);
	kfree(c);
}

uint64_t
pagecache_get(struct vnode *v, uint64_t off)
{
	struct pagecache *c = v->v_cache;
	size_t i = off / PAGE_SIZE;
	uint64_t pa;
	bool on;

	if ((off & (PAGE_SIZE - 1)) != 0 || off + PAGE_SIZE > v->v_size ||
	    off + PAGE_SIZE < off)
		return 0;
	if (c == NULL) {
		size_t n = v->v_size / PAGE_SIZE;

		if ((c = kzalloc(sizeof(*c) + n * sizeof(c->pc_pa[0]))) == NULL)
			return 0;
		c->pc_npages = n;
		v->v_cache = c;
		on = spin_lock_irqsave(&pagecache_lock);
		c->pc_prevp = &pagecache_all;
		if ((c->pc_next = pagecache_all) != NULL)
			pagecache_all->pc_prevp = &c->pc_next;
		pagecache_all = c;
		spin_unlock_irqrestore(&pagecache_lock, on);
	}
	if (i >= c->pc_npages)
		return 0;
	if ((pa = c->pc_pa[i]) == 0) {
		if ((pa = page_ref_alloc()) == 0)
			return 0;
		if (vfs_readpage(v, i, phys_to_virt(pa)) != 0) {
			page_ref_put(pa);
			return 0;
		}
		c->pc_pa[i] = pa;
	}
	page_ref_get(pa);
	return pa;
}

uint64_t
pagecache_take(struct vnode *v, uint64_t off)
{
	struct pagecache *c = v->v_cache;
	size_t i = off / PAGE_SIZE;
	uint64_t pa;
	bool on;

	if (c == NULL || (off & (PAGE_SIZE - 1)) != 0 || i >= c->pc_npages)
		return 0;
	on = spin_lock_irqsave(&pagecache_lock);	/* against reclaim */
	pa = c->pc_pa[i];
	c->pc_pa[i] = 0;
	spin_unlock_irqrestore(&pagecache_lock, on);
	return pa;
}

uint64_t
pagecache_reclaim(void)
{
	uint64_t freed = 0;
	bool on = spin_lock_irqsave(&pagecache_lock);

	/* A page only the cache holds is not mapped anywhere: let it go. */
	for (struct pagecache *c = pagecache_all; c != NULL; c = c->pc_next)
		for (size_t i = 0; i < c->pc_npages; i++)
			if (c->pc_pa[i] != 0 && page_ref_count(c->pc_pa[i]) == 1) {
				page_ref_put(c->pc_pa[i]);
				c->pc_pa[i] = 0;
				freed++;
			}
	spin_unlock_irqrestore(&pagecache_lock, on);
	return freed;
}
