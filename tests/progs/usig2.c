/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Signals, second part, no libc: siginfo contents (kill, SIGCHLD,
 * faults), the alternate stack, SA_RESTART/SA_RESETHAND/SA_NODEFER,
 * catchable SIGSEGV/SIGILL/SIGTRAP/SIGFPE with si_addr and a handler that
 * resumes elsewhere, faults that must kill (blocked, in their own
 * handler, default) with the core bit, sigpending, sigtimedwait,
 * sigsuspend, alarm and setitimer, SIGPIPE, waitid, the
 * select/pselect6/ppoll/poll family with timeouts, masks and EINTR, and
 * real-time signals that queue (order, si_value, a full queue, discard).
 * Exits 0 if all held.
 */
#include "usys.h"

#define SYS_read	0
#define SYS_write	1
#define SYS_close	3
#define SYS_poll	7
#define SYS_rt_sigaction 13
#define SYS_rt_sigprocmask 14
#define SYS_pipe	22
#define SYS_select	23
#define SYS_pause	34
#define SYS_nanosleep	35
#define SYS_getitimer	36
#define SYS_alarm	37
#define SYS_setitimer	38
#define SYS_getpid	39
#define SYS_fork	57
#define SYS_exit	60
#define SYS_wait4	61
#define SYS_kill	62
#define SYS_rt_sigpending 127
#define SYS_rt_sigtimedwait 128
#define SYS_rt_sigqueueinfo 129
#define SYS_rt_sigsuspend 130
#define SYS_sigaltstack	131
#define SYS_waitid	247
#define SYS_pselect6	270
#define SYS_ppoll	271

#define SA_SIGINFO	4L
#define SA_ONSTACK	0x08000000L
#define SA_RESTORER	0x04000000L
#define SA_RESTART	0x10000000L
#define SA_NODEFER	0x40000000L
#define SA_RESETHAND	0x80000000L
#define SIGILL	4
#define SIGTRAP	5
#define SIGFPE	8
#define SIGKILL	9
#define SIGUSR1	10
#define SIGSEGV	11
#define SIGUSR2	12
#define SIGPIPE	13
#define SIGALRM	14
#define SIGCHLD	17
#define EINTR	4
#define EAGAIN	11
#define ENOMEM	12
#define EPERM	1
#define EINVAL	22
#define EPIPE	32
#define EBADF	9
#define BIT(s)	(1UL << ((s) - 1))

struct kact {
	void		*handler;
	unsigned long	flags;
	void		(*restorer)(void);
	unsigned long	mask;
};

struct sinfo {
	int	si_signo, si_errno, si_code, pad;
	union {
		struct { int pid; unsigned int uid; int status; } k;
		unsigned long addr;
	};
	char	rest[96];
};

struct stk {
	unsigned long	sp;
	int		flags, pad;
	unsigned long	size;
};

struct uctx {
	unsigned long	flags, link;
	struct stk	stack;
	unsigned long	gregs[23];	/* r8..r15 rdi rsi rbp rbx rdx rax rcx
					 * rsp rip ... */
};
#define UC_RIP	16

USYS_RESTORER;

static int failed;
static volatile int hits, got_sig, got_code, got_pid, got_status;
static volatile unsigned long got_addr, got_sp, resume_at;
static volatile int got_ss_flags, got_ss_eperm;
static volatile unsigned long got_mask;
static volatile int *volatile nullp;
static char altstack[16384] __attribute__((aligned(16)));

static void
check(const char *what, int ok)
{
	usys_check("usig2", what, ok, &failed);
}

static long
action(int sig, void *h, long flags, unsigned long mask)
{
	struct kact a = { h, flags | SA_RESTORER, usys_restorer, mask };

	return usys(SYS_rt_sigaction, sig, (long)&a, 0, 8);
}

static long
getpid(void)
{
	return usys(SYS_getpid, 0, 0, 0, 0);
}

static void
sleep_ms(long ms)
{
	long ts[2] = { ms / 1000, (ms % 1000) * 1000000 };

	usys(SYS_nanosleep, (long)ts, 0, 0, 0);
}

