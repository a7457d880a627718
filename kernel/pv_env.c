/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The kernel services drivers in pv/ reach through pv_env.h: pages from
 * the page allocator, detached kernel threads, and events on wait queues.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/errno.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/dmap.h>
#include <pv/common/pv_env.h>
#include <pv/common/pv_hv.h>
#include <kernel/mm/page_alloc.h>
#include <kernel/sched/thread.h>
#include <kernel/sched/waitq.h>

#include "pv_env_kernel.h"

_Static_assert(sizeof(struct waitq) == sizeof(void *),
    "a pv_event holds a wait queue in ev_sleepers");

static void *
kpv_page_alloc(void)
{
	return page_alloc_zeroed(0);
}

static void
kpv_page_free(void *va)
{
	page_free_va(va, 0);
}

static unsigned int
kpv_order(size_t size)
{
	unsigned int order = 0;

	while (((size_t)PAGE_SIZE << order) < size)
		order++;
	return order;
}

static void *
kpv_dma_alloc(size_t size, uint64_t *pa)
{
	void *va = page_alloc_zeroed(kpv_order(size));

	if (va != NULL)
		*pa = virt_to_phys(va);
	return va;
}

static void
kpv_dma_free(void *va, size_t size)
{
	page_free_va(va, kpv_order(size));
}

static int
kpv_thread_start(const char *name, void (*fn)(void *), void *arg)
{
	return thread_create(name, fn, arg, true) != NULL ? 0 : -ENOMEM;
}

static int
kpv_event_wait(struct pv_event *ev, uint32_t gen, uint64_t deadline)
{
	struct waitq *wq = (struct waitq *)&ev->ev_sleepers;
	bool on = intr_save();
	int error = 0;

	while (__atomic_load_n(&ev->ev_gen, __ATOMIC_ACQUIRE) == gen) {
		if (pv_clock_ns() >= deadline) {
			error = -ETIMEDOUT;
			break;
		}
		waitq_wait_until_locked(wq, deadline);
	}
	intr_restore(on);
	return error;
}

static void
kpv_event_wake(struct pv_event *ev)
{
	waitq_wake_all((struct waitq *)&ev->ev_sleepers);
}

static const struct pv_env_ops kpv_env_ops = {
	.peo_page_alloc = kpv_page_alloc,
	.peo_page_free = kpv_page_free,
	.peo_dma_alloc = kpv_dma_alloc,
	.peo_dma_free = kpv_dma_free,
	.peo_thread_start = kpv_thread_start,
	.peo_event_wait = kpv_event_wait,
	.peo_event_wake = kpv_event_wake,
	.peo_yield = thread_yield,
};

void
kernel_pv_env_init(void)
{
	pv_env_register(&kpv_env_ops);
}
