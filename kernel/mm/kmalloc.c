/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Slab heap (see kmalloc.h).  Every heap page starts with a 64-byte header
 * naming what it holds, so kfree needs only the pointer: the header is at
 * the pointer rounded down to its page.  Large objects start 64 bytes into
 * a buddy block whose header records the order.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/string.h>
#include <arch/x86_64/include/dmap.h>
#include <arch/x86_64/include/spinlock.h>
#include <kernel/log/panic.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/mm/page_alloc.h>

#define KMALLOC_HDR	64
#define KMALLOC_NCLASS	8	/* 16 << 0 .. 16 << 7 = 2048 */
#define KMALLOC_MAGIC_SLAB	0x534c4142u	/* "SLAB" */
#define KMALLOC_MAGIC_LARGE	0x4c415247u	/* "LARG" */

struct kmalloc_obj {
	struct kmalloc_obj	*ko_next;
};

struct kmalloc_page {
	uint32_t		kp_magic;	/* KMALLOC_MAGIC_* */
	uint16_t		kp_class;	/* slab: class index */
	uint16_t		kp_order;	/* large: buddy order */
	uint32_t		kp_inuse;	/* slab: objects handed out */
	uint32_t		kp_capacity;	/* slab: objects per page */
	struct kmalloc_obj	*kp_free;	/* slab: free objects */
	struct kmalloc_page	*kp_next;	/* slab: partial list */
	struct kmalloc_page	*kp_prev;
};
_Static_assert(sizeof(struct kmalloc_page) <= KMALLOC_HDR, "heap header");

static struct kmalloc_page *kmalloc_partial[KMALLOC_NCLASS];
static struct kmalloc_stats kmalloc_st;
static struct spinlock kmalloc_lock = SPINLOCK_INIT;

static unsigned int
kmalloc_class(size_t size)
{
	unsigned int c = 0;

	while ((16UL << c) < size)
		c++;
	return c;
}

static void
kmalloc_partial_add(struct kmalloc_page *kp)
{
	kp->kp_prev = NULL;
	kp->kp_next = kmalloc_partial[kp->kp_class];
	if (kp->kp_next != NULL)
		kp->kp_next->kp_prev = kp;
	kmalloc_partial[kp->kp_class] = kp;
}

static void
kmalloc_partial_del(struct kmalloc_page *kp)
{
	if (kp->kp_prev != NULL)
		kp->kp_prev->kp_next = kp->kp_next;
	else
		kmalloc_partial[kp->kp_class] = kp->kp_next;
	if (kp->kp_next != NULL)
		kp->kp_next->kp_prev = kp->kp_prev;
}

static struct kmalloc_page *
kmalloc_slab_new(unsigned int c)
{
	size_t osize = 16UL << c;
	struct kmalloc_page *kp = page_alloc_va(0);
	char *obj;

	if (kp == NULL)
		return NULL;
	kp->kp_magic = KMALLOC_MAGIC_SLAB;
	kp->kp_class = (uint16_t)c;
	kp->kp_order = 0;
	kp->kp_inuse = 0;
	kp->kp_capacity = (PAGE_SIZE - KMALLOC_HDR) / osize;
	kp->kp_free = NULL;
	/* Thread the free list so that allocation goes up the page. */
	obj = (char *)kp + KMALLOC_HDR + (kp->kp_capacity - 1) * osize;
	for (uint32_t i = 0; i < kp->kp_capacity; i++, obj -= osize) {
		struct kmalloc_obj *o = (struct kmalloc_obj *)obj;

		o->ko_next = kp->kp_free;
		kp->kp_free = o;
	}
	kmalloc_st.ks_pages++;
	kmalloc_partial_add(kp);
	return kp;
}

static void *
kmalloc_large(size_t size)
{
	unsigned int order = 0;
	struct kmalloc_page *kp;
	bool on;

	if (size > (PAGE_SIZE << PAGE_MAX_ORDER) - KMALLOC_HDR)
		return NULL;
	while ((PAGE_SIZE << order) < size + KMALLOC_HDR) {
		if (++order > PAGE_MAX_ORDER)
			return NULL;
	}
	if ((kp = page_alloc_va(order)) == NULL)
		return NULL;
	kp->kp_magic = KMALLOC_MAGIC_LARGE;
	kp->kp_order = (uint16_t)order;
	on = spin_lock_irqsave(&kmalloc_lock);
	kmalloc_st.ks_allocs++;
	kmalloc_st.ks_bytes += (PAGE_SIZE << order) - KMALLOC_HDR;
	kmalloc_st.ks_pages += 1UL << order;
	spin_unlock_irqrestore(&kmalloc_lock, on);
	return (char *)kp + KMALLOC_HDR;
}

