/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Host tests of adjtimex's bookkeeping (lib/timex.c) against Linux's rules. */
#include <stdint.h>
#include <string.h>

#include <lib/errno.h>
#include <lib/timex.h>

#include "ut.h"

static struct timex_abi
tx_of(uint32_t modes)
{
	struct timex_abi tx;

	memset(&tx, 0, sizeof(tx));
	tx.modes = modes;
	return tx;
}

UT_TEST(timex_read_as_any_user)
{
	struct timex_state s;
	struct timex_abi tx = tx_of(0);
	int64_t step;

	timex_init(&s);
	UT_ASSERT_EQ(timex_adjust(&s, &tx, false, &step), 0);
	/* Unsynchronized at boot: TIME_ERROR, as a Linux without NTP. */
	UT_ASSERT_EQ(timex_report(&s, &tx, 1700000000123456789ULL), TIME_ERROR);
	UT_ASSERT_EQ(tx.time_sec, 1700000000);
	UT_ASSERT_EQ(tx.time_usec, 123456);
	UT_ASSERT_EQ(tx.tick, 10000);
	UT_ASSERT_EQ(tx.maxerror, TIMEX_PHASE_LIMIT);
	UT_ASSERT_EQ(tx.tolerance, 32768000);
	tx = tx_of(ADJ_OFFSET_SS_READ);
	UT_ASSERT_EQ(timex_adjust(&s, &tx, false, &step), 0);
}

UT_TEST(timex_setting_needs_the_capability)
{
	struct timex_state s;
	struct timex_abi tx = tx_of(ADJ_FREQUENCY);
	int64_t step;

	timex_init(&s);
	tx.freq = 100;
	UT_ASSERT_EQ(timex_adjust(&s, &tx, false, &step), -EPERM);
	UT_ASSERT_EQ(s.freq, 0);
	tx = tx_of(ADJ_OFFSET_SINGLESHOT);
	UT_ASSERT_EQ(timex_adjust(&s, &tx, false, &step), -EPERM);
	tx = tx_of(ADJ_SETOFFSET);
	UT_ASSERT_EQ(timex_adjust(&s, &tx, false, &step), -EPERM);
}

UT_TEST(timex_values_kept_clamped_reported)
{
	struct timex_state s;
	struct timex_abi tx = tx_of(ADJ_FREQUENCY | ADJ_MAXERROR |
	    ADJ_ESTERROR | ADJ_TIMECONST | ADJ_TICK | ADJ_OFFSET | ADJ_STATUS);
	int64_t step;

	timex_init(&s);
	tx.freq = 1000000000;		/* beyond 500 ppm */
	tx.maxerror = 123;
	tx.esterror = 99999999;		/* beyond the phase limit */
	tx.constant = 42;
	tx.tick = 10001;
	tx.offset = 250;
	tx.status = STA_PLL | STA_NANO;	/* NANO is read-only */
	UT_ASSERT_EQ(timex_adjust(&s, &tx, true, &step), 0);
	UT_ASSERT_EQ(step, 0);
	memset(&tx, 0, sizeof(tx));
	UT_ASSERT_EQ(timex_report(&s, &tx, 0), TIME_OK);
	UT_ASSERT_EQ(tx.freq, TIMEX_MAXFREQ);
	UT_ASSERT_EQ(tx.maxerror, 123);
	UT_ASSERT_EQ(tx.esterror, TIMEX_PHASE_LIMIT);
	UT_ASSERT_EQ(tx.constant, TIMEX_MAXTC);
	UT_ASSERT_EQ(tx.tick, 10001);
	UT_ASSERT_EQ(tx.offset, 250);	/* microseconds */
	UT_ASSERT_EQ(tx.status, STA_PLL);
	/* ADJ_NANO: the offset and the time in nanoseconds. */
	tx = tx_of(ADJ_NANO);
	UT_ASSERT_EQ(timex_adjust(&s, &tx, true, &step), 0);
	timex_report(&s, &tx, 5000000123ULL);
	UT_ASSERT_EQ(tx.offset, 250000);
	UT_ASSERT_EQ(tx.time_usec, 123);
}

UT_TEST(timex_errors_as_linux)
{
	struct timex_state s;
	struct timex_abi tx = tx_of(ADJ_TICK);
	int64_t step;

	timex_init(&s);
	tx.tick = 900000 / 100 - 1;
	UT_ASSERT_EQ(timex_adjust(&s, &tx, true, &step), -EINVAL);
	tx.tick = 1100000 / 100 + 1;
	UT_ASSERT_EQ(timex_adjust(&s, &tx, true, &step), -EINVAL);
	tx = tx_of(ADJ_SETOFFSET);
	tx.time_usec = 1000000;
	UT_ASSERT_EQ(timex_adjust(&s, &tx, true, &step), -EINVAL);
	tx.time_usec = -1;
	UT_ASSERT_EQ(timex_adjust(&s, &tx, true, &step), -EINVAL);
	tx = tx_of(ADJ_SETOFFSET | ADJ_NANO);
	tx.time_sec = -2;
	tx.time_usec = 500000000;
	UT_ASSERT_EQ(timex_adjust(&s, &tx, true, &step), 0);
	UT_ASSERT_EQ(step, -1500000000LL);
	/* ADJ_ADJTIME without its single-shot bit: refused, nothing read. */
	tx = tx_of(ADJ_ADJTIME);
	UT_ASSERT_EQ(timex_adjust(&s, &tx, true, &step), -EINVAL);
	UT_ASSERT_EQ(tx.tai, 0);
	tx = tx_of(ADJ_FREQUENCY);
	tx.freq = INT64_MAX / TIMEX_PPM_SCALE + 1;
	UT_ASSERT_EQ(timex_adjust(&s, &tx, true, &step), -EINVAL);
}

UT_TEST(timex_adjtime_singleshot)
{
	struct timex_state s;
	struct timex_abi tx = tx_of(ADJ_OFFSET_SINGLESHOT);
	int64_t step;

	timex_init(&s);
	tx.offset = 3000;
	UT_ASSERT_EQ(timex_adjust(&s, &tx, true, &step), 0);
	UT_ASSERT_EQ(tx.offset, 0);		/* what was outstanding */
	tx = tx_of(ADJ_OFFSET_SS_READ);
	UT_ASSERT_EQ(timex_adjust(&s, &tx, false, &step), 0);
	UT_ASSERT_EQ(tx.offset, 3000);
}
