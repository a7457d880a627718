/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Host tests of the scheduler's load decay (kernel/sched/sched_load.c)
 * and its policies' rules (kernel/sched/sched_policy.c). */
#include <math.h>
#include <stdint.h>

#include <lib/errno.h>
#include <kernel/sched/sched_load.h>
#include <kernel/sched/sched_policy.h>

#include "ut.h"

UT_TEST(sched_load_decay_curve)
{
	const uint64_t h = SCHED_LOAD_HALF_NS, l = 1000000000UL;

	UT_ASSERT_EQ(sched_load_decay(l, 0), l);
	UT_ASSERT_EQ(sched_load_decay(l, h), l / 2);
	UT_ASSERT_EQ(sched_load_decay(l, 3 * h), l / 8);
	UT_ASSERT_EQ(sched_load_decay(l, 64 * h), 0);
	UT_ASSERT_EQ(sched_load_decay(l, UINT64_MAX), 0);
	UT_ASSERT_EQ(sched_load_decay(0, 12345), 0);
	/* The chord of the exponential: never below it, at most 6 % above. */
	for (uint64_t dt = 0; dt < 5 * h; dt += h / 7) {
		double exact = (double)l * pow(2.0, -(double)dt / (double)h);
		double got = (double)sched_load_decay(l, dt);

		UT_ASSERT(got >= exact * 0.9999 && got <= exact * 1.062);
	}
	/* Monotonic in time, and huge loads do not overflow. */
	for (uint64_t dt = 0, prev = UINT64_MAX; dt < 2 * h; dt += h / 13) {
		uint64_t v = sched_load_decay(UINT64_MAX / 2, dt);

		UT_ASSERT(v <= prev);
		prev = v;
	}
}

/* ---- scheduling policies (kernel/sched/sched_policy.c) ---- */

static const struct sched_policy sp_other = { SCHED_OTHER, 0, 0, false,
    0, 0, 0 };

/* sched_policy_make with no deadline parameters. */
static int
sp_make(const struct sched_policy *cur, int64_t policy, uint64_t flags,
    int nice, uint32_t prio, struct sched_policy *out)
{
	return sched_policy_make(cur, policy, flags, nice, prio, 0, 0, 0, out);
}

UT_TEST(sched_policy_make_checks)
{
	struct sched_policy o;

	UT_ASSERT_EQ(sp_make(&sp_other, SCHED_FIFO, 0, 0, 10, &o), 0);
	UT_ASSERT_EQ(o.sp_policy, SCHED_FIFO);
	UT_ASSERT_EQ(o.sp_rtprio, 10);
	UT_ASSERT_EQ(sp_make(&sp_other, SCHED_RR, 0, 0, 99, &o), 0);
	UT_ASSERT_EQ(sp_make(&sp_other, SCHED_RR, 0, 0, 100, &o), -EINVAL);
	UT_ASSERT_EQ(sp_make(&sp_other, SCHED_FIFO, 0, 0, 0, &o), -EINVAL);
	UT_ASSERT_EQ(sp_make(&sp_other, SCHED_OTHER, 0, 0, 1, &o), -EINVAL);
	UT_ASSERT_EQ(sp_make(&sp_other, SCHED_IDLE, 0, 0, 1, &o), -EINVAL);
	UT_ASSERT_EQ(sp_make(&sp_other, 4, 0, 0, 0, &o), -EINVAL);
	UT_ASSERT_EQ(sp_make(&sp_other, 7, 0, 0, 0, &o), -EINVAL);
	UT_ASSERT_EQ(sp_make(&sp_other, SCHED_OTHER, 0x80, 0, 0, &o), -EINVAL);
	/* nice: clamped, and taken by OTHER and BATCH only. */
	UT_ASSERT_EQ(sp_make(&sp_other, SCHED_BATCH, 0, -50, 0, &o), 0);
	UT_ASSERT_EQ(o.sp_nice, -20);
	UT_ASSERT_EQ(sp_make(&sp_other, SCHED_IDLE, 0, 7, 0, &o), 0);
	UT_ASSERT_EQ(o.sp_nice, 0);
	UT_ASSERT_EQ(sp_make(&sp_other, SCHED_FIFO, 0, 7, 1, &o), 0);
	UT_ASSERT_EQ(o.sp_nice, 0);
	/* Reset-on-fork: set by the flag, kept by policy -1 only. */
	UT_ASSERT_EQ(sp_make(&sp_other, SCHED_FIFO, SCHED_FLAG_RESET_ON_FORK,
	    0, 5, &o), 0);
	UT_ASSERT(o.sp_reset_on_fork);
	{
		struct sched_policy cur = o;

		UT_ASSERT_EQ(sp_make(&cur, -1, 0, 0, 6, &o), 0);
		UT_ASSERT(o.sp_reset_on_fork);
		UT_ASSERT_EQ(o.sp_policy, SCHED_FIFO);
		UT_ASSERT_EQ(o.sp_rtprio, 6);
		UT_ASSERT_EQ(sp_make(&cur, -1, 0, 0, 0, &o), -EINVAL);
		UT_ASSERT_EQ(sp_make(&cur, SCHED_FIFO, 0, 0, 6, &o), 0);
		UT_ASSERT(!o.sp_reset_on_fork);
	}
}

