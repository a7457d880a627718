/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Wait queues (waitq.c): threads sleep on one until woken, until a
 * deadline, or until thread_interrupt() cuts the sleep short for a signal.
 */
#ifndef KERNEL_SCHED_WAITQ_H
#define KERNEL_SCHED_WAITQ_H

#include <stdint.h>

struct thread;

struct waitq {
	struct thread	*wq_head;	/* singly linked through t_wq_next */
};

/*
 * Wake t from whatever sleep it is in (a wait queue or thread_sleep_ns),
 * so it can notice a signal.  IRQ-safe; nothing happens if it runs.
 */
void	thread_interrupt(struct thread *t);

/* Sleep on wq until woken.  Call with interrupts off; they stay off. */
void	waitq_wait_locked(struct waitq *wq);

/*
 * As waitq_wait_locked, but wake by deadline_ns (pv_clock_ns) at the
 * latest; then t_timed_out is set.  UINT64_MAX: no deadline.
 */
void	waitq_wait_until_locked(struct waitq *wq, uint64_t deadline_ns);
/* Wake every thread on wq.  IRQ-safe. */
void	waitq_wake_all(struct waitq *wq);

#endif /* KERNEL_SCHED_WAITQ_H */
