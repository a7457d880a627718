/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Host tests of AF_UNIX addresses and control-message walking. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <lib/errno.h>
#include <net/sock_calc.h>

#include "ut.h"

static uint32_t
mkaddr(uint8_t *buf, const char *path, size_t n)
{
	buf[0] = 1;			/* AF_UNIX */
	buf[1] = 0;
	memcpy(buf + 2, path, n);
	return (uint32_t)(2 + n);
}

UT_TEST(unix_addr_lengths_as_linux)
{
	uint8_t a[120] = { 0 };
	struct unix_name n;

	mkaddr(a, "x", 1);
	UT_ASSERT_EQ(unix_addr_parse(a, 2, true, &n), 1);	/* autobind */
	UT_ASSERT_EQ(unix_addr_parse(a, 2, false, &n), -EINVAL);
	UT_ASSERT_EQ(unix_addr_parse(a, 1, true, &n), -EINVAL);
	UT_ASSERT_EQ(unix_addr_parse(a, 0, false, &n), -EINVAL);
	UT_ASSERT_EQ(unix_addr_parse(a, 111, false, &n), -EINVAL);
	UT_ASSERT_EQ(unix_addr_parse(a, 110, false, &n), 0);
	a[0] = 2;				/* AF_INET */
	UT_ASSERT_EQ(unix_addr_parse(a, 3, false, &n), -EINVAL);
	UT_ASSERT_EQ(unix_addr_parse(a, 2, true, &n), -EINVAL);
}

UT_TEST(unix_addr_path_ends_at_nul_or_length)
{
	uint8_t a[120] = { 0 }, out[UNIX_ADDR_MAX];
	struct unix_name n;
	uint32_t len;

	len = mkaddr(a, "/tmp/s\0junk", 11);
	UT_ASSERT_EQ(unix_addr_parse(a, len, false, &n), 0);
	UT_ASSERT(!n.un_abstract);
	UT_ASSERT_EQ(n.un_len, 6);
	UT_ASSERT(strcmp(n.un_path, "/tmp/s") == 0);
	/* getsockname counts the NUL */
	UT_ASSERT_EQ(unix_addr_format(&n, out), 2 + 7);
	/* no NUL within the length: the length ends it */
	len = mkaddr(a, "abcdef", 3);
	a[len] = 'Z';
	UT_ASSERT_EQ(unix_addr_parse(a, len, false, &n), 0);
	UT_ASSERT(strcmp(n.un_path, "abc") == 0);
	/* a full 108-byte path, no room for a NUL */
	memset(a + 2, 'p', 108);
	UT_ASSERT_EQ(unix_addr_parse(a, 110, false, &n), 0);
	UT_ASSERT_EQ(n.un_len, 108);
	UT_ASSERT_EQ(unix_addr_format(&n, out), 110);
}

UT_TEST(unix_addr_abstract_keeps_every_byte)
{
	uint8_t a[120] = { 0 }, out[UNIX_ADDR_MAX];
	struct unix_name n;
	uint32_t len = mkaddr(a, "\0ab\0c", 5);

	UT_ASSERT_EQ(unix_addr_parse(a, len, false, &n), 0);
	UT_ASSERT(n.un_abstract);
	UT_ASSERT_EQ(n.un_len, 5);
	UT_ASSERT(memcmp(n.un_path, "\0ab\0c", 5) == 0);
	UT_ASSERT_EQ(unix_addr_format(&n, out), 7);
	UT_ASSERT(memcmp(out + 2, "\0ab\0c", 5) == 0);
	n.un_len = 0;
	UT_ASSERT_EQ(unix_addr_format(&n, out), 2);	/* unnamed */
}

static size_t
put_hdr(uint8_t *buf, size_t off, uint64_t len, int level, int type)
{
	struct sock_cmsghdr h = { len, level, type };

	memcpy(buf + off, &h, sizeof(h));
	return off + (size_t)SOCK_CMSG_ALIGN(len);
}

