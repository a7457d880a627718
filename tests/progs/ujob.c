/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Job control, no libc, run as init on the console: stop and continue
 * by signal with wait4 WUNTRACED/WCONTINUED and waitid statuses,
 * SIGCHLD's CLD_STOPPED/CLD_CONTINUED (and SA_NOCLDSTOP), SIGKILL of a
 * stopped child, orphaned groups spared by SIGTSTP and hung up when
 * their parent leaves them stopped; and the terminal:
 * the foreground group (TIOCSPGRP/TIOCGPGRP), ^Z ^\ ^C and ^D typed
 * through TIOCSTI, background reads stopped by SIGTTIN (or EIO when it
 * is ignored), window size with SIGWINCH.  Exits 0 if all held.
 */
#include "usys.h"

#define SYS_read	0
#define SYS_write	1
#define SYS_close	3
#define SYS_rt_sigaction 13
#define SYS_ioctl	16
#define SYS_pipe	22
#define SYS_nanosleep	35
#define SYS_getpid	39
#define SYS_fork	57
#define SYS_exit	60
#define SYS_wait4	61
#define SYS_kill	62
#define SYS_setpgid	109
#define SYS_getpgrp	111
#define SYS_setsid	112
#define SYS_waitid	247

#define SA_SIGINFO	4L
#define SA_NOCLDSTOP	1L
#define SA_RESTORER	0x04000000L
#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGKILL		9
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGWINCH	28
#define WNOHANG		1
#define WUNTRACED	2
#define WCONTINUED	8
#define TIOCGPGRP	0x540f
#define TIOCSPGRP	0x5410
#define TIOCSTI		0x5412
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define TIOCGSID	0x5429

struct kact {
	void		*handler;
	unsigned long	flags;
	void		(*restorer)(void);
	unsigned long	mask;
};

struct sinfo {
	int	si_signo, si_errno, si_code, pad;
	int	pid;
	unsigned int uid;
	int	status;
	char	rest[100];
};

USYS_RESTORER;

static int failed;
static volatile int chld_hits, chld_code, chld_status, winch_hits;

static void
check(const char *what, int ok)
{
	usys_check("ujob", what, ok, &failed);
}

static long
action(int sig, void *h, long flags)
{
	struct kact a = { h, flags | SA_RESTORER, usys_restorer, 0 };

	return usys(SYS_rt_sigaction, sig, (long)&a, 0, 8);
}

static void
sleep_ms(long ms)
{
	long ts[2] = { ms / 1000, (ms % 1000) * 1000000 };

	usys(SYS_nanosleep, (long)ts, 0, 0, 0);
}

static void
h_chld(int sig, struct sinfo *si, void *uc)
{
	(void)sig;
	(void)uc;
	chld_hits++;
	chld_code = si->si_code;
	chld_status = si->status;
}

static int hup_fd;

static void
h_hup(int sig)
{
	(void)sig;
	usys(SYS_write, hup_fd, (long)"H", 1, 0);
	usys(SYS_exit, 7, 0, 0, 0);
}

static void
h_winch(int sig)
{
	(void)sig;
	winch_hits++;
}

static long
spawn_spinner(int own_group)
{
	long pid = usys(SYS_fork, 0, 0, 0, 0);

	if (pid == 0) {
		if (own_group)
			usys(SYS_setpgid, 0, 0, 0, 0);
		for (;;)
			sleep_ms(1000);
	}
	if (own_group)
		usys(SYS_setpgid, pid, pid, 0, 0);
	return pid;
}

