/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The scheduler's measure of fairness: each thread's recent CPU use, an
 * exponentially decaying sum of the time it ran (half-life 100 ms, as
 * OSv's scheduler keeps one).  The runnable thread with the smallest load
 * runs next, so a thread that mostly sleeps (a shell, a pipe reader)
 * wins the CPU back at once from one that spins, and two spinners share
 * it evenly.  Pure arithmetic, tested on the host.
 */
#ifndef KERNEL_SCHED_SCHED_LOAD_H
#define KERNEL_SCHED_SCHED_LOAD_H

#include <stdint.h>

#define SCHED_LOAD_HALF_NS	100000000UL	/* 100 ms */

/* load after dt_ns without running: load * 2^(-dt_ns / half-life). */
uint64_t sched_load_decay(uint64_t load, uint64_t dt_ns);

#endif /* KERNEL_SCHED_SCHED_LOAD_H */
