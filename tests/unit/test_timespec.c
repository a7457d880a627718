/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Host tests of the deadline arithmetic (lib/timespec.h) at its edges. */
#include <stdint.h>

#include <lib/timespec.h>

#include "ut.h"

UT_TEST(timespec_valid_as_linux)
{
	UT_ASSERT(timespec_valid(0, 0));
	UT_ASSERT(timespec_valid(INT64_MAX, 999999999));
	UT_ASSERT(!timespec_valid(-1, 0));
	UT_ASSERT(!timespec_valid(0, -1));
	UT_ASSERT(!timespec_valid(0, 1000000000));
	UT_ASSERT(!timespec_valid(INT64_MIN, INT64_MIN));
}

UT_TEST(timespec_huge_values_saturate)
{
	UT_ASSERT_EQ(timespec_to_ns(0, 0), 0);
	UT_ASSERT_EQ(timespec_to_ns(1, 5), 1000000005ULL);
	/* The largest that fits, and the first that does not. */
	UT_ASSERT_EQ(timespec_to_ns(18446744073LL, 709551615),
	    UINT64_MAX);
	UT_ASSERT_EQ(timespec_to_ns(18446744073LL, 709551614),
	    UINT64_MAX - 1);
	UT_ASSERT_EQ(timespec_to_ns(18446744074LL, 0), TIMESPEC_NS_MAX);
	UT_ASSERT_EQ(timespec_to_ns(INT64_MAX, 999999999), TIMESPEC_NS_MAX);
	UT_ASSERT_EQ(timespec_add_sat(5, 7), 12);
	UT_ASSERT_EQ(timespec_add_sat(UINT64_MAX - 1, 1), UINT64_MAX);
	UT_ASSERT_EQ(timespec_add_sat(UINT64_MAX - 1, 2), TIMESPEC_NS_MAX);
	UT_ASSERT_EQ(timespec_add_sat(1000, UINT64_MAX), TIMESPEC_NS_MAX);
}

UT_TEST(timespec_absolute_deadlines_never_wrap)
{
	uint64_t mono = 5000000000ULL;			/* 5 s since boot */
	uint64_t wall = 1700000000ULL * 1000000000ULL;	/* 2023 */

	/* A wall-clock time in 1970 is past: the deadline is now. */
	UT_ASSERT_EQ(timespec_deadline_abs(1000000000ULL, wall, mono), mono);
	UT_ASSERT_EQ(timespec_deadline_abs(0, wall, mono), mono);
	UT_ASSERT_EQ(timespec_deadline_abs(wall, wall, mono), mono);
	/* A second from now on the wall clock: a second from now. */
	UT_ASSERT_EQ(timespec_deadline_abs(wall + 1000000000ULL, wall, mono),
	    mono + 1000000000ULL);
	/* The monotonic clock is the timeline itself. */
	UT_ASSERT_EQ(timespec_deadline_abs(7, mono, mono), mono);
	UT_ASSERT_EQ(timespec_deadline_abs(mono + 3, mono, mono), mono + 3);
	/* Far future: saturated, not wrapped. */
	UT_ASSERT_EQ(timespec_deadline_abs(UINT64_MAX, 0, mono),
	    TIMESPEC_NS_MAX);
}

UT_TEST(timespec_cpu_countdown)
{
	uint64_t left = 0;

	/* Off: never fires. */
	UT_ASSERT(!timespec_countdown(&left, 100, 1000));
	UT_ASSERT_EQ(left, 0);
	/* Counts down, fires when it reaches zero, reloads less the
	 * overshoot. */
	left = 100;
	UT_ASSERT(!timespec_countdown(&left, 50, 30));
	UT_ASSERT_EQ(left, 70);
	UT_ASSERT(!timespec_countdown(&left, 50, 0));
	UT_ASSERT(timespec_countdown(&left, 50, 80));	/* 10 over */
	UT_ASSERT_EQ(left, 40);
	UT_ASSERT(timespec_countdown(&left, 50, 40));	/* exactly */
	UT_ASSERT_EQ(left, 50);
	/* Overshot by a period or more: due again at the next charge. */
	UT_ASSERT(timespec_countdown(&left, 50, 500));
	UT_ASSERT_EQ(left, 1);
	/* One-shot: goes off. */
	left = 10;
	UT_ASSERT(timespec_countdown(&left, 0, 10));
	UT_ASSERT_EQ(left, 0);
	UT_ASSERT(!timespec_countdown(&left, 0, 10));
}

UT_TEST(timespec_overruns_cap_at_int_max)
{
	UT_ASSERT_EQ(timespec_overrun_add(0, 0), 0);
	UT_ASSERT_EQ(timespec_overrun_add(3, 4), 7);
	UT_ASSERT_EQ(timespec_overrun_add(INT32_MAX - 1, 1), INT32_MAX);
	UT_ASSERT_EQ(timespec_overrun_add(INT32_MAX, 1), INT32_MAX);
	UT_ASSERT_EQ(timespec_overrun_add(5, 3000000000ULL), INT32_MAX);
	UT_ASSERT_EQ(timespec_overrun_add(1, UINT64_MAX), INT32_MAX);
}