static void
test_stop_continue(void)
{
	struct sinfo si;
	long pid;
	int st = 0;

	action(SIGCHLD, h_chld, SA_SIGINFO);
	pid = spawn_spinner(1);
	usys(SYS_kill, pid, SIGSTOP, 0, 0);
	check("wait4 WUNTRACED: stopped by SIGSTOP (0x137f)",
	    usys(SYS_wait4, pid, (long)&st, WUNTRACED, 0) == pid &&
	    st == 0x137f);
	check("SIGCHLD for the stop: CLD_STOPPED, si_status 19",
	    chld_hits == 1 && chld_code == 5 && chld_status == SIGSTOP);
	check("the stop is reported once", usys(SYS_wait4, pid, (long)&st,
	    WUNTRACED | WNOHANG, 0) == 0);
	check("wait4 without WUNTRACED does not see it",
	    usys(SYS_wait4, pid, (long)&st, WNOHANG, 0) == 0);
	usys(SYS_kill, pid, SIGCONT, 0, 0);
	check("wait4 WCONTINUED: continued (0xffff)",
	    usys(SYS_wait4, pid, (long)&st, WCONTINUED, 0) == pid &&
	    st == 0xffff);
	check("SIGCHLD for the continue: CLD_CONTINUED",
	    chld_hits == 2 && chld_code == 6 && chld_status == SIGCONT);
	usys(SYS_kill, pid, SIGTSTP, 0, 0);
	si.si_signo = 0;
	check("waitid WSTOPPED: CLD_STOPPED by SIGTSTP",
	    usys(SYS_waitid, 1, pid, (long)&si, 2) == 0 &&
	    si.si_code == 5 && si.status == SIGTSTP && si.pid == pid);
	usys(SYS_kill, pid, SIGKILL, 0, 0);
	check("SIGKILL ends a stopped child",
	    usys(SYS_wait4, pid, (long)&st, 0, 0) == pid && st == SIGKILL);

	/* SA_NOCLDSTOP: stops and continues raise no SIGCHLD. */
	action(SIGCHLD, h_chld, SA_SIGINFO | SA_NOCLDSTOP);
	chld_hits = 0;
	pid = spawn_spinner(1);
	usys(SYS_kill, pid, SIGSTOP, 0, 0);
	usys(SYS_wait4, pid, (long)&st, WUNTRACED, 0);
	usys(SYS_kill, pid, SIGCONT, 0, 0);
	usys(SYS_wait4, pid, (long)&st, WCONTINUED, 0);
	check("SA_NOCLDSTOP: no SIGCHLD for stop and continue",
	    chld_hits == 0);
	usys(SYS_kill, pid, SIGKILL, 0, 0);
	usys(SYS_wait4, pid, (long)&st, 0, 0);
	check("...but one for the exit", chld_hits == 1 && chld_code == 2);
	action(SIGCHLD, 0, 0);

	/* A new session's group is orphaned: SIGTSTP passes it by. */
	if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0) {
		usys(SYS_setsid, 0, 0, 0, 0);
		usys(SYS_kill, 0, SIGTSTP, 0, 0);
		usys(SYS_exit, 33, 0, 0, 0);
	}
	check("orphaned group: SIGTSTP does not stop it",
	    usys(SYS_wait4, pid, (long)&st, WUNTRACED, 0) == pid &&
	    st == (33 << 8));
	if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0) {
		usys(SYS_setsid, 0, 0, 0, 0);
		usys(SYS_kill, 0, SIGSTOP, 0, 0);
		usys(SYS_exit, 34, 0, 0, 0);
	}
	check("...SIGSTOP does", usys(SYS_wait4, pid, (long)&st, WUNTRACED, 0)
	    == pid && st == 0x137f);
	usys(SYS_kill, pid, SIGCONT, 0, 0);
	check("...and SIGCONT lets it finish", usys(SYS_wait4, pid, (long)&st,
	    0, 0) == pid && st == (34 << 8));

	/*
	 * A stopped group orphaned by its parent's exit gets SIGHUP and
	 * SIGCONT: M starts a session, G stops in its own group of it, M
	 * exits; G's SIGHUP handler reports through a pipe.
	 */
	{
		int fds[2];
		char c = 0;

		usys(SYS_pipe, (long)fds, 0, 0, 0);
		if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0) {
			long g;

			usys(SYS_setsid, 0, 0, 0, 0);
			if ((g = usys(SYS_fork, 0, 0, 0, 0)) == 0) {
				hup_fd = fds[1];
				action(SIGHUP, h_hup, 0);
				usys(SYS_setpgid, 0, 0, 0, 0);
				usys(SYS_kill, 0, SIGSTOP, 0, 0);
				for (;;)
					sleep_ms(1000);
			}
			usys(SYS_setpgid, g, g, 0, 0);
			usys(SYS_wait4, g, (long)&st, WUNTRACED, 0);
			usys(SYS_exit, st == 0x137f ? 0 : 1, 0, 0, 0);
		}
		usys(SYS_wait4, pid, (long)&st, 0, 0);
		check("middle process saw its child stop, then exited",
		    st == 0);
		check("the orphaned stopped group got SIGHUP (and SIGCONT)",
		    usys(SYS_read, fds[0], (long)&c, 1, 0) == 1 && c == 'H');
		/* G is init's (our) child now: reap it. */
		check("...and ended", usys(SYS_wait4, -1, (long)&st, 0, 0) > 0 &&
		    st == (7 << 8));
		usys(SYS_close, fds[0], 0, 0, 0);
		usys(SYS_close, fds[1], 0, 0, 0);
	}
}

