/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Host tests of the elastic CPU policy's arithmetic
 * (kernel/sched/cpu_elastic_calc.c): when an idle CPU rests, what brings
 * one back, the host's ceiling, and hostile samples (too many CPUs, a
 * clock or a busy total that goes backwards, absurd thread counts).
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <kernel/sched/cpu_elastic.h>

#include "ut.h"

#define MS	1000000ULL
#define PERIOD	(100 * MS)

static struct cpu_elastic_state st;
static struct cpu_elastic_in in[CPU_ELASTIC_MAX + 8];
static struct cpu_elastic_params par;
static uint64_t now;

/* n CPUs taking threads, idle, the policy's thread counted on CPU 0. */
static void
setup(unsigned int n)
{
	memset(&st, 0, sizeof(st));
	memset(in, 0, sizeof(in));
	par.cp_rest_ns = 1000 * MS;
	par.cp_threads = true;
	par.cp_self = 1;
	now = 100000 * MS;
	for (unsigned int i = 0; i < n; i++)
		in[i].ci_threads = true;
	in[0].ci_nr = 1;
}

/* One period on; what the policy does (cpu in *cpu). */
static enum cpu_elastic_action
step(unsigned int n, uint64_t wanted, unsigned int *cpu)
{
	now += PERIOD;
	return cpu_elastic_decide(&st, &par, in, n, now, wanted, cpu);
}

/* As cpus.c would after the policy's action. */
static void
apply(enum cpu_elastic_action a, unsigned int cpu)
{
	if (a == CPU_ELASTIC_REST) {
		in[cpu].ci_rested = in[cpu].ci_elastic = true;
		in[cpu].ci_threads = false;
	} else if (a == CPU_ELASTIC_WAKE) {
		in[cpu].ci_rested = in[cpu].ci_elastic = false;
		in[cpu].ci_threads = true;
	}
}

UT_TEST(cpu_elastic_idle_cpu_rests_after_its_time_not_before)
{
	unsigned int cpu = 99;
	int periods = 0;
	enum cpu_elastic_action a;

	setup(4);
	UT_ASSERT_EQ(step(4, 0, &cpu), CPU_ELASTIC_NONE);	/* first look */
	while ((a = step(4, 0, &cpu)) == CPU_ELASTIC_NONE && periods < 100)
		periods++;
	UT_ASSERT_EQ(a, CPU_ELASTIC_REST);
	UT_ASSERT_EQ(cpu, 3);			/* the highest first */
	UT_ASSERT_EQ(periods, 9);		/* 1000 ms: ten periods */
	apply(a, cpu);
	/* One a period, never CPU 0. */
	UT_ASSERT_EQ(step(4, 0, &cpu), CPU_ELASTIC_REST);
	UT_ASSERT_EQ(cpu, 2);
	apply(CPU_ELASTIC_REST, 2);
	UT_ASSERT_EQ(step(4, 0, &cpu), CPU_ELASTIC_REST);
	UT_ASSERT_EQ(cpu, 1);
	apply(CPU_ELASTIC_REST, 1);
	for (int i = 0; i < 50; i++)
		UT_ASSERT_EQ(step(4, 0, &cpu), CPU_ELASTIC_NONE);
}

UT_TEST(cpu_elastic_busy_cpu_never_rests)
{
	unsigned int cpu = 99;

	setup(2);
	for (int i = 0; i < 100; i++) {
		in[1].ci_busy_ns += 50 * MS;	/* half of every period */
		UT_ASSERT_EQ(step(2, 0, &cpu), CPU_ELASTIC_NONE);
	}
	/* A little work (under a tenth) does not keep it up. */
	for (int i = 0; i < 9; i++) {
		in[1].ci_busy_ns += 5 * MS;
		UT_ASSERT_EQ(step(2, 0, &cpu), CPU_ELASTIC_NONE);
	}
	in[1].ci_busy_ns += 5 * MS;
	UT_ASSERT_EQ(step(2, 0, &cpu), CPU_ELASTIC_REST);
}

UT_TEST(cpu_elastic_waiting_threads_bring_one_back)
{
	unsigned int cpu = 99;

	setup(4);
	for (unsigned int i = 1; i < 4; i++)
		apply(CPU_ELASTIC_REST, i);
	UT_ASSERT_EQ(step(4, 0, &cpu), CPU_ELASTIC_NONE);
	/* Two threads besides the policy's on CPU 0: one waits. */
	in[0].ci_nr = 3;
	UT_ASSERT_EQ(step(4, 0, &cpu), CPU_ELASTIC_NONE);  /* once: not yet */
	UT_ASSERT_EQ(step(4, 0, &cpu), CPU_ELASTIC_WAKE);
	UT_ASSERT_EQ(cpu, 1);
	apply(CPU_ELASTIC_WAKE, 1);
	in[0].ci_nr = 2;
	in[1].ci_nr = 1;
	/* As many threads as CPUs: nothing more, and none rests. */
	for (int i = 0; i < 30; i++) {
		in[0].ci_busy_ns += PERIOD;
		in[1].ci_busy_ns += PERIOD;
		UT_ASSERT_EQ(step(4, 0, &cpu), CPU_ELASTIC_NONE);
	}
	/* A blip of waiting (one period) brings none. */
	in[0].ci_nr = 4;
	UT_ASSERT_EQ(step(4, 0, &cpu), CPU_ELASTIC_NONE);
	in[0].ci_nr = 2;
	UT_ASSERT_EQ(step(4, 0, &cpu), CPU_ELASTIC_NONE);
	UT_ASSERT_EQ(step(4, 0, &cpu), CPU_ELASTIC_NONE);
}

