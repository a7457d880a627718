/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Time system calls: the clocks (clock_gettime, clock_getres,
 * gettimeofday, time), the caller's CPU time (getrusage, times),
 * sleeping (nanosleep, clock_nanosleep), setting the wall clock
 * (clock_settime, settimeofday) and the real-time alarm (alarm,
 * setitimer, getitimer) that raises SIGALRM.  All clocks share one
 * timeline, pv_clock_ns(); the wall clock is it plus an offset.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <lib/timespec.h>
#include <lib/timex.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/user.h>
#include <pv/common/pv_clock.h>
#include <pv/common/pv_hv.h>
#include <kernel/sched/thread.h>
#include <kernel/proc/itimer.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/signal.h>
#include <syscall/sys.h>

#define NS_PER_SEC	1000000000UL
#define SYS_TIME_HZ	100		/* clock ticks, as AT_CLKTCK says */
#define CLOCK_REALTIME	0
#define CLOCK_MONOTONIC	1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME	7
#define CLOCK_REALTIME_ALARM 8
#define CLOCK_BOOTTIME_ALARM 9
#define CLOCK_TAI	11		/* the wall clock: no leap offset set */
#define ITIMER_REAL	0
#define SYS_TIME_WALL_RECHECK_NS 50000000UL	/* sys_time_sleep_wall */
#define ITIMER_PROF	2
/* Linux refuses to set the clock this many seconds or more after 1970
 * (its 64-bit ns range less 30 years of uptime): the same here. */
#define SYS_TIME_SETTABLE_MAX	8277292036UL

static long sys_time_sleep_restart(uint64_t until, uint64_t urem);
static long sys_time_sleep_cpu_restart(uint64_t target, uint64_t urem);

/*
 * CPU time in ns, for getrusage, times and the CPU-time clocks: the
 * calling process's (every thread's, those gone included) or, with
 * thread, the calling thread's; *user (may be NULL) gets the user part
 * (proc_cputime: sampled in ring 3, never less than reported before),
 * the rest is system time.
 */
static uint64_t
sys_time_cpu_ns(bool thread, uint64_t *user)
{
	struct thread *t = thread_current();
	uint64_t ns, s;
	bool on;

	if (user != NULL) {
		proc_cputime(t->t_proc, thread ? t : NULL, user, &s);
		return *user + s;
	}
	on = intr_save();
	ns = thread ? thread_runtime_ns() : proc_cpu_ns(t->t_proc, NULL);
	intr_restore(on);
	return ns;
}

/* ---- clocks ---- */

/*
 * The CPU-time clock of another thread or process, as
 * pthread_getcpuclockid and clock_getcpuclockid name them: a negative id
 * whose low two bits are the kind (0 user+system, 1 user, 2 scheduled:
 * the same here), bit 2 "one thread", the rest the complement of the
 * pid or tid (0: the caller).  A thread must be one of the caller's
 * process, as on Linux.  Returns 0 with *ns, or -EINVAL.
 */
static long
sys_time_cpuclock(int64_t clock, uint64_t *ns)
{
	int kind = (int)(clock & 3), id = ~(int)(clock >> 3);
	bool thread = (clock & 4) != 0;
	uint64_t total = 0, user = 0;
	long error = 0;
	bool on;

	if (clock >= 0 || kind == 3)
		return -EINVAL;
	on = intr_save();
	if (thread) {
		struct thread *t = id == 0 ? thread_current() :
		    proc_find_thread(id);

		if (t == NULL || t->t_proc != proc_current()) {
			error = -EINVAL;
		} else {
			total = thread_cpu_ns(t);
			user = t->t_utime_ns < total ? t->t_utime_ns : total;
		}
	} else {
		struct proc *p = id == 0 ? proc_current() : proc_find(id);

		if (p == NULL)
			error = -EINVAL;
		else
			total = proc_cpu_ns(p, &user);
	}
	intr_restore(on);
	*ns = kind == 1 ? user : total;
	return error;
}

