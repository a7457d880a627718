/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The arithmetic of semop (sem_ops.c): an array of operations applied to
 * a set's values all at once or not at all, with the caller's SEM_UNDO
 * adjustments, and an adjustment applied at exit.  Pure functions, tested
 * on the host; the locking, sleeping and tables are sem.c's.
 */
#ifndef KERNEL_IPC_SEM_OPS_H
#define KERNEL_IPC_SEM_OPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SEM_UNDO	0x1000

/* struct sembuf of the ABI. */
struct sembuf_abi {
	uint16_t	sem_num;
	int16_t		sem_op;
	int16_t		sem_flg;
};

/* What an operation array asks for, before its set is known. */
struct sem_ops_scan {
	unsigned int	ss_max;		/* the highest sem_num */
	bool		ss_undo;	/* some op has SEM_UNDO */
	bool		ss_alter;	/* some op changes a value */
};

void	sem_ops_scan(const struct sembuf_abi *ops, size_t n,
	    struct sem_ops_scan *out);

#define SEM_OPS_BLOCK	1

/*
 * Apply ops[0..n) in order to vals (each sem_num below the set's size),
 * and for those with SEM_UNDO subtract sem_op from adj (which may be NULL
 * if none has it).  All or nothing: 0 when all were applied; else nothing
 * changed and the result is SEM_OPS_BLOCK (*blocker: the index of the
 * first op that must wait: a zero op on a non-zero value, or a value that
 * would go below 0) or -ERANGE (a value above SEMVMX, or an adjustment
 * beyond SEMAEM).  Whichever comes first in the array wins.
 */
int	sem_ops_apply(uint16_t *vals, int16_t *adj,
	    const struct sembuf_abi *ops, size_t n, size_t *blocker);

/* A value after an exiting process's adjustment: clamped to 0..SEMVMX. */
uint16_t sem_ops_undo_value(uint16_t val, int16_t adj);

#endif /* KERNEL_IPC_SEM_OPS_H */
