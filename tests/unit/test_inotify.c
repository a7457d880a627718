/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Host tests of inotify's event queue (kernel/ipc/inotify_queue.c). */
#include <stdint.h>
#include <string.h>

#include <lib/errno.h>
#include <kernel/ipc/inotify_queue.h>

#include "ut.h"

/* One record as read(2) hands it out. */
struct rec {
	int32_t		 wd;
	uint32_t	 mask, cookie, len;
};

UT_TEST(inotify_queue_packs_records)
{
	struct inotify_queue q = { 0 };
	unsigned char buf[256];
	struct rec r;

	ut_mm_setup();
	UT_ASSERT_EQ(inotify_queue_read(&q, buf, sizeof(buf)), 0);
	UT_ASSERT_EQ(inotify_queue_add(&q, 1, 0x2, 0, NULL, 100),
	    INOTIFY_QUEUED);
	/* 15 bytes of name: with its NUL, 16; 16 bytes: 32. */
	UT_ASSERT_EQ(inotify_queue_add(&q, 2, 0x100, 0, "fifteen-chars-x",
	    100), INOTIFY_QUEUED);
	UT_ASSERT_EQ(inotify_queue_add(&q, 2, 0x40, 7, "sixteen-chars-xy",
	    100), INOTIFY_QUEUED);
	UT_ASSERT_EQ(q.iq_bytes, 16 + 32 + 48);
	UT_ASSERT_EQ(q.iq_count, 3);
	memset(buf, 0xaa, sizeof(buf));
	UT_ASSERT_EQ(inotify_queue_read(&q, buf, 16 + 32 + 47), 48);
	memcpy(&r, buf, sizeof(r));
	UT_ASSERT_EQ(r.wd, 1);
	UT_ASSERT_EQ(r.mask, 0x2);
	UT_ASSERT_EQ(r.len, 0);
	memcpy(&r, buf + 16, sizeof(r));
	UT_ASSERT_EQ(r.wd, 2);
	UT_ASSERT_EQ(r.len, 16);
	UT_ASSERT(memcmp(buf + 32, "fifteen-chars-x", 16) == 0);
	UT_ASSERT_EQ(buf[48], 0xaa);		/* nothing past the records */
	/* The next one needs 48 bytes: a smaller buffer is EINVAL. */
	UT_ASSERT_EQ(inotify_queue_first(&q), 48);
	UT_ASSERT_EQ(inotify_queue_read(&q, buf, 47), -EINVAL);
	UT_ASSERT_EQ(inotify_queue_read(&q, buf, 48), 48);
	memcpy(&r, buf, sizeof(r));
	UT_ASSERT_EQ(r.cookie, 7);
	UT_ASSERT_EQ(r.len, 32);
	UT_ASSERT(memcmp(buf + 16, "sixteen-chars-xy", 17) == 0);
	for (int i = 17; i < 32; i++)
		UT_ASSERT_EQ(buf[16 + i], 0);	/* NUL padding */
	UT_ASSERT_EQ(q.iq_bytes, 0);
	UT_ASSERT_EQ(inotify_queue_first(&q), 0);
}

UT_TEST(inotify_queue_merges_with_the_last_only)
{
	struct inotify_queue q = { 0 };
	unsigned char buf[256];

	ut_mm_setup();
	UT_ASSERT_EQ(inotify_queue_add(&q, 1, 0x2, 0, "a", 100),
	    INOTIFY_QUEUED);
	UT_ASSERT_EQ(inotify_queue_add(&q, 1, 0x2, 0, "a", 100),
	    INOTIFY_MERGED);
	UT_ASSERT_EQ(inotify_queue_add(&q, 1, 0x2, 0, "b", 100),
	    INOTIFY_QUEUED);
	UT_ASSERT_EQ(inotify_queue_add(&q, 1, 0x2, 0, "a", 100),
	    INOTIFY_QUEUED);		/* not the last one */
	UT_ASSERT_EQ(inotify_queue_add(&q, 2, 0x2, 0, "a", 100),
	    INOTIFY_QUEUED);		/* another watch */
	UT_ASSERT_EQ(inotify_queue_add(&q, 2, 0x1, 0, "a", 100),
	    INOTIFY_QUEUED);		/* another event */
	UT_ASSERT_EQ(inotify_queue_add(&q, 2, 0x1, 0, NULL, 100),
	    INOTIFY_QUEUED);		/* no name */
	UT_ASSERT_EQ(q.iq_count, 6);
	/* Once read, the same event is queued again. */
	UT_ASSERT_EQ(inotify_queue_read(&q, buf, sizeof(buf)), 5 * 32 + 16);
	UT_ASSERT_EQ(inotify_queue_add(&q, 2, 0x1, 0, NULL, 100),
	    INOTIFY_QUEUED);
	inotify_queue_clear(&q);
	UT_ASSERT_EQ(q.iq_count, 0);
	UT_ASSERT_EQ(q.iq_bytes, 0);
}

UT_TEST(inotify_queue_overflows_once)
{
	struct inotify_queue q = { 0 };
	unsigned char buf[256];
	struct rec r;

	ut_mm_setup();
	for (uint32_t i = 0; i < 4; i++)
		UT_ASSERT_EQ(inotify_queue_add(&q, 1, 1u << (i & 1), 0, NULL,
		    4), INOTIFY_QUEUED);
	UT_ASSERT_EQ(inotify_queue_add(&q, 1, 0x4, 0, NULL, 4),
	    INOTIFY_OVERFLOW);
	UT_ASSERT_EQ(inotify_queue_add(&q, 1, 0x8, 0, "x", 4),
	    INOTIFY_OVERFLOW);
	UT_ASSERT_EQ(q.iq_count, 5);
	UT_ASSERT_EQ(inotify_queue_read(&q, buf, sizeof(buf)), 5 * 16);
	memcpy(&r, buf + 4 * 16, sizeof(r));
	UT_ASSERT_EQ(r.wd, -1);
	UT_ASSERT_EQ(r.mask, INOTIFY_Q_OVERFLOW);
	UT_ASSERT_EQ(r.len, 0);
	/* Room again. */
	UT_ASSERT_EQ(inotify_queue_add(&q, 1, 0x4, 0, NULL, 4),
	    INOTIFY_QUEUED);
	inotify_queue_clear(&q);
}
