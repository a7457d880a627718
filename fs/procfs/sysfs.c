/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * /sys: the "sysfs" filesystem type is procfs's table tree (procfs.c)
 * with this table.  It holds what Linux programs read there to learn the
 * machine: glibc's get_nprocs and sysconf(_SC_NPROCESSORS_*), stress-ng,
 * lscpu and the like read /sys/devices/system/cpu.  Linux's other top
 * directories are there, empty, until devices and modules have something
 * true to show in them.  Read-only, as the files are here.
 */
#include <stdint.h>

#include <lib/compiler.h>
#include <fs/procfs/procfs.h>

/*
 * The CPUs the kernel runs on.  The scheduler drives one CPU (the
 * boot CPU, number 0); when it drives more, these print the range.
 */
static int
sysfs_cpu_range(struct proc *unused, struct procfs_buf *b)
{
	procfs_printf(b, "0\n");
	return 0;
}

/* The highest CPU number the kernel could ever use. */
static int
sysfs_cpu_kernel_max(struct proc *unused, struct procfs_buf *b)
{
	procfs_printf(b, "0\n");
	return 0;
}

/* None are offline. */
static int
sysfs_cpu_none(struct proc *unused, struct procfs_buf *b)
{
	procfs_printf(b, "\n");
	return 0;
}

/* Directories before what they hold: entry k + 1 is named by index. */
const struct procfs_sysctl sysfs_tree[] = {
	{ { "block", NULL }, 0 },			/* 1 */
	{ { "bus", NULL }, 0 },				/* 2 */
	{ { "class", NULL }, 0 },			/* 3 */
	{ { "dev", NULL }, 0 },				/* 4 */
	{ { "devices", NULL }, 0 },			/* 5 */
	{ { "firmware", NULL }, 0 },			/* 6 */
	{ { "fs", NULL }, 0 },				/* 7 */
	{ { "kernel", NULL }, 0 },			/* 8 */
	{ { "module", NULL }, 0 },			/* 9 */
	{ { "system", NULL }, 5 },			/* 10 */
	{ { "cpu", NULL }, 10 },			/* 11 */
	{ { "cpu0", NULL }, 11 },			/* 12 */
	{ { "kernel_max", sysfs_cpu_kernel_max }, 11 },
	{ { "offline", sysfs_cpu_none }, 11 },
	{ { "online", sysfs_cpu_range }, 11 },
	{ { "possible", sysfs_cpu_range }, 11 },
	{ { "present", sysfs_cpu_range }, 11 },
};
const unsigned int sysfs_ntree = ARRAY_SIZE(sysfs_tree);
