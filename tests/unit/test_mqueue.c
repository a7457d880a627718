/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Host tests of POSIX message queues' logic (kernel/ipc/mqueue_calc.c). */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <kernel/ipc/mqueue_calc.h>

#include "ut.h"

UT_TEST(mqueue_priority_order)
{
	/* Priorities sent, and the order they must come out in. */
	static const uint32_t sent[] = { 3, 1, 3, 7, 0, 1, 7, 3, 0 };
	static const int out[] = { 3, 6, 0, 2, 7, 1, 5, 4, 8 };
	struct mq_node n[9];
	struct mq_list l = { NULL, NULL };

	UT_ASSERT(mqueue_calc_pop(&l) == NULL);
	for (int i = 0; i < 9; i++) {
		n[i].mn_prio = sent[i];
		mqueue_calc_insert(&l, &n[i]);
	}
	for (int i = 0; i < 9; i++)
		UT_ASSERT(mqueue_calc_pop(&l) == &n[out[i]]);
	UT_ASSERT(mqueue_calc_pop(&l) == NULL);
	UT_ASSERT(l.ml_tail == NULL);
	/* After emptying, the list works again, tail included. */
	n[0].mn_prio = 5;
	n[1].mn_prio = 5;
	n[2].mn_prio = 9;
	mqueue_calc_insert(&l, &n[0]);
	mqueue_calc_insert(&l, &n[1]);
	UT_ASSERT(mqueue_calc_pop(&l) == &n[0]);
	mqueue_calc_insert(&l, &n[2]);
	n[3].mn_prio = 1;
	mqueue_calc_insert(&l, &n[3]);
	UT_ASSERT(l.ml_tail == &n[3]);
	UT_ASSERT(mqueue_calc_pop(&l) == &n[2]);
	UT_ASSERT(mqueue_calc_pop(&l) == &n[1]);
	UT_ASSERT(mqueue_calc_pop(&l) == &n[3]);
	UT_ASSERT(mqueue_calc_pop(&l) == NULL);
}

UT_TEST(mqueue_names)
{
	char longname[300];

	UT_ASSERT_EQ(mqueue_calc_name("", 0), -ENOENT);
	UT_ASSERT_EQ(mqueue_calc_name("q", 1), 0);
	UT_ASSERT_EQ(mqueue_calc_name(".", 1), -EACCES);
	UT_ASSERT_EQ(mqueue_calc_name("..", 2), -EACCES);
	UT_ASSERT_EQ(mqueue_calc_name("...", 3), 0);
	UT_ASSERT_EQ(mqueue_calc_name("a/b", 3), -EACCES);
	UT_ASSERT_EQ(mqueue_calc_name("/x", 2), -EACCES);
	memset(longname, 'a', sizeof(longname));
	UT_ASSERT_EQ(mqueue_calc_name(longname, 255), 0);
	UT_ASSERT_EQ(mqueue_calc_name(longname, 256), -ENAMETOOLONG);
	longname[10] = '/';
	UT_ASSERT_EQ(mqueue_calc_name(longname, 256), -EACCES);
}

UT_TEST(mqueue_attributes)
{
	struct mq_limits lim = { 10, 8192, 256, 10, 8192 };

	UT_ASSERT_EQ(mqueue_calc_attr(10, 8192, false, &lim), 0);
	UT_ASSERT_EQ(mqueue_calc_attr(11, 8192, false, &lim), -EINVAL);
	UT_ASSERT_EQ(mqueue_calc_attr(10, 8193, false, &lim), -EINVAL);
	UT_ASSERT_EQ(mqueue_calc_attr(20, 16384, true, &lim), 0);
	UT_ASSERT_EQ(mqueue_calc_attr(0, 1, true, &lim), -EINVAL);
	UT_ASSERT_EQ(mqueue_calc_attr(1, 0, true, &lim), -EINVAL);
	UT_ASSERT_EQ(mqueue_calc_attr(-1, 1, true, &lim), -EINVAL);
	UT_ASSERT_EQ(mqueue_calc_attr(1, -1, true, &lim), -EINVAL);
	UT_ASSERT_EQ(mqueue_calc_attr(65536, 16 * 1024 * 1024, true, &lim), 0);
	UT_ASSERT_EQ(mqueue_calc_attr(65537, 1, true, &lim), -EINVAL);
	UT_ASSERT_EQ(mqueue_calc_attr(1, 16 * 1024 * 1024 + 1, true, &lim),
	    -EINVAL);
}

UT_TEST(mqueue_cost)
{
	/* Measured on Linux 6.18: the least RLIMIT_MSGQUEUE that admits. */
	UT_ASSERT_EQ(mqueue_calc_cost(1, 1), 97);
	UT_ASSERT_EQ(mqueue_calc_cost(2, 1), 194);
	UT_ASSERT_EQ(mqueue_calc_cost(1, 100), 196);
	UT_ASSERT_EQ(mqueue_calc_cost(3, 5), 303);
	UT_ASSERT_EQ(mqueue_calc_cost(10, 8192), 82880);
	UT_ASSERT_EQ(mqueue_calc_cost(65536, 1), 65536 + 65536 * 48 +
	    32768 * 48);
}

UT_TEST(mqueue_status_line)
{
	char buf[MQ_STATUS_MAX];
	size_t n;

	n = mqueue_calc_status(buf, 0, false, 0, 10, 5);
	UT_ASSERT_STR(buf, "QSIZE:0          NOTIFY:0     SIGNO:0     "
	    "NOTIFY_PID:0     \n");
	UT_ASSERT_EQ(n, 60);
	mqueue_calc_status(buf, 123, true, 0, 10, 42);
	UT_ASSERT_STR(buf, "QSIZE:123        NOTIFY:0     SIGNO:10    "
	    "NOTIFY_PID:42    \n");
	mqueue_calc_status(buf, 7, true, 1, 10, 42);	/* SIGEV_NONE */
	UT_ASSERT_STR(buf, "QSIZE:7          NOTIFY:1     SIGNO:0     "
	    "NOTIFY_PID:42    \n");
}
