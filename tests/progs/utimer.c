/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * POSIX timers (timer_create, timer_settime, timer_gettime,
 * timer_getoverrun, timer_delete), checked against what Linux does (the
 * same program passes on a Linux host and guest): the signal and its
 * siginfo, periods and overruns while the signal waits, absolute times
 * already past, the default sigevent, what fork does not inherit, and the
 * errors.  Nothing asserts how long anything took.  One line per check;
 * exits 0 when all held.  Built with musl, static.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

static int failed;

static void
check(const char *what, int ok)
{
	printf("utimer: %s %s\n", ok ? "ok" : "FAIL", what);
	if (!ok)
		failed++;
}

/* The kernel's timer id (musl's timer_t wraps it for SIGEV_THREAD only). */
static int
tcreate(clockid_t clock, struct sigevent *ev, int *id)
{
	return (int)syscall(SYS_timer_create, clock, ev, id);
}

static int
tset(int id, int flags, long vs, long vns, long is, long ins,
    struct itimerspec *old)
{
	struct itimerspec its = { { is, ins }, { vs, vns } };

	return (int)syscall(SYS_timer_settime, id, flags, &its, old);
}

static volatile int thread_tid;
static volatile int thread_stop;

static void *
thread_main(void *arg)
{
	(void)arg;
	thread_tid = (int)syscall(SYS_gettid);
	while (!thread_stop)
		sched_yield();
	return NULL;
}

/* kill(2) by id: an unreaped child still exists; a thread's id names its
 * process. */
static void
kill_by_id(void)
{
	sigset_t set;
	siginfo_t si;
	pthread_t th;
	pid_t pid = fork();
	int st;

	if (pid == 0)
		_exit(0);
	/* Let it die without reaping it: waitid with WNOWAIT. */
	check("a child exits (WNOWAIT)", waitid(P_PID, (id_t)pid, &si,
	    WEXITED | WNOWAIT) == 0);
	check("kill(zombie, 0) is 0", kill(pid, 0) == 0);
	check("kill(zombie, SIGTERM) is 0", kill(pid, SIGTERM) == 0);
	check("reap it", waitpid(pid, &st, 0) == pid);
	check("kill(reaped, 0) is ESRCH", kill(pid, 0) == -1 && errno == ESRCH);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (pthread_create(&th, NULL, thread_main, NULL) != 0) {
		check("pthread_create", 0);
		return;
	}
	while (thread_tid == 0)
		sched_yield();
	check("kill(a thread's id, SIGUSR2) reaches the process",
	    kill(thread_tid, SIGUSR2) == 0 && sigwaitinfo(&set, &si) == SIGUSR2);
	thread_stop = 1;
	pthread_join(th, NULL);
}

