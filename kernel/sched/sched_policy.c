/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Scheduling policies: requests, permissions, weights (sched_policy.h). */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <kernel/sched/sched_policy.h>

/* Deadline parameters Linux accepts (period 0 standing for the deadline). */
static bool
sched_dl_params_ok(uint64_t runtime, uint64_t deadline, uint64_t period)
{
	uint64_t p = period != 0 ? period : deadline;

	if (deadline == 0 || runtime < 1024)
		return false;
	if ((deadline | period) >> 63)
		return false;
	if (p < deadline || deadline < runtime)
		return false;
	return p >= SCHED_DL_PERIOD_MIN_NS && p <= SCHED_DL_PERIOD_MAX_NS;
}

int
sched_policy_make(const struct sched_policy *cur, int64_t policy,
    uint64_t flags, int32_t nice, uint32_t prio, uint64_t runtime,
    uint64_t deadline, uint64_t period, struct sched_policy *out)
{
	*out = *cur;
	if (policy < 0) {
		policy = cur->sp_policy;
	} else {
		if (!sched_policy_valid(policy))
			return -EINVAL;
		out->sp_reset_on_fork = (flags & SCHED_FLAG_RESET_ON_FORK) != 0;
	}
	if (flags & ~(uint64_t)(SCHED_FLAG_ALL | SCHED_FLAG_SUGOV))
		return -EINVAL;
	if (prio > SCHED_RT_PRIO_MAX)
		return -EINVAL;
	if (policy == SCHED_DEADLINE &&
	    !sched_dl_params_ok(runtime, deadline, period))
		return -EINVAL;
	if (sched_policy_is_rt((int)policy) != (prio != 0))
		return -EINVAL;
	out->sp_policy = (uint8_t)policy;
	out->sp_rtprio = (uint8_t)prio;
	if (sched_policy_is_fair((int)policy))
		out->sp_nice = (int8_t)(nice < SCHED_NICE_MIN ? SCHED_NICE_MIN :
		    nice > SCHED_NICE_MAX ? SCHED_NICE_MAX : nice);
	if (policy == SCHED_DEADLINE) {
		out->sp_dl_runtime = runtime;
		out->sp_dl_deadline = deadline;
		out->sp_dl_period = period != 0 ? period : deadline;
	} else {
		out->sp_dl_runtime = out->sp_dl_deadline = 0;
		out->sp_dl_period = 0;
	}
	return 0;
}

/* May a thread at nice go there without the capability (RLIMIT_NICE)? */
static bool
sched_nice_allowed(int nice, uint64_t rlim_nice)
{
	return (uint64_t)(20 - nice) <= rlim_nice;
}

bool
sched_policy_needs_cap(const struct sched_policy *cur,
    const struct sched_policy *new, uint64_t rlim_nice, uint64_t rlim_rtprio,
    bool same_owner)
{
	if (sched_policy_is_fair(new->sp_policy) &&
	    new->sp_nice < cur->sp_nice &&
	    !sched_nice_allowed(new->sp_nice, rlim_nice))
		return true;
	if (sched_policy_is_rt(new->sp_policy)) {
		if (new->sp_policy != cur->sp_policy && rlim_rtprio == 0)
			return true;
		if (new->sp_rtprio > cur->sp_rtprio &&
		    new->sp_rtprio > rlim_rtprio)
			return true;
	}
	if (new->sp_policy == SCHED_DEADLINE)
		return true;
	/* SCHED_IDLE counts as the weakest nice: leaving it is raising. */
	if (cur->sp_policy == SCHED_IDLE && new->sp_policy != SCHED_IDLE &&
	    !sched_nice_allowed(cur->sp_nice, rlim_nice))
		return true;
	if (!same_owner)
		return true;
	return cur->sp_reset_on_fork && !new->sp_reset_on_fork;
}

uint32_t
sched_nice_weight(int nice)
{
	uint32_t w = 1024;

	for (; nice < 0; nice++)
		w = w * 5 / 4;
	for (; nice > 0; nice--)
		w = w * 4 / 5;
	return w != 0 ? w : 1;
}

uint64_t
sched_dl_bw(uint64_t runtime, uint64_t period)
{
	/* Checked parameters are below 2^32 ns: no overflow. */
	if (runtime >> (64 - SCHED_BW_SHIFT))
		return runtime / (period >> SCHED_BW_SHIFT ? period >>
		    SCHED_BW_SHIFT : 1);
	return (runtime << SCHED_BW_SHIFT) / period;
}

bool
sched_dl_cbs_renew(uint64_t budget, uint64_t abs, uint64_t now,
    uint64_t runtime, uint64_t rel_deadline)
{
	if (now >= abs)
		return true;
	/* budget / (abs - now) > runtime / rel_deadline, multiplied out. */
	return (unsigned __int128)budget * rel_deadline >
	    (unsigned __int128)(abs - now) * runtime;
}

int
sched_policy_stat_prio(const struct sched_policy *sp)
{
	if (sp->sp_policy == SCHED_DEADLINE)
		return -101;
	if (sched_policy_is_rt(sp->sp_policy))
		return -1 - sp->sp_rtprio;
	return 20 + sp->sp_nice;
}

long
sched_attr_usize(uint32_t size)
{
	if (size == 0)
		return SCHED_ATTR_SIZE_VER0;
	if (size < SCHED_ATTR_SIZE_VER0 || size > 4096)
		return -E2BIG;
	return size;
}