long
sys_clock_gettime(struct trap_frame *tf)
{
	uint64_t ns;
	int64_t ts[2];

	switch (tf->rdi) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_REALTIME_ALARM:
	case CLOCK_TAI:
		ns = pv_clock_wall_ns();
		break;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
	case CLOCK_BOOTTIME_ALARM:
		ns = pv_clock_ns();
		break;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		ns = sys_time_cpu_ns(tf->rdi == CLOCK_THREAD_CPUTIME_ID, NULL);
		break;
	default: {
		long error = sys_time_cpuclock((int32_t)tf->rdi, &ns);

		if (error != 0)
			return error;
		break;
	}
	}
	ts[0] = (int64_t)(ns / NS_PER_SEC);
	ts[1] = (int64_t)(ns % NS_PER_SEC);
	return copy_to_user((void *)tf->rsi, ts, sizeof(ts));
}

/*
 * Set the wall clock to ns since 1970: CAP_SYS_TIME or -EPERM.
 * Sleeps and futex waits until a wall-clock time follow within 50 ms.
 */
static long
sys_time_set_wall(uint64_t ns)
{
	if (!proc_capable(CAP_SYS_TIME))
		return -EPERM;
	pv_clock_set_wall(ns);
	return 0;
}

long
sys_clock_settime(struct trap_frame *tf)
{
	int64_t ts[2];

	/* As Linux: the clock (only REALTIME can be set), the copy, the
	 * value, then the capability. */
	if (tf->rdi != CLOCK_REALTIME)
		return -EINVAL;
	if (copy_from_user(ts, (const void *)tf->rsi, sizeof(ts)) != 0)
		return -EFAULT;
	if (!timespec_valid(ts[0], ts[1]) ||
	    (uint64_t)ts[0] >= SYS_TIME_SETTABLE_MAX)
		return -EINVAL;
	return sys_time_set_wall(timespec_to_ns(ts[0], ts[1]));
}

long
sys_settimeofday(struct trap_frame *tf)
{
	int64_t tv[2];

	if (tf->rdi == 0)	/* the time zone only: checked, not kept */
		return !proc_capable(CAP_SYS_TIME) ? -EPERM : 0;
	if (copy_from_user(tv, (const void *)tf->rdi, sizeof(tv)) != 0)
		return -EFAULT;
	if (tv[0] < 0 || tv[1] < 0 || tv[1] >= 1000000 ||
	    (uint64_t)tv[0] >= SYS_TIME_SETTABLE_MAX)
		return -EINVAL;
	return sys_time_set_wall(timespec_to_ns(tv[0], tv[1] * 1000));
}

long
sys_clock_getres(struct trap_frame *tf)
{
	int64_t ts[2] = { 0, 1 };	/* the clocks count nanoseconds */
	uint64_t ns;

	if ((int32_t)tf->rdi < 0) {
		if (sys_time_cpuclock((int32_t)tf->rdi, &ns) != 0)
			return -EINVAL;
	} else if (tf->rdi > CLOCK_BOOTTIME_ALARM && tf->rdi != CLOCK_TAI) {
		return -EINVAL;
	}
	if (tf->rdi == CLOCK_REALTIME_COARSE ||
	    tf->rdi == CLOCK_MONOTONIC_COARSE)	/* a tick */
		ts[1] = (int64_t)(NS_PER_SEC / SYS_TIME_HZ);
	if (tf->rsi != 0 && copy_to_user((void *)tf->rsi, ts, sizeof(ts)) != 0)
		return -EFAULT;
	return 0;
}

long
sys_gettimeofday(struct trap_frame *tf)
{
	uint64_t ns = pv_clock_wall_ns();
	int64_t tv[2] = { (int64_t)(ns / NS_PER_SEC),
	    (int64_t)(ns % NS_PER_SEC / 1000) };
	int32_t tz[2] = { 0, 0 };

	if (tf->rdi != 0 && copy_to_user((void *)tf->rdi, tv, sizeof(tv)) != 0)
		return -EFAULT;
	if (tf->rsi != 0 && copy_to_user((void *)tf->rsi, tz, sizeof(tz)) != 0)
		return -EFAULT;
	return 0;
}

long
sys_time(struct trap_frame *tf)
{
	int64_t t = (int64_t)(pv_clock_wall_ns() / NS_PER_SEC);

	if (tf->rdi != 0 && copy_to_user((void *)tf->rdi, &t, sizeof(t)) != 0)
		return -EFAULT;
	return t;
}

