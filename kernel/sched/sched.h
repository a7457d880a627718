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

#include <arch/x86_64/include/smp.h>

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
 * A CPU's scheduler: each CPU that runs threads has one (sched_cpus[n]).
 * All of them are changed under the kernel lock (klock.h) with
 * interrupts off; it is public so that the hot paths (every system call)
 * read the running thread inline.
 */
struct sched_cpu {
	struct thread	*sc_current;
	struct thread	*sc_idle;
	struct thread	*sc_rq_head, *sc_rq_tail;
	unsigned int	 sc_nr;		/* threads on the run queue */
	unsigned int	 sc_index;	/* its CPU */
	bool		 sc_online;	/* it runs threads */
	bool		 sc_resting;	/* asked to rest: takes no thread */
	bool		 sc_elastic;	/* ...by the elastic CPU policy */
	struct thread	*sc_reap;	/* dead detached thread to free */
	struct thread	*sc_throttled;	/* SCHED_DEADLINE threads out of
					 * budget, via t_rq_next */
	struct cpu_local *sc_cl;	/* its CPU's area: the running
					 * thread and the switch request
					 * live there (cl_current,
					 * cl_resched), one load away for
					 * the hot paths */
	bool		 sc_yield;	/* the current thread yields */
	bool		 sc_rt_throttled; /* FIFO/RR used their share of
					 * this period: below SCHED_OTHER */
	uint64_t	 sc_acct_ns;	/* current charged up to here */
	uint64_t	 sc_rt_period_ns; /* start of the RT share's period */
	uint64_t	 sc_rt_used_ns;	/* FIFO/RR run time in it */
	uint64_t	 sc_switch_ns;	/* when the current thread came on */
	uint64_t	 sc_busy_ns;	/* threads' time here, not idle's */
	uint64_t	 sc_user_ns;	/* of that, in ring 3 (sampled at
					 * interrupts: sched_charge_user) */
	bool		 sc_tickless;	/* its tick is off: the ring-0 app
					 * runs there alone */
	uint64_t	 sc_tickless_stops; /* times the tick stopped so */
	uint64_t	 sc_kicks;	/* wake-up IPIs sent to it */
	uint64_t	 sc_steals;	/* threads it took from others */
	struct sched_stats sc_stats;
};

extern struct sched_cpu sched_cpus[];

static inline struct sched_cpu *
sched_this_cpu(void)
{
	return (struct sched_cpu *)cpu_sched();
}

/*
 * Several CPUs (cpus.c, once they are up): CPU n (> 0) runs threads
 * from now on; it calls this on itself, interrupts off, and never
 * returns.  sched_smp_start (CPU 0, first) turns on the kernel lock.
 */
void	sched_smp_start(unsigned int ncpus);
__attribute__((noreturn)) void sched_ap_enter(unsigned int n);

/* CPUs running threads (1 until sched_smp_start). */
unsigned int sched_ncpus(void);

/*
 * CPU n is to rest (cpus.c): its queued threads go elsewhere, its
 * running one at its next switch; its idle thread then calls
 * cpus_rest_here.  rest false: it takes threads again.  elastic: the
 * elastic CPU policy rests it, so it stays in the CPUs a thread may ask
 * for (sched_online_mask), and a thread that can run nowhere else marks
 * it wanted (sched_take_wanted) while it waits on CPU 0.
 */
void	sched_cpu_set_resting(unsigned int n, bool rest, bool elastic);

/*
 * Where t (runnable, not yet run: a new process's thread) should start,
 * if that CPU is free; the ring-0 app starts on the last CPU, away from
 * CPU 0's kernel threads and timers, so that it can run there without a
 * tick.
 */
void	sched_thread_prefer_cpu(struct thread *t, unsigned int n);

/* The elastically resting CPUs threads have asked for since last time. */
uint64_t sched_take_wanted(void);

/* Stop or restart this CPU's tick (a CPU going to rest). */
void	sched_timer_local(bool on);

/* Per-CPU figures for /proc/stat and /proc/cpus. */
struct sched_cpu_times {
	uint64_t	ct_busy_ns, ct_idle_ns;
	uint64_t	ct_user_ns;	/* of busy, in ring 3 */
	uint64_t	ct_switches, ct_kicks, ct_steals;
	unsigned int	ct_nr;		/* queued + running */
	unsigned int	ct_queued;	/* queued, waiting for the CPU */
	bool		ct_tickless;	/* its tick is off now */
	uint64_t	ct_tickless_stops;
	bool		ct_online;
};
void	sched_cpu_times(unsigned int n, struct sched_cpu_times *ct);

/*
 * ns of this CPU's busy time were spent in ring 3 (itimer_account, at
 * each interrupt: the run up to it, sampled as Linux's tick does).
 * Interrupts off.
 */
void	sched_charge_user(uint64_t ns);

/*
 * A mask of the CPUs that run threads or rest elastically (they come
 * back when a thread asks for them), for sched_getaffinity.
 */
uint64_t sched_online_mask(void);

/*
 * Set t's allowed CPUs (sched_setaffinity); the mask is cut to the CPUs
 * online.  -EINVAL when nothing is left.  t moves now if it must.
 */
int	sched_thread_set_affinity(struct thread *t, uint64_t mask);

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
	if (__builtin_expect(cpu_resched(), 0))
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
