/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The small system calls, no libc: getrandom, sysinfo, resource limits
 * (prlimit64, getrlimit, setrlimit and their effect on dup), getrusage
 * and times (CPU time counted, own and reaped children's, never more than
 * the time that passed), gettimeofday and time, clock_getres,
 * sched_yield, affinity, scheduler queries, nice values, credentials
 * (set*id rules as an unprivileged user, in a child), groups, capget
 * and capset, personality, getcpu, prctl names, madvise, uname after
 * sethostname, rt_sigqueueinfo's si_value, the order of read and write
 * errors (descriptor, mode, buffer range).  Exits 0 if all held.
 */
#include "usys.h"

#define SYS_read	0
#define SYS_write	1
#define SYS_open	2
#define SYS_close	3
#define SYS_rt_sigaction 13
#define SYS_sched_yield	24
#define SYS_madvise	28
#define SYS_dup		32
#define SYS_getpid	39
#define SYS_fork	57
#define SYS_exit	60
#define SYS_wait4	61
#define SYS_kill	62
#define SYS_uname	63
#define SYS_gettimeofday 96
#define SYS_getrlimit	97
#define SYS_getrusage	98
#define SYS_sysinfo	99
#define SYS_times	100
#define SYS_getuid	102
#define SYS_getgid	104
#define SYS_setuid	105
#define SYS_setgid	106
#define SYS_geteuid	107
#define SYS_setreuid	113
#define SYS_getgroups	115
#define SYS_setgroups	116
#define SYS_setresuid	117
#define SYS_getresuid	118
#define SYS_setfsuid	122
#define SYS_capget	125
#define SYS_capset	126
#define SYS_rt_sigqueueinfo 129
#define SYS_personality	135
#define SYS_getpriority	140
#define SYS_setpriority	141
#define SYS_sched_getparam 143
#define SYS_sched_getscheduler 145
#define SYS_sched_get_priority_max 146
#define SYS_sched_rr_get_interval 148
#define SYS_prctl	157
#define SYS_setrlimit	160
#define SYS_sethostname	170
#define SYS_time	201
#define SYS_sched_setaffinity 203
#define SYS_sched_getaffinity 204
#define SYS_clock_gettime 228
#define SYS_clock_getres 229
#define SYS_prlimit64	302
#define SYS_getcpu	309
#define SYS_getrandom	318
#define SYS_mmap	9

#define SA_SIGINFO	4L
#define SA_RESTORER	0x04000000L
#define EPERM	1
#define ESRCH	3
#define EBADF	9
#define EFAULT	14
#define EMFILE	24
#define EINVAL	22
#define EACCES	13
#define RLIMIT_STACK	3
#define RLIMIT_NOFILE	7

struct kact {
	void		*handler;
	unsigned long	flags;
	void		(*restorer)(void);
	unsigned long	mask;
};

USYS_RESTORER;

static int failed;
static volatile long q_value;
static volatile int q_code;

static void
check(const char *what, int ok)
{
	usys_check("umisc", what, ok, &failed);
}

