/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Real interval timers (see itimer.h).  One CPU: interrupts off guard. */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/timespec.h>
#include <arch/x86_64/include/cpu.h>
#include <pv/common/pv_hv.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/sched.h>
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

/* Does timer t count CPU time rather than the kernel clock? */
static bool
ptimer_is_cpu(const struct ptimer *t)
{
	return t->pt_clock == PTIMER_CLOCK_PROCESS_CPU ||
	    t->pt_clock == PTIMER_CLOCK_THREAD_CPU;
}

/* The thread of p with tid, or NULL. */
static struct thread *
ptimer_thread(struct proc *p, int tid)
{
	for (struct thread *t = p->p_threads; t != NULL; t = t->t_peer_next)
		if (t->t_utid == tid)
			return t;
	return NULL;
}

/*
 * The reading of t's clock: the kernel clock, or the CPU time of p or of
 * the thread it measures (UINT64_MAX once that thread is gone: never
 * due).  Interrupts off.
 */
static uint64_t
ptimer_now(struct proc *p, const struct ptimer *t)
{
	struct thread *th;

	if (t->pt_clock == PTIMER_CLOCK_PROCESS_CPU)
		return proc_cpu_ns(p, NULL);
	if (t->pt_clock != PTIMER_CLOCK_THREAD_CPU)
		return pv_clock_ns();
	if ((th = ptimer_thread(p, t->pt_clock_tid)) == NULL)
		return UINT64_MAX;
	return thread_cpu_ns(th);
}

/*
 * Timer t of p is due at now (its clock's reading): its signal goes, to
 * the thread SIGEV_THREAD_ID named if it is still there, unless the last
 * one is still pending (an overrun then); a periodic timer reloads past
 * now.  Interrupts off.
 */
static void
ptimer_fire(struct proc *p, struct ptimer *t, uint64_t now)
{
	uint64_t missed = t->pt_interval == 0 ? 0 :
	    (now - t->pt_next_ns) / t->pt_interval;
	struct thread *to = t->pt_sig_tid != 0 ?
	    ptimer_thread(p, t->pt_sig_tid) : NULL;
	uint64_t pending = p->p_sigshared.sp_set |
	    (to != NULL ? to->t_sigpend.sp_set : 0);

	if (t->pt_notify == PTIMER_NOTIFY_SIGNAL) {
		if (pending & (1UL << (t->pt_signo - 1))) {
			t->pt_overrun = timespec_overrun_add(t->pt_overrun,
			    missed + 1);
		} else {
			int overrun = timespec_overrun_add(t->pt_overrun,
			    missed);
			struct signal_queued q = {
				.sq_code = SI_TIMER,
				.sq_pid = t->pt_id,
				.sq_uid = (uint32_t)overrun,
				.sq_value = t->pt_value,
			};

			t->pt_overrun = 0;
			if (to != NULL)
				(void)signal_send_thread(to, t->pt_signo, &q);
			else
				signal_send_info(p, t->pt_signo, &q);
		}
	}
	if (t->pt_interval == 0) {
		t->pt_next_ns = 0;
		return;
	}
	t->pt_next_ns = timespec_add_sat(t->pt_next_ns,
	    (missed + 1) * t->pt_interval);
}

/* The POSIX timers of p that are due fire; lock (interrupts off) held. */
static void
ptimer_check(struct proc *p, struct itimer_scan *s)
{
	for (struct ptimer *t = p->p_timers; t != NULL; t = t->pt_next) {
		/* CPU-time timers are looked at as CPU time is charged. */
		if (t->pt_next_ns == 0 || ptimer_is_cpu(t))
			continue;
		if (t->pt_next_ns <= s->is_now)
			ptimer_fire(p, t, s->is_now);
		if (t->pt_next_ns != 0 && t->pt_next_ns < s->is_next)
			s->is_next = t->pt_next_ns;
	}
}

/*
 * Charge delta ns of CPU time to the interval timer ct of p: when it
 * runs out, sig goes to p and a periodic one reloads (what overshot is
 * taken off the next period, as Linux counts on from the expiry).
 */
static void
itimer_cpu_charge(struct proc *p, struct proc_cputimer *ct, uint64_t delta,
    int sig)
{
	if (timespec_countdown(&ct->ct_left, ct->ct_interval, delta))
		signal_send(p, sig);
}

/*
 * RLIMIT_CPU: at the soft limit SIGXCPU, and again each further second
 * of CPU time; at the hard limit SIGKILL, as Linux.  Interrupts off.
 */
