/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Host tests of the kernel message ring (kernel/log/kmsg.c): records,
 * READ_ALL's newest whole lines, READ consuming, CLEAR, and the ring
 * wrapping many times without a torn line coming out.  The ring is one
 * static buffer: each test goes on from where the last one left it, so
 * each starts by consuming and clearing.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <pv/common/pv_hv.h>
#include <kernel/log/kmsg.h>

#include "ut.h"

/* The clock kmsg stamps records with (pv_clock.c is not built here). */
static uint64_t fake_now = 1234567891234ULL;

uint64_t
pv_clock_ns(void)
{
	return fake_now += 1000;
}

static char out[KMSG_SIZE + 1];

static void
fresh(void)
{
	while (kmsg_read(out, sizeof(out)) > 0)
		;
	kmsg_clear();
}

/* Each line "<L>[ s.us] text": count them, or -1 if one is not. */
static int
lines_ok(const char *p, size_t n)
{
	int lines = 0;

	for (size_t i = 0; i < n; ) {
		const char *nl = memchr(p + i, '\n', n - i);

		if (nl == NULL || p[i] != '<' || p[i + 2] != '>' ||
		    p[i + 3] != '[' || memchr(p + i, ']', (size_t)(nl - p) - i)
		    == NULL)
			return -1;
		lines++;
		i = (size_t)(nl - p) + 1;
	}
	return lines;
}

UT_TEST(kmsg_records_have_level_and_time)
{
	size_t n;

	fresh();
	kmsg_append(6, "one\ntwo\n", 8);
	kmsg_append(3, "three", 5);
	kmsg_append(3, " more\n", 6);	/* continues the same record */
	n = kmsg_read_all(out, sizeof(out));
	out[n] = '\0';
	UT_ASSERT_EQ(lines_ok(out, n), 3);
	UT_ASSERT(strncmp(out, "<6>[ 1234.567", 13) == 0);
	UT_ASSERT(strstr(out, "] one\n<6>[") != NULL);
	UT_ASSERT(strstr(out, "<3>[") != NULL);
	UT_ASSERT(strstr(out, "] three more\n") != NULL);
}

UT_TEST(kmsg_read_all_gives_newest_whole_lines)
{
	size_t all, n;

	fresh();
	kmsg_append(6, "aaaaaaaaaa\n", 11);
	kmsg_append(6, "bbbbbbbbbb\n", 11);
	all = kmsg_read_all(out, sizeof(out));
	/* Room for one line and a half: only the newest line comes. */
	n = kmsg_read_all(out, all / 2 + all / 4);
	out[n] = '\0';
	UT_ASSERT_EQ(lines_ok(out, n), 1);
	UT_ASSERT(strstr(out, "bbbb") != NULL);
	/* Room for less than a line: nothing. */
	UT_ASSERT_EQ(kmsg_read_all(out, 5), 0);
	UT_ASSERT_EQ(kmsg_read_all(out, 0), 0);
}

UT_TEST(kmsg_read_consumes_and_clear_forgets)
{
	size_t n;

	fresh();
	UT_ASSERT_EQ(kmsg_unread(), 0);
	UT_ASSERT_EQ(kmsg_read(out, sizeof(out)), 0);
	UT_ASSERT_EQ(kmsg_read_all(out, sizeof(out)), 0);
	kmsg_append(4, "x\n", 2);
	n = kmsg_unread();
	UT_ASSERT(n > 2);
	UT_ASSERT_EQ(kmsg_read(out, 3), 3);	/* in pieces, as asked */
	UT_ASSERT_EQ(kmsg_unread(), n - 3);
	UT_ASSERT_EQ(kmsg_read(out, sizeof(out)), n - 3);
	UT_ASSERT_EQ(kmsg_unread(), 0);
	UT_ASSERT_EQ(kmsg_read_all(out, sizeof(out)), n);	/* still there */
	kmsg_clear();
	UT_ASSERT_EQ(kmsg_read_all(out, sizeof(out)), 0);
	kmsg_append(4, "y\n", 2);
	UT_ASSERT_EQ(lines_ok(out, kmsg_read_all(out, sizeof(out))), 1);
}

UT_TEST(kmsg_wraps_without_torn_lines)
{
	char line[100];
	size_t n;

	fresh();
	memset(line, 'z', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\n';
	/* Ten rings' worth, unread: the oldest go, reads start at a line. */
	for (int i = 0; i < 10 * KMSG_SIZE / 100; i++)
		kmsg_append(5, line, sizeof(line));
	kmsg_append(5, "last\n", 5);
	n = kmsg_unread();
	UT_ASSERT(n <= KMSG_SIZE);
	UT_ASSERT(n > KMSG_SIZE - 200);
	n = kmsg_read(out, sizeof(out));
	UT_ASSERT(lines_ok(out, n) > 0);
	UT_ASSERT(memcmp(out + n - 5, "last\n", 5) == 0);
	n = kmsg_read_all(out, sizeof(out));
	UT_ASSERT(lines_ok(out, n) > 0);
	UT_ASSERT_EQ(kmsg_read(out, sizeof(out)), 0);
}

UT_TEST(kmsg_console_level_rules)
{
	int v[4], set[4] = { 5, 4, 2, 7 }, keep[4];

	kmsg_printk(keep);
	kmsg_set_printk(set, 4);
	kmsg_set_console_level(1);		/* below the least: clamped */
	UT_ASSERT_EQ(kmsg_console_level(), 2);
	kmsg_set_console_level(12);
	UT_ASSERT_EQ(kmsg_console_level(), 8);
	kmsg_set_console_level(4);
	UT_ASSERT(kmsg_to_console(3));
	UT_ASSERT(!kmsg_to_console(4));
	kmsg_set_printk(set, 1);		/* only the first */
	kmsg_printk(v);
	UT_ASSERT_EQ(v[0], 5);
	UT_ASSERT_EQ(v[2], 2);
	kmsg_set_printk(keep, 4);
}
