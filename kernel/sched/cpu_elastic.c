/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The elastic CPU policy's thread (cpu_elastic.h): it samples the
 * scheduler's per-CPU figures every CPU_ELASTIC_PERIOD_NS and acts
 * through cpus.c, which hands the hypervisor the rested vCPU.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/cmdline.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <pv/common/pv_hv.h>
#include <kernel/log/panic.h>
#include <kernel/log/printk.h>
#include <kernel/sched/cpu_elastic.h>
#include <kernel/sched/cpus.h>
#include <kernel/sched/sched.h>
#include <kernel/sched/thread.h>

static struct cpu_elastic_state ce_state;
static struct cpu_elastic_params ce_params;
static struct cpu_elastic_in ce_in[CPU_ELASTIC_MAX];
static uint64_t ce_rests, ce_wakes;

static void
cpu_elastic_sample(unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		struct sched_cpu_times ct;
		struct cpu_elastic_in *c = &ce_in[i];

		sched_cpu_times(i, &ct);
		c->ci_busy_ns = ct.ct_busy_ns;
		c->ci_nr = ct.ct_nr;
		c->ci_threads = ct.ct_online;
		c->ci_rested = cpus_rested(i);
		c->ci_elastic = cpus_rested_elastic(i);
		c->ci_host_off = cpus_host_off(i);
	}
}

static void
cpu_elastic_run(void *unused)
{
	unsigned int n = cpus_online(), cpu = 0;

	(void)unused;
	if (n > CPU_ELASTIC_MAX)
		n = CPU_ELASTIC_MAX;
	for (;;) {
		enum cpu_elastic_action a;
		int error;

		thread_sleep_ns(CPU_ELASTIC_PERIOD_NS);
		cpu_elastic_sample(n);
		ce_params.cp_threads = cpus_threads();
		a = cpu_elastic_decide(&ce_state, &ce_params, ce_in, n,
		    pv_clock_ns(), sched_take_wanted(), &cpu);
		if (a == CPU_ELASTIC_NONE)
			continue;
		error = cpus_rest_elastic(cpu, a == CPU_ELASTIC_REST);
		if (error == 0)
			__atomic_add_fetch(a == CPU_ELASTIC_REST ? &ce_rests :
			    &ce_wakes, 1, __ATOMIC_RELAXED);
		else if (error != -EBUSY)
			pr_warn("cpu: the elastic policy could not %s CPU %u "
			    "(%d)\n", a == CPU_ELASTIC_REST ? "rest" : "wake",
			    cpu, error);
	}
}

void
cpu_elastic_start(const char *cmdline)
{
	char val[16];
	uint64_t ms = CPU_ELASTIC_REST_MS;
	int error;

	if (cmdline_get(cmdline, "cpu_rest", val, sizeof(val)) &&
	    strcmp(val, "off") == 0)
		ms = 0;
	else if ((error = cmdline_get_uint(cmdline, "cpu_rest", 0, 3600000,
	    CPU_ELASTIC_REST_MS, &ms)) == -EINVAL)
		panic("cmdline: bad value for cpu_rest (want off or a number "
		    "of ms up to 3600000): '%s'", cmdline);
	ce_params.cp_self = 1;
	if (cpus_online() < 2)
		return;
	if (ms == 0) {
		pr_info("cpu: the elastic policy is off (cpu_rest=off)\n");
		return;
	}
	ce_params.cp_rest_ns = ms * 1000000;
	if (thread_create("cpu-elastic", cpu_elastic_run, NULL, true) == NULL)
		panic("cpu: no thread for the elastic policy");
	pr_info("cpu: an idle CPU rests after %lu ms; waiting threads bring "
	    "it back\n", ms);
}

void
cpu_elastic_counts(uint64_t *rests, uint64_t *wakes, uint64_t *rest_ms)
{
	*rests = __atomic_load_n(&ce_rests, __ATOMIC_RELAXED);
	*wakes = __atomic_load_n(&ce_wakes, __ATOMIC_RELAXED);
	*rest_ms = ce_params.cp_rest_ns / 1000000;
}
