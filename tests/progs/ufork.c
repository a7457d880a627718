/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Processes from ring 3, no libc: fork gives the child its own memory,
 * wait4 returns exit statuses and -ECHILD, execve replaces the image (and
 * fails cleanly on bad input).  Exits 0 if every check held.
 */
#include "usys.h"

#define SYS_write	1
#define SYS_fork	57
#define SYS_execve	59
#define SYS_exit	60
#define SYS_wait4	61
#define SYS_getpid	39
#define SYS_getppid	110


static int failed;

static void
say_num(const char *label, long v)
{
	char b[24];
	int i = 23;
	unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;

	b[i] = '\0';
	do {
		b[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		b[--i] = '-';
	usys_say(label);
	usys_say(&b[i]);
	usys_say("\n");
}

static void
check(const char *what, int ok)
{
	usys_check("ufork", what, ok, &failed);
}

static volatile int shared_looking = 1;

void
cstart(void)
{
	char *const uargv[] = { "/bin/uhello", 0 };
	char *const noenv[] = { 0 };
	long pid, r, me = usys(SYS_getpid, 0, 0, 0, 0);
	int st = -1;

	pid = usys(SYS_fork, 0, 0, 0, 0);
	if (pid == 0) {
		shared_looking = 2;
		usys_say("ufork: child running\n");
		usys(SYS_exit, usys(SYS_getppid, 0, 0, 0, 0) == me ? 7 : 8,
		    0, 0, 0);
	}
	check("fork returns a pid", pid > 0 && pid != me);
	r = usys(SYS_wait4, pid, (long)&st, 0, 0);
	check("wait4 reaps the child", r == pid);
	check("exit status 7 (getppid is the parent)", st == (7 << 8));
	if (st != (7 << 8)) {
		say_num("ufork: status ", st);
		say_num("ufork: wait4 returned ", r);
		say_num("ufork: my pid ", me);
	}
	check("child memory is its own", shared_looking == 1);

	pid = usys(SYS_fork, 0, 0, 0, 0);
	if (pid == 0) {
		usys(SYS_execve, (long)"/bin/uhello", (long)uargv,
		    (long)noenv, 0);
		usys(SYS_exit, 99, 0, 0, 0);
	}
	r = usys(SYS_wait4, -1, (long)&st, 0, 0);
	check("execve'd child ran uhello and passed", r == pid && st == 0);
	check("no children left: ECHILD", usys(SYS_wait4, -1, (long)&st, 0,
	    0) == -10);
	check("execve missing file: ENOENT", usys(SYS_execve,
	    (long)"/bin/nosuch", (long)uargv, (long)noenv, 0) == -2);
	check("execve bad path pointer: EFAULT", usys(SYS_execve, 0x1000,
	    (long)uargv, (long)noenv, 0) == -14);
	check("execve bad argv: EFAULT", usys(SYS_execve, (long)"/bin/uhello",
	    0x1000, (long)noenv, 0) == -14);
	check("execve refuses a broken ELF", usys(SYS_execve,
	    (long)"/bin/broken", (long)uargv, (long)noenv, 0) == -8);
	if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0)
		usys(SYS_exit, 0, 0, 0, 0);
	check("wait4 bad status pointer: EFAULT",
	    usys(SYS_wait4, pid, 0x1000, 0, 0) == -14);
	/* The child was reaped even though the status could not be stored. */
	check("...and the child was reaped", usys(SYS_wait4, -1, (long)&st,
	    1, 0) == -10);
	/* Many short-lived children, each long enough to be preempted. */
	{
		int bad = 0;

		for (int i = 0; i < 40 && !bad; i++) {
			if ((pid = usys(SYS_fork, 0, 0, 0, 0)) == 0) {
				unsigned long acc = (unsigned long)i;

				for (long k = 0; k < 200000; k++)
					acc = acc * 6364136223846793005UL + 1442695040888963407UL;
				usys(SYS_exit, (long)(acc >> 56) & 0x7f, 0, 0, 0);
			}
			{
				unsigned long acc = (unsigned long)i;

				for (long k = 0; k < 200000; k++)
					acc = acc * 6364136223846793005UL + 1442695040888963407UL;
				r = usys(SYS_wait4, pid, (long)&st, 0, 0);
				bad = r != pid || st != (int)(((acc >> 56) & 0x7f) << 8);
			}
		}
		check("40 forked children computed and exited right", !bad);
	}
	usys_finish("ufork", failed);
}

USYS_START;