/* ---- CPU time ---- */

void
sys_rusage_fill(int64_t ru[18], uint64_t ns, uint64_t user,
    const struct thread_counts *c, uint64_t maxrss_pages)
{
	memset(ru, 0, 18 * sizeof(ru[0]));
	user = MIN(user, ns);
	ru[0] = (int64_t)(user / NS_PER_SEC);		/* ru_utime */
	ru[1] = (int64_t)(user % NS_PER_SEC / 1000);
	ru[2] = (int64_t)((ns - user) / NS_PER_SEC);	/* ru_stime */
	ru[3] = (int64_t)((ns - user) % NS_PER_SEC / 1000);
	ru[4] = (int64_t)(maxrss_pages * 4);	/* ru_maxrss, kB of 4 KiB pages */
	ru[8] = (int64_t)c->tc_minflt;			/* ru_minflt */
	ru[9] = (int64_t)c->tc_majflt;			/* ru_majflt */
	ru[16] = (int64_t)c->tc_nvcsw;			/* ru_nvcsw */
	ru[17] = (int64_t)c->tc_nivcsw;			/* ru_nivcsw */
}

long
sys_getrusage(struct trap_frame *tf)
{
	struct proc *p = proc_current();
	struct thread *t = thread_current();
	struct thread_counts c;
	uint64_t ns, user, sys, peak;
	int64_t ru[18];
	int who = (int)tf->rdi;
	bool on;

	_Static_assert(sizeof(ru) == 144, "struct rusage ABI");
	on = intr_save();
	if (who == 0) {				/* RUSAGE_SELF */
		ns = sys_time_cpu_ns(false, &user);
		proc_counts(p, &c, &peak);
	} else if (who == 1) {			/* RUSAGE_THREAD */
		ns = sys_time_cpu_ns(true, &user);
		c = t->t_counts;
		proc_counts(p, &(struct thread_counts){ 0 }, &peak);
	} else if (who == -1) {			/* RUSAGE_CHILDREN */
		proc_child_cputime(p, &user, &sys);
		ns = user + sys;
		c = p->p_child_counts;
		peak = p->p_child_maxrss_pages;
	} else {
		intr_restore(on);
		return -EINVAL;
	}
	intr_restore(on);
	sys_rusage_fill(ru, ns, user, &c, peak);
	return copy_to_user((void *)tf->rsi, ru, sizeof(ru));
}

long
sys_times(struct trap_frame *tf)
{
	uint64_t user, ns = sys_time_cpu_ns(false, &user), cuser, csys;
	int64_t tms[4];

	proc_child_cputime(proc_current(), &cuser, &csys);
	tms[0] = (int64_t)(user / (NS_PER_SEC / SYS_TIME_HZ));
	tms[1] = (int64_t)((ns - user) / (NS_PER_SEC / SYS_TIME_HZ));
	tms[2] = (int64_t)(cuser / (NS_PER_SEC / SYS_TIME_HZ));
	tms[3] = (int64_t)(csys / (NS_PER_SEC / SYS_TIME_HZ));

	if (tf->rdi != 0 && copy_to_user((void *)tf->rdi, tms, sizeof(tms)) != 0)
		return -EFAULT;
	return (long)(pv_clock_ns() / (NS_PER_SEC / SYS_TIME_HZ));
}

/* ---- sleeping ---- */

/*
 * A sleep cut short by a signal with left ns to go: an absolute one is
 * redone (-ERESTARTNOHAND); a relative one writes the time left to urem
 * and is restarted by restart(until, urem) if no handler runs.
 */
static long
sys_time_sleep_interrupted(uint64_t left, uint64_t until, uint64_t urem,
    bool absolute, long (*restart)(uint64_t, uint64_t))
{
	struct thread *t = thread_current();
	int64_t ts[2] = { (int64_t)(left / NS_PER_SEC),
	    (int64_t)(left % NS_PER_SEC) };

	if (absolute)
		return -ERESTARTNOHAND;
	if (urem != 0 && copy_to_user((void *)urem, ts, sizeof(ts)) != 0)
		return -EFAULT;
	t->t_sig.st_restart_fn = restart;
	t->t_sig.st_restart_arg[0] = until;
	t->t_sig.st_restart_arg[1] = urem;
	return -ERESTART_RESTARTBLOCK;
}

