/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Timeouts and deadlines at their edges, no libc: every call that takes
 * a time must return at once for a time already past (a wall-clock
 * deadline in 1970 included: futex FUTEX_CLOCK_REALTIME once hung here),
 * must wait (until a signal interrupts it) for a huge one instead of
 * wrapping into the past, and must refuse a malformed one with Linux's
 * errno.  Covered: futex WAIT and WAIT_BITSET (monotonic and realtime),
 * nanosleep and clock_nanosleep (relative and TIMER_ABSTIME), poll,
 * ppoll, select, pselect6, rt_sigtimedwait, setitimer/getitimer and
 * alarm.  No check measures time: "at once" means "returned", and a hang
 * fails by the boot case's time limit.  Exits 0 if all held.
 *   udeadline           the checks
 *   udeadline settime   also clock_settime and settimeofday, with a
 *                       sleep and a futex wait that must follow the
 *                       clock (done anyway as pid 1, a guest's init).
 *                       It sets the machine's clock: never on a host.
 */
#include "usys.h"

#define SYS_poll	7
#define SYS_rt_sigaction 13
#define SYS_rt_sigprocmask 14
#define SYS_select	23
#define SYS_nanosleep	35
#define SYS_getitimer	36
#define SYS_alarm	37
#define SYS_setitimer	38
#define SYS_rt_sigtimedwait 128
#define SYS_futex	202
#define SYS_fork	57
#define SYS_wait4	61
#define SYS_getpid	39
#define SYS_setresuid	117
#define SYS_settimeofday 164
#define SYS_clock_settime 227
#define SYS_exit_group	231
#define SYS_clock_gettime 228
#define SYS_clock_nanosleep 230
#define SYS_pselect6	270
#define SYS_ppoll	271

#define FUTEX_WAIT	0
#define FUTEX_WAIT_BITSET 9
#define FUTEX_PRIVATE	128
#define FUTEX_CLOCK_REALTIME 256
#define CLOCK_REALTIME	0
#define CLOCK_MONOTONIC	1
#define TIMER_ABSTIME	1
#define ITIMER_REAL	0
#define SA_RESTORER	0x04000000L
#define SIGALRM		14

#define EPERM		1
#define EINTR		4
#define EOPNOTSUPP	95
#define EFAULT		14
#define EAGAIN		11
#define EINVAL		22
#define ENOSYS		38
#define ETIMEDOUT	110

#define HUGE_SEC	0x7fffffffffffffffL
#define NSEC_MAX	999999999L

struct kact {
	void		*handler;
	unsigned long	flags;
	void		(*restorer)(void);
	unsigned long	mask;
};

struct ts {
	long	sec, nsec;
};

USYS_RESTORER;

static int failed;
static volatile int alarms;
static int futex_word = 7;

static void
check(const char *what, int ok)
{
	usys_check("udeadline", what, ok, &failed);
}

/* Show the result of a failed check (for the log). */
static void
check_r(const char *what, long r, long want)
{
	check(what, r == want);
	if (r != want) {
		usys_say("  got ");
		usys_say_num(r);
		usys_say(" want ");
		usys_say_num(want);
		usys_say("\n");
	}
}

static void
on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

/*
 * SIGALRM every 20 ms (a handler without SA_RESTART), so that a call
 * that waits "forever" comes back with EINTR; periodic, so a signal that
 * lands just before the call starts does not leave it waiting.
 */
static void
alarm_storm(int on)
{
	long itv[4] = { 0, on ? 20000 : 0, 0, on ? 20000 : 0 };

	usys(SYS_setitimer, ITIMER_REAL, (long)itv, 0, 0);
}

static long
futex_wait(int op, const struct ts *t, int bitset)
{
	return usys6(SYS_futex, (long)&futex_word, op, futex_word, (long)t,
	    0, bitset);
}

static void
test_futex(void)
{
	struct ts past_wall = { 1, 0 }, zero = { 0, 0 }, tiny = { 0, 1000 };
	struct ts bad_ns = { 0, 1000000000 }, neg = { -1, 0 };
	int rt = FUTEX_WAIT_BITSET | FUTEX_PRIVATE | FUTEX_CLOCK_REALTIME;
	int mono = FUTEX_WAIT_BITSET | FUTEX_PRIVATE;

	/* The hang: a wall-clock deadline in 1970 is long past. */
	check_r("futex WAIT_BITSET|CLOCK_REALTIME {1,0}: ETIMEDOUT at once",
	    futex_wait(rt, &past_wall, -1), -ETIMEDOUT);
	check_r("futex WAIT_BITSET|CLOCK_REALTIME {0,0}: ETIMEDOUT at once",
	    futex_wait(rt, &zero, -1), -ETIMEDOUT);
	check_r("futex WAIT_BITSET monotonic {0,0}: ETIMEDOUT at once",
	    futex_wait(mono, &zero, -1), -ETIMEDOUT);
	check_r("futex WAIT relative {0,0}: ETIMEDOUT at once",
	    futex_wait(FUTEX_WAIT | FUTEX_PRIVATE, &zero, 0), -ETIMEDOUT);
	check_r("futex WAIT relative 1 us: ETIMEDOUT",
	    futex_wait(FUTEX_WAIT | FUTEX_PRIVATE, &tiny, 0), -ETIMEDOUT);
	check_r("futex WAIT with FUTEX_CLOCK_REALTIME: ENOSYS",
	    futex_wait(FUTEX_WAIT | FUTEX_PRIVATE | FUTEX_CLOCK_REALTIME,
	    &zero, 0), -ENOSYS);
	check_r("futex WAIT tv_nsec 1e9: EINVAL",
	    futex_wait(FUTEX_WAIT | FUTEX_PRIVATE, &bad_ns, 0), -EINVAL);
	check_r("futex WAIT tv_sec -1: EINVAL",
	    futex_wait(FUTEX_WAIT | FUTEX_PRIVATE, &neg, 0), -EINVAL);
	check_r("futex WAIT_BITSET|CLOCK_REALTIME tv_sec -1: EINVAL",
	    futex_wait(rt, &neg, -1), -EINVAL);
	check_r("futex WAIT_BITSET tv_nsec 1e9: EINVAL",
	    futex_wait(mono, &bad_ns, -1), -EINVAL);
}

static void
test_sleeps(void)
{
	struct ts past_wall = { 1, 0 }, zero = { 0, 0 }, rem = { -1, -1 };
	struct ts bad_ns = { 0, 1000000000 }, neg = { -1, 0 };

	check_r("clock_nanosleep REALTIME ABSTIME {1,0}: 0 at once",
	    usys(SYS_clock_nanosleep, CLOCK_REALTIME, TIMER_ABSTIME,
	    (long)&past_wall, 0), 0);
	check_r("clock_nanosleep MONOTONIC ABSTIME {0,0}: 0 at once",
	    usys(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME,
	    (long)&zero, 0), 0);
	check_r("clock_nanosleep MONOTONIC relative {0,0}: 0",
	    usys(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, (long)&zero,
	    (long)&rem), 0);
	check_r("nanosleep {0,0}: 0", usys(SYS_nanosleep, (long)&zero,
	    (long)&rem, 0, 0), 0);
	check_r("nanosleep tv_nsec 1e9: EINVAL", usys(SYS_nanosleep,
	    (long)&bad_ns, 0, 0, 0), -EINVAL);
	check_r("nanosleep tv_sec -1: EINVAL", usys(SYS_nanosleep,
	    (long)&neg, 0, 0, 0), -EINVAL);
	check_r("clock_nanosleep ABSTIME tv_sec -1: EINVAL",
	    usys(SYS_clock_nanosleep, CLOCK_REALTIME, TIMER_ABSTIME,
	    (long)&neg, 0), -EINVAL);
	check_r("clock_nanosleep tv_nsec 1e9: EINVAL",
	    usys(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, (long)&bad_ns, 0),
	    -EINVAL);
	/* Clocks no timer sleeps on (Linux 6.x): EOPNOTSUPP; no clock 10. */
	check_r("clock_nanosleep THREAD_CPUTIME: EOPNOTSUPP",
	    usys(SYS_clock_nanosleep, 3, 0, (long)&zero, 0), -EOPNOTSUPP);
	check_r("clock_nanosleep MONOTONIC_RAW: EOPNOTSUPP",
	    usys(SYS_clock_nanosleep, 4, 0, (long)&zero, 0), -EOPNOTSUPP);
	check_r("clock_nanosleep REALTIME_COARSE: EOPNOTSUPP",
	    usys(SYS_clock_nanosleep, 5, 0, (long)&zero, 0), -EOPNOTSUPP);
	check_r("clock_nanosleep MONOTONIC_COARSE: EOPNOTSUPP",
	    usys(SYS_clock_nanosleep, 6, 0, (long)&zero, 0), -EOPNOTSUPP);
	check_r("clock_nanosleep clock 10: EINVAL",
	    usys(SYS_clock_nanosleep, 10, 0, (long)&zero, 0), -EINVAL);
	check_r("clock_nanosleep BOOTTIME relative {0,0}: 0",
	    usys(SYS_clock_nanosleep, 7, 0, (long)&zero, 0), 0);
	check_r("clock_nanosleep PROCESS_CPUTIME ABSTIME {0,0}: 0 at once",
	    usys(SYS_clock_nanosleep, 2, TIMER_ABSTIME, (long)&zero, 0), 0);
	check_r("clock_nanosleep PROCESS_CPUTIME bad pointer: EFAULT",
	    usys(SYS_clock_nanosleep, 2, 0, 8, 0), -EFAULT);
}

static void
test_polls(void)
{
	struct ts zero = { 0, 0 }, neg = { -1, 0 }, bad_ns = { 0, 1000000000 };
	long tv_zero[2] = { 0, 0 }, tv_neg_us[2] = { 0, -1 };
	long tv_neg_s[2] = { -1, 0 }, tv_1us[2] = { 0, 1 };

	check_r("poll timeout 0: 0 at once", usys(SYS_poll, 0, 0, 0, 0), 0);
	check_r("ppoll {0,0}: 0 at once", usys(SYS_ppoll, 0, 0, (long)&zero,
	    0), 0);
	check_r("ppoll tv_sec -1: EINVAL", usys(SYS_ppoll, 0, 0, (long)&neg,
	    0), -EINVAL);
	check_r("ppoll tv_nsec 1e9: EINVAL", usys(SYS_ppoll, 0, 0,
	    (long)&bad_ns, 0), -EINVAL);
	check_r("select {0,0}: 0 at once", usys6(SYS_select, 0, 0, 0, 0,
	    (long)tv_zero, 0), 0);
	check_r("select {0,1}: 0", usys6(SYS_select, 0, 0, 0, 0,
	    (long)tv_1us, 0), 0);
	check_r("select tv_usec -1: EINVAL", usys6(SYS_select, 0, 0, 0, 0,
	    (long)tv_neg_us, 0), -EINVAL);
	check_r("select tv_sec -1: EINVAL", usys6(SYS_select, 0, 0, 0, 0,
	    (long)tv_neg_s, 0), -EINVAL);
	check_r("pselect6 {0,0}: 0 at once", usys6(SYS_pselect6, 0, 0, 0, 0,
	    (long)&zero, 0), 0);
	check_r("pselect6 tv_sec -1: EINVAL", usys6(SYS_pselect6, 0, 0, 0, 0,
	    (long)&neg, 0), -EINVAL);
	check_r("pselect6 tv_nsec 1e9: EINVAL", usys6(SYS_pselect6, 0, 0, 0,
	    0, (long)&bad_ns, 0), -EINVAL);
}

/* Huge times wait (until SIGALRM interrupts them), never "at once". */
static void
test_huge(void)
{
	struct ts huge = { HUGE_SEC, NSEC_MAX }, rem = { 0, 0 };
	long tv_huge[2] = { HUGE_SEC, 999999 };
	int rt = FUTEX_WAIT_BITSET | FUTEX_PRIVATE | FUTEX_CLOCK_REALTIME;
	long r;

	alarm_storm(1);
	check_r("futex WAIT relative huge: waits (EINTR)",
	    futex_wait(FUTEX_WAIT | FUTEX_PRIVATE, &huge, 0), -EINTR);
	check_r("futex WAIT_BITSET monotonic huge: waits (EINTR)",
	    futex_wait(FUTEX_WAIT_BITSET | FUTEX_PRIVATE, &huge, -1), -EINTR);
	check_r("futex WAIT_BITSET|CLOCK_REALTIME huge: waits (EINTR)",
	    futex_wait(rt, &huge, -1), -EINTR);
	r = usys(SYS_nanosleep, (long)&huge, (long)&rem, 0, 0);
	check_r("nanosleep huge: waits (EINTR)", r, -EINTR);
	check("...and the time left is huge too", rem.sec > 1000000000L);
	check_r("clock_nanosleep MONOTONIC relative huge: waits (EINTR)",
	    usys(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, (long)&huge, 0),
	    -EINTR);
	check_r("clock_nanosleep REALTIME ABSTIME huge: waits (EINTR)",
	    usys(SYS_clock_nanosleep, CLOCK_REALTIME, TIMER_ABSTIME,
	    (long)&huge, 0), -EINTR);
	check_r("clock_nanosleep MONOTONIC ABSTIME huge: waits (EINTR)",
	    usys(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME,
	    (long)&huge, 0), -EINTR);
	/* The only thread sleeping: the process's CPU time stands still,
	 * so even a short CPU-time sleep lasts until the signal. */
	{
		struct ts sec = { 1, 0 }, left = { 0, 0 };

		check_r("clock_nanosleep PROCESS_CPUTIME 1 s, alone: waits "
		    "(EINTR)", usys(SYS_clock_nanosleep, 2, 0, (long)&sec,
		    (long)&left), -EINTR);
		check("...and the CPU time left is above 0, at most 1 s",
		    (left.sec == 0 && left.nsec > 0) ||
		    (left.sec == 1 && left.nsec == 0));
	}
	check_r("poll timeout -1: waits (EINTR)", usys(SYS_poll, 0, 0, -1, 0),
	    -EINTR);
	check_r("poll timeout -5 (any negative: forever): EINTR",
	    usys(SYS_poll, 0, 0, -5, 0), -EINTR);
	check_r("poll timeout INT_MAX: waits (EINTR)", usys(SYS_poll, 0, 0,
	    0x7fffffff, 0), -EINTR);
	check_r("ppoll huge: waits (EINTR)", usys(SYS_ppoll, 0, 0,
	    (long)&huge, 0), -EINTR);
	check_r("select huge: waits (EINTR)", usys6(SYS_select, 0, 0, 0, 0,
	    (long)tv_huge, 0), -EINTR);
	check_r("pselect6 huge: waits (EINTR)", usys6(SYS_pselect6, 0, 0, 0,
	    0, (long)&huge, 0), -EINTR);
	alarm_storm(0);
	check("SIGALRM handler ran for each", alarms >= 13);
}

static void
test_sigtimedwait_and_timers(void)
{
	unsigned long alrm = 1UL << (SIGALRM - 1), none = 0;
	struct ts zero = { 0, 0 }, huge = { HUGE_SEC, NSEC_MAX };
	struct ts bad_ns = { 0, 1000000000 }, neg = { -1, 0 };
	long tiny[4] = { 0, 1, 0, 1 }, once[4] = { 0, 0, 0, 1 };
	long big[4] = { 0, 0, HUGE_SEC, 999999 }, off[4] = { 0 };
	long cur[4] = { -1, -1, -1, -1 }, bad_us[4] = { 0, 0, 0, 1000000 };
	long neg_us[4] = { 0, 0, 0, -1 }, r;

	usys(SYS_rt_sigprocmask, 0, (long)&alrm, 0, 8);		/* BLOCK */
	check_r("sigtimedwait {0,0}: EAGAIN at once", usys(SYS_rt_sigtimedwait,
	    (long)&alrm, 0, (long)&zero, 8), -EAGAIN);
	check_r("sigtimedwait tv_nsec 1e9: EINVAL", usys(SYS_rt_sigtimedwait,
	    (long)&alrm, 0, (long)&bad_ns, 8), -EINVAL);
	check_r("sigtimedwait tv_sec -1: EINVAL", usys(SYS_rt_sigtimedwait,
	    (long)&alrm, 0, (long)&neg, 8), -EINVAL);

	/* A 1 us one-shot timer fires; a huge wait takes its signal. */
	check_r("setitimer 1 us one-shot: 0", usys(SYS_setitimer, ITIMER_REAL,
	    (long)once, 0, 0), 0);
	check_r("sigtimedwait huge: takes SIGALRM (no wrap to EAGAIN)",
	    usys(SYS_rt_sigtimedwait, (long)&alrm, 0, (long)&huge, 8),
	    SIGALRM);
	/* A 1 us periodic timer keeps firing and can be stopped. */
	check_r("setitimer 1 us periodic: 0", usys(SYS_setitimer, ITIMER_REAL,
	    (long)tiny, 0, 0), 0);
	check_r("...fires", usys(SYS_rt_sigtimedwait, (long)&alrm, 0,
	    (long)&huge, 8), SIGALRM);
	check_r("...and fires again", usys(SYS_rt_sigtimedwait, (long)&alrm,
	    0, (long)&huge, 8), SIGALRM);
	check_r("...and stops", usys(SYS_setitimer, ITIMER_REAL, (long)off,
	    0, 0), 0);
	(void)usys(SYS_rt_sigtimedwait, (long)&alrm, 0, (long)&zero, 8);
	check_r("...for good", usys(SYS_rt_sigtimedwait, (long)&alrm, 0,
	    (long)&zero, 8), -EAGAIN);

	/* A huge value stays armed (no wrap to "now"), reads back huge. */
	check_r("setitimer huge: 0", usys(SYS_setitimer, ITIMER_REAL,
	    (long)big, 0, 0), 0);
	check_r("getitimer: 0", usys(SYS_getitimer, ITIMER_REAL, (long)cur, 0,
	    0), 0);
	check("...value still huge", cur[2] > 1000000000L);
	check_r("...and nothing fired", usys(SYS_rt_sigtimedwait, (long)&alrm,
	    0, (long)&zero, 8), -EAGAIN);
	check_r("setitimer tv_usec 1e6: EINVAL", usys(SYS_setitimer,
	    ITIMER_REAL, (long)bad_us, 0, 0), -EINVAL);
	check_r("setitimer tv_usec -1: EINVAL", usys(SYS_setitimer,
	    ITIMER_REAL, (long)neg_us, 0, 0), -EINVAL);
	usys(SYS_setitimer, ITIMER_REAL, (long)off, 0, 0);

	/* alarm: the largest count stays armed and reads back. */
	check_r("alarm(UINT_MAX): 0 (none armed)", usys(SYS_alarm,
	    0xffffffffL, 0, 0, 0), 0);
	r = usys(SYS_alarm, 0, 0, 0, 0);
	check("alarm(0) after it: about UINT_MAX seconds left",
	    (unsigned long)r > 4000000000UL);
	check_r("...and nothing fired", usys(SYS_rt_sigtimedwait, (long)&alrm,
	    0, (long)&zero, 8), -EAGAIN);
	usys(SYS_rt_sigprocmask, 2, (long)&none, 0, 8);		/* SETMASK */
}

static long
fork_run(long (*fn)(void))
{
	long pid = usys(SYS_fork, 0, 0, 0, 0);

	if (pid == 0)
		usys(SYS_exit_group, fn(), 0, 0, 0);
	return pid;
}

static long
reap(long pid)
{
	int status = -1;

	usys(SYS_wait4, pid, (long)&status, 0, 0);
	return status;
}

static struct ts settime_target;	/* an hour ahead, set before fork */

static long
settime_as_nobody(void)
{
	struct ts t = { 1700000000, 0 };

	if (usys(SYS_setresuid, 65534, 65534, 65534, 0) != 0)
		return 2;
	return usys(SYS_clock_settime, CLOCK_REALTIME, (long)&t, 0, 0) ==
	    -EPERM && usys(SYS_settimeofday, 0, 0, 0, 0) == -EPERM ? 0 : 1;
}

static long
settime_sleeper(void)
{
	return usys(SYS_clock_nanosleep, CLOCK_REALTIME, TIMER_ABSTIME,
	    (long)&settime_target, 0) == 0 ? 0 : 1;
}

static long
settime_futex_waiter(void)
{
	return futex_wait(FUTEX_WAIT_BITSET | FUTEX_PRIVATE |
	    FUTEX_CLOCK_REALTIME, &settime_target, -1) == -ETIMEDOUT ? 0 : 1;
}

/*
 * Setting the wall clock (only where that is harmless: a guest).  A
 * sleep and a futex wait until an hour from now must end when the clock
 * is set two hours ahead (if they did not, the case times out); then
 * the clock is put back.
 */
static void
test_settime(void)
{
	struct ts wall0, mono0, mono1, now, back;
	struct ts bad_ns = { 0, 1000000000 }, neg = { -1, 0 };
	struct ts too_far = { 8277292036L, 0 }, ahead;
	long tv_bad[2] = { 0, 1000001 }, s1, s2;

	usys(SYS_clock_gettime, CLOCK_REALTIME, (long)&wall0, 0, 0);
	usys(SYS_clock_gettime, CLOCK_MONOTONIC, (long)&mono0, 0, 0);
	check_r("clock_settime(CLOCK_MONOTONIC): EINVAL", usys(
	    SYS_clock_settime, CLOCK_MONOTONIC, (long)&wall0, 0, 0), -EINVAL);
	check_r("clock_settime(bad pointer): EFAULT", usys(SYS_clock_settime,
	    CLOCK_REALTIME, 8, 0, 0), -EFAULT);
	check_r("clock_settime tv_nsec 1e9: EINVAL", usys(SYS_clock_settime,
	    CLOCK_REALTIME, (long)&bad_ns, 0, 0), -EINVAL);
	check_r("clock_settime tv_sec -1: EINVAL", usys(SYS_clock_settime,
	    CLOCK_REALTIME, (long)&neg, 0, 0), -EINVAL);
	check_r("clock_settime past Linux's limit: EINVAL", usys(
	    SYS_clock_settime, CLOCK_REALTIME, (long)&too_far, 0, 0), -EINVAL);
	check_r("settimeofday tv_usec 1000001: EINVAL", usys(SYS_settimeofday,
	    (long)tv_bad, 0, 0, 0), -EINVAL);
	check_r("as nobody: EPERM", reap(fork_run(settime_as_nobody)), 0);

	settime_target.sec = wall0.sec + 3600;
	s1 = fork_run(settime_sleeper);
	s2 = fork_run(settime_futex_waiter);
	for (int i = 0; i < 20; i++)		/* let them block (optional) */
		usys(24, 0, 0, 0, 0);		/* sched_yield */
	ahead.sec = wall0.sec + 7200;
	ahead.nsec = 0;
	check_r("clock_settime two hours ahead: 0", usys(SYS_clock_settime,
	    CLOCK_REALTIME, (long)&ahead, 0, 0), 0);
	usys(SYS_clock_gettime, CLOCK_REALTIME, (long)&now, 0, 0);
	check("...the clock reads it", now.sec >= ahead.sec &&
	    now.sec < ahead.sec + 600);
	check_r("an ABSTIME sleep until an hour from then has ended",
	    reap(s1), 0);
	check_r("a FUTEX_CLOCK_REALTIME wait until then: ETIMEDOUT",
	    reap(s2), 0);
	/* Back to where it would be: wall0 plus the time that passed. */
	usys(SYS_clock_gettime, CLOCK_MONOTONIC, (long)&mono1, 0, 0);
	back.sec = wall0.sec + (mono1.sec - mono0.sec);
	back.nsec = wall0.nsec;
	check_r("clock_settime back: 0", usys(SYS_clock_settime,
	    CLOCK_REALTIME, (long)&back, 0, 0), 0);
	usys(SYS_clock_gettime, CLOCK_REALTIME, (long)&now, 0, 0);
	check("...the clock is back", now.sec >= back.sec &&
	    now.sec < back.sec + 600);
}

void
cstart(long *sp)
{
	struct kact a = { (void *)on_alarm, SA_RESTORER, usys_restorer, 0 };

	usys(SYS_rt_sigaction, SIGALRM, (long)&a, 0, 8);
	test_futex();
	test_sleeps();
	test_polls();
	test_huge();
	test_sigtimedwait_and_timers();
	/* Setting the clock: as a guest's init, or when asked. */
	if (usys(SYS_getpid, 0, 0, 0, 0) == 1 || sp[0] == 2)
		test_settime();
	usys_finish("udeadline", failed);
}

USYS_START;