static int
tty_setpgrp(long pgrp)
{
	int pg = (int)pgrp;

	return (int)usys(SYS_ioctl, 0, TIOCSPGRP, (long)&pg, 0);
}

/* Type c at the terminal. */
static void
type(char c)
{
	usys(SYS_ioctl, 0, TIOCSTI, (long)&c, 0);
}

/*
 * A child in its own group made the foreground one, blocked reading the
 * terminal; typing key ends or stops it.  Returns its wait status.
 */
static int
fg_child_key(char key)
{
	long pid = usys(SYS_fork, 0, 0, 0, 0), me = usys(SYS_getpgrp, 0, 0,
	    0, 0);
	int st = -1;
	char buf[8];

	if (pid == 0) {
		int fg = 0;

		usys(SYS_setpgid, 0, 0, 0, 0);
		/* Read only once the parent has made us the foreground. */
		while (usys(SYS_ioctl, 0, TIOCGPGRP, (long)&fg, 0) == 0 &&
		    fg != usys(SYS_getpgrp, 0, 0, 0, 0))
			sleep_ms(5);
		usys(SYS_read, 0, (long)buf, sizeof(buf), 0);
		usys(SYS_exit, 1, 0, 0, 0);
	}
	usys(SYS_setpgid, pid, pid, 0, 0);
	tty_setpgrp(pid);
	sleep_ms(50);			/* let it block in read */
	type(key);
	usys(SYS_wait4, pid, (long)&st, WUNTRACED, 0);
	tty_setpgrp(me);		/* SIGTTOU is ignored: allowed */
	if ((st & 0xff) == 0x7f) {
		usys(SYS_kill, pid, SIGKILL, 0, 0);
		usys(SYS_wait4, pid, 0, 0, 0);
	}
	return st;
}

