/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The kernel's services to drivers, as installed by kmain (pv_sys.h). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/errno.h>
#include <pv/common/pv_sys.h>

static const struct pv_sys_ops *pv_sys;

void
pv_sys_set(const struct pv_sys_ops *ops)
{
	pv_sys = ops;
}

void *
pv_dma_alloc(size_t size, uint64_t *pa)
{
	return pv_sys != NULL && size != 0 ? pv_sys->ps_dma_alloc(size, pa) :
	    NULL;
}

void
pv_dma_free(void *va, size_t size)
{
	if (pv_sys != NULL && va != NULL)
		pv_sys->ps_dma_free(va, size);
}

int
pv_thread_start(const char *name, void (*fn)(void *), void *arg)
{
	return pv_sys != NULL ? pv_sys->ps_thread_start(name, fn, arg) :
	    -ENOSYS;
}

struct pv_event *
pv_event_new(void)
{
	return pv_sys != NULL ? pv_sys->ps_event_new() : NULL;
}

void
pv_event_free(struct pv_event *ev)
{
	if (pv_sys != NULL && ev != NULL)
		pv_sys->ps_event_free(ev);
}

bool
pv_event_wait(struct pv_event *ev, uint64_t timeout_ns)
{
	return pv_sys->ps_event_wait(ev, timeout_ns);
}

void
pv_event_signal(struct pv_event *ev)
{
	pv_sys->ps_event_signal(ev);
}
