/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * What a C library builds on set_tid_address, tkill and set_robust_list,
 * through Debian's unmodified static musl: raise() (musl signals the tid
 * set_tid_address returned), and a PTHREAD_MUTEX_ROBUST mutex whose
 * owner thread exits while holding it: the next locker gets EOWNERDEAD,
 * makes it consistent and uses it again; a robust mutex left
 * inconsistent gives ENOTRECOVERABLE.  Exits 0 if all held.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int failed;
static volatile sig_atomic_t got_usr1;
static pthread_mutex_t m;

static void
check(const char *what, int ok)
{
	printf("mrobust: %s %s\n", ok ? "ok" : "FAILED", what);
	fflush(stdout);
	if (!ok)
		failed = 1;
}

static void
on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

static void *
die_holding(void *arg)
{
	(void)arg;
	if (pthread_mutex_lock(&m) != 0)
		return (void *)1;
	return NULL;		/* exits with the mutex held */
}

/* A waiter already blocked when the owner dies must be woken too. */
static void *
lock_and_report(void *arg)
{
	int r = pthread_mutex_lock(&m);

	*(int *)arg = r;
	if (r == EOWNERDEAD) {
		pthread_mutex_consistent(&m);
		pthread_mutex_unlock(&m);
	} else if (r == 0) {
		pthread_mutex_unlock(&m);
	}
	return NULL;
}

static void *
hold_then_die(void *arg)
{
	volatile int *go = arg;

	pthread_mutex_lock(&m);
	while (!*go)
		sched_yield();
	return NULL;
}

int
main(void)
{
	pthread_mutexattr_t a;
	pthread_t t, w;
	volatile int go = 0;
	int r, waiter = -1;

	signal(SIGUSR1, on_usr1);
	check("raise(SIGUSR1) returns 0", raise(SIGUSR1) == 0);
	check("...and the handler ran", got_usr1 == 1);

	pthread_mutexattr_init(&a);
	check("PTHREAD_MUTEX_ROBUST is accepted",
	    pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST) == 0);
	pthread_mutex_init(&m, &a);

	pthread_create(&t, NULL, die_holding, NULL);
	pthread_join(t, NULL);
	r = pthread_mutex_lock(&m);
	check("owner exited holding it: the next lock gets EOWNERDEAD",
	    r == EOWNERDEAD);
	check("pthread_mutex_consistent: 0", pthread_mutex_consistent(&m) == 0);
	check("unlock: 0", pthread_mutex_unlock(&m) == 0);
	check("then it locks normally", pthread_mutex_lock(&m) == 0 &&
	    pthread_mutex_unlock(&m) == 0);

	/* A contended death: the blocked waiter gets EOWNERDEAD. */
	pthread_create(&t, NULL, hold_then_die, (void *)&go);
	while (pthread_mutex_trylock(&m) == 0)	/* until t holds it */
		pthread_mutex_unlock(&m), sched_yield();
	pthread_create(&w, NULL, lock_and_report, &waiter);
	usleep(20000);				/* let w block on it */
	go = 1;
	pthread_join(t, NULL);
	pthread_join(w, NULL);
	check("a blocked waiter is woken with EOWNERDEAD", waiter == EOWNERDEAD);

	/* Not made consistent: the mutex is lost for good. */
	pthread_create(&t, NULL, die_holding, NULL);
	pthread_join(t, NULL);
	r = pthread_mutex_lock(&m);
	check("owner died again: EOWNERDEAD", r == EOWNERDEAD);
	pthread_mutex_unlock(&m);
	check("unlocked without consistent: ENOTRECOVERABLE",
	    pthread_mutex_lock(&m) == ENOTRECOVERABLE);

	printf("mrobust: done, %s\n", failed ? "some checks FAILED" :
	    "all checks passed");
	return failed;
}