/*
 * Sleep until until (ns since boot).  Cut short by a signal, a relative
 * sleep writes the time left to urem and returns -ERESTART_RESTARTBLOCK
 * (restart_syscall then sleeps until the same instant if no handler
 * runs); an absolute one returns -ERESTARTNOHAND and is simply redone.
 */
static long
sys_time_sleep_until(uint64_t until, uint64_t urem, bool absolute)
{
	uint64_t now;

	while ((now = pv_clock_ns()) < until) {
		if (signal_pending())
			return sys_time_sleep_interrupted(until - now, until,
			    urem, absolute, sys_time_sleep_restart);
		thread_sleep_ns(until - now);
	}
	return 0;
}

/*
 * An absolute sleep on the wall clock, until it reads wall_until: looked
 * at again every SYS_TIME_WALL_RECHECK_NS, so that clock_settime moving
 * the clock past it ends the sleep soon (Linux: at once).
 */
static long
sys_time_sleep_wall(uint64_t wall_until)
{
	uint64_t wall;

	while ((wall = pv_clock_wall_ns()) < wall_until) {
		if (signal_pending())
			return -ERESTARTNOHAND;
		thread_sleep_ns(MIN(wall_until - wall,
		    SYS_TIME_WALL_RECHECK_NS));
	}
	return 0;
}

static long
sys_time_sleep_restart(uint64_t until, uint64_t urem)
{
	return sys_time_sleep_until(until, urem, false);
}

/* nanosleep and clock_nanosleep: req, rem as struct timespec. */
static long
sys_time_sleep(uint64_t ureq, uint64_t urem, bool absolute, bool wall)
{
	int64_t ts[2];
	uint64_t until, now;

	if (copy_from_user(ts, (const void *)ureq, sizeof(ts)) != 0)
		return -EFAULT;
	if (!timespec_valid(ts[0], ts[1]))
		return -EINVAL;
	/*
	 * Saturating (lib/timespec.h): a huge sleep never wraps into the
	 * past, an absolute time already gone (1970 on the wall clock)
	 * never into the future; the latter returns 0 at once.
	 */
	until = timespec_to_ns(ts[0], ts[1]);
	now = pv_clock_ns();
	if (absolute && wall)		/* follows clock_settime */
		return sys_time_sleep_wall(until);
	if (!absolute)
		until = timespec_add_sat(now, until);
	return sys_time_sleep_until(until, urem, absolute);
}

long
sys_nanosleep(struct trap_frame *tf)
{
	return sys_time_sleep(tf->rdi, tf->rsi, false, false);
}

/*
 * A sleep on the calling process's CPU-time clock, until its threads
 * have used target ns: woken to look again after as much wall time as
 * CPU time is still missing (with one CPU, CPU time never runs ahead of
 * the wall clock, so it never wakes late by more than a tick).  As on
 * Linux, a process whose only thread sleeps here sleeps until a signal.
 * Interrupted, a relative sleep writes the CPU time left to urem and is
 * restarted (to the same target) when no handler ran.
 */
static long
sys_time_sleep_cpu(uint64_t target, uint64_t urem, bool absolute)
{
	uint64_t now;

	while ((now = sys_time_cpu_ns(false, NULL)) < target) {
		if (signal_pending())
			return sys_time_sleep_interrupted(target - now, target,
			    urem, absolute, sys_time_sleep_cpu_restart);
		thread_sleep_ns(target - now);
	}
	return 0;
}

static long
sys_time_sleep_cpu_restart(uint64_t target, uint64_t urem)
{
	return sys_time_sleep_cpu(target, urem, false);
}

/*
 * clock_nanosleep: as Linux, the clocks a timer can sleep on (REALTIME,
 * MONOTONIC, BOOTTIME, TAI; the process's CPU-time clock); the others
 * are -EOPNOTSUPP (a thread's CPU-time clock, the raw and coarse clocks,
 * and the alarm clocks, which need a wake-up alarm Jiny has not);
 * unknown ids and flags -EINVAL.
 */
