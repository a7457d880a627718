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

UT_TEST(tunable_ints_as_proc_dointvec)
{
	int v[4] = { 7, 4, 1, 7 };
	int one = -1;

	UT_ASSERT_EQ(tunable_ints(v, 4, INT32_MIN, INT32_MAX, "3 5\n", 4), 0);
	UT_ASSERT_EQ(v[0], 3);
	UT_ASSERT_EQ(v[1], 5);
	UT_ASSERT_EQ(v[2], 1);			/* not given: kept */
	UT_ASSERT_EQ(tunable_ints(v, 4, INT32_MIN, INT32_MAX,
	    "1\t2 3   -4\n", 11), 0);
	UT_ASSERT_EQ(v[3], -4);
	UT_ASSERT_EQ(tunable_ints(v, 4, INT32_MIN, INT32_MAX, "1 2 3 4 5", 9),
	    0);				/* the fifth is ignored */
	UT_ASSERT_EQ(v[3], 4);
	v[3] = -4;
	UT_ASSERT_EQ(tunable_ints(v, 4, INT32_MIN, INT32_MAX, "9 x", 3),
	    -EINVAL);
	UT_ASSERT_EQ(tunable_ints(v, 4, INT32_MIN, INT32_MAX, "", 0), -EINVAL);
	UT_ASSERT_EQ(v[0], 1);			/* refused: all kept */
	UT_ASSERT_EQ(tunable_ints(&one, 1, 0, INT32_MAX, "-1\n", 3), -EINVAL);
	UT_ASSERT_EQ(tunable_ints(&one, 1, 0, INT32_MAX, "2147483648", 10),
	    -EINVAL);
	UT_ASSERT_EQ(tunable_ints(&one, 1, 0, INT32_MAX, "2147483647", 10), 0);
	UT_ASSERT_EQ(one, INT32_MAX);
	UT_ASSERT_EQ(tunable_ints(&one, 1, 0, 100, "12ab", 4), -EINVAL);
	UT_ASSERT_EQ(tunable_ints(&one, 1, 0, 100, "-", 1), -EINVAL);
	UT_ASSERT_EQ(one, INT32_MAX);
}

UT_TEST(tunable_string_to_the_newline)
{
	char s[8];

	UT_ASSERT_EQ(tunable_string(s, sizeof(s), "core\n", 5), 0);
	UT_ASSERT_EQ(strcmp(s, "core"), 0);
	UT_ASSERT_EQ(tunable_string(s, sizeof(s), "|/bin/x %p", 10), 0);
	UT_ASSERT_EQ(strcmp(s, "|/bin/x"), 0);	/* cut to 7 bytes */
	UT_ASSERT_EQ(tunable_string(s, sizeof(s), "a\nb", 3), 0);
	UT_ASSERT_EQ(strcmp(s, "a"), 0);
	UT_ASSERT_EQ(tunable_string(s, sizeof(s), "", 0), 0);
	UT_ASSERT_EQ(s[0], '\0');
}