int
main(void)
{
	struct sigevent ev;
	struct itimerspec cur;
	struct timespec now;
	siginfo_t si;
	sigset_t set;
	int id, id2, st;
	pid_t pid;

	setvbuf(stdout, NULL, _IONBF, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN + 1);
	sigaddset(&set, SIGALRM);
	sigprocmask(SIG_BLOCK, &set, NULL);

	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGRTMIN + 1;
	ev.sigev_value.sival_int = 42;
	check("timer_create on CLOCK_MONOTONIC",
	    tcreate(CLOCK_MONOTONIC, &ev, &id) == 0 && id >= 0);
	check("a new timer is disarmed", syscall(SYS_timer_gettime, id, &cur) == 0 &&
	    cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);
	check("arm it for 10 ms", tset(id, 0, 0, 10000000, 0, 0, NULL) == 0);
	check("it sends its signal", sigwaitinfo(&set, &si) == SIGRTMIN + 1);
	check("... with SI_TIMER, the id and the value",
	    si.si_code == SI_TIMER && si.si_value.sival_int == 42 &&
	    si.si_timerid == id);
	check("... and is disarmed after", syscall(SYS_timer_gettime, id, &cur) == 0 &&
	    cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);

	check("arm it for 100 s", tset(id, 0, 100, 0, 0, 0, NULL) == 0);
	check("timer_gettime counts down from it",
	    syscall(SYS_timer_gettime, id, &cur) == 0 && cur.it_value.tv_sec <= 100 &&
	    cur.it_value.tv_sec >= 1);
	{
		struct itimerspec old;

		check("re-arming reports the old setting",
		    tset(id, 0, 0, 0, 0, 0, &old) == 0 && old.it_value.tv_sec >= 1 &&
		    old.it_value.tv_sec <= 100);
	}

	/* A period of 2 ms while the signal waits: the expirations that
	 * found it pending are counted as overruns. */
	check("a periodic timer", tset(id, 0, 0, 2000000, 0, 2000000, NULL) == 0);
	{
		struct timespec nap = { 0, 100000000 };

		nanosleep(&nap, NULL);
	}
	check("... its signal waits, once", sigwaitinfo(&set, &si) == SIGRTMIN + 1);
	/* At least 100 ms went by: 50 expirations, less the one taken and
	 * the edges; counted up to the taking, not the sending (Linux). */
	check("... with overruns in si_overrun and timer_getoverrun",
	    si.si_overrun >= 40 &&
	    syscall(SYS_timer_getoverrun, id) == si.si_overrun);
	check("disarm", tset(id, 0, 0, 0, 0, 0, NULL) == 0);
	{
		struct timespec z = { 0, 0 };

		while (sigtimedwait(&set, &si, &z) > 0)
			;	/* one may have fired before the disarm */
	}

	/* An absolute wall-clock time already past fires at once. */
	clock_gettime(CLOCK_REALTIME, &now);
	check("a realtime timer", tcreate(CLOCK_REALTIME, &ev, &id2) == 0 && id2 != id);
	check("TIMER_ABSTIME in the past", tset(id2, TIMER_ABSTIME,
	    now.tv_sec - 10, 0, 0, 0, NULL) == 0);
	check("... fires", sigwaitinfo(&set, &si) == SIGRTMIN + 1 &&
	    si.si_timerid == id2);
	check("timer_delete", syscall(SYS_timer_delete, id2) == 0);
	check("... a deleted timer is EINVAL",
	    syscall(SYS_timer_delete, id2) == -1 && errno == EINVAL &&
	    syscall(SYS_timer_gettime, id2, &cur) == -1 && errno == EINVAL);

	/* No sigevent: SIGALRM with the id as its value. */
	check("timer_create without a sigevent",
	    tcreate(CLOCK_MONOTONIC, NULL, &id2) == 0);
	check("... arm", tset(id2, 0, 0, 1000000, 0, 0, NULL) == 0);
	check("... SIGALRM carrying the id", sigwaitinfo(&set, &si) == SIGALRM &&
	    si.si_code == SI_TIMER && si.si_value.sival_int == id2);
	syscall(SYS_timer_delete, id2);

	ev.sigev_notify = SIGEV_NONE;
	check("SIGEV_NONE", tcreate(CLOCK_MONOTONIC, &ev, &id2) == 0 &&
	    tset(id2, 0, 50, 0, 0, 0, NULL) == 0 &&
	    syscall(SYS_timer_gettime, id2, &cur) == 0 && cur.it_value.tv_sec >= 1);
	if ((pid = fork()) == 0)
		_exit(syscall(SYS_timer_gettime, id2, &cur) == -1 &&
		    errno == EINVAL ? 0 : 1);
	check("a forked child has no timers", waitpid(pid, &st, 0) == pid &&
	    WIFEXITED(st) && WEXITSTATUS(st) == 0);
	syscall(SYS_timer_delete, id2);

	/* Errors. */
	ev.sigev_notify = SIGEV_SIGNAL;
	check("an unknown clock is EINVAL",
	    tcreate(100, &ev, &id2) == -1 && errno == EINVAL);
	ev.sigev_signo = 65;
	check("signal 65 is EINVAL",
	    tcreate(CLOCK_MONOTONIC, &ev, &id2) == -1 && errno == EINVAL);
	ev.sigev_signo = SIGRTMIN + 1;
	ev.sigev_notify = 7;
	check("an unknown notify is EINVAL",
	    tcreate(CLOCK_MONOTONIC, &ev, &id2) == -1 && errno == EINVAL);
	check("a bad sigevent pointer is EFAULT",
	    tcreate(CLOCK_MONOTONIC, (struct sigevent *)8, &id2) == -1 &&
	    errno == EFAULT);
	check("a nanosecond field of 1e9 is EINVAL",
	    tset(id, 0, 0, 1000000000, 0, 0, NULL) == -1 && errno == EINVAL);
	check("timer_settime of a bad id is EINVAL",
	    tset(12345, 0, 1, 0, 0, 0, NULL) == -1 && errno == EINVAL);
	check("timer_getoverrun of a bad id is EINVAL",
	    syscall(SYS_timer_getoverrun, 12345) == -1 && errno == EINVAL);
	check("timer_delete", syscall(SYS_timer_delete, id) == 0);
	kill_by_id();
	if (failed) {
		printf("utimer: %d checks failed\n", failed);
		return 1;
	}
	printf("utimer: done, all checks passed\n");
	return 0;
}
