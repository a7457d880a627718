/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Host tests of the /proc/sys value parser (kernel/proc/tunable.c). */
#include <stdint.h>
#include <string.h>

#include <lib/errno.h>
#include <kernel/proc/tunable.h>

#include "ut.h"

static int
put(struct tunable *t, const char *s)
{
	return tunable_store(t, s, strlen(s));
}

UT_TEST(tunable_takes_what_echo_writes)
{
	struct tunable t = { 5, 1, 1000 };

	UT_ASSERT_EQ(put(&t, "42\n"), 0);
	UT_ASSERT_EQ(t.tu_val, 42);
	UT_ASSERT_EQ(put(&t, "  7 \t\n"), 0);
	UT_ASSERT_EQ(t.tu_val, 7);
	UT_ASSERT_EQ(put(&t, "1000"), 0);
	UT_ASSERT_EQ(t.tu_val, 1000);
}

UT_TEST(tunable_refuses_and_keeps)
{
	struct tunable t = { 5, 1, 1000 };
	struct tunable big = { 0, 0, UINT64_MAX };

	UT_ASSERT_EQ(put(&t, ""), -EINVAL);
	UT_ASSERT_EQ(put(&t, "\n"), -EINVAL);
	UT_ASSERT_EQ(put(&t, "abc"), -EINVAL);
	UT_ASSERT_EQ(put(&t, "12abc"), -EINVAL);
	UT_ASSERT_EQ(put(&t, "1 2"), -EINVAL);
	UT_ASSERT_EQ(put(&t, "-3"), -EINVAL);
	UT_ASSERT_EQ(put(&t, "0"), -EINVAL);		/* below the minimum */
	UT_ASSERT_EQ(put(&t, "1001"), -EINVAL);	/* above the maximum */
	UT_ASSERT_EQ(t.tu_val, 5);
	UT_ASSERT_EQ(put(&big, "18446744073709551615"), 0);
	UT_ASSERT_EQ(big.tu_val, UINT64_MAX);
	UT_ASSERT_EQ(put(&big, "18446744073709551616"), -EINVAL);
	UT_ASSERT_EQ(put(&big, "99999999999999999999999"), -EINVAL);
	UT_ASSERT_EQ(big.tu_val, UINT64_MAX);
}
