/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Host tests of the scheduler's load decay (kernel/sched/sched_load.c). */
#include <math.h>
#include <stdint.h>

#include <kernel/sched/sched_load.h>

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
