/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Host tests of timerfd's arithmetic (kernel/ipc/timerfd_calc.c). */
#include <stdint.h>

#include <kernel/ipc/timerfd_calc.h>

#include "ut.h"

#define S	1000000000ULL

UT_TEST(timerfd_advance_counts)
{
	uint64_t next = 0;

	UT_ASSERT_EQ(timerfd_calc_advance(&next, S, 5 * S), 0);	/* disarmed */
	next = 10 * S;
	UT_ASSERT_EQ(timerfd_calc_advance(&next, 0, 9 * S), 0);
	UT_ASSERT_EQ(next, 10 * S);
	UT_ASSERT_EQ(timerfd_calc_advance(&next, 0, 10 * S), 1);
	UT_ASSERT_EQ(next, 0);				/* one-shot done */
	next = 10 * S;
	UT_ASSERT_EQ(timerfd_calc_advance(&next, 2 * S, 15 * S), 3);
	UT_ASSERT_EQ(next, 16 * S);
	UT_ASSERT_EQ(timerfd_calc_advance(&next, 2 * S, 15 * S), 0);
	UT_ASSERT_EQ(timerfd_calc_advance(&next, 2 * S, 16 * S), 1);
	UT_ASSERT_EQ(next, 18 * S);
	/* Near the end of time the deadline saturates. */
	next = UINT64_MAX - 10;
	UT_ASSERT_EQ(timerfd_calc_advance(&next, UINT64_MAX / 2, UINT64_MAX), 1);
	UT_ASSERT_EQ(next, UINT64_MAX);
}

UT_TEST(timerfd_arm_future_and_past)
{
	uint64_t next, ticks;

	timerfd_calc_arm(20 * S, S, 10 * S, &next, &ticks);
	UT_ASSERT_EQ(next, 20 * S);
	UT_ASSERT_EQ(ticks, 0);
	/* Past one-shot: due now. */
	timerfd_calc_arm(5 * S, 0, 10 * S, &next, &ticks);
	UT_ASSERT_EQ(next, 10 * S);
	UT_ASSERT_EQ(ticks, 0);
	UT_ASSERT_EQ(timerfd_calc_advance(&next, 0, 10 * S), 1);
	/* Past periodic: 35 s ago every 10 s is 4 expirations. */
	timerfd_calc_arm(100 * S - 35 * S, 10 * S, 100 * S, &next, &ticks);
	UT_ASSERT_EQ(ticks + timerfd_calc_advance(&next, 10 * S, 100 * S), 4);
	UT_ASSERT_EQ(next, 105 * S);
	/* Before the timeline's 0, one-shot and periodic. */
	timerfd_calc_arm(-(int64_t)(50 * S), 0, 0, &next, &ticks);
	UT_ASSERT_EQ(next, 1);
	UT_ASSERT_EQ(ticks, 0);
	timerfd_calc_arm(-(int64_t)(35 * S), 10 * S, 2 * S, &next, &ticks);
	UT_ASSERT_EQ(ticks + timerfd_calc_advance(&next, 10 * S, 2 * S), 4);
	UT_ASSERT_EQ(next, 5 * S);
	/* Exactly on a period boundary. */
	timerfd_calc_arm(0, 10 * S, 30 * S, &next, &ticks);
	UT_ASSERT_EQ(ticks + timerfd_calc_advance(&next, 10 * S, 30 * S), 4);
	UT_ASSERT_EQ(next, 40 * S);
}
