/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Process and scheduling benchmarks, the same static binary on Jiny and on
 * the Linux comparison guest:
 *   spawn    fork + execve of a static "true" + wait4
 *   pipe     one-byte ping-pong between two processes (two switches)
 *   thread   pthread_create + pthread_join of an empty thread
 *   futex    FUTEX_WAKE with no waiter + FUTEX_WAIT on a changed word
 *   clock    clock_gettime(CLOCK_MONOTONIC) through libc (the vDSO's
 *            where there is one)
 *   clocksys the same as a system call
 * Each prints "bench: proc name=<n> iters=<N> tsc=<T> ns=<W>": T is the
 * TSC difference (guest instructions under -icount shift=0), W the
 * CLOCK_MONOTONIC difference.  Run as: procbench TRUE_PATH
 */
#include <linux/futex.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static uint64_t
tsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

struct mark {
	uint64_t	tsc, ns;
};

static struct mark
mark(void)
{
	return (struct mark){ tsc(), now_ns() };
}

static void
report(const char *name, int iters, struct mark a)
{
	struct mark b = mark();

	printf("bench: proc name=%s iters=%d tsc=%llu ns=%llu\n", name, iters,
	    (unsigned long long)(b.tsc - a.tsc),
	    (unsigned long long)(b.ns - a.ns));
	fflush(stdout);
}

static void
die(const char *what)
{
	perror(what);
	exit(1);
}

static void
bench_spawn(const char *true_path, int iters)
{
	struct mark m = mark();

	for (int i = 0; i < iters; i++) {
		int st;
		pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (pid == 0) {
			char *argv[] = { (char *)true_path, NULL };
			char *envp[] = { NULL };

			execve(true_path, argv, envp);
			_exit(127);
		}
		if (waitpid(pid, &st, 0) != pid || st != 0)
			die("spawned true");
	}
	report("spawn", iters, m);
}

static void
bench_pipe(int iters)
{
	int ab[2], ba[2];
	char c = 'x';
	pid_t pid;
	struct mark m;

	if (pipe(ab) != 0 || pipe(ba) != 0)
		die("pipe");
	if ((pid = fork()) < 0)
		die("fork");
	if (pid == 0) {
		for (int i = 0; i < iters; i++)
			if (read(ab[0], &c, 1) != 1 || write(ba[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	m = mark();
	for (int i = 0; i < iters; i++)
		if (write(ab[1], &c, 1) != 1 || read(ba[0], &c, 1) != 1)
			die("ping-pong");
	report("pipe", iters, m);
	waitpid(pid, NULL, 0);
}

static void *
empty(void *arg)
{
	return arg;
}

static void
bench_thread(int iters)
{
	struct mark m = mark();

	for (int i = 0; i < iters; i++) {
		pthread_t t;

		if (pthread_create(&t, NULL, empty, NULL) != 0 ||
		    pthread_join(t, NULL) != 0)
			die("pthread");
	}
	report("thread", iters, m);
}

static void
bench_futex(int iters)
{
	static int word;
	struct mark m = mark();

	for (int i = 0; i < iters; i++) {
		syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
		syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 1, NULL, NULL, 0);
	}
	report("futex", iters, m);
}

static void
bench_clock(int iters)
{
	struct timespec ts;
	struct mark m = mark();

	for (int i = 0; i < iters; i++)
		clock_gettime(CLOCK_MONOTONIC, &ts);
	report("clock", iters, m);
	m = mark();
	for (int i = 0; i < iters; i++)
		syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
	report("clocksys", iters, m);
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: procbench TRUE_PATH\n");
		return 2;
	}
	bench_spawn(argv[1], 40);
	bench_pipe(2000);
	bench_thread(200);
	bench_futex(5000);
	bench_clock(5000);
	printf("bench: proc done\n");
	fflush(stdout);
	return 0;
}
