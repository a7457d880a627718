/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The kernel services a driver needs from the floors above pv/ (pages,
 * threads, sleeping until an interrupt says so), reached through an ops
 * table that kernel/main.c registers before pv_probe: drivers stay on
 * their floor and the scheduler stays above it.  Until the table is
 * registered (and in host unit tests), pages are not available and a
 * wait polls the event.
 *
 * A pv_event is a generation counter with sleepers: an interrupt handler
 * calls pv_event_signal (IRQ-safe), a thread reads pv_event_gen, looks at
 * its ring, and if there is nothing to do sleeps in pv_event_wait until
 * the generation moves; a signal between the look and the sleep is never
 * lost, and several threads may wait on one event.
 */
#ifndef PV_COMMON_PV_ENV_H
#define PV_COMMON_PV_ENV_H

#include <stddef.h>
#include <stdint.h>

struct pv_event {
	uint32_t	ev_gen;		/* moves on every signal */
	void		*ev_sleepers;	/* the kernel's wait queue */
};

struct pv_env_ops {
	/* One zeroed page (kernel virtual address), or NULL. */
	void	*(*peo_page_alloc)(void);
	void	(*peo_page_free)(void *va);
	/*
	 * size bytes, zeroed, physically contiguous and page-aligned, for a
	 * device to reach (its bus address in *pa); NULL when none.
	 */
	void	*(*peo_dma_alloc)(size_t size, uint64_t *pa);
	void	(*peo_dma_free)(void *va, size_t size);
	/* Start a detached kernel thread running fn(arg): 0 or -errno. */
	int	(*peo_thread_start)(const char *name, void (*fn)(void *),
		    void *arg);
	/*
	 * Sleep until ev's generation differs from gen or pv_clock_ns()
	 * passes deadline: 0, or -ETIMEDOUT.
	 */
	int	(*peo_event_wait)(struct pv_event *ev, uint32_t gen,
		    uint64_t deadline);
	/* Wake ev's sleepers (IRQ-safe). */
	void	(*peo_event_wake)(struct pv_event *ev);
	/* Let other threads run. */
	void	(*peo_yield)(void);
};

/* Called once from above, before pv_probe. */
void	pv_env_register(const struct pv_env_ops *ops);

/* True once the services are there (drivers may sleep and allocate). */
int	pv_env_ready(void);

void	*pv_page_alloc(void);
void	pv_page_free(void *va);
void	*pv_dma_alloc(size_t size, uint64_t *pa);
void	pv_dma_free(void *va, size_t size);
int	pv_thread_start(const char *name, void (*fn)(void *), void *arg);

uint32_t pv_event_gen(const struct pv_event *ev);
void	pv_event_signal(struct pv_event *ev);
int	pv_event_wait(struct pv_event *ev, uint32_t gen, uint64_t deadline);
void	pv_yield(void);

#endif /* PV_COMMON_PV_ENV_H */
