/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * ITIMER_REAL for every process (alarm, setitimer): a deadline and a
 * reload interval in struct proc, and one kernel thread, started at the
 * first arming, that sleeps until the earliest deadline and sends
 * SIGALRM.  Resolution is the scheduler tick.
 */
#ifndef KERNEL_PROC_ITIMER_H
#define KERNEL_PROC_ITIMER_H

#include <stdbool.h>
#include <stdint.h>

struct proc;
struct thread;

/*
 * Arm p's real timer to fire in value_ns (0 disarms), then every
 * interval_ns (0: once).  Reports the time left and the interval of the
 * previous setting in *old_value_ns / *old_interval_ns (either may be
 * NULL).  Returns 0 or -ENOMEM when the timer thread cannot start.
 */
int	itimer_set(struct proc *p, uint64_t value_ns, uint64_t interval_ns,
	    uint64_t *old_value_ns, uint64_t *old_interval_ns);

/* The time left (0: disarmed) and the interval of p's real timer. */
void	itimer_get(struct proc *p, uint64_t *value_ns, uint64_t *interval_ns);

/*
 * The CPU-time interval timers, ITIMER_VIRTUAL (which 1: ring-3 time of
 * the process, SIGVTALRM) and ITIMER_PROF (2: all its CPU time, SIGPROF):
 * as itimer_set, counting CPU time instead.
 */
void	itimer_cpu_set(struct proc *p, int which, uint64_t value_ns,
	    uint64_t interval_ns, uint64_t *old_value_ns,
	    uint64_t *old_interval_ns);
void	itimer_cpu_get(struct proc *p, int which, uint64_t *value_ns,
	    uint64_t *interval_ns);

/*
 * CPU-time accounting, from signal_irq_exit on every interrupt: the
 * interrupted thread t (the current one) ran since its last sample, in
 * ring 3 if user — sampled as Linux samples on its tick.  Charges the
 * process's CPU-time timers and fires those due.  Interrupts off.
 */
void	itimer_account(struct thread *t, bool user);

/*
 * POSIX per-process timers (timer_create and friends), served by the same
 * thread.  A timer counts on the kernel clock; an absolute CLOCK_REALTIME
 * time is turned into it when the timer is set.  A timer on
 * CLOCK_PROCESS_CPUTIME_ID or CLOCK_THREAD_CPUTIME_ID (of the thread that
 * created it) counts that CPU time instead, looked at by itimer_account.  Expiry sends its signal
 * (si_code SI_TIMER, si_timerid, si_overrun, si_value) unless the
 * previous one is still pending, which counts as an overrun instead.
 */
#define PTIMER_NOTIFY_SIGNAL	0	/* SIGEV_SIGNAL */
#define PTIMER_NOTIFY_NONE	1	/* SIGEV_NONE */
#define PTIMER_MAX		1024	/* timers of one process */
#define PTIMER_CLOCK_PROCESS_CPU 2	/* CLOCK_PROCESS_CPUTIME_ID */
#define PTIMER_CLOCK_THREAD_CPU	3	/* CLOCK_THREAD_CPUTIME_ID */

struct ptimer {
	struct ptimer	*pt_next;
	int		 pt_id;
	int		 pt_clock;
	int		 pt_notify;
	int		 pt_signo;
	uint64_t	 pt_value;	/* si_value */
	int		 pt_sig_tid;	/* SIGEV_THREAD_ID: its thread */
	int		 pt_clock_tid;	/* CLOCK_THREAD_CPUTIME_ID: the
					 * thread whose time it counts */
	uint64_t	 pt_next_ns;	/* 0: disarmed; on its clock */
	uint64_t	 pt_interval;
	int		 pt_overrun;	/* while the signal waits; at most
					 * INT32_MAX (Linux's DELAYTIMER_MAX) */
	int		 pt_overrun_last; /* timer_getoverrun's answer */
};

/*
 * A new timer of p (its signal for thread sig_tid alone if not 0): its
 * id, or -EAGAIN/-ENOMEM.
 */
int	ptimer_create(struct proc *p, int clock, int notify, int signo,
	    uint64_t value, int sig_tid);
/*
 * Arm (value_ns from now; 0 disarms) with a period; old settings out.
 * late_ns > 0: it was due that long ago (an absolute time past), so the
 * periods since then count as overruns.
 */
int	ptimer_set(struct proc *p, int id, uint64_t value_ns,
	    uint64_t interval_ns, uint64_t late_ns, uint64_t *old_value_ns,
	    uint64_t *old_interval_ns);
int	ptimer_get(struct proc *p, int id, uint64_t *value_ns,
	    uint64_t *interval_ns);
int	ptimer_overrun(struct proc *p, int id);
int	ptimer_delivered(struct proc *p, int id, int overrun);
/* The reading of timer id's clock (the kernel clock's or CPU time). */
uint64_t ptimer_clock_now(struct proc *p, int id);
/* The clock id timer id counts (for TIMER_ABSTIME), or -EINVAL. */
int	ptimer_clock(struct proc *p, int id);
void	ptimer_set_value(struct proc *p, int id, uint64_t value);
int	ptimer_delete(struct proc *p, int id);
/* Every timer of p goes (exec, exit). */
void	ptimer_delete_all(struct proc *p);

#endif /* KERNEL_PROC_ITIMER_H */
