/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Host tests of the formatter and the command-line parser. */
#include <stdint.h>

#include <lib/cmdline.h>
#include <lib/errno.h>
#include <lib/fmt.h>

#include "ut.h"

UT_TEST(fmt_conversions)
{
	char b[128];

	fmt_snprintf(b, sizeof(b), "%d %i %u %x %X %c %s %%", -5, 7, 42u,
	    0xbeefu, 0xbeefu, 'q', "str");
	UT_ASSERT_STR(b, "-5 7 42 beef BEEF q str %");
	fmt_snprintf(b, sizeof(b), "%ld %lu %lx %zu %zd", (long)INT64_MIN,
	    (unsigned long)UINT64_MAX, 0x123456789abcdefUL, (size_t)9,
	    (ssize_t)-9);
	UT_ASSERT_STR(b, "-9223372036854775808 18446744073709551615 "
	    "123456789abcdef 9 -9");
	fmt_snprintf(b, sizeof(b), "[%4d][%-4d][%04d][%04x][%-6s][%6s]", 12,
	    12, -12, 0xa, "ab", "ab");
	UT_ASSERT_STR(b, "[  12][12  ][-012][000a][ab    ][    ab]");
	fmt_snprintf(b, sizeof(b), "%p", (void *)0x1000);
	UT_ASSERT_STR(b, "0x0000000000001000");
	fmt_snprintf(b, sizeof(b), "%.3s|%.*s|", "abcdef", 2, "xyz");
	UT_ASSERT_STR(b, "abc|xy|");
	fmt_snprintf(b, sizeof(b), "[%o][%4o][%lo]", 8u, 0640u, 01777UL);
	UT_ASSERT_STR(b, "[10][ 640][1777]");
}

/* Bad formats on purpose: the formatter must survive them. */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-overflow"

UT_TEST(fmt_truncation_and_bad_formats)
{
	char b[8];

	memset(b, 'x', sizeof(b));
	UT_ASSERT_EQ(fmt_snprintf(b, sizeof(b), "%s", "0123456789"), 10);
	UT_ASSERT_STR(b, "0123456");
	UT_ASSERT_EQ(fmt_snprintf(b, 0, "abc"), 3);
	UT_ASSERT_EQ(b[0], '0');	/* size 0: nothing written */
	fmt_snprintf(b, sizeof(b), "%q%");
	UT_ASSERT_STR(b, "%q%");
	fmt_snprintf(b, sizeof(b), "a%");
	UT_ASSERT_STR(b, "a%");
	fmt_snprintf(b, sizeof(b), "%s", (const char *)NULL);
	UT_ASSERT_STR(b, "(null)");
}

UT_TEST(cmdline_lookup)
{
	const char *line = " ktest=all  hz=250 quiet name=\"a b c\" hz=300 x=";
	char v[32];
	uint64_t n;

	UT_ASSERT(cmdline_get(line, "ktest", v, sizeof(v)));
	UT_ASSERT_STR(v, "all");
	UT_ASSERT(cmdline_get(line, "quiet", v, sizeof(v)));
	UT_ASSERT_STR(v, "");
	UT_ASSERT(cmdline_get(line, "name", v, sizeof(v)));
	UT_ASSERT_STR(v, "a b c");
	UT_ASSERT(cmdline_get(line, "hz", v, sizeof(v)));
	UT_ASSERT_STR(v, "300");		/* the last one wins */
	UT_ASSERT(!cmdline_get(line, "kt", v, sizeof(v)));
	UT_ASSERT(!cmdline_get(line, "all", v, sizeof(v)));
	UT_ASSERT(cmdline_get(line, "x", v, sizeof(v)));
	UT_ASSERT_STR(v, "");
	UT_ASSERT(cmdline_get("a=1 init='/bin/sh -c x' b=2", "init", v,
	    sizeof(v)));
	UT_ASSERT_STR(v, "/bin/sh -c x");
	UT_ASSERT(cmdline_get("name=\"unterminated", "name", v, sizeof(v)));
	UT_ASSERT_STR(v, "unterminated");
	/* A whole quoted word, as GRUB passes init='a b' on (and Linux reads). */
	UT_ASSERT(cmdline_get("a=1 \"init=/bin/busybox echo hi\" b=2", "init",
	    v, sizeof(v)));
	UT_ASSERT_STR(v, "/bin/busybox echo hi");
	UT_ASSERT(cmdline_get("a=1 \"init=/bin/busybox echo hi\" b=2", "b", v,
	    sizeof(v)));
	UT_ASSERT_STR(v, "2");
	UT_ASSERT(cmdline_get("\"quiet\" x=1", "quiet", v, sizeof(v)));
	UT_ASSERT_STR(v, "");
	UT_ASSERT(cmdline_get("\"quiet\" x=1", "x", v, sizeof(v)));
	UT_ASSERT_STR(v, "1");
	UT_ASSERT(cmdline_get("k=0123456789", "k", v, 5));
	UT_ASSERT_STR(v, "0123");
	UT_ASSERT_EQ(cmdline_get_uint(line, "hz", 10, 1000, 100, &n), 0);
	UT_ASSERT_EQ(n, 300);
	UT_ASSERT_EQ(cmdline_get_uint(line, "nope", 10, 1000, 100, &n), -ENOENT);
	UT_ASSERT_EQ(n, 100);
}

UT_TEST(cmdline_bad_numbers)
{
	uint64_t n;

	UT_ASSERT_EQ(cmdline_get_uint("hz=abc", "hz", 10, 1000, 100, &n), -EINVAL);
	UT_ASSERT_EQ(cmdline_get_uint("hz=", "hz", 10, 1000, 100, &n), -EINVAL);
	UT_ASSERT_EQ(cmdline_get_uint("hz", "hz", 10, 1000, 100, &n), -EINVAL);
	UT_ASSERT_EQ(cmdline_get_uint("hz=5", "hz", 10, 1000, 100, &n), -EINVAL);
	UT_ASSERT_EQ(cmdline_get_uint("hz=1001", "hz", 10, 1000, 100, &n), -EINVAL);
	UT_ASSERT_EQ(cmdline_get_uint("hz=12x", "hz", 10, 1000, 100, &n), -EINVAL);
	UT_ASSERT_EQ(cmdline_get_uint("hz=99999999999999999999999", "hz", 0,
	    UINT64_MAX, 1, &n), -EINVAL);
	UT_ASSERT_EQ(n, 1);
}

static int ut_keys;

static void
ut_count_key(const char *k, size_t kl, void *arg)
{
	(void)k;
	(void)kl;
	(void)arg;
	ut_keys++;
}

UT_TEST(cmdline_foreach_words)
{
	ut_keys = 0;
	cmdline_foreach("a=1 b c=\"x y\"   d=", ut_count_key, NULL);
	UT_ASSERT_EQ(ut_keys, 4);
	ut_keys = 0;
	cmdline_foreach("", ut_count_key, NULL);
	UT_ASSERT_EQ(ut_keys, 0);
}