UT_TEST(cpu_elastic_wanted_cpu_comes_back_at_once)
{
	unsigned int cpu = 99;

	setup(4);
	for (unsigned int i = 1; i < 4; i++)
		apply(CPU_ELASTIC_REST, i);
	UT_ASSERT_EQ(step(4, 0, &cpu), CPU_ELASTIC_NONE);
	UT_ASSERT_EQ(step(4, 1u << 2, &cpu), CPU_ELASTIC_WAKE);
	UT_ASSERT_EQ(cpu, 2);
	/* Bits for CPU 0, CPUs past n, awake ones: nothing to do. */
	apply(CPU_ELASTIC_WAKE, 2);
	UT_ASSERT_EQ(step(4, 1u | (1u << 2) | (1ULL << 40), &cpu),
	    CPU_ELASTIC_NONE);
}

UT_TEST(cpu_elastic_never_undoes_the_host)
{
	unsigned int cpu = 99;

	setup(4);
	/* The host took 1-3 (rested, not the policy's): demand waits. */
	for (unsigned int i = 1; i < 4; i++) {
		in[i].ci_rested = in[i].ci_host_off = true;
		in[i].ci_threads = false;
	}
	in[0].ci_nr = 6;
	for (int i = 0; i < 20; i++)
		UT_ASSERT_EQ(step(4, 0xe, &cpu), CPU_ELASTIC_NONE);
	/* Rested by something else (a test, the kernel): not the policy's. */
	setup(2);
	in[1].ci_rested = true;
	in[1].ci_threads = false;
	in[0].ci_nr = 5;
	for (int i = 0; i < 20; i++)
		UT_ASSERT_EQ(step(2, 2, &cpu), CPU_ELASTIC_NONE);
	/* Up, but the host's ceiling leaves it out: it is not rested again
	 * by the policy either (the host's word stands). */
	setup(2);
	in[1].ci_host_off = true;
	in[0].ci_nr = 1;
	for (int i = 0; i < 30; i++)
		UT_ASSERT_EQ(step(2, 0, &cpu), CPU_ELASTIC_NONE);
}

UT_TEST(cpu_elastic_off_rests_nothing_but_still_wakes)
{
	unsigned int cpu = 99;

	setup(2);
	par.cp_rest_ns = 0;
	for (int i = 0; i < 50; i++)
		UT_ASSERT_EQ(step(2, 0, &cpu), CPU_ELASTIC_NONE);
}

UT_TEST(cpu_elastic_idle_mode_rests_and_does_not_count_threads)
{
	unsigned int cpu = 99;
	enum cpu_elastic_action a = CPU_ELASTIC_NONE;

	/* smp=idle: only CPU 0 takes threads, and it is busy. */
	setup(2);
	par.cp_threads = false;
	in[1].ci_threads = false;
	in[0].ci_nr = 8;
	for (int i = 0; i < 12 && a == CPU_ELASTIC_NONE; i++) {
		in[0].ci_busy_ns += PERIOD;
		a = step(2, 0, &cpu);
	}
	UT_ASSERT_EQ(a, CPU_ELASTIC_REST);
	UT_ASSERT_EQ(cpu, 1);
	apply(a, 1);
	in[1].ci_threads = false;
	for (int i = 0; i < 20; i++)
		UT_ASSERT_EQ(step(2, 0, &cpu), CPU_ELASTIC_NONE);
}

UT_TEST(cpu_elastic_hostile_samples)
{
	unsigned int cpu = 99;
	enum cpu_elastic_action a;

	/* More CPUs than it keeps: the rest are not looked at. */
	setup(CPU_ELASTIC_MAX + 8);
	UT_ASSERT_EQ(step(CPU_ELASTIC_MAX + 8, ~0ULL, &cpu), CPU_ELASTIC_NONE);
	for (int i = 0; i < 10; i++)
		a = step(CPU_ELASTIC_MAX + 8, ~0ULL, &cpu);
	UT_ASSERT_EQ(a, CPU_ELASTIC_REST);
	UT_ASSERT(cpu < CPU_ELASTIC_MAX);
	/* A busy total that goes backwards counts as work, not idle. */
	setup(2);
	in[1].ci_busy_ns = 500 * MS;
	step(2, 0, &cpu);
	for (int i = 0; i < 30; i++) {
		in[1].ci_busy_ns = (i & 1) ? 500 * MS : 100 * MS;
		UT_ASSERT_EQ(step(2, 0, &cpu), CPU_ELASTIC_NONE);
	}
	/* The clock going backwards starts over. */
	setup(2);
	for (int i = 0; i < 9; i++)
		step(2, 0, &cpu);
	now -= 10000 * MS;
	for (int i = 0; i < 9; i++)
		UT_ASSERT_EQ(step(2, 0, &cpu), CPU_ELASTIC_NONE);
	/* Absurd thread counts do not overflow into "fewer than CPUs". */
	setup(4);
	for (unsigned int i = 1; i < 4; i++)
		apply(CPU_ELASTIC_REST, i);
	in[0].ci_nr = UINT32_MAX;
	step(4, 0, &cpu);
	UT_ASSERT_EQ(step(4, 0, &cpu), CPU_ELASTIC_NONE);
	UT_ASSERT_EQ(step(4, 0, &cpu), CPU_ELASTIC_WAKE);
	/* No CPUs at all. */
	setup(0);
	UT_ASSERT_EQ(step(0, ~0ULL, &cpu), CPU_ELASTIC_NONE);
	UT_ASSERT_EQ(step(0, ~0ULL, &cpu), CPU_ELASTIC_NONE);
}
