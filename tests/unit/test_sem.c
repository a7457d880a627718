/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Host tests of semop's arithmetic (kernel/ipc/sem_ops.c). */
#include <stdint.h>

#include <lib/errno.h>
#include <lib/ipc_limits.h>
#include <kernel/ipc/sem_ops.h>

#include "ut.h"

UT_TEST(sem_ops_scan_summary)
{
	struct sembuf_abi ops[] = { { 3, 0, 0 }, { 7, 0, SEM_UNDO }, { 1, 0, 0 } };
	struct sem_ops_scan s;

	sem_ops_scan(ops, 3, &s);
	UT_ASSERT_EQ(s.ss_max, 7);
	UT_ASSERT(s.ss_undo);
	UT_ASSERT(!s.ss_alter);		/* zero ops only read */
	ops[2].sem_op = -1;
	ops[1].sem_flg = 0;
	sem_ops_scan(ops, 3, &s);
	UT_ASSERT(!s.ss_undo);
	UT_ASSERT(s.ss_alter);
}

UT_TEST(sem_ops_apply_all_or_nothing)
{
	uint16_t v[3] = { 1, 0, 5 };
	int16_t adj[3] = { 0, 0, 0 };
	struct sembuf_abi ops[] = { { 2, -2, SEM_UNDO }, { 0, 1, 0 },
	    { 1, -1, 0 } };
	size_t blk = 99;

	/* The third op would go below 0: the first two are taken back. */
	UT_ASSERT_EQ(sem_ops_apply(v, adj, ops, 3, &blk), SEM_OPS_BLOCK);
	UT_ASSERT_EQ(blk, 2);
	UT_ASSERT_EQ(v[0], 1);
	UT_ASSERT_EQ(v[2], 5);
	UT_ASSERT_EQ(adj[2], 0);
	v[1] = 1;
	UT_ASSERT_EQ(sem_ops_apply(v, adj, ops, 3, &blk), 0);
	UT_ASSERT_EQ(v[0], 2);
	UT_ASSERT_EQ(v[1], 0);
	UT_ASSERT_EQ(v[2], 3);
	UT_ASSERT_EQ(adj[2], 2);
	UT_ASSERT_EQ(adj[0], 0);		/* no SEM_UNDO there */
}

UT_TEST(sem_ops_apply_zero_wait)
{
	uint16_t v[2] = { 0, 1 };
	struct sembuf_abi ops[] = { { 0, 0, 0 }, { 1, 0, 0 } };
	size_t blk = 99;

	UT_ASSERT_EQ(sem_ops_apply(v, NULL, ops, 2, &blk), SEM_OPS_BLOCK);
	UT_ASSERT_EQ(blk, 1);
	/* The same semaphore twice: the second op sees the first. */
	struct sembuf_abi dup[] = { { 1, -1, 0 }, { 1, 0, 0 } };

	UT_ASSERT_EQ(sem_ops_apply(v, NULL, dup, 2, &blk), 0);
	UT_ASSERT_EQ(v[1], 0);
	struct sembuf_abi dup2[] = { { 0, 1, 0 }, { 0, 0, 0 } };

	UT_ASSERT_EQ(sem_ops_apply(v, NULL, dup2, 2, &blk), SEM_OPS_BLOCK);
	UT_ASSERT_EQ(blk, 1);
	UT_ASSERT_EQ(v[0], 0);
}

UT_TEST(sem_ops_apply_range)
{
	uint16_t v[2] = { SEMVMX, 0 };
	int16_t adj[2] = { 0, -SEMAEM };
	struct sembuf_abi over[] = { { 1, 1, 0 }, { 0, 1, 0 } };
	struct sembuf_abi adjover[] = { { 1, 2, SEM_UNDO } };
	struct sembuf_abi first[] = { { 1, -1, 0 }, { 0, 1, 0 } };
	size_t blk = 99;

	UT_ASSERT_EQ(sem_ops_apply(v, adj, over, 2, &blk), -ERANGE);
	UT_ASSERT_EQ(v[1], 0);			/* taken back */
	UT_ASSERT_EQ(sem_ops_apply(v, adj, adjover, 1, &blk), -ERANGE);
	UT_ASSERT_EQ(adj[1], -SEMAEM);
	adjover[0].sem_op = 1;			/* -32768 still fits */
	UT_ASSERT_EQ(sem_ops_apply(v, adj, adjover, 1, &blk), 0);
	UT_ASSERT_EQ(adj[1], -SEMAEM - 1);
	UT_ASSERT_EQ(v[1], 1);
	/* Whichever failure comes first in the array is the answer. */
	v[1] = 0;
	UT_ASSERT_EQ(sem_ops_apply(v, adj, first, 2, &blk), SEM_OPS_BLOCK);
	UT_ASSERT_EQ(blk, 0);
}

UT_TEST(sem_ops_undo_clamps)
{
	UT_ASSERT_EQ(sem_ops_undo_value(5, -2), 3);
	UT_ASSERT_EQ(sem_ops_undo_value(1, -2), 0);
	UT_ASSERT_EQ(sem_ops_undo_value(SEMVMX, 1), SEMVMX);
	UT_ASSERT_EQ(sem_ops_undo_value(0, SEMAEM), SEMVMX);
}
