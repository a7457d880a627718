/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Host tests of the file lease rules (kernel/ipc/lease_rules.c). */
#include <stdbool.h>

#include <lib/errno.h>
#include <kernel/ipc/lease_rules.h>

#include "ut.h"

UT_TEST(lease_open_conflicts)
{
	/* An open for writing breaks any lease, one for reading a write
	 * lease only. */
	UT_ASSERT(lease_conflicts(LEASE_RD, true));
	UT_ASSERT(lease_conflicts(LEASE_WR, true));
	UT_ASSERT(lease_conflicts(LEASE_WR, false));
	UT_ASSERT(!lease_conflicts(LEASE_RD, false));
	UT_ASSERT(!lease_conflicts(LEASE_UN, true));
	UT_ASSERT_EQ(lease_break_target(true), LEASE_UN);
	UT_ASSERT_EQ(lease_break_target(false), LEASE_RD);
}

UT_TEST(lease_read_needs_no_writer)
{
	/* fcntl27: the file itself open O_RDWR is a writer. */
	UT_ASSERT_EQ(lease_may_take(LEASE_RD, 1, true, 1, 0, 0), -EAGAIN);
	UT_ASSERT_EQ(lease_may_take(LEASE_RD, 1, false, 2, 0, 0), -EAGAIN);
	UT_ASSERT_EQ(lease_may_take(LEASE_RD, 0, false, 3, 2, 0), 0);
	/* Beside a write lease, or one being broken: no. */
	UT_ASSERT_EQ(lease_may_take(LEASE_RD, 0, false, 2, 1, 1), -EAGAIN);
}

UT_TEST(lease_write_needs_the_only_open)
{
	UT_ASSERT_EQ(lease_may_take(LEASE_WR, 1, true, 1, 0, 0), 0);
	UT_ASSERT_EQ(lease_may_take(LEASE_WR, 0, false, 1, 0, 0), 0);
	UT_ASSERT_EQ(lease_may_take(LEASE_WR, 1, false, 2, 0, 0), -EAGAIN);
	UT_ASSERT_EQ(lease_may_take(LEASE_WR, 0, false, 2, 0, 0), -EAGAIN);
	UT_ASSERT_EQ(lease_may_take(LEASE_WR, 0, false, 1, 1, 0), -EAGAIN);
	UT_ASSERT_EQ(lease_may_take(7, 0, false, 1, 0, 0), -EINVAL);
}

UT_TEST(lease_break_ends)
{
	/* Letting go always ends a break; a downgrade ends one to F_RDLCK. */
	UT_ASSERT(lease_break_done(LEASE_UN, LEASE_UN));
	UT_ASSERT(lease_break_done(LEASE_UN, LEASE_RD));
	UT_ASSERT(lease_break_done(LEASE_RD, LEASE_RD));
	UT_ASSERT(!lease_break_done(LEASE_RD, LEASE_UN));
	UT_ASSERT(!lease_break_done(LEASE_WR, LEASE_RD));
}