UT_TEST(sched_policy_deadline_params)
{
	struct sched_policy o;
	const int64_t dl = SCHED_DEADLINE;

	UT_ASSERT_EQ(sched_policy_make(&sp_other, dl, 0, 0, 0, 10000000,
	    30000000, 30000000, &o), 0);
	UT_ASSERT_EQ(o.sp_dl_period, 30000000);
	/* Period 0 stands for the deadline. */
	UT_ASSERT_EQ(sched_policy_make(&sp_other, dl, 0, 0, 0, 10000000,
	    30000000, 0, &o), 0);
	UT_ASSERT_EQ(o.sp_dl_period, 30000000);
	UT_ASSERT_EQ(sched_policy_make(&sp_other, dl, 0, 0, 0, 40000000,
	    30000000, 30000000, &o), -EINVAL);		/* runtime > deadline */
	UT_ASSERT_EQ(sched_policy_make(&sp_other, dl, 0, 0, 0, 10000000,
	    30000000, 20000000, &o), -EINVAL);		/* period < deadline */
	UT_ASSERT_EQ(sched_policy_make(&sp_other, dl, 0, 0, 0, 1000,
	    30000000, 30000000, &o), -EINVAL);		/* runtime < 1024 ns */
	UT_ASSERT_EQ(sched_policy_make(&sp_other, dl, 0, 0, 0, 10000,
	    50000, 50000, &o), -EINVAL);		/* period < 100 us */
	UT_ASSERT_EQ(sched_policy_make(&sp_other, dl, 0, 0, 0, 10000000,
	    30000000, 5000000000ULL, &o), -EINVAL);	/* period > 2^22 us */
	UT_ASSERT_EQ(sched_policy_make(&sp_other, dl, 0, 0, 0, 0, 0, 0, &o),
	    -EINVAL);
	UT_ASSERT_EQ(sched_policy_make(&sp_other, dl, 0, 0, 1, 10000000,
	    30000000, 30000000, &o), -EINVAL);		/* a priority */
	UT_ASSERT_EQ(sched_dl_bw(10000000, 30000000), (1 << 20) / 3);
	UT_ASSERT(sched_dl_bw(30000000, 30000000) > SCHED_DL_BW_LIMIT);
	/* The constant-bandwidth rule at a wake-up. */
	UT_ASSERT(sched_dl_cbs_renew(5, 100, 100, 10, 30));	/* passed */
	UT_ASSERT(!sched_dl_cbs_renew(5, 100, 70, 10, 30));	/* 5/30 ok */
	UT_ASSERT(sched_dl_cbs_renew(9, 100, 90, 10, 30));	/* 9/10 > 1/3 */
}

