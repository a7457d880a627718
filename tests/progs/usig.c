/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Signals from ring 3, no libc: a handler runs and returns through
 * rt_sigreturn with the interrupted state intact, a blocked signal waits
 * for its unblocking, SIG_IGN ignores, a default action kills a child
 * (wait4 reports the signal), and bad arguments fail.  Exits 0 if all held.
 */
#include "usys.h"

#define SYS_getpid	39
#define SYS_fork	57
#define SYS_exit	60
#define SYS_wait4	61
#define SYS_kill	62
#define SYS_read	0
#define SYS_pipe	22
#define SYS_nanosleep	35
#define SYS_rt_sigaction 13
#define SYS_rt_sigprocmask 14
#define SA_RESTORER	0x04000000L
#define SIGUSR1		10
#define SIGUSR2		12
#define SIGTERM		15
#define SIGKILL		9

struct kact {
	void		(*handler)(int);
	unsigned long	flags;
	void		(*restorer)(void);
	unsigned long	mask;
};

void usig_restorer(void);
__asm__(".globl usig_restorer\n"
	"usig_restorer:\n"
	"	movq $15, %rax\n"
	"	syscall\n"
	"	ud2\n");

static volatile int hits, last_sig;
static int failed;

static void
handler(int sig)
{
	hits++;
	last_sig = sig;
}

static void
check(const char *what, int ok)
{
	usys_check("usig", what, ok, &failed);
}

static long
action(int sig, void (*h)(int))
{
	struct kact a = { h, SA_RESTORER, usig_restorer, 0 };

	return usys(SYS_rt_sigaction, sig, (long)&a, 0, 8);
}

void
cstart(void)
{
	long me = usys(SYS_getpid, 0, 0, 0, 0), pid, r;
	unsigned long set = 1UL << (SIGUSR1 - 1);
	volatile long keep = 0x1234567890abcdefL;
	int st = 0;

	check("sigaction", action(SIGUSR1, handler) == 0);
	check("kill self", usys(SYS_kill, me, SIGUSR1, 0, 0) == 0);
	check("handler ran once with its signal", hits == 1 &&
	    last_sig == SIGUSR1);
	check("state intact after rt_sigreturn", keep == 0x1234567890abcdefL);

	usys(SYS_rt_sigprocmask, 0, (long)&set, 0, 8);		/* block */
	usys(SYS_kill, me, SIGUSR1, 0, 0);
	check("blocked signal waits", hits == 1);
	usys(SYS_rt_sigprocmask, 1, (long)&set, 0, 8);		/* unblock */
	check("...and arrives when unblocked", hits == 2);

	check("SIG_IGN", action(SIGUSR2, (void (*)(int))1) == 0 &&
	    usys(SYS_kill, me, SIGUSR2, 0, 0) == 0);
	check("SIGKILL cannot be caught", action(SIGKILL, handler) == -22);
	check("bad signal number", usys(SYS_kill, me, 99, 0, 0) == -22);
	check("no such process", usys(SYS_kill, 99999, 0, 0, 0) == -3);

	if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0)
		for (;;)
			;			/* spin until killed */
	check("kill a running child", usys(SYS_kill, pid, SIGTERM, 0, 0) == 0);
	r = usys(SYS_wait4, pid, (long)&st, 0, 0);
	check("wait4 reports SIGTERM", r == pid && st == SIGTERM);
	{
		long ts_long[2] = { 100, 0 }, ts_short[2] = { 0, 50000000 };
		int fds[2];
		char c;

		/* A sleeping child is woken by the signal that kills it. */
		if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0) {
			usys(SYS_nanosleep, (long)ts_long, 0, 0, 0);
			usys(SYS_exit, 1, 0, 0, 0);
		}
		usys(SYS_nanosleep, (long)ts_short, 0, 0, 0);
		usys(SYS_kill, pid, SIGTERM, 0, 0);
		r = usys(SYS_wait4, pid, (long)&st, 0, 0);
		check("a sleeping child dies of SIGTERM at once",
		    r == pid && st == SIGTERM);

		/* A handled signal ends a blocking read with EINTR. */
		check("pipe", usys(SYS_pipe, (long)fds, 0, 0, 0) == 0);
		if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0) {
			r = usys(SYS_read, fds[0], (long)&c, 1, 0);
			usys(SYS_exit, r == -4 && hits > 0 ? 42 : 1, 0, 0, 0);
		}
		usys(SYS_nanosleep, (long)ts_short, 0, 0, 0);
		usys(SYS_kill, pid, SIGUSR1, 0, 0);
		r = usys(SYS_wait4, pid, (long)&st, 0, 0);
		check("blocked read returns EINTR after the handler",
		    r == pid && st == (42 << 8));
		/* An ignored SIGCHLD from another child interrupts nothing. */
		{
			long y, x;

			if ((x = usys(SYS_fork, 0, 0, 0, 0)) == 0) {
				usys(SYS_nanosleep, (long)ts_short, 0, 0, 0);
				usys(SYS_exit, 5, 0, 0, 0);
			}
			if ((y = usys(SYS_fork, 0, 0, 0, 0)) == 0)
				usys(SYS_exit, 0, 0, 0, 0);
			r = usys(SYS_wait4, x, (long)&st, 0, 0);
			check("wait4 for one child survives another's exit",
			    r == x && st == (5 << 8));
			check("...which is reaped after", usys(SYS_wait4, y,
			    (long)&st, 0, 0) == y);
		}
		check("nanosleep refuses a bad time", usys(SYS_nanosleep,
		    (long)(long[]){ 0, 2000000000L }, 0, 0, 0) == -22);
	}
	usys_finish("usig", failed);
}

USYS_START;