static int
streq(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

static void
spin_ms(long ms)
{
	long tv[2], start;

	usys(SYS_gettimeofday, (long)tv, 0, 0, 0);
	start = tv[0] * 1000 + tv[1] / 1000;
	do
		usys(SYS_gettimeofday, (long)tv, 0, 0, 0);
	while (tv[0] * 1000 + tv[1] / 1000 - start < ms);
}

/*
 * CPU time may run ahead of CLOCK_MONOTONIC by this much over an interval:
 * both are truncated to microseconds, and Linux counts it on the
 * scheduler's clock, not the monotonic one.
 */
#define CPU_SLACK_US	1000

/* CLOCK_MONOTONIC in microseconds. */
static long
mono_us(void)
{
	long ts[2] = { 0, 0 };

	usys(SYS_clock_gettime, 1, (long)ts, 0, 0);
	return ts[0] * 1000000 + ts[1] / 1000;
}

/* User plus system time of getrusage(who), in microseconds; -1: failed. */
static long
cpu_us(int who)
{
	long ru[18];

	if (usys(SYS_getrusage, who, (long)ru, 0, 0) != 0)
		return -1;
	return (ru[0] + ru[2]) * 1000000 + ru[1] + ru[3];
}

struct sinfo {
	int		signo, errno_, code, pad;
	int		pid;
	unsigned int	uid;
	long		value;
	char		rest[96];
};

static void
h_queue(int sig, struct sinfo *si, void *uc)
{
	(void)sig;
	(void)uc;
	q_code = si->code;
	q_value = si->value;
}

static void
test_info(void)
{
	unsigned char a[64] = { 0 }, b[64] = { 0 };
	long si[14], ru[18], tms[4], t1, t2, tv[2], ts[2];
	long w0, w1, c0, c1, k0, k1;
	int same = 1, nonzero = 0, ok;

	check("getrandom fills 64 bytes", usys(SYS_getrandom, (long)a, 64, 0,
	    0) == 64 && usys(SYS_getrandom, (long)b, 64, 1, 0) == 64);
	for (int i = 0; i < 64; i++) {
		same &= a[i] == b[i];
		nonzero |= a[i];
	}
	check("...with different, non-zero bytes each time", !same && nonzero);
	check("getrandom INSECURE|RANDOM: EINVAL", usys(SYS_getrandom,
	    (long)a, 8, 6, 0) == -EINVAL);
	check("sysinfo: RAM, free RAM, a process, unit", usys(SYS_sysinfo,
	    (long)si, 0, 0, 0) == 0 && si[4] > 0 && si[5] > 0 &&
	    si[5] <= si[4] && (si[10] & 0xffff) >= 1 &&
	    (int)si[13] == 4096);

	/*
	 * CPU time is whatever the CPU gave us: a loaded host may take the
	 * vCPU away for most of a spin.  What holds anyway: it grows while
	 * we run, and never faster than the monotonic clock (one thread).
	 */
	w0 = mono_us();
	c0 = cpu_us(0);
	spin_ms(30);
	c1 = cpu_us(0);
	w1 = mono_us();
	check("getrusage(SELF): the spin counted, not more than its wall time",
	    c0 >= 0 && c1 > c0 && c1 - c0 <= w1 - w0 + CPU_SLACK_US);
	check("getrusage bad who: EINVAL", usys(SYS_getrusage, 5, (long)ru, 0,
	    0) == -EINVAL);
	k0 = cpu_us(-1);
	w0 = mono_us();
	{
		long pid = usys(SYS_fork, 0, 0, 0, 0);

		if (pid == 0) {
			spin_ms(30);
			usys(SYS_exit, 0, 0, 0, 0);
		}
		ok = usys(SYS_wait4, pid, 0, 0, (long)ru) == pid;
		w1 = mono_us();
		c1 = (ru[0] + ru[2]) * 1000000 + ru[1] + ru[3];
		check("wait4's rusage: the child's CPU, within its lifetime",
		    ok && c1 > 0 && c1 <= w1 - w0 + CPU_SLACK_US);
	}
	k1 = cpu_us(-1);
	check("getrusage(CHILDREN): the reaped child's CPU appears",
	    k0 >= 0 && k1 > k0 && k1 - k0 <= w1 - w0 + CPU_SLACK_US);
	/* times counts the same CPU time as getrusage, in 10 ms ticks. */
	t1 = usys(SYS_times, (long)tms, 0, 0, 0);
	c1 = cpu_us(0);
	check("times: ticks since boot, own and children's CPU",
	    t1 > 0 && tms[0] + tms[1] <= c1 / 10000 &&
	    tms[2] + tms[3] <= k1 / 10000 && tms[2] + tms[3] >= k1 / 10000 - 1);
	spin_ms(20);
	t2 = usys(SYS_times, 0, 0, 0, 0);
	check("times advances (100 Hz)", t2 >= t1 + 1);
	check("gettimeofday and time agree",
	    usys(SYS_gettimeofday, (long)tv, 0, 0, 0) == 0 &&
	    tv[1] >= 0 && tv[1] < 1000000 &&
	    usys(SYS_time, 0, 0, 0, 0) - tv[0] <= 1);
	check("clock_getres(MONOTONIC): 1 ns", usys(SYS_clock_getres, 1,
	    (long)ts, 0, 0) == 0 && ts[0] == 0 && ts[1] == 1);
	check("clock_getres bad clock: EINVAL", usys(SYS_clock_getres, 99,
	    (long)ts, 0, 0) == -EINVAL);
}

static void
test_limits(void)
{
	long rl[2], nrl[2], fd, saved[2];

	check("getrlimit(NOFILE): Linux's 1024 soft, 4096 hard",
	    usys(SYS_getrlimit, RLIMIT_NOFILE, (long)rl, 0, 0) == 0 &&
	    rl[0] == 1024 && rl[1] == 4096);
	check("getrlimit(STACK): 8 MiB soft",
	    usys(SYS_getrlimit, RLIMIT_STACK, (long)rl, 0, 0) == 0 &&
	    rl[0] == 8L << 20);
	nrl[0] = 10;
	nrl[1] = 5;
	check("setrlimit soft above hard: EINVAL", usys(SYS_setrlimit,
	    RLIMIT_NOFILE, (long)nrl, 0, 0) == -EINVAL);
	nrl[1] = 1048577;
	check("NOFILE hard above fs.nr_open: EPERM", usys(SYS_setrlimit,
	    RLIMIT_NOFILE, (long)nrl, 0, 0) == -EPERM);
	nrl[0] = 0x1234;
	nrl[1] = 0x5678;
	check("prlimit64 sets and returns the old", usys(SYS_prlimit64, 0,
	    RLIMIT_STACK, (long)nrl, (long)saved) == 0 && saved[0] == 8L << 20 &&
	    usys(SYS_prlimit64, 0, RLIMIT_STACK, 0, (long)rl) == 0 &&
	    rl[0] == 0x1234 && rl[1] == 0x5678);
	check("prlimit64 on no such process: ESRCH", usys(SYS_prlimit64, 99999,
	    RLIMIT_STACK, 0, (long)rl) == -ESRCH);
	fd = usys(SYS_fork, 0, 0, 0, 0);
	if (fd == 0) {
		/* In a child: lower NOFILE to 4, then dup must stop there. */
		long lim[2] = { 4, 4 }, r;

		usys(SYS_setrlimit, RLIMIT_NOFILE, (long)lim, 0, 0);
		r = usys(SYS_dup, 0, 0, 0, 0);
		usys(SYS_exit, r == 3 && usys(SYS_dup, 0, 0, 0, 0) == -EMFILE ?
		    0 : 1, 0, 0, 0);
	}
	{
		int st = -1;

		usys(SYS_wait4, fd, (long)&st, 0, 0);
		check("RLIMIT_NOFILE 4: dup gives 3, then EMFILE", st == 0);
	}
}

static void
test_sched(void)
{
	unsigned long mask = 0, one = 1, two = 2;
	long ts[2];
	int prio = -1;

	check("sched_yield", usys(SYS_sched_yield, 0, 0, 0, 0) == 0);
	check("sched_getaffinity: CPU 0 only, 8 bytes",
	    usys(SYS_sched_getaffinity, 0, 8, (long)&mask, 0) == 8 &&
	    mask == 1);
	check("sched_getaffinity short buffer: EINVAL",
	    usys(SYS_sched_getaffinity, 0, 4, (long)&mask, 0) == -EINVAL);
	check("sched_setaffinity to CPU 0", usys(SYS_sched_setaffinity, 0, 8,
	    (long)&one, 0) == 0);
	check("sched_setaffinity without CPU 0: EINVAL",
	    usys(SYS_sched_setaffinity, 0, 8, (long)&two, 0) == -EINVAL);
	check("sched_getscheduler: SCHED_OTHER",
	    usys(SYS_sched_getscheduler, 0, 0, 0, 0) == 0);
	check("sched_getparam: priority 0", usys(SYS_sched_getparam, 0,
	    (long)&prio, 0, 0) == 0 && prio == 0);
	check("sched_get_priority_max(FIFO) 99, bad policy EINVAL",
	    usys(SYS_sched_get_priority_max, 1, 0, 0, 0) == 99 &&
	    usys(SYS_sched_get_priority_max, 42, 0, 0, 0) == -EINVAL);
	check("sched_rr_get_interval: the 10 ms slice",
	    usys(SYS_sched_rr_get_interval, 0, (long)ts, 0, 0) == 0 &&
	    ts[0] == 0 && ts[1] == 10000000);
	check("getpriority: nice 0 reads 20", usys(SYS_getpriority, 0, 0, 0,
	    0) == 20);
	check("setpriority 5, read back 15", usys(SYS_setpriority, 0, 0, 5,
	    0) == 0 && usys(SYS_getpriority, 0, 0, 0, 0) == 15);
	check("setpriority clamps to 19", usys(SYS_setpriority, 0, 0, 100, 0)
	    == 0 && usys(SYS_getpriority, 0, 0, 0, 0) == 1);
	usys(SYS_setpriority, 0, 0, 0, 0);
	check("getpriority bad which: EINVAL", usys(SYS_getpriority, 7, 0, 0,
	    0) == -EINVAL);
	check("getpriority no such process: ESRCH", usys(SYS_getpriority, 0,
	    99999, 0, 0) == -ESRCH);
}

static void
cred_child(void)
{
	unsigned int r = 9, e = 9, s = 9;
	int ok = 1;

	/* Root gives up: real, effective, saved all 1000 via setresuid. */
	ok &= usys(SYS_setresuid, 1000, 1000, 1000, 0) == 0;
	ok &= usys(SYS_getuid, 0, 0, 0, 0) == 1000 &&
	    usys(SYS_geteuid, 0, 0, 0, 0) == 1000;
	ok &= usys(SYS_setuid, 0, 0, 0, 0) == -EPERM;
	ok &= usys(SYS_setresuid, -1, 0, -1, 0) == -EPERM;
	ok &= usys(SYS_setreuid, -1, 1000, 0, 0) == 0;
	ok &= usys(SYS_getresuid, (long)&r, (long)&e, (long)&s, 0) == 0 &&
	    r == 1000 && e == 1000 && s == 1000;
	ok &= usys(SYS_setgroups, 0, 0, 0, 0) == -EPERM;
	ok &= usys(SYS_sethostname, (long)"x", 1, 0, 0) == -EPERM;
	ok &= usys(SYS_setpriority, 0, 0, -5, 0) == -EACCES;
	ok &= usys(SYS_kill, 1, 0, 0, 0) == -EPERM;	/* init is root's */
	ok &= usys(SYS_setfsuid, -1, 0, 0, 0) == 1000;
	{
		unsigned int hdr[2] = { 0x20080522, 0 }, d[6] = { 1 };

		ok &= usys(SYS_capget, (long)hdr, (long)d, 0, 0) == 0 &&
		    d[0] == 0 && d[1] == 0;
	}
	usys(SYS_exit, ok ? 0 : 1, 0, 0, 0);
}

static void
test_creds(void)
{
	unsigned int groups[4] = { 10, 20, 30, 0 }, got[4] = { 0 };
	unsigned int hdr[2] = { 0x20080522, 0 }, d[6] = { 0 };
	long pid;
	int st = -1;

	check("root: uid 0, gid 0", usys(SYS_getuid, 0, 0, 0, 0) == 0 &&
	    usys(SYS_getgid, 0, 0, 0, 0) == 0);
	check("setgroups, getgroups count and list",
	    usys(SYS_setgroups, 3, (long)groups, 0, 0) == 0 &&
	    usys(SYS_getgroups, 0, 0, 0, 0) == 3 &&
	    usys(SYS_getgroups, 4, (long)got, 0, 0) == 3 && got[0] == 10 &&
	    got[2] == 30);
	check("getgroups too small: EINVAL", usys(SYS_getgroups, 1, (long)got,
	    0, 0) == -EINVAL);
	check("setgroups too many: EINVAL", usys(SYS_setgroups, 100000,
	    (long)groups, 0, 0) == -EINVAL);
	check("setgid as root", usys(SYS_setgid, 50, 0, 0, 0) == 0 &&
	    usys(SYS_getgid, 0, 0, 0, 0) == 50 && usys(SYS_setgid, 0, 0, 0,
	    0) == 0);
	check("capget: root holds capabilities", usys(SYS_capget, (long)hdr,
	    (long)d, 0, 0) == 0 && d[0] == 0xffffffff && d[1] == 0xffffffff);
	check("capset of what is held", usys(SYS_capset, (long)hdr, (long)d,
	    0, 0) == 0);
	hdr[0] = 1;
	check("capget bad version: EINVAL, version written back",
	    usys(SYS_capget, (long)hdr, (long)d, 0, 0) == -EINVAL &&
	    hdr[0] == 0x20080522);
	if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0)
		cred_child();
	usys(SYS_wait4, pid, (long)&st, 0, 0);
	check("unprivileged set*id, groups, hostname, nice, kill, caps rules",
	    st == 0);
}