long
sys_clock_nanosleep(struct trap_frame *tf)
{
	int64_t ts[2];
	uint64_t until;
	bool absolute = (tf->rsi & 1) != 0;

	if (tf->rsi & ~1UL)
		return -EINVAL;
	switch (tf->rdi) {
	case CLOCK_REALTIME:
	case CLOCK_TAI:
		return sys_time_sleep(tf->rdx, tf->r10, absolute, true);
	case CLOCK_MONOTONIC:
	case CLOCK_BOOTTIME:
		return sys_time_sleep(tf->rdx, tf->r10, absolute, false);
	case CLOCK_PROCESS_CPUTIME_ID:
		break;
	case CLOCK_THREAD_CPUTIME_ID:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_REALTIME_ALARM:
	case CLOCK_BOOTTIME_ALARM:
		return -EOPNOTSUPP;
	default:
		return -EINVAL;
	}
	if (copy_from_user(ts, (const void *)tf->rdx, sizeof(ts)) != 0)
		return -EFAULT;
	if (!timespec_valid(ts[0], ts[1]))
		return -EINVAL;
	until = timespec_to_ns(ts[0], ts[1]);
	if (!absolute)
		until = timespec_add_sat(sys_time_cpu_ns(false, NULL), until);
	return sys_time_sleep_cpu(until, tf->r10, absolute);
}

/* ---- the real-time alarm ---- */

/* struct itimerval <-> ns; false if a field is out of range. */
static bool
sys_time_tv_ns(const int64_t tv[2], uint64_t *ns)
{
	if (tv[0] < 0 || tv[1] < 0 || tv[1] >= 1000000)
		return false;
	*ns = timespec_to_ns(tv[0], tv[1] * 1000);	/* huge: saturated */
	return true;
}

static void
sys_time_ns_tv(uint64_t ns, int64_t tv[2])
{
	tv[0] = (int64_t)(ns / NS_PER_SEC);
	/* Round up: a timer still armed never reads as zero. */
	tv[1] = (int64_t)((ns % NS_PER_SEC + 999) / 1000);
	if (tv[1] == 1000000) {
		tv[0]++;
		tv[1] = 0;
	}
}

long
sys_getitimer(struct trap_frame *tf)
{
	int64_t itv[4] = { 0 };		/* interval, value */
	uint64_t value, interval;

	if ((uint32_t)tf->rdi > ITIMER_PROF)
		return -EINVAL;
	if (tf->rdi == ITIMER_REAL)
		itimer_get(proc_current(), &value, &interval);
	else
		itimer_cpu_get(proc_current(), (int)tf->rdi, &value, &interval);
	sys_time_ns_tv(interval, &itv[0]);
	sys_time_ns_tv(value, &itv[2]);
	return copy_to_user((void *)tf->rsi, itv, sizeof(itv));
}

long
sys_setitimer(struct trap_frame *tf)
{
	int64_t itv[4] = { 0 }, old[4] = { 0 };
	uint64_t value, interval, ovalue, ointerval;
	long error;

	if ((uint32_t)tf->rdi > ITIMER_PROF)
		return -EINVAL;
	/* A NULL new value disarms, as Linux still allows. */
	if (tf->rsi != 0 &&
	    copy_from_user(itv, (const void *)tf->rsi, sizeof(itv)) != 0)
		return -EFAULT;
	if (!sys_time_tv_ns(&itv[0], &interval) ||
	    !sys_time_tv_ns(&itv[2], &value))
		return -EINVAL;
	if (tf->rdi != ITIMER_REAL)
		itimer_cpu_set(proc_current(), (int)tf->rdi, value, interval,
		    &ovalue, &ointerval);
	else if ((error = itimer_set(proc_current(), value, interval,
	    &ovalue, &ointerval)) != 0)
		return error;
	sys_time_ns_tv(ointerval, &old[0]);
	sys_time_ns_tv(ovalue, &old[2]);
	if (tf->rdx != 0 && copy_to_user((void *)tf->rdx, old, sizeof(old)) != 0)
		return -EFAULT;
	return 0;
}

