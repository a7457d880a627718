/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The ring-0 app's CPU takes no tick while the app runs there alone
 * (built with jiny-cc; booted with several CPUs).  The app starts on a
 * CPU other than 0; it computes for a second of the guest's clock and
 * counts the timer interrupts its CPU took meanwhile (/proc/interrupts'
 * LAPIC-timer row): at most 2, where a ticking CPU takes about 100.
 * Then it sleeps, its CPU goes idle and ticks again, and the count
 * moves.  /proc/cpus says how often the tick stopped (nohz).  Prints one
 * line per check and a summary; exits 0 if every check held.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int failed;

static void
check(const char *what, int ok)
{
	printf("r0tick: %s %s\n", ok ? "ok" : "FAILED", what);
	failed |= !ok;
}

/* CPU cpu's count in /proc/interrupts' LAPIC-timer row; -1 if none. */
static long
timer_ticks(int cpu)
{
	char line[1024];
	long v = -1;
	FILE *f = fopen("/proc/interrupts", "r");

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		char *p, *end;

		if (strstr(line, "LAPIC-timer") == NULL)
			continue;
		p = strchr(line, ':');
		if (p == NULL)
			break;
		p++;
		for (int i = 0; i <= cpu; i++) {
			v = strtol(p, &end, 10);
			if (end == p) {
				v = -1;
				break;
			}
			p = end;
		}
		break;
	}
	fclose(f);
	return v;
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(void)
{
	volatile unsigned long sum = 0;
	long t0, t1, t2;
	double end;
	int cpu, ncpu;
	struct timespec nap = { 0, 300 * 1000 * 1000 };

	mkdir("/proc", 0555);
	if (mount("proc", "/proc", "proc", 0, NULL) != 0 && errno != EBUSY)
		printf("r0tick: mount /proc: errno %d\n", errno);
	ncpu = (int)sysconf(_SC_NPROCESSORS_ONLN);
	cpu = sched_getcpu();
	printf("r0tick: %d CPUs, the app on CPU %d\n", ncpu, cpu);
	check("the app starts on a CPU of its own (not 0)", ncpu > 1 &&
	    cpu > 0);
	t0 = timer_ticks(cpu);
	check("its CPU's timer row is there", t0 >= 0);
	end = now_s() + 1.0;
	while (now_s() < end)
		for (int i = 0; i < 100000; i++)
			sum += (unsigned long)i * 7;
	t1 = timer_ticks(cpu);
	printf("r0tick: CPU %d took %ld timer interrupts in a second of "
	    "work\n", cpu, t1 - t0);
	check("no tick while the app runs alone (at most 2)", t1 - t0 <= 2 &&
	    sched_getcpu() == cpu);
	/* Asleep, the CPU is idle and ticks again. */
	for (int i = 0; i < 3; i++)
		nanosleep(&nap, NULL);
	t2 = timer_ticks(cpu);
	printf("r0tick: CPU %d took %ld while the app slept\n", cpu, t2 - t1);
	check("the tick comes back when the app sleeps", t2 > t1);
	{
		char line[256];
		FILE *f = fopen("/proc/cpus", "r");

		while (f != NULL && fgets(line, sizeof(line), f) != NULL)
			fputs(line, stdout);
		if (f != NULL)
			fclose(f);
	}
	printf("r0tick: %s\n", failed ? "done, some checks failed" :
	    "done, all checks passed");
	return failed;
}
