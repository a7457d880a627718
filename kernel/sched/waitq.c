/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Wait queues (see waitq.h): a thread sleeps on one until woken, by
 * deadline, or interrupted for a signal.  Interrupts off around every
 * queue change.
 */
#include <stdbool.h>
#include <stdint.h>

#include <arch/x86_64/include/cpu.h>
#include <pv/common/pv_hv.h>
#include <kernel/sched/sched.h>
#include <kernel/sched/sched_priv.h>
#include <kernel/sched/thread.h>
#include <kernel/sched/waitq.h>

/* Take t off the wait queue it sleeps on; interrupts off. */
void
waitq_unlink(struct thread *t)
{
	for (struct thread **pp = &t->t_waitq->wq_head; *pp != NULL;
	    pp = &(*pp)->t_wq_next)
		if (*pp == t) {
			*pp = t->t_wq_next;
			break;
		}
	t->t_waitq = NULL;
}

void
waitq_wait_locked(struct waitq *wq)
{
	struct thread *t = thread_current();

	t->t_wq_next = wq->wq_head;
	wq->wq_head = t;
	t->t_waitq = wq;
	t->t_state = THREAD_BLOCKED;
	schedule();
	t->t_waitq = NULL;
}

void
waitq_wait_until_locked(struct waitq *wq, uint64_t deadline_ns)
{
	struct thread *t = thread_current();

	t->t_timed_out = false;
	if (deadline_ns != UINT64_MAX) {
		if (deadline_ns <= pv_clock_ns()) {
			t->t_timed_out = true;
			return;
		}
		t->t_wake_ns = deadline_ns;
		sched_sleep_insert(t);
	}
	waitq_wait_locked(wq);
}

void
thread_interrupt(struct thread *t)
{
	bool on = intr_save();

	if (t->t_state == THREAD_RUNNING) {
		/* On another CPU, perhaps in ring 3: an interrupt there
		 * reaches its signal check. */
		sched_kick_thread(t);
		intr_restore(on);
		return;
	}
	if (t->t_state != THREAD_BLOCKED) {
		intr_restore(on);
		return;
	}
	if (t->t_waitq != NULL)
		waitq_unlink(t);
	sched_unsleep(t);
	sched_wake(t);
	intr_restore(on);
}

void
waitq_wake_all(struct waitq *wq)
{
	bool on = intr_save();

	while (wq->wq_head != NULL) {
		struct thread *t = wq->wq_head;

		wq->wq_head = t->t_wq_next;
		t->t_waitq = NULL;
		if (t->t_state == THREAD_BLOCKED) {
			sched_unsleep(t);	/* timed wait */
			sched_wake(t);
		}
	}
	intr_restore(on);
}
