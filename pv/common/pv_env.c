/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Kernel services for drivers, through the table registered from above. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/errno.h>
#include <arch/x86_64/include/cpu.h>
#include <pv/common/pv_env.h>
#include <pv/common/pv_hv.h>

static const struct pv_env_ops *pv_env;

void
pv_env_register(const struct pv_env_ops *ops)
{
	pv_env = ops;
}

int
pv_env_ready(void)
{
	return pv_env != NULL;
}

void *
pv_page_alloc(void)
{
	return pv_env != NULL ? pv_env->peo_page_alloc() : NULL;
}

void
pv_page_free(void *va)
{
	if (pv_env != NULL && va != NULL)
		pv_env->peo_page_free(va);
}

void *
pv_dma_alloc(size_t size, uint64_t *pa)
{
	return pv_env != NULL && size != 0 ? pv_env->peo_dma_alloc(size, pa) :
	    NULL;
}

void
pv_dma_free(void *va, size_t size)
{
	if (pv_env != NULL && va != NULL)
		pv_env->peo_dma_free(va, size);
}

int
pv_thread_start(const char *name, void (*fn)(void *), void *arg)
{
	return pv_env != NULL ? pv_env->peo_thread_start(name, fn, arg) :
	    -ENOSYS;
}

uint32_t
pv_event_gen(const struct pv_event *ev)
{
	return __atomic_load_n(&ev->ev_gen, __ATOMIC_ACQUIRE);
}

void
pv_event_signal(struct pv_event *ev)
{
	__atomic_fetch_add(&ev->ev_gen, 1, __ATOMIC_RELEASE);
	if (pv_env != NULL)
		pv_env->peo_event_wake(ev);
}

int
pv_event_wait(struct pv_event *ev, uint32_t gen, uint64_t deadline)
{
	if (pv_env != NULL)
		return pv_env->peo_event_wait(ev, gen, deadline);
	/* No scheduler yet: poll. */
	while (pv_event_gen(ev) == gen) {
		if (pv_clock_ns() >= deadline)
			return -ETIMEDOUT;
		cpu_relax();
	}
	return 0;
}

void
pv_yield(void)
{
	if (pv_env != NULL)
		pv_env->peo_yield();
	else
		cpu_relax();
}
