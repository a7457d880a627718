/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * timerfd's arithmetic (timerfd_calc.c): counting expirations and arming
 * at a time that may be past, on a timeline of ns (pv_clock_ns()'s).
 * Pure functions, tested on the host.
 */
#ifndef KERNEL_IPC_TIMERFD_CALC_H
#define KERNEL_IPC_TIMERFD_CALC_H

#include <stdint.h>

/*
 * The expirations of a timer due at *next (0: disarmed) with period
 * interval (0: once) up to now; *next moves past now (0 once a one-shot
 * fired).  Missed periods all count, as on Linux.
 */
uint64_t timerfd_calc_advance(uint64_t *next, uint64_t interval,
	    uint64_t now);

/*
 * Arm at start, which may be past or before the timeline's 0: *next is
 * the first expiration still to count (never 0; if at most now, the
 * caller's timerfd_calc_advance counts it at once) and *ticks those
 * already missed before it.
 */
void	timerfd_calc_arm(int64_t start, uint64_t interval, uint64_t now,
	    uint64_t *next, uint64_t *ticks);

#endif /* KERNEL_IPC_TIMERFD_CALC_H */
