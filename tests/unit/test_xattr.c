/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Host tests of extended attributes' names and records (lib/xattr.c):
 * namespaces, setxattr's flags, finding, editing and listing records,
 * and a hostile blob that must not be read past its end.
 */
#include <stdint.h>
#include <string.h>

#include <lib/errno.h>
#include <lib/xattr.h>

#include "ut.h"

UT_TEST(xattr_namespaces)
{
	UT_ASSERT_EQ(xattr_namespace("user.a"), XATTR_NS_USER);
	UT_ASSERT_EQ(xattr_namespace("trusted.x.y"), XATTR_NS_TRUSTED);
	UT_ASSERT_EQ(xattr_namespace("security.selinux"), XATTR_NS_SECURITY);
	UT_ASSERT_EQ(xattr_namespace("system.posix_acl_access"),
	    XATTR_NS_SYSTEM);
	UT_ASSERT_EQ(xattr_namespace("user."), -EINVAL);
	UT_ASSERT_EQ(xattr_namespace("user"), -EOPNOTSUPP);
	UT_ASSERT_EQ(xattr_namespace("foo.bar"), -EOPNOTSUPP);
	UT_ASSERT_EQ(xattr_namespace("USER.a"), -EOPNOTSUPP);
	UT_ASSERT_EQ(xattr_namespace(""), -EOPNOTSUPP);
}

UT_TEST(xattr_flags)
{
	UT_ASSERT_EQ(xattr_flags_check(0, false), 0);
	UT_ASSERT_EQ(xattr_flags_check(0, true), 0);
	UT_ASSERT_EQ(xattr_flags_check(XATTR_CREATE, true), -EEXIST);
	UT_ASSERT_EQ(xattr_flags_check(XATTR_CREATE, false), 0);
	UT_ASSERT_EQ(xattr_flags_check(XATTR_REPLACE, false), -ENODATA);
	UT_ASSERT_EQ(xattr_flags_check(XATTR_REPLACE, true), 0);
	UT_ASSERT_EQ(xattr_flags_check(4, true), -EINVAL);
	/* Both: no name passes both tests. */
	UT_ASSERT_EQ(xattr_flags_check(XATTR_CREATE | XATTR_REPLACE, true),
	    -EEXIST);
	UT_ASSERT_EQ(xattr_flags_check(XATTR_CREATE | XATTR_REPLACE, false),
	    -ENODATA);
}

