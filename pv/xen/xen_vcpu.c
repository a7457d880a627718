/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The host's word on how many vCPUs the domain should have: the
 * toolstack writes cpu/N/availability ("online" or "offline") for each
 * vCPU, and xl vcpu-set changes them.  A thread watches cpu/ and hands
 * each vCPU's wish to pv_cpu_host_wants; the policy is the kernel's
 * (kernel/sched/cpus.c).  The keys are the host's: an id that is not a
 * number, or a value that is neither word, is ignored and said once.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/fmt.h>
#include <lib/string.h>
#include <pv/common/pv_env.h>
#include <pv/common/pv_hv.h>
#include <pv/common/pv_hv_drv.h>
#include <kernel/log/printk.h>

#include "xen_store.h"
#include "xen_store_parse.h"
#include "xen_vcpu.h"

#define XVCPU_MAX	256			/* ids looked at */

static struct xen_store_watch xvcpu_watch;
static bool xvcpu_said_bad;

/* Read every cpu/N/availability once and pass each on. */
static void
xvcpu_scan(void)
{
	static char buf[2048];
	const char *ids[XVCPU_MAX];
	int n = xen_store_directory("cpu", buf, sizeof(buf));
	int nids;

	if (n < 0)
		return;
	if ((nids = xs_dir_split(buf, (size_t)n, ids, XVCPU_MAX, 8)) < 0) {
		if (!xvcpu_said_bad)
			pr_warn("xen-vcpu: cpu/ lists a bad name (%d)\n", nids);
		xvcpu_said_bad = true;
		return;
	}
	for (int i = 0; i < nids; i++) {
		char path[32], v[16];
		uint32_t id;
		int len, online;

		if (xs_parse_uint(ids[i], strlen(ids[i]), XVCPU_MAX - 1,
		    &id) != 0)
			goto bad;
		fmt_snprintf(path, sizeof(path), "cpu/%u/availability", id);
		if ((len = xen_store_read(path, v, sizeof(v))) < 0)
			continue;
		if ((online = xs_parse_availability(v, (size_t)len)) < 0)
			goto bad;
		pv_cpu_host_wants(id, online == 1);
		continue;
bad:
		if (!xvcpu_said_bad)
			pr_warn("xen-vcpu: cpu/%s: not a vCPU's availability; "
			    "ignored\n", ids[i]);
		xvcpu_said_bad = true;
	}
}

static void
xvcpu_changed(void *arg)
{
	(void)arg;
	xvcpu_scan();
}

static void
xvcpu_thread(void *arg)
{
	(void)arg;
	xen_store_follow(&xvcpu_watch, "cpu", "xen-vcpu (xl vcpu-set)",
	    xvcpu_changed, NULL);
}

int
xen_vcpu_watch_start(void)
{
	static bool started;

	if (started)
		return 0;
	started = true;
	return pv_thread_start("xen-vcpus", xvcpu_thread, NULL);
}
