/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * ioprio_get and ioprio_set checked against what Linux does (the same
 * program passes on a Linux host as root): unset is class NONE, the
 * classes and levels read back, per thread and inherited by fork and
 * threads, a group's and a user's best priority, and the errors (bad
 * class, level, which, no such thread, the real-time class and other
 * users' threads without privilege).  One line per check; exits 0 when
 * all held.  Built with musl, static.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define WHO_PROCESS	1
#define WHO_PGRP	2
#define WHO_USER	3
#define VALUE(c, l)	(((c) << 13) | (l))
#define NONE		0
#define RT		1
#define BE		2
#define IDLE		3

static int failed;

static void
check(const char *what, int ok)
{
	printf("uioprio: %s %s\n", ok ? "ok" : "FAIL", what);
	if (!ok)
		failed++;
}

static long
get(int which, int who)
{
	return syscall(SYS_ioprio_get, which, who);
}

static long
set(int which, int who, int v)
{
	return syscall(SYS_ioprio_set, which, who, v);
}

static void
check_err(const char *what, long r, int err)
{
	char line[160];

	snprintf(line, sizeof(line), "%s -> %s (got %ld, %s)", what,
	    strerror(err), r, r < 0 ? strerror(errno) : "success");
	check(line, r == -1 && errno == err);
}

static long thread_saw;

static void *
thread_main(void *arg)
{
	(void)arg;
	thread_saw = get(WHO_PROCESS, 0);
	set(WHO_PROCESS, 0, VALUE(IDLE, 0));	/* its own, not main's */
	return NULL;
}

/* Run fn in a child as uid 65534; its exit code (errno or 0). */
static int
as_nobody(int (*fn)(void))
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		if (setresuid(65534, 65534, 65534) != 0)
			_exit(100);
		_exit(fn());
	}
	return waitpid(pid, &st, 0) == pid && WIFEXITED(st) ?
	    WEXITSTATUS(st) : -1;
}

static int
nobody_rt(void)
{
	return set(WHO_PROCESS, 0, VALUE(RT, 0)) == 0 ? 0 : errno;
}

static int
nobody_be_idle(void)
{
	if (set(WHO_PROCESS, 0, VALUE(BE, 7)) != 0)
		return errno;
	return set(WHO_PROCESS, 0, VALUE(IDLE, 0)) == 0 ? 0 : errno;
}

static int
nobody_sets_init(void)
{
	return set(WHO_PROCESS, 1, VALUE(BE, 7)) == 0 ? 0 : errno;
}

int
main(void)
{
	pthread_t th;
	pid_t pid;
	int st, ok = 1;

	setvbuf(stdout, NULL, _IONBF, 0);
	set(WHO_PROCESS, 0, VALUE(NONE, 0));
	check("unset: class NONE, level 0", get(WHO_PROCESS, 0) == 0);
	for (int l = 0; l < 8; l++)
		ok &= set(WHO_PROCESS, 0, VALUE(BE, l)) == 0 &&
		    get(WHO_PROCESS, 0) == VALUE(BE, l);
	check("best effort, levels 0..7, read back", ok);
	check("real time 3 (root)", set(WHO_PROCESS, 0, VALUE(RT, 3)) == 0 &&
	    get(WHO_PROCESS, 0) == VALUE(RT, 3));
	check("idle", set(WHO_PROCESS, 0, VALUE(IDLE, 0)) == 0 &&
	    get(WHO_PROCESS, 0) == VALUE(IDLE, 0));
	check("by pid", set(WHO_PROCESS, getpid(), VALUE(BE, 6)) == 0 &&
	    get(WHO_PROCESS, getpid()) == VALUE(BE, 6));
	check_err("NONE with level 3", set(WHO_PROCESS, 0, VALUE(NONE, 3)),
	    EINVAL);
	check_err("class 4", set(WHO_PROCESS, 0, VALUE(4, 0)), EINVAL);
	check_err("class 7", set(WHO_PROCESS, 0, VALUE(7, 0)), EINVAL);
	check_err("get: which 4", get(4, 0), EINVAL);
	check_err("set: which 0", set(0, 0, VALUE(BE, 1)), EINVAL);
	check_err("get: no such pid", get(WHO_PROCESS, 999999), ESRCH);
	check_err("set: no such pid", set(WHO_PROCESS, 999999, VALUE(BE, 1)),
	    ESRCH);
	check("... and nothing changed", get(WHO_PROCESS, 0) == VALUE(BE, 6));

	/* Inherited by fork; the child's own afterwards. */
	pid = fork();
	if (pid == 0)
		_exit(get(WHO_PROCESS, 0) == VALUE(BE, 6) &&
		    set(WHO_PROCESS, 0, VALUE(BE, 1)) == 0 ? 0 : 1);
	check("a forked child starts with its parent's",
	    waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
	check("... and what it sets stays its own",
	    get(WHO_PROCESS, 0) == VALUE(BE, 6));

	/* Per thread. */
	pthread_create(&th, NULL, thread_main, NULL);
	pthread_join(th, NULL);
	check("a new thread starts with its creator's",
	    thread_saw == VALUE(BE, 6));
	check("... and what it sets stays its own",
	    get(WHO_PROCESS, 0) == VALUE(BE, 6));

	/* A group's best: a member at BE 2 beats BE 6 and unset ones. */
	pid = fork();
	if (pid == 0) {
		set(WHO_PROCESS, 0, VALUE(BE, 2));
		pause();
		_exit(0);
	}
	for (int i = 0; i < 200 && get(WHO_PROCESS, pid) != VALUE(BE, 2); i++)
		usleep(10000);
	check("a group's: its best member's (BE 2)",
	    get(WHO_PGRP, 0) == VALUE(BE, 2));
	check("a user's: at least as good as the group's",
	    get(WHO_USER, 0) >= 0 && get(WHO_USER, 0) <= VALUE(BE, 2));
	check("set for the group", set(WHO_PGRP, 0, VALUE(BE, 5)) == 0 &&
	    get(WHO_PROCESS, pid) == VALUE(BE, 5) &&
	    get(WHO_PROCESS, 0) == VALUE(BE, 5));
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	check_err("get: an empty group", get(WHO_PGRP, 999999), ESRCH);
	check_err("get: a user with no processes", get(WHO_USER, 54321),
	    ESRCH);

	/* Without privilege. */
	check("nobody: real time -> EPERM", as_nobody(nobody_rt) == EPERM);
	check("nobody: best effort and idle for itself",
	    as_nobody(nobody_be_idle) == 0);
	check("nobody: init's -> EPERM", as_nobody(nobody_sets_init) ==
	    EPERM);
	set(WHO_PROCESS, 0, VALUE(NONE, 0));
	printf("uioprio: %s\n", failed ? "some checks FAILED" :
	    "done, all checks passed");
	return failed ? 1 : 0;
}