UT_TEST(cmsg_walk_two_messages)
{
	uint8_t buf[64] = { 0 };
	struct sock_cmsghdr h;
	const void *data;
	size_t off = 0, dlen, end;

	end = put_hdr(buf, 0, SOCK_CMSG_LEN(4), 1, 1);
	end = put_hdr(buf, end, SOCK_CMSG_LEN(12), 1, 2);
	UT_ASSERT_EQ(sock_cmsg_next(buf, end, &off, &h, &data, &dlen), 1);
	UT_ASSERT_EQ(dlen, 4);
	UT_ASSERT_EQ(h.cmsg_type, 1);
	UT_ASSERT(data == buf + 16);
	UT_ASSERT_EQ(sock_cmsg_next(buf, end, &off, &h, &data, &dlen), 1);
	UT_ASSERT_EQ(dlen, 12);
	UT_ASSERT_EQ(h.cmsg_type, 2);
	UT_ASSERT_EQ(sock_cmsg_next(buf, end, &off, &h, &data, &dlen), 0);
}

UT_TEST(cmsg_walk_hostile_lengths)
{
	uint8_t buf[64] = { 0 };
	struct sock_cmsghdr h;
	const void *data;
	size_t off, dlen;

	/* shorter than a header: nothing there */
	off = 0;
	UT_ASSERT_EQ(sock_cmsg_next(buf, 15, &off, &h, &data, &dlen), 0);
	/* cmsg_len below the header */
	put_hdr(buf, 0, 8, 1, 1);
	off = 0;
	UT_ASSERT_EQ(sock_cmsg_next(buf, 32, &off, &h, &data, &dlen), -EINVAL);
	/* cmsg_len past the buffer, and huge */
	put_hdr(buf, 0, 33, 1, 1);
	off = 0;
	UT_ASSERT_EQ(sock_cmsg_next(buf, 32, &off, &h, &data, &dlen), -EINVAL);
	put_hdr(buf, 0, UINT64_MAX, 1, 1);
	off = 0;
	UT_ASSERT_EQ(sock_cmsg_next(buf, 32, &off, &h, &data, &dlen), -EINVAL);
	/* exactly the buffer, unaligned: one message, then the end */
	put_hdr(buf, 0, 21, 1, 1);
	off = 0;
	UT_ASSERT_EQ(sock_cmsg_next(buf, 21, &off, &h, &data, &dlen), 1);
	UT_ASSERT_EQ(dlen, 5);
	UT_ASSERT_EQ(sock_cmsg_next(buf, 21, &off, &h, &data, &dlen), 0);
	/* a bad offset never reads outside */
	off = 1000;
	UT_ASSERT_EQ(sock_cmsg_next(buf, 32, &off, &h, &data, &dlen), 0);
}

UT_TEST(cmsg_put_truncates_as_linux)
{
	uint8_t buf[64];
	int fds[4] = { 3, 4, 5, 6 }, flags = 0;
	struct sock_cmsghdr h;
	size_t off = 0;

	/* fits: header and data, advanced by the aligned space */
	sock_cmsg_put(buf, sizeof(buf), &off, 1, 1, fds, 4, &flags);
	UT_ASSERT_EQ(off, 24);
	UT_ASSERT_EQ(flags, 0);
	memcpy(&h, buf, sizeof(h));
	UT_ASSERT_EQ(h.cmsg_len, 20);
	/* cut: what fits, MSG_CTRUNC, the length says what was written */
	off = 0;
	sock_cmsg_put(buf, 24, &off, 1, 1, fds, 16, &flags);
	UT_ASSERT_EQ(flags, 0x8);
	memcpy(&h, buf, sizeof(h));
	UT_ASSERT_EQ(h.cmsg_len, 24);
	UT_ASSERT_EQ(off, 24);
	/* no room for a header: nothing, MSG_CTRUNC */
	flags = 0;
	off = 10;
	sock_cmsg_put(buf, 24, &off, 1, 1, fds, 4, &flags);
	UT_ASSERT_EQ(flags, 0x8);
	UT_ASSERT_EQ(off, 10);
}