static void
itimer_rlimit_cpu(struct proc *p)
{
	uint64_t soft = p->p_rlimit[RLIMIT_CPU].rl_cur;
	uint64_t hard = p->p_rlimit[RLIMIT_CPU].rl_max;
	uint64_t secs = proc_cpu_ns(p, NULL) / 1000000000UL;
	uint64_t next = p->p_xcpu_next_s > soft ? p->p_xcpu_next_s : soft;

	if (hard != RLIM_INFINITY && secs >= (hard != 0 ? hard : 1)) {
		signal_send(p, SIGKILL);
		return;
	}
	if (secs >= (next != 0 ? next : 1)) {
		signal_send(p, SIGXCPU);
		p->p_xcpu_next_s = secs + 1;
	}
}

void
itimer_account(struct thread *t, bool user)
{
	struct proc *p = t->t_proc;
	uint64_t now, delta;

	/* A thread that left its process (which may be gone) is not
	 * charged: proc_remove_thread set t_acct_ns to UINT64_MAX. */
	if (p == NULL || (now = thread_runtime_ns()) <= t->t_acct_ns)
		return;
	delta = now - t->t_acct_ns;
	t->t_acct_ns = now;
	if (user) {
		t->t_utime_ns += delta;
		sched_charge_user(delta);	/* this CPU's, /proc/stat */
	}
	if (p->p_zombie)
		return;
	itimer_cpu_charge(p, &p->p_itimer_cpu[0], user ? delta : 0,
	    SIGVTALRM);
	itimer_cpu_charge(p, &p->p_itimer_cpu[1], delta, SIGPROF);
	if (p->p_rlimit[RLIMIT_CPU].rl_cur != RLIM_INFINITY)
		itimer_rlimit_cpu(p);
	for (struct ptimer *pt = p->p_timers; pt != NULL; pt = pt->pt_next) {
		uint64_t cnow;

		if (pt->pt_next_ns == 0 || !ptimer_is_cpu(pt) ||
		    (pt->pt_clock == PTIMER_CLOCK_THREAD_CPU &&
		    pt->pt_clock_tid != t->t_utid))
			continue;
		cnow = ptimer_now(p, pt);
		if (cnow != UINT64_MAX && pt->pt_next_ns <= cnow)
			ptimer_fire(p, pt, cnow);
	}
}

void
itimer_cpu_get(struct proc *p, int which, uint64_t *value_ns,
    uint64_t *interval_ns)
{
	bool on = intr_save();
	const struct proc_cputimer *ct = &p->p_itimer_cpu[which - 1];

	if (value_ns != NULL)
		*value_ns = ct->ct_left;
	if (interval_ns != NULL)
		*interval_ns = ct->ct_interval;
	intr_restore(on);
}

void
itimer_cpu_set(struct proc *p, int which, uint64_t value_ns,
    uint64_t interval_ns, uint64_t *old_value_ns, uint64_t *old_interval_ns)
{
	bool on = intr_save();
	struct proc_cputimer *ct = &p->p_itimer_cpu[which - 1];

	itimer_cpu_get(p, which, old_value_ns, old_interval_ns);
	ct->ct_left = value_ns;
	ct->ct_interval = value_ns == 0 ? 0 : interval_ns;
	intr_restore(on);
}

