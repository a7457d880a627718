/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Parallel speed-up: a fixed amount of CPU-bound work (argv[3] units of
 * 2^20 multiply-adds) split evenly over argv[2] workers, which are
 * processes (fork, argv[1] "procs") or threads of one process ("threads").
 * Prints
 *   bench: par kind=K workers=N units=U ns=W check=C
 * W is the CLOCK_MONOTONIC time from the first fork or pthread_create to
 * the last wait; C the workers' results summed, so that the work cannot
 * be skipped.  bench/smp.sh runs it with 1, 2 and 4
 * vCPUs.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_WORKERS	64

static long units_each[MAX_WORKERS];
static uint64_t results[MAX_WORKERS];

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t
work(long units, uint64_t seed)
{
	uint64_t x = seed;

	for (long u = 0; u < units; u++)
		for (int i = 0; i < (1 << 20); i++)
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
	return x;
}

static void *
thread_main(void *p)
{
	long i = (long)p;

	results[i] = work(units_each[i], (uint64_t)i + 1);
	return NULL;
}

int
main(int argc, char **argv)
{
	const char *kind = argc > 1 ? argv[1] : "procs";
	int n = argc > 2 ? atoi(argv[2]) : 1;
	long units = argc > 3 ? atol(argv[3]) : 64;
	pthread_t t[MAX_WORKERS];
	pid_t pid[MAX_WORKERS];
	uint64_t t0, t1, check = 0;
	int threads = strcmp(kind, "threads") == 0;

	if (n < 1 || n > MAX_WORKERS || units < n ||
	    (!threads && strcmp(kind, "procs") != 0)) {
		fprintf(stderr, "usage: parbench procs|threads WORKERS UNITS\n");
		return 2;
	}
	for (int i = 0; i < n; i++)
		units_each[i] = units / n + (i < units % n);
	t0 = now_ns();
	for (int i = 0; i < n; i++) {
		if (threads) {
			if (pthread_create(&t[i], NULL, thread_main,
			    (void *)(long)i) != 0)
				return 1;
			continue;
		}
		if ((pid[i] = fork()) == 0)
			_exit((int)(work(units_each[i], (uint64_t)i + 1) & 0xff));
		if (pid[i] < 0)
			return 1;
	}
	for (int i = 0; i < n; i++) {
		if (threads) {
			pthread_join(t[i], NULL);
			check += results[i] & 0xff;
		} else {
			int st;

			if (waitpid(pid[i], &st, 0) != pid[i] || !WIFEXITED(st))
				return 1;
			check += (uint64_t)WEXITSTATUS(st);
		}
	}
	t1 = now_ns();
	printf("bench: par kind=%s workers=%d units=%ld ns=%lu check=%lu\n",
	    kind, n, units, (unsigned long)(t1 - t0), (unsigned long)check);
	return 0;
}