void *
kmalloc(size_t size)
{
	struct kmalloc_page *kp;
	struct kmalloc_obj *o;
	unsigned int c;
	bool on;

	if (size == 0)
		size = 1;
	if (size > (16UL << (KMALLOC_NCLASS - 1)))
		return kmalloc_large(size);
	c = kmalloc_class(size);
	on = spin_lock_irqsave(&kmalloc_lock);
	kp = kmalloc_partial[c];
	if (kp == NULL && (kp = kmalloc_slab_new(c)) == NULL) {
		spin_unlock_irqrestore(&kmalloc_lock, on);
		return NULL;
	}
	o = kp->kp_free;
	kp->kp_free = o->ko_next;
	if (++kp->kp_inuse == kp->kp_capacity)
		kmalloc_partial_del(kp);
	kmalloc_st.ks_allocs++;
	kmalloc_st.ks_bytes += 16UL << c;
	spin_unlock_irqrestore(&kmalloc_lock, on);
	return o;
}

void *
kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p != NULL)
		memset(p, 0, size);
	return p;
}

void *
kcalloc(size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	return kzalloc(n * size);
}

static struct kmalloc_page *
kmalloc_page_of(const void *p)
{
	struct kmalloc_page *kp = (void *)ALIGN_DOWN((uintptr_t)p, PAGE_SIZE);
	uintptr_t off = (uintptr_t)p - (uintptr_t)kp;

	if (kp->kp_magic == KMALLOC_MAGIC_SLAB && kp->kp_class < KMALLOC_NCLASS &&
	    off >= KMALLOC_HDR &&
	    (off - KMALLOC_HDR) % (16UL << kp->kp_class) == 0 &&
	    (off - KMALLOC_HDR) / (16UL << kp->kp_class) < kp->kp_capacity)
		return kp;
	if (kp->kp_magic == KMALLOC_MAGIC_LARGE && off == KMALLOC_HDR &&
	    kp->kp_order <= PAGE_MAX_ORDER)
		return kp;
	panic("kfree: %p is not a heap object", p);
}

size_t
kmalloc_size(const void *p)
{
	struct kmalloc_page *kp = kmalloc_page_of(p);

	if (kp->kp_magic == KMALLOC_MAGIC_LARGE)
		return (PAGE_SIZE << kp->kp_order) - KMALLOC_HDR;
	return 16UL << kp->kp_class;
}

void
kfree(void *p)
{
	struct kmalloc_page *kp;
	struct kmalloc_obj *o = p;
	bool on;

	if (p == NULL)
		return;
	kp = kmalloc_page_of(p);
	if (kp->kp_magic == KMALLOC_MAGIC_LARGE) {
		unsigned int order = kp->kp_order;

		on = spin_lock_irqsave(&kmalloc_lock);
		kmalloc_st.ks_allocs--;
		kmalloc_st.ks_bytes -= (PAGE_SIZE << order) - KMALLOC_HDR;
		kmalloc_st.ks_pages -= 1UL << order;
		spin_unlock_irqrestore(&kmalloc_lock, on);
		kp->kp_magic = 0;
		page_free_va(kp, order);
		return;
	}
	on = spin_lock_irqsave(&kmalloc_lock);
	for (struct kmalloc_obj *f = kp->kp_free; CONFIG_DEBUG && f != NULL;
	    f = f->ko_next)
		if (f == o) {
			spin_unlock_irqrestore(&kmalloc_lock, on);
			panic("kfree: double free of %p", p);
		}
	o->ko_next = kp->kp_free;
	kp->kp_free = o;
	kmalloc_st.ks_allocs--;
	kmalloc_st.ks_bytes -= 16UL << kp->kp_class;
	if (kp->kp_inuse-- == kp->kp_capacity)
		kmalloc_partial_add(kp);
	if (kp->kp_inuse == 0 && (kmalloc_partial[kp->kp_class] != kp ||
	    kp->kp_next != NULL)) {
		/* Keep one empty slab per class; give the rest back. */
		kmalloc_partial_del(kp);
		kp->kp_magic = 0;
		kmalloc_st.ks_pages--;
		spin_unlock_irqrestore(&kmalloc_lock, on);
		page_free_va(kp, 0);
		return;
	}
	spin_unlock_irqrestore(&kmalloc_lock, on);
}

void
kmalloc_stats(struct kmalloc_stats *ks)
{
	bool on = spin_lock_irqsave(&kmalloc_lock);

	*ks = kmalloc_st;
	spin_unlock_irqrestore(&kmalloc_lock, on);
}
