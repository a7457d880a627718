/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The scheduler (sched.c).  Preemptive on a per-CPU run queue, driven by
 * the local APIC timer (sched_tick).  Threads are ranked by class: the
 * kernel's own threads, SCHED_DEADLINE (earliest deadline, within its
 * reserved budget), SCHED_FIFO/SCHED_RR (highest priority; RR threads
 * take turns every SCHED_RR_SLICE_NS), SCHED_OTHER/SCHED_BATCH (the
 * least recent CPU use weighted by nice, sched_load.h, at most one time
 * slice while others wait), SCHED_IDLE; see docs/architecture.md.
 * Threads themselves are thread.h; the policies sched_policy.h.
 */
#ifndef KERNEL_SCHED_SCHED_H
#define KERNEL_SCHED_SCHED_H

#include <stdbool.h>
#include <stdint.h>

struct thread;

/* Set up the boot CPU's scheduler; the caller becomes thread "main". */
void	sched_init(void);

/* Start preemption: the timer at hz (10..1000). Returns 0 or -errno. */
int	sched_start_timer(unsigned int hz);

struct sched_stats {
	uint64_t	ss_ticks;
	uint64_t	ss_switches;
	uint64_t	ss_preemptions;
	unsigned int	ss_hz;
	unsigned int	ss_threads;
};
void	sched_stats(struct sched_stats *);

/*
 * A CPU's scheduler.  One CPU runs threads today, but the state is
 * gathered here so that SMP gives each CPU its own; it is public so that
 * the hot paths (every system call) read the running thread inline.
 */
struct sched_cpu {
	struct thread	*sc_current;
	struct thread	*sc_idle;
	struct thread	*sc_rq_head, *sc_rq_tail;
	struct thread	*sc_sleepers;	/* sorted by t_wake_ns */
	struct thread	*sc_reap;	/* dead detached thread to free */
	struct thread	*sc_throttled;	/* SCHED_DEADLINE threads out of
					 * budget, via t_rq_next */
	bool		 sc_need_resched;
	bool		 sc_yield;	/* the current thread yields */
	bool		 sc_rt_throttled; /* FIFO/RR used their share of
					 * this period: below SCHED_OTHER */
	uint64_t	 sc_acct_ns;	/* current charged up to here */
	uint64_t	 sc_rt_period_ns; /* start of the RT share's period */
	uint64_t	 sc_rt_used_ns;	/* FIFO/RR run time in it */
	uint64_t	 sc_dl_bw;	/* SCHED_DEADLINE bandwidth reserved
					 * (sched_dl_bw units) */
	struct sched_stats sc_stats;
};

extern struct sched_cpu sched_cpu0;

static inline struct sched_cpu *
sched_this_cpu(void)
{
	return &sched_cpu0;
}

/* Timer interrupt bookkeeping; for the timer handler only. */
void	sched_tick(void);

/*
 * The end of every interrupt: switch if a thread more deserving than the
 * interrupted one has woken up.  sched_init installs it as arch's
 * trap_irq_exit_hook; kernel/proc's signal_irq_exit replaces it there,
 * calling it first.
 */
struct trap_frame;
void	sched_irq_exit(struct trap_frame *tf);

/*
 * Switch now if a thread more deserving than the caller has woken up
 * (the system-call return path calls this; interrupts do it anyway).
 */
void	sched_preempt_slow(void);

static inline void
sched_preempt_point(void)
{
	/* Unlocked peek: a request racing with it is taken at irq exit. */
	if (__builtin_expect(sched_this_cpu()->sc_need_resched, 0))
		sched_preempt_slow();
}

struct sched_policy;

/*
 * Give t the scheduling sp (already checked: sched_policy_make and the
 * caller's permission), placing it as Linux does: a FIFO/RR thread whose
 * priority drops goes to the head of its new priority, one raised to the
 * tail; a thread that now outranks the running one preempts it.  Returns
 * 0, or -EBUSY when SCHED_DEADLINE's reservations would pass 95 % of the
 * CPU.
 */
int	sched_thread_set_policy(struct thread *t, const struct sched_policy *sp);

/* What sched_rr_get_interval reports for t, in ns (0: no slice). */
uint64_t sched_thread_rr_interval(const struct thread *t);

#endif /* KERNEL_SCHED_SCHED_H */