static void
itimer_check(struct proc *p, void *arg)
{
	struct itimer_scan *s = arg;

	ptimer_check(p, s);
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

static struct ptimer *
ptimer_find(struct proc *p, int id)
{
	for (struct ptimer *t = p->p_timers; t != NULL; t = t->pt_next)
		if (t->pt_id == id)
			return t;
	return NULL;
}

int
ptimer_create(struct proc *p, int clock, int notify, int signo,
    uint64_t value, int sig_tid)
{
	struct ptimer *t;
	int id = 0, n = 0;
	bool on;

	if (itimer_thread == NULL && (itimer_thread = thread_create("itimer",
	    itimer_run, NULL, true)) == NULL)
		return -ENOMEM;
	if ((t = kzalloc(sizeof(*t))) == NULL)
		return -ENOMEM;
	on = intr_save();
	/* The lowest free id, as Linux hands them out in a fresh process. */
	for (struct ptimer *u = p->p_timers; u != NULL; u = u->pt_next)
		n++;
	if (n >= PTIMER_MAX) {
		intr_restore(on);
		kfree(t);
		return -EAGAIN;
	}
	while (ptimer_find(p, id) != NULL)
		id++;
	t->pt_id = id;
	t->pt_clock = clock;
	t->pt_notify = notify;
	t->pt_signo = signo;
	t->pt_value = value;
	t->pt_sig_tid = sig_tid;
	t->pt_clock_tid = thread_current()->t_utid;
	t->pt_next = p->p_timers;
	p->p_timers = t;
	intr_restore(on);
	return id;
}

/* What is left of t's time at now (0: disarmed; 1 ns once due). */
static uint64_t
ptimer_left(const struct ptimer *t, uint64_t now)
{
	if (t->pt_next_ns == 0)
		return 0;
	return t->pt_next_ns > now ? t->pt_next_ns - now : 1;
}

int
ptimer_get(struct proc *p, int id, uint64_t *value_ns, uint64_t *interval_ns)
{
	bool on = intr_save();
	struct ptimer *t = ptimer_find(p, id);

	if (t != NULL) {
		*value_ns = ptimer_left(t, ptimer_now(p, t));
		*interval_ns = t->pt_interval;
	}
	intr_restore(on);
	return t != NULL ? 0 : -EINVAL;
}

int
ptimer_set(struct proc *p, int id, uint64_t value_ns, uint64_t interval_ns,
    uint64_t late_ns, uint64_t *old_value_ns, uint64_t *old_interval_ns)
{
	bool on = intr_save();
	struct ptimer *t = ptimer_find(p, id);
	uint64_t now;

	if (t == NULL) {
		intr_restore(on);
		return -EINVAL;
	}
	if ((now = ptimer_now(p, t)) == UINT64_MAX)
		now = 0;			/* its thread is gone */
	*old_value_ns = ptimer_left(t, now);
	*old_interval_ns = t->pt_interval;
	t->pt_next_ns = value_ns == 0 ? 0 : timespec_add_sat(now, value_ns);
	if (value_ns != 0 && late_ns != 0)
		t->pt_next_ns = now > late_ns ? now - late_ns : 1;
	t->pt_interval = value_ns == 0 ? 0 : interval_ns;
	t->pt_overrun = 0;
	if (!ptimer_is_cpu(t))
		thread_interrupt(itimer_thread);
	intr_restore(on);
	return 0;
}

int
ptimer_overrun(struct proc *p, int id)
{
	bool on = intr_save();
	struct ptimer *t = ptimer_find(p, id);
	int n = t != NULL ? t->pt_overrun_last : -EINVAL;

	intr_restore(on);
	return n;
}

/*
 * Timer id's signal, sent carrying overrun, is being taken: the
 * expirations that found it pending since join it, as Linux counts them
 * at delivery, and timer_getoverrun answers the total from now on.
 */
int
ptimer_delivered(struct proc *p, int id, int overrun)
{
	bool on = intr_save();
	struct ptimer *t = ptimer_find(p, id);

	if (t != NULL) {
		overrun = timespec_overrun_add(overrun, (uint64_t)t->pt_overrun);
		t->pt_overrun = 0;
		t->pt_overrun_last = overrun;
	}
	intr_restore(on);
	return overrun;
}

int
ptimer_delete(struct proc *p, int id)
{
	bool on = intr_save();
	struct ptimer **pp, *t = NULL;

	for (pp = &p->p_timers; *pp != NULL; pp = &(*pp)->pt_next)
		if ((*pp)->pt_id == id) {
			t = *pp;
			*pp = t->pt_next;
			break;
		}
	intr_restore(on);
	kfree(t);
	return t != NULL ? 0 : -EINVAL;
}

void
ptimer_delete_all(struct proc *p)
{
	bool on = intr_save();
	struct ptimer *t = p->p_timers;

	p->p_timers = NULL;
	intr_restore(on);
	while (t != NULL) {
		struct ptimer *n = t->pt_next;

		kfree(t);
		t = n;
	}
}

uint64_t
ptimer_clock_now(struct proc *p, int id)
{
	bool on = intr_save();
	struct ptimer *t = ptimer_find(p, id);
	uint64_t now = t != NULL ? ptimer_now(p, t) : pv_clock_ns();

	intr_restore(on);
	return now;
}

int
ptimer_clock(struct proc *p, int id)
{
	bool on = intr_save();
	struct ptimer *t = ptimer_find(p, id);
	int clock = t != NULL ? t->pt_clock : -EINVAL;

	intr_restore(on);
	return clock;
}

void
ptimer_set_value(struct proc *p, int id, uint64_t value)
{
	bool on = intr_save();
	struct ptimer *t = ptimer_find(p, id);

	if (t != NULL)
		t->pt_value = value;
	intr_restore(on);
}