long
sys_alarm(struct trap_frame *tf)
{
	uint64_t secs = (uint32_t)tf->rdi, old;
	long error;

	if ((error = itimer_set(proc_current(), secs * NS_PER_SEC, 0, &old,
	    NULL)) != 0)
		return error;
	/* Seconds left, rounded to nearest; an armed alarm is at least 1. */
	if (old == 0)
		return 0;
	return old < NS_PER_SEC ? 1 : (long)((old + NS_PER_SEC / 2) /
	    NS_PER_SEC);
}

/* POSIX timers: struct sigevent and struct itimerspec cross here. */
#define SIGEV_SIGNAL	0
#define SIGEV_NONE	1
#define SIGEV_THREAD	2
#define SIGEV_THREAD_ID	4
#define TIMER_ABSTIME	1
#define PTIMER_SIGMAX	64

struct sys_sigevent {
	uint64_t	sev_value;
	int32_t		sev_signo;
	int32_t		sev_notify;
	int32_t		sev_tid;
	int32_t		sev_pad[11];
};

long
sys_timer_create(struct trap_frame *tf)
{
	int clock = (int)tf->rdi, id;
	struct sys_sigevent ev = { .sev_signo = SIGALRM,
	    .sev_notify = SIGEV_SIGNAL };
	bool have_ev = tf->rsi != 0;

	if (!have_ev)
		ev.sev_value = UINT64_MAX;	/* si_value: the id, set below */

	/*
	 * The wall and monotonic clocks (and their alarm forms, with the
	 * privilege Linux wants), TAI, and the caller's process and thread
	 * CPU-time clocks.
	 */
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC &&
	    clock != CLOCK_BOOTTIME && clock != CLOCK_REALTIME_ALARM &&
	    clock != CLOCK_BOOTTIME_ALARM && clock != CLOCK_TAI &&
	    clock != CLOCK_PROCESS_CPUTIME_ID &&
	    clock != CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;
	if ((clock == CLOCK_REALTIME_ALARM || clock == CLOCK_BOOTTIME_ALARM) &&
	    !proc_capable(CAP_WAKE_ALARM))
		return -EPERM;
	if (have_ev && copy_from_user(&ev, (const void *)tf->rsi,
	    sizeof(ev)) != 0)
		return -EFAULT;
	switch (ev.sev_notify) {
	case SIGEV_NONE:
		break;
	case SIGEV_THREAD_ID:
		/* The signal is for that thread alone. */
		{
			struct thread *t = proc_find_thread(ev.sev_tid);

			if (t == NULL || t->t_proc != proc_current())
				return -EINVAL;
		}
		/* fall through */
	case SIGEV_SIGNAL:
		if (ev.sev_signo < 1 || ev.sev_signo > PTIMER_SIGMAX)
			return -EINVAL;
		break;
	default:
		return -EINVAL;		/* SIGEV_THREAD is the C library's */
	}
	if ((id = ptimer_create(proc_current(), clock,
	    ev.sev_notify == SIGEV_NONE ? PTIMER_NOTIFY_NONE :
	    PTIMER_NOTIFY_SIGNAL, ev.sev_signo, ev.sev_value,
	    ev.sev_notify == SIGEV_THREAD_ID ? ev.sev_tid : 0)) < 0)
		return id;
	if (copy_to_user((void *)tf->rdx, &id, sizeof(id)) != 0) {
		(void)ptimer_delete(proc_current(), id);
		return -EFAULT;
	}
	if (!have_ev)
		ptimer_set_value(proc_current(), id, (uint64_t)id);
	return 0;
}

