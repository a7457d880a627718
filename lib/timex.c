/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* adjtimex's bookkeeping: see timex.h. */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/timex.h>

static int64_t
timex_clamp(int64_t v, int64_t lo, int64_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void
timex_init(struct timex_state *s)
{
	*s = (struct timex_state){
		.maxerror = TIMEX_PHASE_LIMIT, .esterror = TIMEX_PHASE_LIMIT,
		.status = STA_UNSYNC, .constant = 2,
		.tick = 1000000 / TIMEX_USER_HZ,
	};
}

/* Linux's order of checks (timekeeping_validate_timex). */
static int
timex_validate(const struct timex_abi *tx, bool may_set)
{
	if (tx->modes & ADJ_ADJTIME) {
		/* The single-shot bit must come with it (CVE-2018-11508). */
		if (!(tx->modes & ADJ_OFFSET))
			return -EINVAL;
		if (!(tx->modes & ADJ_OFFSET_READONLY) && !may_set)
			return -EPERM;
	} else {
		if (tx->modes != 0 && !may_set)
			return -EPERM;
		/* A tick off by more than 10% is no clock. */
		if ((tx->modes & ADJ_TICK) &&
		    (tx->tick < 900000 / TIMEX_USER_HZ ||
		    tx->tick > 1100000 / TIMEX_USER_HZ))
			return -EINVAL;
	}
	if (tx->modes & ADJ_SETOFFSET) {
		if (!may_set)
			return -EPERM;
		if (tx->time_usec < 0 || tx->time_usec >=
		    ((tx->modes & ADJ_NANO) ? 1000000000 : 1000000))
			return -EINVAL;
	}
	if ((tx->modes & ADJ_FREQUENCY) &&
	    (tx->freq < INT64_MIN / TIMEX_PPM_SCALE ||
	    tx->freq > INT64_MAX / TIMEX_PPM_SCALE))
		return -EINVAL;
	return 0;
}

int
timex_adjust(struct timex_state *s, struct timex_abi *tx, bool may_set,
    int64_t *step_ns)
{
	int error = timex_validate(tx, may_set);
	int64_t unit;

	*step_ns = 0;
	if (error != 0)
		return error;
	if (tx->modes & ADJ_SETOFFSET)
		*step_ns = tx->time_sec * 1000000000 + tx->time_usec *
		    ((tx->modes & ADJ_NANO) ? 1 : 1000);
	if (tx->modes & ADJ_ADJTIME) {
		int64_t was = s->adjust_us;

		if (!(tx->modes & ADJ_OFFSET_READONLY))
			s->adjust_us = timex_clamp(tx->offset, -512000, 512000);
		tx->offset = was;	/* what was left, as adjtime(3) reads */
		return 0;
	}
	if (tx->modes & ADJ_STATUS)
		s->status = (s->status & STA_RONLY) | (tx->status & ~STA_RONLY);
	if (tx->modes & ADJ_NANO)
		s->status |= STA_NANO;
	if (tx->modes & ADJ_MICRO)
		s->status &= ~STA_NANO;
	if (tx->modes & ADJ_FREQUENCY)
		s->freq = timex_clamp(tx->freq, -TIMEX_MAXFREQ, TIMEX_MAXFREQ);
	if (tx->modes & ADJ_MAXERROR)
		s->maxerror = timex_clamp(tx->maxerror, 0, TIMEX_PHASE_LIMIT);
	if (tx->modes & ADJ_ESTERROR)
		s->esterror = timex_clamp(tx->esterror, 0, TIMEX_PHASE_LIMIT);
	if (tx->modes & ADJ_TIMECONST)
		s->constant = timex_clamp(tx->constant, 0, TIMEX_MAXTC);
	if ((tx->modes & ADJ_TAI) && tx->constant >= 0)
		s->tai = (int32_t)tx->constant;
	if (tx->modes & ADJ_OFFSET) {
		unit = (s->status & STA_NANO) ? 1 : 1000;
		s->offset_ns = timex_clamp(tx->offset, -TIMEX_MAXPHASE_NS / unit,
		    TIMEX_MAXPHASE_NS / unit) * unit;
	}
	if (tx->modes & ADJ_TICK)
		s->tick = tx->tick;
	return 0;
}

int
timex_report(const struct timex_state *s, struct timex_abi *tx,
    uint64_t wall_ns)
{
	bool nano = (s->status & STA_NANO) != 0;

	if (!(tx->modes & ADJ_ADJTIME))
		tx->offset = s->offset_ns / (nano ? 1 : 1000);
	tx->freq = s->freq;
	tx->maxerror = s->maxerror;
	tx->esterror = s->esterror;
	tx->status = s->status;
	tx->constant = s->constant;
	tx->precision = 1;
	tx->tolerance = TIMEX_MAXFREQ;
	tx->tick = s->tick;
	tx->ppsfreq = tx->jitter = tx->stabil = 0;
	tx->shift = 0;
	tx->jitcnt = tx->calcnt = tx->errcnt = tx->stbcnt = 0;
	tx->tai = s->tai;
	tx->time_sec = (int64_t)(wall_ns / 1000000000);
	tx->time_usec = (int64_t)(wall_ns % 1000000000) / (nano ? 1 : 1000);
	return (s->status & STA_UNSYNC) ? TIME_ERROR : TIME_OK;
}