UT_TEST(xattr_blob_edit_find_list)
{
	static uint8_t a[512], b[512];
	struct xattr_rec r;
	char list[64];
	size_t len;

	/* Build user.a=1, trusted.t=22, user.b= (empty). */
	len = xattr_blob_edit(NULL, 0, NULL, "user.a", "1", 1, a);
	UT_ASSERT_EQ(len, xattr_rec_size(6, 1));
	len = xattr_blob_edit(a, len, NULL, "trusted.t", "22", 2, b);
	len = xattr_blob_edit(b, len, NULL, "user.b", "", 0, a);
	UT_ASSERT_EQ(len, xattr_rec_size(6, 1) + xattr_rec_size(9, 2) +
	    xattr_rec_size(6, 0));
	UT_ASSERT_EQ(xattr_blob_find(a, len, "trusted.t", &r), 0);
	UT_ASSERT_EQ(r.r_vlen, 2);
	UT_ASSERT(memcmp(r.r_val, "22", 2) == 0);
	UT_ASSERT_EQ(xattr_blob_find(a, len, "user.b", &r), 0);
	UT_ASSERT_EQ(r.r_vlen, 0);
	UT_ASSERT_EQ(xattr_blob_find(a, len, "user.", &r), -ENODATA);
	UT_ASSERT_EQ(xattr_blob_find(a, len, "user.bb", &r), -ENODATA);
	UT_ASSERT_EQ(xattr_blob_find(NULL, 0, "user.a", &r), -ENODATA);

	/* Lists: all, without trusted.*, size 0, too small. */
	UT_ASSERT_EQ(xattr_blob_list(a, len, XATTR_NS_ALL, NULL, 0), 24);
	UT_ASSERT_EQ(xattr_blob_list(a, len, XATTR_NS_ALL, list,
	    sizeof(list)), 24);
	UT_ASSERT(memcmp(list, "user.a\0trusted.t\0user.b\0", 24) == 0);
	UT_ASSERT_EQ(xattr_blob_list(a, len, XATTR_NS_USER, list,
	    sizeof(list)), 14);
	UT_ASSERT(memcmp(list, "user.a\0user.b\0", 14) == 0);
	UT_ASSERT_EQ(xattr_blob_list(a, len, XATTR_NS_ALL, list, 23), -ERANGE);
	UT_ASSERT_EQ(xattr_blob_list(a, len, XATTR_NS_ALL, list, 1), -ERANGE);
	UT_ASSERT_EQ(xattr_blob_list(NULL, 0, XATTR_NS_ALL, list, 4), 0);

	/* Replace trusted.t (drop + add), then remove user.a. */
	UT_ASSERT_EQ(xattr_blob_find(a, len, "trusted.t", &r), 0);
	len = xattr_blob_edit(a, len, &r, "trusted.t", "333", 3, b);
	UT_ASSERT_EQ(xattr_blob_list(b, len, XATTR_NS_ALL, list,
	    sizeof(list)), 24);
	UT_ASSERT(memcmp(list, "user.a\0user.b\0trusted.t\0", 24) == 0);
	UT_ASSERT_EQ(xattr_blob_find(b, len, "trusted.t", &r), 0);
	UT_ASSERT_EQ(r.r_vlen, 3);
	UT_ASSERT_EQ(xattr_blob_find(b, len, "user.a", &r), 0);
	len = xattr_blob_edit(b, len, &r, NULL, NULL, 0, a);
	UT_ASSERT_EQ(xattr_blob_find(a, len, "user.a", &r), -ENODATA);
	UT_ASSERT_EQ(xattr_blob_find(a, len, "user.b", &r), 0);
	UT_ASSERT_EQ(r.r_off, 0);
	/* Removing the last leaves nothing. */
	len = xattr_blob_edit(a, len, &r, NULL, NULL, 0, b);
	UT_ASSERT_EQ(xattr_blob_find(b, len, "trusted.t", &r), 0);
	len = xattr_blob_edit(b, len, &r, NULL, NULL, 0, a);
	UT_ASSERT_EQ(len, 0);
}

UT_TEST(xattr_blob_hostile)
{
	uint8_t blob[16];
	struct xattr_rec r;
	size_t pos = 0;
	uint32_t big = 100;

	/* A record claiming more bytes than the blob has. */
	memset(blob, 'x', sizeof(blob));
	blob[0] = 6;
	memcpy(blob + 1, &big, 4);
	UT_ASSERT(!xattr_blob_next(blob, sizeof(blob), &pos, &r));
	UT_ASSERT_EQ(xattr_blob_find(blob, sizeof(blob), "xxxxxx", &r),
	    -ENODATA);
	UT_ASSERT_EQ(xattr_blob_list(blob, sizeof(blob), XATTR_NS_ALL, NULL,
	    0), 0);
	/* A zero-length name, a header cut short. */
	blob[0] = 0;
	UT_ASSERT(!xattr_blob_next(blob, sizeof(blob), &pos, &r));
	UT_ASSERT(!xattr_blob_next(blob, 4, &pos, &r));
}

UT_TEST(xattr_caps_revisions)
{
	uint32_t cap[6] = { 0x02000001, 1, 0, 0, 0, 0 };

	UT_ASSERT(xattr_caps_valid(cap, 20));
	UT_ASSERT(!xattr_caps_valid(cap, 12));
	UT_ASSERT(!xattr_caps_valid(cap, 24));
	cap[0] = 0x01000000;
	UT_ASSERT(xattr_caps_valid(cap, 12));
	cap[0] = 0x03000000;
	UT_ASSERT(xattr_caps_valid(cap, 24));
	cap[0] = 0x04000000;
	UT_ASSERT(!xattr_caps_valid(cap, 24));
	UT_ASSERT(!xattr_caps_valid(cap, 3));
}
