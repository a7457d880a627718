/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* semop's all-or-nothing arithmetic (see sem_ops.h). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/ipc_limits.h>
#include <kernel/ipc/sem_ops.h>

void
sem_ops_scan(const struct sembuf_abi *ops, size_t n, struct sem_ops_scan *out)
{
	out->ss_max = 0;
	out->ss_undo = out->ss_alter = false;
	for (size_t i = 0; i < n; i++) {
		if (ops[i].sem_num > out->ss_max)
			out->ss_max = ops[i].sem_num;
		if (ops[i].sem_flg & SEM_UNDO)
			out->ss_undo = true;
		if (ops[i].sem_op != 0)
			out->ss_alter = true;
	}
}

/* Take back ops[0..done), newest first: the values are as before. */
static void
sem_ops_revert(uint16_t *vals, int16_t *adj, const struct sembuf_abi *ops,
    size_t done)
{
	while (done-- > 0) {
		const struct sembuf_abi *op = &ops[done];

		vals[op->sem_num] = (uint16_t)(vals[op->sem_num] - op->sem_op);
		if (op->sem_flg & SEM_UNDO)
			adj[op->sem_num] = (int16_t)(adj[op->sem_num] +
			    op->sem_op);
	}
}

int
sem_ops_apply(uint16_t *vals, int16_t *adj, const struct sembuf_abi *ops,
    size_t n, size_t *blocker)
{
	/*
	 * One at a time, so that ops naming the same semaphore twice see
	 * each other's effect; a failure takes back what went before.
	 */
	for (size_t i = 0; i < n; i++) {
		const struct sembuf_abi *op = &ops[i];
		int32_t v = vals[op->sem_num], a = 0;

		if ((op->sem_op == 0 && v != 0) || v + op->sem_op < 0) {
			sem_ops_revert(vals, adj, ops, i);
			*blocker = i;
			return SEM_OPS_BLOCK;
		}
		v += op->sem_op;
		if (op->sem_flg & SEM_UNDO)
			a = (int32_t)adj[op->sem_num] - op->sem_op;
		if (v > SEMVMX || a < -SEMAEM - 1 || a > SEMAEM) {
			sem_ops_revert(vals, adj, ops, i);
			return -ERANGE;
		}
		vals[op->sem_num] = (uint16_t)v;
		if (op->sem_flg & SEM_UNDO)
			adj[op->sem_num] = (int16_t)a;
	}
	return 0;
}

uint16_t
sem_ops_undo_value(uint16_t val, int16_t adj)
{
	int32_t v = (int32_t)val + adj;

	return (uint16_t)(v < 0 ? 0 : v > SEMVMX ? SEMVMX : v);
}
