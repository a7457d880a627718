/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Scheduling policies as Linux programs name them (sched_setscheduler,
 * sched_setattr): what a thread asks for and the rules that say whether
 * it may.  Pure: no thread, no clock; tested on the host.  The scheduler
 * that honours them is sched.c (see docs/architecture.md).
 */
#ifndef KERNEL_SCHED_SCHED_POLICY_H
#define KERNEL_SCHED_SCHED_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#define SCHED_OTHER		0
#define SCHED_FIFO		1
#define SCHED_RR		2
#define SCHED_BATCH		3
#define SCHED_IDLE		5
#define SCHED_DEADLINE		6
#define SCHED_RESET_ON_FORK	0x40000000	/* or'ed into a policy */

/* sched_attr's sched_flags */
#define SCHED_FLAG_RESET_ON_FORK 0x01
#define SCHED_FLAG_RECLAIM	0x02
#define SCHED_FLAG_DL_OVERRUN	0x04
#define SCHED_FLAG_KEEP_POLICY	0x08
#define SCHED_FLAG_KEEP_PARAMS	0x10
#define SCHED_FLAG_UTIL_CLAMP	0x60
#define SCHED_FLAG_ALL		0x7f
#define SCHED_FLAG_SUGOV	0x10000000	/* the kernel's own */

#define SCHED_ATTR_SIZE_VER0	48
#define SCHED_ATTR_SIZE_VER1	56

#define SCHED_RT_PRIO_MAX	99
#define SCHED_NICE_MIN		(-20)
#define SCHED_NICE_MAX		19

/* A SCHED_RR thread's time slice (Linux's default sched_rr_timeslice_ms). */
#define SCHED_RR_SLICE_NS	100000000ULL
/* SCHED_DEADLINE periods are 100 us .. 2^22 us (Linux's sysctl defaults). */
#define SCHED_DL_PERIOD_MIN_NS	100000ULL
#define SCHED_DL_PERIOD_MAX_NS	(4194304ULL * 1000)
/* Real-time threads may use this much of each period (sched_rt_*_us). */
#define SCHED_RT_PERIOD_NS	1000000000ULL
#define SCHED_RT_RUNTIME_NS	950000000ULL
/* Bandwidths (runtime / period) in units of 2^-20. */
#define SCHED_BW_SHIFT		20
#define SCHED_DL_BW_LIMIT	((SCHED_RT_RUNTIME_NS << SCHED_BW_SHIFT) / \
				 SCHED_RT_PERIOD_NS)

/* struct sched_attr of sched_setattr(2), Linux's layout (VER1: 56 bytes). */
struct sched_attr {
	uint32_t	size;
	uint32_t	sched_policy;
	uint64_t	sched_flags;
	int32_t		sched_nice;
	uint32_t	sched_priority;
	uint64_t	sched_runtime;
	uint64_t	sched_deadline;
	uint64_t	sched_period;
	uint32_t	sched_util_min;
	uint32_t	sched_util_max;
};

/* What a thread's scheduling is (struct thread's t_sp). */
struct sched_policy {
	uint8_t		sp_policy;	/* SCHED_* */
	uint8_t		sp_rtprio;	/* 1..99 for FIFO and RR, else 0 */
	int8_t		sp_nice;	/* -20..19, kept under every policy */
	bool		sp_reset_on_fork;
	uint64_t	sp_dl_runtime;	/* SCHED_DEADLINE, ns */
	uint64_t	sp_dl_deadline;
	uint64_t	sp_dl_period;	/* never 0 once set: deadline if
					 * asked as 0 */
};

static inline bool
sched_policy_is_rt(int policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR;
}

/* SCHED_OTHER and SCHED_BATCH: the policies whose nice sched_setattr sets. */
static inline bool
sched_policy_is_fair(int policy)
{
	return policy == SCHED_OTHER || policy == SCHED_BATCH;
}

static inline bool
sched_policy_valid(int64_t policy)
{
	return policy == SCHED_OTHER || policy == SCHED_FIFO ||
	    policy == SCHED_RR || policy == SCHED_BATCH ||
	    policy == SCHED_IDLE || policy == SCHED_DEADLINE;
}

/*
 * The policy a request asks of a thread now in cur: policy -1 keeps the
 * policy and the reset-on-fork flag (sched_setparam); a request without
 * the flag clears it.  Fills *out and returns 0, or -EINVAL as Linux
 * checks: an unknown policy or flag, a priority that is not 1..99 for
 * FIFO and RR or not 0 for the others, deadline parameters out of
 * runtime <= deadline <= period (period 0: the deadline) or its range.
 * nice (clamped to -20..19) is taken only by OTHER and BATCH.
 */
int	sched_policy_make(const struct sched_policy *cur, int64_t policy,
	    uint64_t flags, int32_t nice, uint32_t prio, uint64_t runtime,
	    uint64_t deadline, uint64_t period, struct sched_policy *out);

/*
 * Linux's rules for a caller without CAP_SYS_NICE changing a thread from
 * cur to new: may lower its nice within RLIMIT_NICE (20 - nice <= limit),
 * enter FIFO/RR or raise the priority up to RLIMIT_RTPRIO, never enter
 * SCHED_DEADLINE, leave SCHED_IDLE only where RLIMIT_NICE allows its nice,
 * change only a thread of its own (same_owner: the caller's euid is the
 * target's uid or euid) and not clear reset-on-fork.  True when the
 * change needs the capability.
 */
bool	sched_policy_needs_cap(const struct sched_policy *cur,
	    const struct sched_policy *new, uint64_t rlim_nice,
	    uint64_t rlim_rtprio, bool same_owner);

/*
 * A fair thread's weight at nice: 1024 at 0, a quarter more for each step
 * down (each nice step is about 10% of CPU between two busy threads).
 */
uint32_t sched_nice_weight(int nice);

/* runtime / period in units of 2^-20 (period > 0). */
uint64_t sched_dl_bw(uint64_t runtime, uint64_t period);

/*
 * The constant-bandwidth rule at a wake-up: may a deadline thread keep
 * budget ns until its absolute deadline abs (both from before it slept),
 * or would that exceed its bandwidth runtime / rel_deadline from now on?
 * True when it must start afresh (the deadline passed, or too much left).
 */
bool	sched_dl_cbs_renew(uint64_t budget, uint64_t abs, uint64_t now,
	    uint64_t runtime, uint64_t rel_deadline);

/* Field 18 of /proc/PID/stat: 20 + nice, -1 - priority (RT), -101 (DL). */
int	sched_policy_stat_prio(const struct sched_policy *sp);

/*
 * sched_setattr's size field: 0 means the first version (48); fewer
 * than that or more than a page is -E2BIG.  Returns the size to copy.
 */
long	sched_attr_usize(uint32_t size);

#endif /* KERNEL_SCHED_SCHED_POLICY_H */