static void
test_tty(void)
{
	long me = usys(SYS_getpgrp, 0, 0, 0, 0), pid, r;
	int pg = -1, sid = -1, st = 0;
	unsigned short ws[4] = { 30, 100, 0, 0 }, got[4] = { 0 };
	char buf[16];

	check("TIOCGPGRP: our group is the foreground",
	    usys(SYS_ioctl, 0, TIOCGPGRP, (long)&pg, 0) == 0 && pg == me);
	check("TIOCGSID: our session",
	    usys(SYS_ioctl, 0, TIOCGSID, (long)&sid, 0) == 0 && sid == 1);
	check("TIOCSPGRP to no such group: EPERM", tty_setpgrp(9999) == -1);
	check("TIOCSPGRP negative: EINVAL", tty_setpgrp(-5) == -22);
	action(SIGTTOU, (void *)1, 0);		/* as shells do */

	check("^Z stops the foreground group (SIGTSTP)",
	    fg_child_key(0x1a) == ((SIGTSTP << 8) | 0x7f));
	check("^\\ kills it with SIGQUIT and core (0x83)",
	    fg_child_key(0x1c) == (SIGQUIT | 0x80));
	check("^C kills it with SIGINT", fg_child_key(0x03) == SIGINT);
	check("the terminal is ours again",
	    usys(SYS_ioctl, 0, TIOCGPGRP, (long)&pg, 0) == 0 && pg == me);

	/* A background reader is stopped by SIGTTIN... */
	if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0) {
		usys(SYS_setpgid, 0, 0, 0, 0);
		usys(SYS_read, 0, (long)buf, sizeof(buf), 0);
		usys(SYS_exit, 1, 0, 0, 0);
	}
	usys(SYS_setpgid, pid, pid, 0, 0);
	check("background read: stopped by SIGTTIN",
	    usys(SYS_wait4, pid, (long)&st, WUNTRACED, 0) == pid &&
	    st == ((SIGTTIN << 8) | 0x7f));
	usys(SYS_kill, pid, SIGKILL, 0, 0);
	usys(SYS_wait4, pid, 0, 0, 0);
	/* ...or gets EIO if it ignores SIGTTIN; writes go through. */
	if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0) {
		usys(SYS_setpgid, 0, 0, 0, 0);
		action(SIGTTIN, (void *)1, 0);
		r = usys(SYS_read, 0, (long)buf, sizeof(buf), 0);
		usys(SYS_exit, r == -5 && usys(SYS_write, 1,
		    (long)"ujob: background write\n", 23, 0) == 23 ? 42 : 1,
		    0, 0, 0);
	}
	usys(SYS_setpgid, pid, pid, 0, 0);
	check("background read ignoring SIGTTIN: EIO; write works",
	    usys(SYS_wait4, pid, (long)&st, 0, 0) == pid && st == (42 << 8));

	/* Changing the terminal from the background: SIGTTOU stops it. */
	{
		unsigned int tio[9];

		usys(SYS_ioctl, 0, 0x5401, (long)tio, 0);	/* TCGETS */
		if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0) {
			usys(SYS_setpgid, 0, 0, 0, 0);
			action(SIGTTOU, 0, 0);		/* default: stop */
			usys(SYS_ioctl, 0, 0x5402, (long)tio, 0);
			usys(SYS_exit, 1, 0, 0, 0);
		}
		usys(SYS_setpgid, pid, pid, 0, 0);
		check("background TCSETS: stopped by SIGTTOU",
		    usys(SYS_wait4, pid, (long)&st, WUNTRACED, 0) == pid &&
		    st == ((SIGTTOU << 8) | 0x7f));
		usys(SYS_kill, pid, SIGKILL, 0, 0);
		usys(SYS_wait4, pid, 0, 0, 0);
		/* With TOSTOP set, a background write stops the same way. */
		tio[3] |= 0400;				/* TOSTOP */
		usys(SYS_ioctl, 0, 0x5402, (long)tio, 0);
		if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0) {
			usys(SYS_setpgid, 0, 0, 0, 0);
			action(SIGTTOU, 0, 0);
			usys(SYS_write, 1, (long)"ujob: LEAKED\n", 13, 0);
			usys(SYS_exit, 1, 0, 0, 0);
		}
		usys(SYS_setpgid, pid, pid, 0, 0);
		check("TOSTOP: a background write is stopped by SIGTTOU",
		    usys(SYS_wait4, pid, (long)&st, WUNTRACED, 0) == pid &&
		    st == ((SIGTTOU << 8) | 0x7f));
		usys(SYS_kill, pid, SIGKILL, 0, 0);
		usys(SYS_wait4, pid, 0, 0, 0);
		tio[3] &= ~0400U;
		usys(SYS_ioctl, 0, 0x5402, (long)tio, 0);
	}

	/* Foreground input: a line, then ^D at line start is end of file. */
	type('h');
	type('i');
	type('\n');
	check("typed line read back", usys(SYS_read, 0, (long)buf, sizeof(buf),
	    0) == 3 && buf[0] == 'h' && buf[2] == '\n');
	type(0x04);
	check("^D at line start: read returns 0",
	    usys(SYS_read, 0, (long)buf, sizeof(buf), 0) == 0);

	action(SIGWINCH, h_winch, 0);
	check("TIOCSWINSZ raises SIGWINCH in the foreground group",
	    usys(SYS_ioctl, 0, TIOCSWINSZ, (long)ws, 0) == 0 && winch_hits == 1);
	check("TIOCGWINSZ reads the new size",
	    usys(SYS_ioctl, 0, TIOCGWINSZ, (long)got, 0) == 0 &&
	    got[0] == 30 && got[1] == 100);
	usys(SYS_ioctl, 0, TIOCSWINSZ, (long)ws, 0);
	check("the same size again raises nothing", winch_hits == 1);
	ws[0] = 24;
	ws[1] = 80;
	usys(SYS_ioctl, 0, TIOCSWINSZ, (long)ws, 0);
}

void
cstart(void)
{
	test_stop_continue();
	test_tty();
	usys_finish("ujob", failed);
}

USYS_START;