long
sys_timer_settime(struct trap_frame *tf)
{
	int64_t its[4], old[4] = { 0 };
	uint64_t value, interval, ovalue, ointerval, late = 0;
	int clock;
	long error;

	if (tf->rdx == 0)
		return -EINVAL;		/* as Linux: no new setting */
	if (copy_from_user(its, (const void *)tf->rdx, sizeof(its)) != 0)
		return -EFAULT;
	if (!timespec_valid(its[0], its[1]) || !timespec_valid(its[2], its[3]))
		return -EINVAL;
	if ((clock = ptimer_clock(proc_current(), (int)tf->rdi)) < 0)
		return clock;
	interval = timespec_to_ns(its[0], its[1]);
	value = timespec_to_ns(its[2], its[3]);
	if (value != 0 && (tf->rsi & TIMER_ABSTIME)) {
		/* An absolute time: what is left of it on its clock. */
		uint64_t now = clock == CLOCK_REALTIME ||
		    clock == CLOCK_REALTIME_ALARM || clock == CLOCK_TAI ?
		    pv_clock_wall_ns() : ptimer_clock_now(proc_current(),
		    (int)tf->rdi);

		/* Past: due now, the periods missed since count as
		 * overruns. */
		if (value > now) {
			value -= now;
		} else {
			late = now - value;
			value = 1;
		}
	}
	if ((error = ptimer_set(proc_current(), (int)tf->rdi, value, interval,
	    late, &ovalue, &ointerval)) != 0)
		return error;
	old[0] = (int64_t)(ointerval / NS_PER_SEC);
	old[1] = (int64_t)(ointerval % NS_PER_SEC);
	old[2] = (int64_t)(ovalue / NS_PER_SEC);
	old[3] = (int64_t)(ovalue % NS_PER_SEC);
	if (tf->r10 != 0 && copy_to_user((void *)tf->r10, old, sizeof(old)) != 0)
		return -EFAULT;
	return 0;
}

long
sys_timer_gettime(struct trap_frame *tf)
{
	int64_t its[4];
	uint64_t value, interval;
	long error;

	if ((error = ptimer_get(proc_current(), (int)tf->rdi, &value,
	    &interval)) != 0)
		return error;
	its[0] = (int64_t)(interval / NS_PER_SEC);
	its[1] = (int64_t)(interval % NS_PER_SEC);
	its[2] = (int64_t)(value / NS_PER_SEC);
	its[3] = (int64_t)(value % NS_PER_SEC);
	return copy_to_user((void *)tf->rsi, its, sizeof(its)) != 0 ?
	    -EFAULT : 0;
}

long
sys_timer_getoverrun(struct trap_frame *tf)
{
	return ptimer_overrun(proc_current(), (int)tf->rdi);
}

long
sys_timer_delete(struct trap_frame *tf)
{
	return ptimer_delete(proc_current(), (int)tf->rdi);
}

/* ---- adjtimex, clock_adjtime ---- */

static struct timex_state sys_timex;
static bool sys_timex_ready;

/* adjtimex on CLOCK_REALTIME (lib/timex.h): the return value or -errno. */
static long
sys_time_adjtimex(uint64_t utx)
{
	struct timex_abi tx;
	int64_t step;
	long ret;
	bool on;

	if (copy_from_user(&tx, (const void *)utx, sizeof(tx)) != 0)
		return -EFAULT;
	on = intr_save();
	if (!sys_timex_ready) {
		timex_init(&sys_timex);
		sys_timex_ready = true;
	}
	ret = timex_adjust(&sys_timex, &tx,
	    proc_capable(CAP_SYS_TIME), &step);
	if (ret == 0 && step != 0)
		pv_clock_set_wall(step < 0 &&
		    (uint64_t)-step > pv_clock_wall_ns() ? 0 :
		    pv_clock_wall_ns() + (uint64_t)step);
	if (ret == 0)
		ret = timex_report(&sys_timex, &tx, pv_clock_wall_ns());
	intr_restore(on);
	if (ret >= 0 && copy_to_user((void *)utx, &tx, sizeof(tx)) != 0)
		return -EFAULT;
	return ret;
}

long
sys_adjtimex(struct trap_frame *tf)
{
	return sys_time_adjtimex(tf->rdi);
}

/* Only the real-time clock is adjustable; the others exist, -EOPNOTSUPP. */
long
sys_clock_adjtime(struct trap_frame *tf)
{
	if (tf->rdi > CLOCK_BOOTTIME)
		return -EINVAL;
	if (tf->rdi != CLOCK_REALTIME)
		return -EOPNOTSUPP;
	return sys_time_adjtimex(tf->rsi);
}
