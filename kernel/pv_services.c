/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Device memory, threads and events for pv/ drivers (pv/common/pv_sys.h),
 * from the page allocator, the heap and wait queues.  Only one CPU runs
 * the kernel, so an event's flag is guarded by turning interrupts off.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/errno.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/dmap.h>
#include <arch/x86_64/include/layout.h>
#include <pv/common/pv_hv.h>
#include <pv/common/pv_sys.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/mm/page_alloc.h>
#include <kernel/sched/thread.h>
#include <kernel/sched/waitq.h>
#include <kernel/pv_services.h>

struct pv_event {
	struct waitq	pe_wq;
	volatile bool	pe_pending;
};

static unsigned int
pv_services_order(size_t size)
{
	unsigned int order = 0;

	while (((size_t)PAGE_SIZE << order) < size)
		order++;
	return order;
}

static void *
pv_services_dma_alloc(size_t size, uint64_t *pa)
{
	void *va = page_alloc_zeroed(pv_services_order(size));

	if (va != NULL)
		*pa = virt_to_phys(va);
	return va;
}

static void
pv_services_dma_free(void *va, size_t size)
{
	page_free_va(va, pv_services_order(size));
}

static int
pv_services_thread_start(const char *name, void (*fn)(void *), void *arg)
{
	return thread_create(name, fn, arg, true) != NULL ? 0 : -ENOMEM;
}

static struct pv_event *
pv_services_event_new(void)
{
	return kzalloc(sizeof(struct pv_event));
}

static void
pv_services_event_free(struct pv_event *ev)
{
	kfree(ev);
}

static bool
pv_services_event_wait(struct pv_event *ev, uint64_t timeout_ns)
{
	bool on = intr_save(), got;

	if (!ev->pe_pending && timeout_ns != 0) {
		uint64_t now = pv_clock_ns();

		waitq_wait_until_locked(&ev->pe_wq,
		    timeout_ns == UINT64_MAX || now + timeout_ns < now ?
		    UINT64_MAX : now + timeout_ns);
	}
	got = ev->pe_pending;
	ev->pe_pending = false;
	intr_restore(on);
	return got;
}

static void
pv_services_event_signal(struct pv_event *ev)
{
	bool on = intr_save();

	ev->pe_pending = true;
	waitq_wake_all(&ev->pe_wq);
	intr_restore(on);
}

static const struct pv_sys_ops pv_services_ops = {
	.ps_dma_alloc = pv_services_dma_alloc,
	.ps_dma_free = pv_services_dma_free,
	.ps_thread_start = pv_services_thread_start,
	.ps_event_new = pv_services_event_new,
	.ps_event_free = pv_services_event_free,
	.ps_event_wait = pv_services_event_wait,
	.ps_event_signal = pv_services_event_signal,
};

void
pv_services_install(void)
{
	pv_sys_set(&pv_services_ops);
}
