/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Timeouts and deadlines from user time values, without overflow.
 *
 * Every timed call turns a struct timespec (or timeval) into a deadline
 * on the kernel's one timeline (ns since boot, pv_clock_ns).  The edges
 * are where hangs come from: a huge value must not wrap into the past
 * (and return at once), and an absolute time already gone on another
 * clock (the wall clock's 1970, a monotonic 0) must not wrap into the
 * far future (and never return).  So the arithmetic here saturates:
 * TIMESPEC_NS_MAX stands for "later than anything", which the sleeping
 * code treats as no deadline.
 */
#ifndef LIB_TIMESPEC_H
#define LIB_TIMESPEC_H

#include <stdbool.h>
#include <stdint.h>

#define TIMESPEC_NS_PER_SEC	1000000000ULL
#define TIMESPEC_NS_MAX		UINT64_MAX	/* saturated: never */

/* Linux's timespec64_valid: sec >= 0 and 0 <= nsec < 1 s. */
static inline bool
timespec_valid(int64_t sec, int64_t nsec)
{
	return sec >= 0 && nsec >= 0 && (uint64_t)nsec < TIMESPEC_NS_PER_SEC;
}

/* a + b, TIMESPEC_NS_MAX if it would not fit. */
static inline uint64_t
timespec_add_sat(uint64_t a, uint64_t b)
{
	return a > TIMESPEC_NS_MAX - b ? TIMESPEC_NS_MAX : a + b;
}

/* A valid (sec, nsec) in ns, saturated at TIMESPEC_NS_MAX. */
static inline uint64_t
timespec_to_ns(int64_t sec, int64_t nsec)
{
	if ((uint64_t)sec > (TIMESPEC_NS_MAX - (uint64_t)nsec) /
	    TIMESPEC_NS_PER_SEC)
		return TIMESPEC_NS_MAX;
	return (uint64_t)sec * TIMESPEC_NS_PER_SEC + (uint64_t)nsec;
}

/*
 * The deadline on the timeline (which reads timeline_now) for the
 * absolute time abs_ns of a clock that reads clock_now at this moment
 * (the same value for the timeline's own clock).  A time already past
 * gives timeline_now, so the caller times out at once; never the future.
 */
static inline uint64_t
timespec_deadline_abs(uint64_t abs_ns, uint64_t clock_now,
    uint64_t timeline_now)
{
	if (abs_ns <= clock_now)
		return timeline_now;
	return timespec_add_sat(timeline_now, abs_ns - clock_now);
}

/*
 * A countdown timer of CPU time (ITIMER_VIRTUAL, ITIMER_PROF): *left ns
 * to go (0: off), charged delta ns.  True when it ran out: a periodic
 * one (interval > 0) reloads less what overshot (at least 1: due again
 * at the next charge), a one-shot one goes off.
 */
static inline bool
timespec_countdown(uint64_t *left, uint64_t interval, uint64_t delta)
{
	uint64_t over;

	if (*left == 0 || delta == 0)
		return false;
	if (delta < *left) {
		*left -= delta;
		return false;
	}
	over = delta - *left;
	*left = interval == 0 ? 0 : over < interval ? interval - over : 1;
	return true;
}

/* A timer's overrun count plus n, capped at INT32_MAX (DELAYTIMER_MAX). */
static inline int
timespec_overrun_add(int overrun, uint64_t n)
{
	uint64_t sum = (uint64_t)(overrun < 0 ? 0 : overrun) + n;

	return sum > INT32_MAX || sum < n ? INT32_MAX : (int)sum;
}

#endif /* LIB_TIMESPEC_H */
