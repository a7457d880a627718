/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The elastic CPU policy's arithmetic (cpu_elastic.h), host-testable. */
#include <stdbool.h>
#include <stdint.h>

#include <kernel/sched/cpu_elastic.h>

/*
 * Busy for more than a tenth of a period counts as work.  Less is the
 * odd short program that wake-up placement put on an idle CPU, which
 * would otherwise keep every CPU from resting.
 */
#define CPU_ELASTIC_BUSY_DIV	10

static bool
cpu_elastic_can_wake(const struct cpu_elastic_in *c)
{
	return c->ci_rested && c->ci_elastic && !c->ci_host_off;
}

enum cpu_elastic_action
cpu_elastic_decide(struct cpu_elastic_state *st,
    const struct cpu_elastic_params *p, const struct cpu_elastic_in *in,
    unsigned int n, uint64_t now, uint64_t wanted, unsigned int *cpu)
{
	unsigned int running = 0, demand = 0;
	uint64_t elapsed;

	if (n > CPU_ELASTIC_MAX)
		n = CPU_ELASTIC_MAX;
	if (!st->cs_started || now < st->cs_last_ns) {
		for (unsigned int i = 0; i < n; i++) {
			st->cs_busy_ns[i] = in[i].ci_busy_ns;
			st->cs_idle_since[i] = now;
		}
		st->cs_last_ns = now;
		st->cs_waiting = 0;
		st->cs_started = true;
		return CPU_ELASTIC_NONE;
	}
	elapsed = now - st->cs_last_ns;
	st->cs_last_ns = now;
	for (unsigned int i = 0; i < n; i++) {
		const struct cpu_elastic_in *c = &in[i];
		uint64_t d;

		d = c->ci_busy_ns >= st->cs_busy_ns[i] ?
		    c->ci_busy_ns - st->cs_busy_ns[i] : UINT64_MAX;
		st->cs_busy_ns[i] = c->ci_busy_ns;
		if (c->ci_rested) {	/* its idle time starts when back */
			st->cs_idle_since[i] = now;
			continue;
		}
		if (c->ci_threads) {
			running++;
			demand += c->ci_nr < 1024 ? c->ci_nr : 1024;
		}
		if (c->ci_nr > 1 || d > elapsed / CPU_ELASTIC_BUSY_DIV)
			st->cs_idle_since[i] = now;
	}
	demand = demand > p->cp_self ? demand - p->cp_self : 0;

	/* A thread can run only on a resting CPU: that one comes back. */
	for (unsigned int i = 1; i < n && i < 64; i++)
		if (((wanted >> i) & 1) && cpu_elastic_can_wake(&in[i])) {
			st->cs_waiting = 0;
			*cpu = i;
			return CPU_ELASTIC_WAKE;
		}
	/* More threads than CPUs taking them, twice running: one more. */
	if (p->cp_threads && demand > running) {
		if (++st->cs_waiting < CPU_ELASTIC_WAIT_PERIODS)
			return CPU_ELASTIC_NONE;
		for (unsigned int i = 1; i < n; i++)
			if (cpu_elastic_can_wake(&in[i])) {
				st->cs_waiting = 0;
				*cpu = i;
				return CPU_ELASTIC_WAKE;
			}
		return CPU_ELASTIC_NONE;
	}
	st->cs_waiting = 0;
	if (p->cp_rest_ns == 0)
		return CPU_ELASTIC_NONE;
	/* The highest idle one rests, if the others still hold the load. */
	for (unsigned int i = n; i-- > 1;) {
		const struct cpu_elastic_in *c = &in[i];

		if (c->ci_rested || c->ci_host_off ||
		    now - st->cs_idle_since[i] < p->cp_rest_ns)
			continue;
		if (p->cp_threads && c->ci_threads && demand >= running)
			return CPU_ELASTIC_NONE;
		*cpu = i;
		return CPU_ELASTIC_REST;
	}
	return CPU_ELASTIC_NONE;
}