static void
h_info(int sig, struct sinfo *si, struct uctx *uc)
{
	struct stk ss;
	unsigned long sp;

	__asm__ volatile("movq %%rsp, %0" : "=r"(sp));
	hits++;
	got_sig = sig;
	got_code = si->si_code;
	got_pid = si->k.pid;
	got_status = si->k.status;
	got_addr = si->addr;
	got_sp = sp;
	usys(SYS_sigaltstack, 0, (long)&ss, 0, 0);
	got_ss_flags = ss.flags;
	ss.flags = 0;
	ss.sp = (unsigned long)altstack;
	ss.size = sizeof(altstack);
	got_ss_eperm = usys(SYS_sigaltstack, (long)&ss, 0, 0, 0) == -EPERM;
	usys(SYS_rt_sigprocmask, 0, 0, (long)&got_mask, 8);
	if (resume_at != 0) {
		uc->gregs[UC_RIP] = resume_at;
		resume_at = 0;
	}
}

static void
h_count(int sig)
{
	(void)sig;
	hits++;
}

/*
 * Run one faulting instruction; the handler resumes at the label after
 * it.  Returns the handler's hits count change.
 */
#define FAULT(insn)							\
	__asm__ volatile("leaq 1f(%%rip), %%rax\n\t"			\
	    "movq %%rax, resume_at(%%rip)\n\t"				\
	    insn "\n"							\
	    "1:" ::: "rax", "rcx", "rdx", "memory")

static void
test_siginfo_and_altstack(void)
{
	struct stk ss = { (unsigned long)altstack, 0, 0, sizeof(altstack) }, old;
	long me = getpid();

	check("SA_SIGINFO handler installed",
	    action(SIGUSR1, h_info, SA_SIGINFO, 0) == 0);
	usys(SYS_kill, me, SIGUSR1, 0, 0);
	check("kill: si_signo, si_code SI_USER, si_pid", hits == 1 &&
	    got_sig == SIGUSR1 && got_code == 0 && got_pid == me);
	check("handler runs with its signal blocked",
	    (got_mask & BIT(SIGUSR1)) != 0);
	check("off the alternate stack: SS_DISABLE", got_ss_flags == 2);

	check("sigaltstack too small: ENOMEM", usys(SYS_sigaltstack,
	    (long)&(struct stk){ (unsigned long)altstack, 0, 0, 1024 }, 0, 0, 0)
	    == -ENOMEM);
	check("sigaltstack bad flags: EINVAL", usys(SYS_sigaltstack,
	    (long)&(struct stk){ (unsigned long)altstack, 99, 0, 8192 }, 0, 0, 0)
	    == -EINVAL);
	check("sigaltstack bad pointer: EFAULT", usys(SYS_sigaltstack, 16, 0,
	    0, 0) == -14);
	check("sigaltstack set", usys(SYS_sigaltstack, (long)&ss, 0, 0, 0) == 0);
	check("sigaltstack reads back", usys(SYS_sigaltstack, 0, (long)&old, 0,
	    0) == 0 && old.sp == ss.sp && old.size == ss.size && old.flags == 0);
	action(SIGUSR1, h_info, SA_SIGINFO | SA_ONSTACK, 0);
	usys(SYS_kill, me, SIGUSR1, 0, 0);
	check("SA_ONSTACK handler runs on the alternate stack", hits == 2 &&
	    got_sp > (unsigned long)altstack &&
	    got_sp < (unsigned long)altstack + sizeof(altstack));
	check("...where sigaltstack says SS_ONSTACK", got_ss_flags == 1);
	check("...and refuses a change with EPERM", got_ss_eperm);
	action(SIGUSR1, h_info, SA_SIGINFO, 0);
	usys(SYS_kill, me, SIGUSR1, 0, 0);
	check("without SA_ONSTACK the normal stack", hits == 3 &&
	    !(got_sp > (unsigned long)altstack &&
	    got_sp < (unsigned long)altstack + sizeof(altstack)));
	ss.flags = 2;				/* SS_DISABLE */
	check("sigaltstack disable", usys(SYS_sigaltstack, (long)&ss, 0, 0, 0)
	    == 0 && usys(SYS_sigaltstack, 0, (long)&old, 0, 0) == 0 &&
	    old.flags == 2);
}

