/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Decay of thread loads (see sched_load.h). */
#include <stdint.h>

#include <kernel/sched/sched_load.h>

/*
 * Whole half-lives are shifts; the part of one that is left is applied
 * as 2^-f ~ 1 - f/2 (f in [0, 1)): the chord of the curve, at most 6 %
 * above it and exact at every whole half-life.  Loads past 2^64 / 1e8
 * are divided first so the product cannot overflow.
 */
uint64_t
sched_load_decay(uint64_t load, uint64_t dt_ns)
{
	uint64_t halves = dt_ns / SCHED_LOAD_HALF_NS;
	uint64_t rem = dt_ns % SCHED_LOAD_HALF_NS;

	if (halves >= 64)
		return 0;
	load >>= halves;
	if (load > UINT64_MAX / SCHED_LOAD_HALF_NS)
		return load - (load / SCHED_LOAD_HALF_NS) * rem / 2;
	return load - load * rem / (2 * SCHED_LOAD_HALF_NS);
}
