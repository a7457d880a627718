/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Host tests of copy_file_range's and sync_file_range's ranges. */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <syscall/splice_calc.h>

#include "ut.h"

UT_TEST(splice_copy_range_cut_at_end)
{
	uint64_t n = 100;

	UT_ASSERT_EQ(splice_calc_copy_range(0, 0, 1000, false, &n), 0);
	UT_ASSERT_EQ(n, 100);
	n = 5000;
	UT_ASSERT_EQ(splice_calc_copy_range(900, 0, 1000, false, &n), 0);
	UT_ASSERT_EQ(n, 100);
	n = 10;				/* at or past the end: nothing */
	UT_ASSERT_EQ(splice_calc_copy_range(1000, 0, 1000, false, &n), 0);
	UT_ASSERT_EQ(n, 0);
	n = 10;
	UT_ASSERT_EQ(splice_calc_copy_range(5000, 0, 1000, false, &n), 0);
	UT_ASSERT_EQ(n, 0);
}

UT_TEST(splice_copy_range_errors_in_order)
{
	uint64_t n = UINT64_MAX;

	/* A wrap beats a negative offset, as on Linux. */
	UT_ASSERT_EQ(splice_calc_copy_range(1, 0, 10, false, &n), -EOVERFLOW);
	n = UINT64_MAX;
	UT_ASSERT_EQ(splice_calc_copy_range(0, (int64_t)1 << 62, 10, false,
	    &n), -EOVERFLOW);
	/* -1 + 5 wraps as an unsigned sum; INT64_MIN + 5 does not. */
	n = 5;
	UT_ASSERT_EQ(splice_calc_copy_range(-1, 0, 10, false, &n), -EOVERFLOW);
	UT_ASSERT_EQ(splice_calc_copy_range(INT64_MIN, 0, 10, false, &n),
	    -EINVAL);
	UT_ASSERT_EQ(splice_calc_copy_range(0, INT64_MIN + 1, 10, false, &n),
	    -EINVAL);
	UT_ASSERT_EQ(n, 5);		/* untouched on failure */
	/* A huge count that does not wrap is cut to the file. */
	n = UINT64_MAX >> 1;
	UT_ASSERT_EQ(splice_calc_copy_range(0, (int64_t)1 << 62, 10, false,
	    &n), 0);
	UT_ASSERT_EQ(n, 10);
}

UT_TEST(splice_copy_range_overlap_in_one_file)
{
	uint64_t n = 100;

	UT_ASSERT_EQ(splice_calc_copy_range(0, 50, 1000, true, &n), -EINVAL);
	n = 100;
	UT_ASSERT_EQ(splice_calc_copy_range(50, 0, 1000, true, &n), -EINVAL);
	n = 100;			/* touching is not overlapping */
	UT_ASSERT_EQ(splice_calc_copy_range(0, 100, 1000, true, &n), 0);
	n = 100;
	UT_ASSERT_EQ(splice_calc_copy_range(100, 0, 1000, true, &n), 0);
	n = 100;			/* two files may share offsets */
	UT_ASSERT_EQ(splice_calc_copy_range(0, 0, 1000, false, &n), 0);
	n = 100;			/* cut first: nothing left to overlap */
	UT_ASSERT_EQ(splice_calc_copy_range(1000, 990, 1000, true, &n), 0);
	UT_ASSERT_EQ(n, 0);
}

UT_TEST(splice_sync_range_checks)
{
	UT_ASSERT_EQ(splice_calc_sync_range(0, 0, 0), 0);
	UT_ASSERT_EQ(splice_calc_sync_range(0, 1, 7), 0);
	UT_ASSERT_EQ(splice_calc_sync_range(0, 1, 8), -EINVAL);
	UT_ASSERT_EQ(splice_calc_sync_range(-1, 1, 1), -EINVAL);
	UT_ASSERT_EQ(splice_calc_sync_range(0, -1, 2), -EINVAL);
	UT_ASSERT_EQ(splice_calc_sync_range(INT64_MAX, 1, 0), -EINVAL);
	UT_ASSERT_EQ(splice_calc_sync_range(INT64_MAX - 1, 1, 0), 0);
}