static void
test_flags(void)
{
	struct kact cur;
	long me = getpid();

	hits = 0;
	action(SIGUSR2, h_count, SA_RESETHAND, 0);
	usys(SYS_kill, me, SIGUSR2, 0, 0);
	usys(SYS_rt_sigaction, SIGUSR2, 0, (long)&cur, 8);
	check("SA_RESETHAND: handler ran, action back to SIG_DFL",
	    hits == 1 && cur.handler == 0);
	action(SIGUSR1, h_info, SA_SIGINFO | SA_NODEFER, BIT(SIGUSR2));
	usys(SYS_kill, me, SIGUSR1, 0, 0);
	check("SA_NODEFER: own signal not blocked, sa_mask is",
	    !(got_mask & BIT(SIGUSR1)) && (got_mask & BIT(SIGUSR2)));
	check("sigaction(sig, &a, &a) swaps", ({
		struct kact a = { h_count, SA_RESTORER, usys_restorer, 0 };
		usys(SYS_rt_sigaction, SIGUSR1, (long)&a, (long)&a, 8) == 0 &&
		    a.handler == (void *)h_info; }));
	check("bad sigsetsize: EINVAL", usys(SYS_rt_sigaction, SIGUSR1, 0, 0,
	    4) == -EINVAL);
}

static void
test_faults(void)
{
	static const char ro[8] = "ro";

	action(SIGSEGV, h_info, SA_SIGINFO, 0);
	action(SIGILL, h_info, SA_SIGINFO, 0);
	action(SIGTRAP, h_info, SA_SIGINFO, 0);
	action(SIGFPE, h_info, SA_SIGINFO, 0);

	hits = 0;
	FAULT("movb $1, 0x10");
	check("null write: SIGSEGV, SEGV_MAPERR, si_addr", hits == 1 &&
	    got_sig == SIGSEGV && got_code == 1 && got_addr == 0x10);
	FAULT("movq $0xffff800000000000, %%rcx\n\tmovb $1, (%%rcx)");
	check("kernel write: SIGSEGV, SEGV_MAPERR, si_addr", hits == 2 &&
	    got_sig == SIGSEGV && got_code == 1 &&
	    got_addr == 0xffff800000000000UL);
	__asm__ volatile("" ::: "memory");
	FAULT("leaq cstart(%%rip), %%rcx\n\tmovb $1, (%%rcx)");
	check("write to own text: SIGSEGV, SEGV_ACCERR", hits == 3 &&
	    got_sig == SIGSEGV && got_code == 2);
	(void)ro;
	FAULT("cli");
	check("cli: SIGSEGV, SI_KERNEL", hits == 4 && got_sig == SIGSEGV &&
	    got_code == 0x80);
	FAULT("ud2");
	check("ud2: SIGILL, ILL_ILLOPN, si_addr = the instruction",
	    hits == 5 && got_sig == SIGILL && got_code == 2 && got_addr != 0);
	FAULT("int3");
	check("int3: SIGTRAP", hits == 6 && got_sig == SIGTRAP);
	FAULT("xorl %%ecx, %%ecx\n\tdivl %%ecx");
	check("divide by zero: SIGFPE, FPE_INTDIV", hits == 7 &&
	    got_sig == SIGFPE && got_code == 1);
	FAULT("movq $0x8000000000000000, %%rcx\n\tmovb (%%rcx), %%al");
	check("non-canonical read: SIGSEGV", hits == 8 && got_sig == SIGSEGV);
	check("every fault resumed where the handler said", 1);
}

/* Fork a child running fn; return its wait status. */
static int
child_status(void (*fn)(void))
{
	long pid = usys(SYS_fork, 0, 0, 0, 0);
	int st = -1;

	if (pid == 0) {
		fn();
		usys(SYS_exit, 0, 0, 0, 0);
	}
	usys(SYS_wait4, pid, (long)&st, 0, 0);
	return st;
}

static void
c_fault_dfl(void)
{
	struct kact dfl = { 0, 0, 0, 0 };

	usys(SYS_rt_sigaction, SIGSEGV, (long)&dfl, 0, 8);
	*nullp = 1;
}

static void
c_fault_blocked(void)
{
	unsigned long set = BIT(SIGSEGV);

	action(SIGSEGV, h_count, 0, 0);
	usys(SYS_rt_sigprocmask, 0, (long)&set, 0, 8);
	*nullp = 1;
}

static void
h_fault_again(int sig)
{
	(void)sig;
	nullp[2] = 1;		/* faults inside its own handler */
}

static void
c_fault_nested(void)
{
	action(SIGSEGV, h_fault_again, 0, 0);
	*nullp = 1;
}

static void
c_fault_ignored(void)
{
	action(SIGILL, (void *)1, 0, 0);
	__asm__ volatile("ud2");
}

