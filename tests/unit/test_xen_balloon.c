/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Host tests of Xen's balloon target (pv/xen/xen_balloon_calc.c): what
 * xenstore's memory/target may hold, hostile values included.
 */
#include <stdint.h>
#include <string.h>

#include <lib/errno.h>

#include "../../pv/xen/xen_balloon_calc.h"
#include "ut.h"

static int
ut_pages(const char *s, uint64_t base, uint64_t *pages)
{
	return xen_balloon_pages(s, strlen(s), base, pages);
}

UT_TEST(xen_balloon_target_values)
{
	uint64_t p = 77;

	UT_ASSERT_EQ(ut_pages("131072", 131072, &p), 0);
	UT_ASSERT_EQ(p, 0);
	UT_ASSERT_EQ(ut_pages("65536", 131072, &p), 0);
	UT_ASSERT_EQ(p, 16384);
	/* A NUL xenstored may send along is allowed. */
	UT_ASSERT_EQ(xen_balloon_pages("65536", 6, 131072, &p), 0);
	UT_ASSERT_EQ(p, 16384);
	/* Above the boot target: nothing to give (no growth past it). */
	UT_ASSERT_EQ(ut_pages("262144", 131072, &p), 0);
	UT_ASSERT_EQ(p, 0);
	/* Zero: everything (the policy's floor cuts it). */
	UT_ASSERT_EQ(ut_pages("0", 131072, &p), 0);
	UT_ASSERT_EQ(p, 32768);
	/* Partial pages round down. */
	UT_ASSERT_EQ(ut_pages("131069", 131072, &p), 0);
	UT_ASSERT_EQ(p, 0);
}

UT_TEST(xen_balloon_target_hostile)
{
	uint64_t p = 77;

	UT_ASSERT_EQ(ut_pages("", 131072, &p), -EINVAL);
	UT_ASSERT_EQ(ut_pages("-1", 131072, &p), -EINVAL);
	UT_ASSERT_EQ(ut_pages("12ab", 131072, &p), -EINVAL);
	UT_ASSERT_EQ(ut_pages(" 5", 131072, &p), -EINVAL);
	UT_ASSERT_EQ(ut_pages("4294967296", 131072, &p), -EINVAL);
	UT_ASSERT_EQ(ut_pages("99999999999999999999999", 131072, &p), -EINVAL);
	UT_ASSERT_EQ(xen_balloon_pages("65536\0" "1", 7, 131072, &p), -EINVAL);
	UT_ASSERT_EQ(p, 77);	/* untouched on error */
}
