/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * adjtimex(2) and clock_adjtime(2) on CLOCK_REALTIME: struct timex and
 * the kernel's NTP variables, kept and reported as Linux does (the modes,
 * their checks, clamps and units).  The figures are bookkeeping only: the
 * clocks run at their calibrated rate and no PLL steers them by the
 * offset or frequency set here; ADJ_SETOFFSET, which steps the clock, is
 * done by the caller.  Pure: the caller passes the time and privilege.
 */
#ifndef LIB_TIMEX_H
#define LIB_TIMEX_H

#include <stdbool.h>
#include <stdint.h>

#define ADJ_OFFSET		0x0001
#define ADJ_FREQUENCY		0x0002
#define ADJ_MAXERROR		0x0004
#define ADJ_ESTERROR		0x0008
#define ADJ_STATUS		0x0010
#define ADJ_TIMECONST		0x0020
#define ADJ_TAI			0x0080
#define ADJ_SETOFFSET		0x0100
#define ADJ_MICRO		0x1000
#define ADJ_NANO		0x2000
#define ADJ_TICK		0x4000
#define ADJ_OFFSET_SINGLESHOT	0x8001	/* old adjtime(3) */
#define ADJ_OFFSET_READONLY	0x2000	/* with ADJ_ADJTIME: read only */
#define ADJ_OFFSET_SS_READ	0xa001
#define ADJ_ADJTIME		0x8000

#define STA_PLL			0x0001
#define STA_UNSYNC		0x0040
#define STA_NANO		0x2000
#define STA_RONLY		0xff00	/* PPS and clock bits, NANO, MODE, CLK */

#define TIME_OK			0
#define TIME_ERROR		5

#define TIMEX_USER_HZ		100
#define TIMEX_MAXTC		10
#define TIMEX_PHASE_LIMIT	16000000L	/* maxerror, esterror (us) */
#define TIMEX_MAXPHASE_NS	500000000L	/* |offset| */
#define TIMEX_PPM_SCALE		65536000LL	/* freq unit -> scaled ns */
#define TIMEX_MAXFREQ		(500L << 16)	/* 500 ppm in freq's unit */

/* struct timex of the x86-64 Linux ABI. */
struct timex_abi {
	uint32_t	modes;
	int64_t		offset, freq, maxerror, esterror;
	int32_t		status;
	int64_t		constant, precision, tolerance;
	int64_t		time_sec, time_usec;	/* struct timeval */
	int64_t		tick, ppsfreq, jitter;
	int32_t		shift;
	int64_t		stabil, jitcnt, calcnt, errcnt, stbcnt;
	int32_t		tai;
	int32_t		pad[11];
};
_Static_assert(sizeof(struct timex_abi) == 208, "struct timex");

/* The kernel's side, to start as timex_init gives it. */
struct timex_state {
	int64_t		offset_ns;	/* ADJ_OFFSET */
	int64_t		adjust_us;	/* adjtime(3)'s outstanding offset */
	int64_t		freq;		/* in freq's unit (2^-16 ppm) */
	int64_t		maxerror, esterror;
	int32_t		status;
	int64_t		constant;
	int64_t		tick;		/* us per tick */
	int32_t		tai;
};

void	timex_init(struct timex_state *s);

/*
 * One call on tx (the caller's copy, answered in place): may_set is
 * CAP_SYS_TIME.  0 or -EPERM/-EINVAL (then s is unchanged); *step_ns is
 * what ADJ_SETOFFSET asks the wall clock to move by (0 if not asked).
 * Then the caller reads the clock and calls timex_report.
 */
int	timex_adjust(struct timex_state *s, struct timex_abi *tx, bool may_set,
	    int64_t *step_ns);

/* Fill tx from s and the wall clock (ns since 1970); the return value. */
int	timex_report(const struct timex_state *s, struct timex_abi *tx,
	    uint64_t wall_ns);

#endif /* LIB_TIMEX_H */