static void
c_sigpipe(void)
{
	int fds[2];

	usys(SYS_pipe, (long)fds, 0, 0, 0);
	usys(SYS_close, fds[0], 0, 0, 0);
	usys(SYS_write, fds[1], (long)"x", 1, 0);
}

static void
test_fatal(void)
{
	check("SIGSEGV default: killed with core (0x8b)",
	    child_status(c_fault_dfl) == 0x8b);
	check("SIGSEGV while blocked: killed", child_status(c_fault_blocked)
	    == 0x8b);
	check("SIGSEGV inside its handler: killed",
	    child_status(c_fault_nested) == 0x8b);
	check("ignored SIGILL from ud2: killed with core (0x84)",
	    child_status(c_fault_ignored) == 0x84);
	check("SIGPIPE default kills the writer (no core)",
	    child_status(c_sigpipe) == SIGPIPE);
}

static void
test_pipe_signals(void)
{
	int fds[2];

	usys(SYS_pipe, (long)fds, 0, 0, 0);
	usys(SYS_close, fds[0], 0, 0, 0);
	action(SIGPIPE, (void *)1, 0, 0);
	check("ignored SIGPIPE: write gets EPIPE", usys(SYS_write, fds[1],
	    (long)"x", 1, 0) == -EPIPE);
	hits = 0;
	action(SIGPIPE, h_count, 0, 0);
	check("caught SIGPIPE: EPIPE after the handler", usys(SYS_write,
	    fds[1], (long)"x", 1, 0) == -EPIPE && hits == 1);
	usys(SYS_close, fds[1], 0, 0, 0);
}

static void
test_restart(void)
{
	int fds[2], st = 0;
	long pid, r;
	char c = 0;

	/* The child's read is interrupted by a SA_RESTART handler, then
	 * restarted; it sees the byte written afterwards, never EINTR. */
	usys(SYS_pipe, (long)fds, 0, 0, 0);
	action(SIGUSR2, h_count, SA_RESTART, 0);
	if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0) {
		hits = 0;
		r = usys(SYS_read, fds[0], (long)&c, 1, 0);
		usys(SYS_exit, r == 1 && c == 'R' && hits == 1 ? 42 : 1, 0, 0, 0);
	}
	sleep_ms(50);
	usys(SYS_kill, pid, SIGUSR2, 0, 0);
	sleep_ms(50);
	usys(SYS_write, fds[1], (long)"R", 1, 0);
	usys(SYS_wait4, pid, (long)&st, 0, 0);
	check("SA_RESTART: read restarts after the handler", st == (42 << 8));

	/* wait4 restarts too. */
	if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0) {
		long gc = usys(SYS_fork, 0, 0, 0, 0);

		if (gc == 0) {
			sleep_ms(150);
			usys(SYS_exit, 7, 0, 0, 0);
		}
		hits = 0;
		r = usys(SYS_wait4, gc, (long)&st, 0, 0);
		usys(SYS_exit, r == gc && st == (7 << 8) && hits == 1 ? 43 : 1,
		    0, 0, 0);
	}
	sleep_ms(50);
	usys(SYS_kill, pid, SIGUSR2, 0, 0);
	usys(SYS_wait4, pid, (long)&st, 0, 0);
	check("SA_RESTART: wait4 restarts after the handler", st == (43 << 8));
	/*
	 * nanosleep: a stop and continue (no handler) resume the sleep
	 * through restart_syscall to its first deadline; a handler cuts it
	 * short with EINTR and the time left.
	 */
	if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0) {
		long ts[2] = { 0, 300000000 }, rem[2] = { 0, 0 }, t0[2], t1[2];

		usys(228, 1, (long)t0, 0, 0);		/* clock_gettime */
		r = usys(SYS_nanosleep, (long)ts, (long)rem, 0, 0);
		usys(228, 1, (long)t1, 0, 0);
		usys(SYS_exit, r == 0 && (t1[0] - t0[0]) * 1000000000L +
		    t1[1] - t0[1] >= 300000000L ? 44 : 1, 0, 0, 0);
	}
	sleep_ms(50);
	usys(SYS_kill, pid, 19, 0, 0);			/* SIGSTOP */
	sleep_ms(50);
	usys(SYS_kill, pid, 18, 0, 0);			/* SIGCONT */
	usys(SYS_wait4, pid, (long)&st, 0, 0);
	check("nanosleep resumes after stop/continue, full time slept",
	    st == (44 << 8));
	if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0) {
		long ts[2] = { 2, 0 }, rem[2] = { 0, 0 };

		r = usys(SYS_nanosleep, (long)ts, (long)rem, 0, 0);
		usys(SYS_exit, r == -EINTR && rem[0] >= 1 && rem[0] <= 2 &&
		    usys(219, 0, 0, 0, 0) == -EINTR ? 45 : 1, 0, 0, 0);
	}
	sleep_ms(50);
	usys(SYS_kill, pid, SIGUSR2, 0, 0);	/* handler, SA_RESTART */
	usys(SYS_wait4, pid, (long)&st, 0, 0);
	check("nanosleep with a handler: EINTR, time left, no restart",
	    st == (45 << 8));
	usys(SYS_close, fds[0], 0, 0, 0);
	usys(SYS_close, fds[1], 0, 0, 0);
}