static void
test_rest(void)
{
	char name[16] = { 0 }, u[6][65];
	unsigned int cpu = 9, node = 9;
	long page;
	struct sinfo info = { 0 };
	struct kact a = { h_queue, SA_SIGINFO | SA_RESTORER, usys_restorer, 0 };
	long me = usys(SYS_getpid, 0, 0, 0, 0);

	check("personality query: PER_LINUX", usys(SYS_personality,
	    0xffffffff, 0, 0, 0) == 0);
	check("personality set and read back", usys(SYS_personality, 0x0040000,
	    0, 0, 0) == 0 && usys(SYS_personality, 0, 0, 0, 0) == 0x0040000);
	check("getcpu: CPU 0, node 0", usys(SYS_getcpu, (long)&cpu,
	    (long)&node, 0, 0) == 0 && cpu == 0 && node == 0);
	check("prctl PR_SET_NAME, PR_GET_NAME", usys(SYS_prctl, 15,
	    (long)"renamed", 0, 0) == 0 && usys(SYS_prctl, 16, (long)name, 0,
	    0) == 0 && streq(name, "renamed"));
	check("prctl unknown option: EINVAL", usys(SYS_prctl, 12345, 0, 0, 0)
	    == -EINVAL);
	page = usys6(SYS_mmap, 0, 4096, 3, 0x22, -1, 0);
	check("madvise unaligned: EINVAL", usys(SYS_madvise, page + 1, 4096,
	    0, 0) == -EINVAL);
	check("sethostname, uname shows it", usys(SYS_sethostname,
	    (long)"guest7", 6, 0, 0) == 0 && usys(SYS_uname, (long)u, 0, 0, 0)
	    == 0 && streq(u[1], "guest7") && streq(u[0], "Linux"));
	check("sethostname too long: EINVAL", usys(SYS_sethostname,
	    (long)u, 65, 0, 0) == -EINVAL);
	usys(SYS_rt_sigaction, 10, (long)&a, 0, 8);
	info.code = -1;				/* SI_QUEUE */
	info.value = 0x1234567;
	check("rt_sigqueueinfo delivers si_code and si_value",
	    usys(SYS_rt_sigqueueinfo, me, 10, (long)&info, 0) == 0 &&
	    q_code == -1 && q_value == 0x1234567);
	info.code = 0;				/* SI_USER: posing as kill */
	check("rt_sigqueueinfo SI_USER to another process: EPERM",
	    usys(SYS_rt_sigqueueinfo, 1 + (me == 1), 10, (long)&info, 0) ==
	    -EPERM);
}

