/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Host tests of the key retention service's pure rules
 * (kernel/ipc/keys_perm.c): the permission mask check, type names,
 * logon descriptions and /proc/keys's timeout column.
 */
#include <stdint.h>
#include <string.h>

#include <lib/errno.h>
#include <kernel/ipc/keys_perm.h>

#include "ut.h"

static const uint32_t groups[] = { 20, 30 };
static const struct keys_who root = { 0, 0, 0, NULL };
static const struct keys_who user = { 1000, 100, 2, groups };

#define POS(b)	((uint32_t)(b) << KEY_POS_SHIFT)
#define USR(b)	((uint32_t)(b) << KEY_USR_SHIFT)
#define GRP(b)	((uint32_t)(b) << KEY_GRP_SHIFT)
#define OTH(b)	((uint32_t)(b))

UT_TEST(keys_perm_owner_byte)
{
	uint32_t perm = POS(KEY_ALL) | USR(KEY_VIEW);

	UT_ASSERT_EQ(keys_perm_check(perm, 1000, 100, false, &user, KEY_VIEW),
	    0);
	UT_ASSERT_EQ(keys_perm_check(perm, 1000, 100, false, &user, KEY_READ),
	    -EACCES);
	UT_ASSERT_EQ(keys_perm_check(perm, 1000, 100, true, &user,
	    KEY_READ | KEY_WRITE), 0);
	/* Root is no exception: it is an "other" here. */
	UT_ASSERT_EQ(keys_perm_check(perm, 1000, 100, false, &root, KEY_VIEW),
	    -EACCES);
	UT_ASSERT_EQ(keys_perm_check(perm, 1000, 100, true, &root, KEY_VIEW),
	    0);
}

UT_TEST(keys_perm_group_and_other)
{
	uint32_t perm = GRP(KEY_READ) | OTH(KEY_VIEW);

	/* In the key's group (a supplementary one): the group byte only. */
	UT_ASSERT_EQ(keys_perm_check(perm, 1, 30, false, &user, KEY_READ), 0);
	UT_ASSERT_EQ(keys_perm_check(perm, 1, 30, false, &user, KEY_VIEW),
	    -EACCES);
	/* Not in it: other's. */
	UT_ASSERT_EQ(keys_perm_check(perm, 1, 31, false, &user, KEY_VIEW), 0);
	UT_ASSERT_EQ(keys_perm_check(perm, 1, 31, false, &user, KEY_READ),
	    -EACCES);
	/* A group byte of 0 is skipped: other's applies to members too. */
	UT_ASSERT_EQ(keys_perm_check(OTH(KEY_VIEW), 1, 100, false, &user,
	    KEY_VIEW), 0);
	/* A user keyring's unset group matches nobody. */
	UT_ASSERT_EQ(keys_perm_check(GRP(KEY_ALL), 1, KEY_GID_NONE, false,
	    &user, KEY_VIEW), -EACCES);
	/* The owner's byte wins even when it grants less. */
	UT_ASSERT_EQ(keys_perm_check(OTH(KEY_ALL), 1000, 100, false, &user,
	    KEY_VIEW), -EACCES);
	/* Nothing asked: allowed. */
	UT_ASSERT_EQ(keys_perm_check(0, 1, 1, false, &user, 0), 0);
}

UT_TEST(keys_type_names)
{
	UT_ASSERT_EQ(keys_type_name_check("user", 4), 0);
	UT_ASSERT_EQ(keys_type_name_check("", 0), -EINVAL);
	UT_ASSERT_EQ(keys_type_name_check(".user", 5), -EPERM);
	UT_ASSERT_EQ(keys_type_name_check("0123456789012345678901234567890",
	    31), 0);
	UT_ASSERT_EQ(keys_type_name_check("01234567890123456789012345678901",
	    32), -EINVAL);
}

UT_TEST(keys_logon_descriptions)
{
	UT_ASSERT_EQ(keys_logon_desc_check("cifs:a"), 0);
	UT_ASSERT_EQ(keys_logon_desc_check("a:"), 0);
	UT_ASSERT_EQ(keys_logon_desc_check(":a"), -EINVAL);
	UT_ASSERT_EQ(keys_logon_desc_check("nocolon"), -EINVAL);
	UT_ASSERT_EQ(keys_logon_desc_check(""), -EINVAL);
}

UT_TEST(keys_timeout_column)
{
	char b[8];

	keys_fmt_timeout(b, 0, 100);
	UT_ASSERT(strcmp(b, "perm") == 0);
	keys_fmt_timeout(b, 100, 100);
	UT_ASSERT(strcmp(b, "expd") == 0);
	keys_fmt_timeout(b, 159, 100);
	UT_ASSERT(strcmp(b, "59s") == 0);
	keys_fmt_timeout(b, 160, 100);
	UT_ASSERT(strcmp(b, "1m") == 0);
	keys_fmt_timeout(b, 100 + 3 * 3600 + 5, 100);
	UT_ASSERT(strcmp(b, "3h") == 0);
	keys_fmt_timeout(b, 100 + 6 * 86400, 100);
	UT_ASSERT(strcmp(b, "6d") == 0);
	keys_fmt_timeout(b, 100 + 21 * 86400, 100);
	UT_ASSERT(strcmp(b, "3w") == 0);
	/* The largest: an int's worth of seconds still fits. */
	keys_fmt_timeout(b, 100 + 0x7fffffffLL, 100);
	UT_ASSERT(strcmp(b, "3550w") == 0);
}
