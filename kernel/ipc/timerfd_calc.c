/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* timerfd's arithmetic (see timerfd_calc.h). */
#include <stdint.h>

#include <kernel/ipc/timerfd_calc.h>

uint64_t
timerfd_calc_advance(uint64_t *next, uint64_t interval, uint64_t now)
{
	uint64_t k;

	if (*next == 0 || now < *next)
		return 0;
	if (interval == 0) {
		*next = 0;
		return 1;
	}
	k = (now - *next) / interval + 1;
	/* A deadline past the end of time stays there. */
	*next = k > (UINT64_MAX - *next) / interval ? UINT64_MAX :
	    *next + k * interval;
	return k;
}

void
timerfd_calc_arm(int64_t start, uint64_t interval, uint64_t now,
    uint64_t *next, uint64_t *ticks)
{
	uint64_t k;

	*ticks = 0;
	if (start >= 0 && (uint64_t)start > now) {
		*next = (uint64_t)start;
		return;
	}
	if (interval == 0) {
		*next = now > 0 ? now : 1;
		return;
	}
	/* Past: the periods before the last one that is due count now. */
	k = (uint64_t)((int64_t)now - start) / interval;
	start += (int64_t)(k * interval);
	*ticks = k;
	if (start > 0) {
		*next = (uint64_t)start;
		return;
	}
	/* Due at or before 0, which cannot mean due: count it here. */
	*ticks = k + 1;
	*next = (uint64_t)(start + (int64_t)interval);
}