static void
test_waiting(void)
{
	unsigned long set = BIT(SIGUSR1), pend = 0, empty = 0, cur;
	struct sinfo si;
	long me = getpid(), pid, r;
	long ts0[2] = { 0, 0 }, ts50[2] = { 0, 50000000 };

	usys(SYS_rt_sigprocmask, 0, (long)&set, 0, 8);
	usys(SYS_kill, me, SIGUSR1, 0, 0);
	check("sigpending shows a blocked signal",
	    usys(SYS_rt_sigpending, (long)&pend, 8, 0, 0) == 0 &&
	    (pend & BIT(SIGUSR1)));
	si.si_signo = 0;
	check("sigtimedwait takes it with its siginfo",
	    usys(SYS_rt_sigtimedwait, (long)&set, (long)&si, (long)ts0, 8) ==
	    SIGUSR1 && si.si_signo == SIGUSR1 && si.k.pid == me);
	check("...and it is no longer pending",
	    usys(SYS_rt_sigpending, (long)&pend, 8, 0, 0) == 0 &&
	    !(pend & BIT(SIGUSR1)));
	check("sigtimedwait, nothing pending, zero timeout: EAGAIN",
	    usys(SYS_rt_sigtimedwait, (long)&set, 0, (long)ts0, 8) == -EAGAIN);
	check("sigtimedwait times out after 50 ms: EAGAIN",
	    usys(SYS_rt_sigtimedwait, (long)&set, 0, (long)ts50, 8) == -EAGAIN);
	check("sigtimedwait bad timeout: EINVAL", usys(SYS_rt_sigtimedwait,
	    (long)&set, 0, (long)(long[]){ 0, 1000000000 }, 8) == -EINVAL);

	/* A child signals us later; sigtimedwait sleeps until then. */
	if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0) {
		sleep_ms(30);
		usys(SYS_kill, me, SIGUSR1, 0, 0);
		usys(SYS_exit, 0, 0, 0, 0);
	}
	check("sigtimedwait wakes for a blocked signal sent later",
	    usys(SYS_rt_sigtimedwait, (long)&set, 0, 0, 8) == SIGUSR1);
	usys(SYS_wait4, pid, 0, 0, 0);

	/* sigsuspend: runs the handler with the given mask, then EINTR and
	 * the old mask. */
	hits = 0;
	action(SIGUSR1, h_count, 0, 0);
	if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0) {
		sleep_ms(30);
		usys(SYS_kill, me, SIGUSR1, 0, 0);
		usys(SYS_exit, 0, 0, 0, 0);
	}
	r = usys(SYS_rt_sigsuspend, (long)&empty, 8, 0, 0);
	usys(SYS_rt_sigprocmask, 0, 0, (long)&cur, 8);
	check("sigsuspend: handler ran, EINTR, old mask back",
	    r == -EINTR && hits == 1 && (cur & BIT(SIGUSR1)));
	usys(SYS_wait4, pid, 0, 0, 0);
	usys(SYS_rt_sigprocmask, 1, (long)&set, 0, 8);	/* unblock */

	/* alarm and pause. */
	hits = 0;
	action(SIGALRM, h_info, SA_SIGINFO, 0);
	check("alarm: nothing armed before", usys(SYS_alarm, 1, 0, 0, 0) == 0);
	check("alarm again: about 1 s left", usys(SYS_alarm, 1, 0, 0, 0) == 1);
	r = usys(SYS_pause, 0, 0, 0, 0);
	check("pause ends with EINTR after SIGALRM's handler",
	    r == -EINTR && hits == 1 && got_sig == SIGALRM);
	check("alarm(0) after it fired returns 0", usys(SYS_alarm, 0, 0, 0, 0)
	    == 0);

	/* setitimer: 20 ms period, three expiries. */
	{
		long itv[4] = { 0, 20000, 0, 20000 }, old[4], now[4];

		hits = 0;
		check("setitimer ITIMER_REAL", usys(SYS_setitimer, 0,
		    (long)itv, (long)old, 0) == 0 && old[2] == 0 &&
		    old[3] == 0);
		check("getitimer reads it armed", usys(SYS_getitimer, 0,
		    (long)now, 0, 0) == 0 && now[1] == 20000 &&
		    (now[2] > 0 || now[3] > 0));
		while (hits < 3)
			usys(SYS_pause, 0, 0, 0, 0);
		check("periodic timer fired three times", hits == 3);
		itv[0] = itv[1] = itv[2] = itv[3] = 0;
		check("setitimer disarms", usys(SYS_setitimer, 0, (long)itv,
		    0, 0) == 0 && usys(SYS_getitimer, 0, (long)now, 0, 0) ==
		    0 && now[2] == 0 && now[3] == 0);
		check("setitimer bad usec: EINVAL", usys(SYS_setitimer, 0,
		    (long)(long[]){ 0, 0, 0, 1000000 }, 0, 0) == -EINVAL);
		check("setitimer bad which: EINVAL", usys(SYS_setitimer, 7,
		    (long)itv, 0, 0) == -EINVAL);
	}
}

