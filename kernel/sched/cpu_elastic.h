/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The elastic CPU policy: a kernel thread on CPU 0 looks at every CPU
 * each period, rests one that has had nothing to do for rest_ns
 * (cpus_rest_elastic: Xen VCPUOP_down, elsewhere halted with no timer),
 * and brings one back when threads wait for a CPU two periods running
 * or a thread can run only on a resting one.  The host's ceiling (xl
 * vcpu-set, maxcpus=) bounds it: it never brings back a CPU the host
 * took.  cpu_elastic_decide is its arithmetic, host-testable.
 */
#ifndef KERNEL_SCHED_CPU_ELASTIC_H
#define KERNEL_SCHED_CPU_ELASTIC_H

#include <stdbool.h>
#include <stdint.h>

#define CPU_ELASTIC_MAX		64
#define CPU_ELASTIC_PERIOD_NS	100000000ULL	/* it looks every 100 ms */
#define CPU_ELASTIC_REST_MS	1000		/* cpu_rest= by default */
#define CPU_ELASTIC_WAIT_PERIODS 2	/* waiting this long brings one back */

/* One CPU as the policy sees it this period. */
struct cpu_elastic_in {
	uint64_t	ci_busy_ns;	/* its threads' time, a running total */
	unsigned int	ci_nr;		/* threads queued and running there */
	bool		ci_threads;	/* it takes threads (the scheduler's) */
	bool		ci_rested;	/* it rests, for whatever reason */
	bool		ci_elastic;	/* ...because the policy rested it */
	bool		ci_host_off;	/* the host's ceiling leaves it out */
};

/* What the policy remembers between periods. */
struct cpu_elastic_state {
	uint64_t	cs_busy_ns[CPU_ELASTIC_MAX];
	uint64_t	cs_idle_since[CPU_ELASTIC_MAX];
	uint64_t	cs_last_ns;
	unsigned int	cs_waiting;	/* periods with more threads than CPUs */
	bool		cs_started;
};

struct cpu_elastic_params {
	uint64_t	cp_rest_ns;	/* idle this long: rest (0: never) */
	bool		cp_threads;	/* threads run on every CPU (smp=threads) */
	unsigned int	cp_self;	/* threads of the policy's own in the
					 * counts (it runs while it looks) */
};

enum cpu_elastic_action {
	CPU_ELASTIC_NONE,
	CPU_ELASTIC_REST,	/* rest *cpu */
	CPU_ELASTIC_WAKE,	/* bring *cpu back */
};

/*
 * One period: in[0..n) at time now; wanted, the resting CPUs a thread
 * could not run without (sched_take_wanted).  At most one change a
 * period; CPU 0 never rests.  A clock or a busy total that goes
 * backwards starts the CPU's idle time over rather than rest it.
 */
enum cpu_elastic_action cpu_elastic_decide(struct cpu_elastic_state *st,
	    const struct cpu_elastic_params *p, const struct cpu_elastic_in *in,
	    unsigned int n, uint64_t now, uint64_t wanted, unsigned int *cpu);

/* Start the policy (main.c, once the CPUs are up); cmdline's cpu_rest=. */
void	cpu_elastic_start(const char *cmdline);

/* Its figures for /proc/cpus: rests and wakes it asked for. */
void	cpu_elastic_counts(uint64_t *rests, uint64_t *wakes,
	    uint64_t *rest_ms);

#endif /* KERNEL_SCHED_CPU_ELASTIC_H */