/* Linux's order: the descriptor, its mode, then the buffer's range. */
static void
test_rw_errors(void)
{
	long kern = (long)0xffffffff80000000UL, null, ro, both;
	char b[4];

	null = usys(SYS_open, (long)"/dev/null", 2, 0, 0);	/* O_RDWR */
	ro = usys(SYS_open, (long)"/dev/null", 0, 0, 0);	/* O_RDONLY */
	both = usys(SYS_open, (long)"/dev/zero", 3, 0, 0);	/* neither */
	check("/dev/null: any user-half buffer, not the kernel's",
	    usys(SYS_write, null, 0x10, 10, 0) == 10 &&
	    usys(SYS_read, null, 0x10, 10, 0) == 0 &&
	    usys(SYS_write, null, kern, 10, 0) == -EFAULT &&
	    usys(SYS_read, null, kern, 10, 0) == -EFAULT);
	check("a negative length is EFAULT",
	    usys(SYS_read, null, (long)b, -1, 0) == -EFAULT &&
	    usys(SYS_write, null, (long)b, -1, 0) == -EFAULT);
	check("the mode is checked before the buffer",
	    usys(SYS_write, ro, kern, 10, 0) == -EBADF &&
	    usys(SYS_write, ro, (long)b, 1, 0) == -EBADF);
	check("access mode 3: neither read nor write",
	    both >= 0 && usys(SYS_read, both, (long)b, 1, 0) == -EBADF &&
	    usys(SYS_write, both, (long)b, 1, 0) == -EBADF);
	check("a closed descriptor is EBADF before the buffer",
	    usys(SYS_read, 99, kern, 1, 0) == -EBADF);
	usys(SYS_close, null, 0, 0, 0);
	usys(SYS_close, ro, 0, 0, 0);
	usys(SYS_close, both, 0, 0, 0);
}

void
cstart(void)
{
	test_info();
	test_limits();
	test_sched();
	test_creds();
	test_rest();
	test_rw_errors();
	usys_finish("umisc", failed);
}

USYS_START;