static void
test_sigchld_waitid(void)
{
	struct sinfo si;
	long pid;
	int st;

	hits = 0;
	action(SIGCHLD, h_info, SA_SIGINFO | SA_RESTART, 0);
	if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0)
		usys(SYS_exit, 5, 0, 0, 0);
	while (hits == 0)
		usys(SYS_pause, 0, 0, 0, 0);
	check("SIGCHLD: CLD_EXITED, si_pid, si_status", got_sig == SIGCHLD &&
	    got_code == 1 && got_pid == pid && got_status == 5);
	si.si_signo = 0;
	check("waitid WNOWAIT peeks", usys(SYS_waitid, 1, pid, (long)&si,
	    4 | 0x01000000) == 0 && si.si_signo == SIGCHLD && si.si_code == 1 &&
	    si.k.pid == pid && si.k.status == 5);
	check("waitid P_PID WEXITED reaps", usys(SYS_waitid, 1, pid, (long)&si,
	    4) == 0 && si.k.pid == pid);
	check("...then it is gone: ECHILD", usys(SYS_waitid, 1, pid, (long)&si,
	    4) == -10);
	action(SIGCHLD, 0, 0, 0);
	if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0) {
		sleep_ms(100);
		usys(SYS_exit, 0, 0, 0, 0);
	}
	si.k.pid = 99;
	check("waitid WNOHANG, still running: 0 and si_pid 0",
	    usys(SYS_waitid, 0, 0, (long)&si, 4 | 1) == 0 && si.k.pid == 0);
	check("waitid bad idtype: EINVAL", usys(SYS_waitid, 9, 0, (long)&si, 4)
	    == -EINVAL);
	check("waitid no WEXITED/WSTOPPED/WCONTINUED: EINVAL",
	    usys(SYS_waitid, 0, 0, (long)&si, 1) == -EINVAL);
	check("waitid P_PGID reaps a killed child: CLD_KILLED",
	    usys(SYS_kill, pid, SIGKILL, 0, 0) == 0 &&
	    usys(SYS_waitid, 2, 0, (long)&si, 4) == 0 && si.k.pid == pid &&
	    si.si_code == 2 && si.k.status == SIGKILL);
	action(SIGSEGV, 0, 0, 0);
	if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0)
		*nullp = 1;
	check("waitid: a SIGSEGV death is CLD_DUMPED",
	    usys(SYS_waitid, 1, pid, (long)&si, 4) == 0 && si.si_code == 3 &&
	    si.k.status == SIGSEGV);
	check("wait4 bad options: EINVAL", usys(SYS_wait4, -1, (long)&st,
	    0x100, 0) == -EINVAL);
}