UT_TEST(sched_policy_permissions)
{
	struct sched_policy fifo5 = { SCHED_FIFO, 5, 0, false, 0, 0, 0 };
	struct sched_policy fifo20 = { SCHED_FIFO, 20, 0, false, 0, 0, 0 };
	struct sched_policy idle = { SCHED_IDLE, 0, 5, false, 0, 0, 0 };
	struct sched_policy other_n3 = { SCHED_OTHER, 0, 3, false, 0, 0, 0 };
	struct sched_policy other_n0 = sp_other;
	struct sched_policy dl = { SCHED_DEADLINE, 0, 0, false, 1000000,
	    10000000, 10000000 };
	struct sched_policy reset = sp_other;

	reset.sp_reset_on_fork = true;
	/* RT needs RLIMIT_RTPRIO to enter, and to go above it. */
	UT_ASSERT(sched_policy_needs_cap(&sp_other, &fifo5, 0, 0, true));
	UT_ASSERT(!sched_policy_needs_cap(&sp_other, &fifo5, 0, 10, true));
	UT_ASSERT(sched_policy_needs_cap(&fifo5, &fifo20, 0, 10, true));
	UT_ASSERT(!sched_policy_needs_cap(&fifo20, &fifo5, 0, 0, true));
	/* A lower nice within RLIMIT_NICE only. */
	UT_ASSERT(sched_policy_needs_cap(&other_n3, &other_n0, 0, 0, true));
	UT_ASSERT(!sched_policy_needs_cap(&other_n3, &other_n0, 20, 0, true));
	UT_ASSERT(!sched_policy_needs_cap(&other_n0, &other_n3, 0, 0, true));
	/* Deadline never; out of SCHED_IDLE only within RLIMIT_NICE. */
	UT_ASSERT(sched_policy_needs_cap(&sp_other, &dl, 40, 99, true));
	UT_ASSERT(!sched_policy_needs_cap(&sp_other, &idle, 0, 0, true));
	UT_ASSERT(sched_policy_needs_cap(&idle, &other_n3, 0, 0, true));
	UT_ASSERT(!sched_policy_needs_cap(&idle, &other_n3, 17, 0, true));
	/* Another user's thread; clearing reset-on-fork. */
	UT_ASSERT(sched_policy_needs_cap(&sp_other, &sp_other, 40, 99, false));
	UT_ASSERT(sched_policy_needs_cap(&reset, &sp_other, 40, 99, true));
	UT_ASSERT(!sched_policy_needs_cap(&sp_other, &reset, 0, 0, true));
}

UT_TEST(sched_policy_weights_and_stat)
{
	struct sched_policy rr = { SCHED_RR, 42, 3, false, 0, 0, 0 };
	struct sched_policy n = { SCHED_OTHER, 0, -4, false, 0, 0, 0 };
	struct sched_policy dl = { SCHED_DEADLINE, 0, 0, false, 1, 2, 2 };

	UT_ASSERT_EQ(sched_nice_weight(0), 1024);
	UT_ASSERT_EQ(sched_nice_weight(1), 819);
	UT_ASSERT_EQ(sched_nice_weight(-1), 1280);
	for (int i = -20; i < 19; i++)
		UT_ASSERT(sched_nice_weight(i) > sched_nice_weight(i + 1));
	UT_ASSERT(sched_nice_weight(19) >= 1);
	UT_ASSERT_EQ(sched_policy_stat_prio(&rr), -43);
	UT_ASSERT_EQ(sched_policy_stat_prio(&n), 16);
	UT_ASSERT_EQ(sched_policy_stat_prio(&dl), -101);
	UT_ASSERT_EQ(sched_attr_usize(0), SCHED_ATTR_SIZE_VER0);
	UT_ASSERT_EQ(sched_attr_usize(47), -E2BIG);
	UT_ASSERT_EQ(sched_attr_usize(56), 56);
	UT_ASSERT_EQ(sched_attr_usize(4096), 4096);
	UT_ASSERT_EQ(sched_attr_usize(4097), -E2BIG);
}
