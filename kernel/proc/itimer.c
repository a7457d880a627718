/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Real interval timers (see itimer.h).  One CPU: interrupts off guard. */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/timespec.h>
#include <arch/x86_64/include/cpu.h>
#include <pv/common/pv_hv.h>
#include <kernel/sched/thread.h>
#include <kernel/sched/waitq.h>
#include <kernel/proc/itimer.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/signal.h>

static struct thread *itimer_thread;

struct itimer_scan {
	uint64_t	is_now;
	uint64_t	is_next;	/* earliest deadline still armed */
};

static void
itimer_check(struct proc *p, void *arg)
{
	struct itimer_scan *s = arg;

	if (p->p_itimer_next == 0)
		return;
	if (p->p_itimer_next <= s->is_now) {
		signal_send(p, SIGALRM);
		if (p->p_itimer_interval == 0) {
			p->p_itimer_next = 0;
			return;
		}
		/*
		 * Missed periods are not made up for, as on Linux: the next
		 * expiry is the first period boundary after now (by
		 * division, so a tiny interval after a long stall does not
		 * loop), saturated so a huge interval never wraps.
		 */
		p->p_itimer_next = timespec_add_sat(p->p_itimer_next,
		    ((s->is_now - p->p_itimer_next) / p->p_itimer_interval +
		    1) * p->p_itimer_interval);
	}
	if (p->p_itimer_next < s->is_next)
		s->is_next = p->p_itimer_next;
}

static void
itimer_run(void *arg)
{
	struct itimer_scan s;

	(void)arg;
	for (;;) {
		/*
		 * Interrupts stay off from the scan to the sleep, so an
		 * itimer_set in between (which interrupts our sleep) is
		 * never lost.
		 */
		bool on = intr_save();

		s.is_now = pv_clock_ns();
		s.is_next = UINT64_MAX;
		proc_foreach(itimer_check, &s);
		thread_sleep_ns(s.is_next == UINT64_MAX ? UINT64_MAX :
		    s.is_next - s.is_now);
		intr_restore(on);
	}
}

void
itimer_get(struct proc *p, uint64_t *value_ns, uint64_t *interval_ns)
{
	bool on = intr_save();
	uint64_t now = pv_clock_ns(), next = p->p_itimer_next;

	if (value_ns != NULL)
		*value_ns = next == 0 ? 0 : next > now ? next - now : 1;
	if (interval_ns != NULL)
		*interval_ns = p->p_itimer_interval;
	intr_restore(on);
}

int
itimer_set(struct proc *p, uint64_t value_ns, uint64_t interval_ns,
    uint64_t *old_value_ns, uint64_t *old_interval_ns)
{
	bool on;

	if (value_ns != 0 && itimer_thread == NULL &&
	    (itimer_thread = thread_create("itimer", itimer_run, NULL,
	    true)) == NULL)
		return -ENOMEM;
	on = intr_save();
	itimer_get(p, old_value_ns, old_interval_ns);
	p->p_itimer_next = value_ns == 0 ? 0 :
	    timespec_add_sat(pv_clock_ns(), value_ns);
	p->p_itimer_interval = value_ns == 0 ? 0 : interval_ns;
	if (itimer_thread != NULL)
		thread_interrupt(itimer_thread);
	intr_restore(on);
	return 0;
}