static void
test_select(void)
{
	int fds[2];
	unsigned long rd, wr, empty = 0, set = BIT(SIGUSR1);
	long tv[2], pid, r, me = getpid();
	struct { int fd; short ev, rev; } pfd;

	usys(SYS_pipe, (long)fds, 0, 0, 0);
	rd = 1UL << fds[0];
	tv[0] = 0;
	tv[1] = 50000;
	check("select on an empty pipe times out: 0, time left 0",
	    usys6(SYS_select, fds[0] + 1, (long)&rd, 0, 0, (long)tv, 0) == 0 &&
	    rd == 0 && tv[0] == 0 && tv[1] == 0);
	wr = 1UL << fds[1];
	check("select: the write end is writable", usys6(SYS_select,
	    fds[1] + 1, 0, (long)&wr, 0, 0, 0) == 1 && wr == 1UL << fds[1]);
	if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0) {
		sleep_ms(30);
		usys(SYS_write, fds[1], (long)"s", 1, 0);
		usys(SYS_exit, 0, 0, 0, 0);
	}
	rd = 1UL << fds[0];
	check("select without timeout wakes when a child writes",
	    usys6(SYS_select, fds[0] + 1, (long)&rd, 0, 0, 0, 0) == 1 &&
	    rd == 1UL << fds[0]);
	usys(SYS_wait4, pid, 0, 0, 0);
	{
		/*
		 * Inside the table's first 64 slots: Linux cuts nfds to the
		 * table's size, and a set bit past it is not looked at.
		 */
		unsigned long big[1] = { 1UL << 60 };

		check("select on a closed descriptor: EBADF",
		    usys6(SYS_select, 61, (long)big, 0, 0, 0, 0) == -EBADF);
	}
	check("select negative nfds: EINVAL", usys6(SYS_select, -1, 0, 0, 0, 0,
	    0) == -EINVAL);
	check("select bad set pointer: EFAULT", usys6(SYS_select, 1, 16, 0, 0,
	    0, 0) == -14);
	pfd.fd = fds[0];
	pfd.ev = 1;
	check("poll sees the byte", usys(SYS_poll, (long)&pfd, 1, 0, 0) == 1 &&
	    pfd.rev == 1);
	{
		char c;

		usys(SYS_read, fds[0], (long)&c, 1, 0);
	}
	check("ppoll with zero timeout: 0", usys6(SYS_ppoll, (long)&pfd, 1,
	    (long)(long[]){ 0, 0 }, 0, 8, 0) == 0);
	check("ppoll bad sigsetsize: EINVAL", usys6(SYS_ppoll, (long)&pfd, 1,
	    (long)(long[]){ 0, 0 }, (long)&empty, 4, 0) == -EINVAL);
	check("ppoll bad timeout: EINVAL", usys6(SYS_ppoll, (long)&pfd, 1,
	    (long)(long[]){ 0, -1 }, 0, 8, 0) == -EINVAL);

	/* USR1 blocked; ppoll's mask unblocks it for the wait only. */
	hits = 0;
	action(SIGUSR1, h_count, 0, 0);
	usys(SYS_rt_sigprocmask, 0, (long)&set, 0, 8);
	if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0) {
		sleep_ms(30);
		usys(SYS_kill, me, SIGUSR1, 0, 0);
		usys(SYS_exit, 0, 0, 0, 0);
	}
	r = usys6(SYS_ppoll, (long)&pfd, 1, 0, (long)&empty, 8, 0);
	{
		unsigned long cur = 0;

		usys(SYS_rt_sigprocmask, 0, 0, (long)&cur, 8);
		check("ppoll: signal through its mask, EINTR, mask restored",
		    r == -EINTR && hits == 1 && (cur & BIT(SIGUSR1)));
	}
	usys(SYS_wait4, pid, 0, 0, 0);
	if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0) {
		sleep_ms(30);
		usys(SYS_kill, me, SIGUSR1, 0, 0);
		usys(SYS_exit, 0, 0, 0, 0);
	}
	rd = 1UL << fds[0];
	{
		long ts[2] = { 5, 0 };
		unsigned long sig[2] = { (unsigned long)&empty, 8 };

		r = usys6(SYS_pselect6, fds[0] + 1, (long)&rd, 0, 0, (long)ts,
		    (long)sig);
		check("pselect6: same, EINTR after the handler", r == -EINTR &&
		    hits == 2);
		sig[1] = 3;
		check("pselect6 bad sigsetsize: EINVAL", usys6(SYS_pselect6,
		    fds[0] + 1, (long)&rd, 0, 0, (long)ts, (long)sig) ==
		    -EINVAL);
	}
	usys(SYS_wait4, pid, 0, 0, 0);
	usys(SYS_rt_sigprocmask, 1, (long)&set, 0, 8);
	usys(SYS_close, fds[0], 0, 0, 0);
	usys(SYS_close, fds[1], 0, 0, 0);
}

