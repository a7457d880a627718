/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * What device drivers need from the kernel above pv/: memory a device
 * can reach (physically contiguous, with its bus address), a thread of
 * their own, and an event their interrupt handler can signal and their
 * thread wait on.  Those live in kernel/mm and kernel/sched, floors above
 * every pv/ folder, so kmain installs them here (pv_sys_set) before
 * pv_probe, as the trap hooks are installed; drivers call the wrappers.
 * Without them (host unit tests, or before the kernel set them) every
 * call fails cleanly.
 */
#ifndef PV_COMMON_PV_SYS_H
#define PV_COMMON_PV_SYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pv_event;	/* the kernel's: a wait queue and a pending flag */

struct pv_sys_ops {
	/* size bytes, zeroed, contiguous, page-aligned; NULL when none. */
	void	*(*ps_dma_alloc)(size_t size, uint64_t *pa);
	void	 (*ps_dma_free)(void *va, size_t size);
	/* A detached kernel thread running fn(arg): 0 or -errno. */
	int	 (*ps_thread_start)(const char *name, void (*fn)(void *),
		    void *arg);
	struct pv_event *(*ps_event_new)(void);		/* NULL: none */
	void	 (*ps_event_free)(struct pv_event *ev);	/* nobody waiting */
	/*
	 * Wait until signalled (the signal is consumed) or timeout_ns has
	 * passed (UINT64_MAX: no timeout); true when signalled.  Thread
	 * context only.
	 */
	bool	 (*ps_event_wait)(struct pv_event *ev, uint64_t timeout_ns);
	/* IRQ-safe; a signal before the wait is not lost. */
	void	 (*ps_event_signal)(struct pv_event *ev);
};

void	pv_sys_set(const struct pv_sys_ops *ops);

void	*pv_dma_alloc(size_t size, uint64_t *pa);
void	 pv_dma_free(void *va, size_t size);
int	 pv_thread_start(const char *name, void (*fn)(void *), void *arg);
struct pv_event *pv_event_new(void);
void	 pv_event_free(struct pv_event *ev);
bool	 pv_event_wait(struct pv_event *ev, uint64_t timeout_ns);
void	 pv_event_signal(struct pv_event *ev);

#endif /* PV_COMMON_PV_SYS_H */
