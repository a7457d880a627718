/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Host test of the RTC's calendar arithmetic (arch/x86_64/rtc.c). */
#include <stdint.h>

#include <arch/x86_64/include/rtc.h>

#include "ut.h"

UT_TEST(rtc_days_from_civil)
{
	UT_ASSERT_EQ(rtc_days(1970, 1, 1), 0);
	UT_ASSERT_EQ(rtc_days(2000, 2, 29), 11016);	/* a leap day */
	UT_ASSERT_EQ(rtc_days(2000, 3, 1), 11017);
	UT_ASSERT_EQ(rtc_days(2026, 11, 22), 20779);
	UT_ASSERT_EQ(rtc_days(2099, 12, 31), 47481);
	UT_ASSERT_EQ(rtc_days(1969, 12, 31), -1);
}