/* sigqueue(2) of sig with value v to ourselves: 0 or -errno. */
static long
rt_queue(long me, int sig, int v)
{
	struct sinfo si = { 0 };

	si.si_signo = sig;
	si.si_code = -1;		/* SI_QUEUE */
	si.k.pid = (int)me;
	si.k.status = v;		/* si_value's low half */
	return usys(SYS_rt_sigqueueinfo, me, sig, (long)&si, 0);
}

/* The next blocked signal of set, taken with its siginfo; 0 if none. */
static long
rt_take(unsigned long set, struct sinfo *si)
{
	long ts0[2] = { 0, 0 };
	long r = usys(SYS_rt_sigtimedwait, (long)&set, (long)si, (long)ts0, 8);

	return r == -EAGAIN ? 0 : r;
}

static void
test_rt_queue(void)
{
	unsigned long set = BIT(SIGUSR1) | BIT(34) | BIT(35) | BIT(36) |
	    BIT(40), pend = 0, none = 0;
	struct sinfo si;
	struct kact ign = { (void *)1, SA_RESTORER, usys_restorer, 0 };
	struct kact dfl = { 0, 0, 0, 0 };
	long me = getpid(), n = 0, got = 0;
	int order_ok = 1;

	usys(SYS_rt_sigprocmask, 0, (long)&set, 0, 8);
	usys(SYS_kill, me, SIGUSR1, 0, 0);
	usys(SYS_kill, me, SIGUSR1, 0, 0);
	check("a classic signal sent twice is pending once",
	    rt_take(set, &si) == SIGUSR1 && rt_take(set, &si) == 0);
	check("three sigqueues of a real-time signal are accepted",
	    rt_queue(me, 34, 1) == 0 && rt_queue(me, 34, 2) == 0 &&
	    rt_queue(me, 34, 3) == 0);
	for (int v = 1; v <= 3; v++)
		order_ok &= rt_take(set, &si) == 34 && si.si_code == -1 &&
		    si.k.status == v && si.k.pid == me;
	check("...and taken three times, in order, with their si_value",
	    order_ok && rt_take(set, &si) == 0);
	rt_queue(me, 40, 7);
	rt_queue(me, 35, 8);
	check("the lowest real-time signal comes first",
	    rt_take(set, &si) == 35 && rt_take(set, &si) == 40);
	rt_queue(me, 36, 1);
	rt_queue(me, 36, 2);
	usys(SYS_rt_sigaction, 36, (long)&ign, 0, 8);
	usys(SYS_rt_sigaction, 36, (long)&dfl, 0, 8);
	check("ignoring a real-time signal discards its queue",
	    usys(SYS_rt_sigpending, (long)&pend, 8, 0, 0) == 0 &&
	    !(pend & BIT(36)) && rt_take(set, &si) == 0);
	while (n < 100000 && rt_queue(me, 34, (int)n) == 0)
		n++;
	check("a full queue refuses sigqueue with EAGAIN",
	    n > 32 && n < 100000 && rt_queue(me, 34, 0) == -EAGAIN);
	while (rt_take(set, &si) == 34)
		got++;
	check("...after keeping every instance it accepted", got == n);
	usys(SYS_rt_sigprocmask, 2, (long)&none, 0, 8);	/* SETMASK */
}

void
cstart(void)
{
	if (getpid() == 1) {
		struct kact dfl = { 0, 0, 0, 0 };

		usys(SYS_rt_sigaction, 15, (long)&dfl, 0, 8);
		check("init ignores default-action SIGTERM and SIGKILL",
		    usys(SYS_kill, 1, 15, 0, 0) == 0 &&
		    usys(SYS_kill, 1, SIGKILL, 0, 0) == 0);
	}
	test_rt_queue();
	test_siginfo_and_altstack();
	test_flags();
	test_faults();
	test_fatal();
	test_pipe_signals();
	test_restart();
	test_waiting();
	test_sigchld_waitid();
	test_select();
	usys_finish("usig2", failed);
}

USYS_START;
