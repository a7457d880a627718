/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * sysinfo(2): uptime, load averages, memory and process counts, the
 * figures busybox's free and uptime print.  They are the same ones
 * /proc/meminfo and /proc/loadavg show (fs/procfs/procfs_sys.c).
 */
#include <stdint.h>

#include <lib/string.h>
#include <arch/x86_64/include/user.h>
#include <pv/common/pv_hv.h>
#include <kernel/mm/page_alloc.h>
#include <fs/procfs/procfs.h>
#include <syscall/sys.h>

struct sys_info {		/* struct sysinfo of the x86-64 Linux ABI */
	int64_t		uptime;
	uint64_t	loads[3];
	uint64_t	totalram, freeram, sharedram, bufferram;
	uint64_t	totalswap, freeswap;
	uint16_t	procs, pad;
	uint64_t	totalhigh, freehigh;
	uint32_t	mem_unit;
	char		spare[4];
};
_Static_assert(sizeof(struct sys_info) == 112, "struct sysinfo ABI");

long
sys_sysinfo(struct trap_frame *tf)
{
	struct sys_info si;
	struct page_stats ps;
	unsigned int running, procs;

	memset(&si, 0, sizeof(si));
	si.uptime = (int64_t)(pv_clock_ns() / 1000000000UL);
	procfs_load(si.loads, &running, &procs);
	page_alloc_stats(&ps);
	si.totalram = page_stats_owned(&ps);	/* the balloon's are not ours */
	si.freeram = ps.ps_free;
	si.procs = (uint16_t)procs;
	si.mem_unit = 4096;		/* the counts are pages */
	return copy_to_user((void *)tf->rdi, &si, sizeof(si));
}
