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
#include <lib/errno.h>
#include <arch/x86_64/include/smp.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/cpus.h>
#include <kernel/sched/sched.h>
#include <fs/blkdev.h>
#include <fs/procfs/procfs.h>

/* A CPU mask as Linux lists it: "0-3", "0,2-3", or "" for none. */
static void
sysfs_cpu_list(struct procfs_buf *b, uint64_t mask)
{
	bool first = true;

	for (unsigned int n = 0; n < 64; n++) {
		unsigned int end = n;

		if (!((mask >> n) & 1))
			continue;
		while (end + 1 < 64 && ((mask >> (end + 1)) & 1))
			end++;
		procfs_printf(b, end == n ? "%s%u" : "%s%u-%u",
		    first ? "" : ",", n, end);
		first = false;
		n = end;
	}
	procfs_printf(b, "\n");
}

/*
 * The CPUs programs may run on, as sched_getaffinity says: all of them
 * once threads run everywhere (a CPU the elastic policy rests counts:
 * it comes back when asked), CPU 0 alone under smp=idle; one the host
 * took is offline.
 */
static uint64_t
sysfs_cpus_usable(void)
{
	return sched_ncpus() > 1 ? sched_online_mask() : 1;
}

static int
sysfs_cpu_possible(struct proc *unused, struct procfs_buf *b)
{
	sysfs_cpu_list(b, cpus_up_mask());
	return 0;
}

static int
sysfs_cpu_online(struct proc *unused, struct procfs_buf *b)
{
	sysfs_cpu_list(b, sysfs_cpus_usable());
	return 0;
}

static int
sysfs_cpu_offline(struct proc *unused, struct procfs_buf *b)
{
	sysfs_cpu_list(b, cpus_up_mask() & ~sysfs_cpus_usable());
	return 0;
}

/* The highest CPU number the kernel could ever use. */
static int
sysfs_cpu_kernel_max(struct proc *unused, struct procfs_buf *b)
{
	procfs_printf(b, "%u\n", SMP_MAX_CPUS - 1);
	return 0;
}

/*
 * /sys/block/<dev>/[<dir>/]<attr>: the block device's text (fs/blkdev.c
 * and its driver's bo_attr); -ENOENT while the device or the attribute
 * is not there (a loop device's loop/ while it is unbound).
 */
static int
sysfs_block_show(const char *dev, const char *dir, const char *attr,
    struct procfs_buf *b)
{
	size_t size = 4096 + 2;		/* a path and its newline */
	char *buf = kmalloc(size);
	int n;

	if (buf == NULL)
		return -ENOMEM;
	if ((n = blkdev_attr(dev, dir, attr, buf, size)) >= 0)
		procfs_put(b, buf, (size_t)n);
	kfree(buf);
	return n < 0 ? n : 0;
}

/* One generator per device and attribute (the table's entries have no
 * argument): sysfs_<dev>_<dir>_<attr>. */
#define SYSFS_BLOCK_ATTR(D, dir, dirname, attr)			\
static int								\
sysfs_##D##_##dir##_##attr(struct proc *unused, struct procfs_buf *b)	\
{									\
	return sysfs_block_show(#D, dirname, #attr, b);		\
}
#define SYSFS_BLOCK_DEV(D)						\
	SYSFS_BLOCK_ATTR(D, top, NULL, size)				\
	SYSFS_BLOCK_ATTR(D, top, NULL, ro)				\
	SYSFS_BLOCK_ATTR(D, top, NULL, removable)			\
	SYSFS_BLOCK_ATTR(D, top, NULL, dev)				\
	SYSFS_BLOCK_ATTR(D, top, NULL, stat)				\
	SYSFS_BLOCK_ATTR(D, loop, "loop", backing_file)		\
	SYSFS_BLOCK_ATTR(D, loop, "loop", offset)			\
	SYSFS_BLOCK_ATTR(D, loop, "loop", sizelimit)			\
	SYSFS_BLOCK_ATTR(D, loop, "loop", autoclear)			\
	SYSFS_BLOCK_ATTR(D, loop, "loop", partscan)			\
	SYSFS_BLOCK_ATTR(D, loop, "loop", dio)			\
	SYSFS_BLOCK_ATTR(D, queue, "queue", logical_block_size)	\
	SYSFS_BLOCK_ATTR(D, queue, "queue", physical_block_size)	\
	SYSFS_BLOCK_ATTR(D, queue, "queue", rotational)

SYSFS_BLOCK_DEV(loop0)
SYSFS_BLOCK_DEV(loop1)
SYSFS_BLOCK_DEV(loop2)
SYSFS_BLOCK_DEV(loop3)
SYSFS_BLOCK_DEV(loop4)
SYSFS_BLOCK_DEV(loop5)
SYSFS_BLOCK_DEV(loop6)
SYSFS_BLOCK_DEV(loop7)

/*
 * The rows of /sys/block/<D>, whose directory is entry at (index
 * at + 1); SYSFS_BLOCK_ROWS entries in all.
 */
#define SYSFS_BLOCK_ROWS	17
#define SYSFS_BLOCK(D, at)						\
	{ { #D, NULL }, 1 },						\
	{ { "size", sysfs_##D##_top_size }, (at) + 1 },		\
	{ { "ro", sysfs_##D##_top_ro }, (at) + 1 },			\
	{ { "removable", sysfs_##D##_top_removable }, (at) + 1 },	\
	{ { "dev", sysfs_##D##_top_dev }, (at) + 1 },			\
	{ { "stat", sysfs_##D##_top_stat }, (at) + 1 },		\
	{ { "loop", NULL }, (at) + 1 },					\
	{ { "backing_file", sysfs_##D##_loop_backing_file }, (at) + 7 }, \
	{ { "offset", sysfs_##D##_loop_offset }, (at) + 7 },		\
	{ { "sizelimit", sysfs_##D##_loop_sizelimit }, (at) + 7 },	\
	{ { "autoclear", sysfs_##D##_loop_autoclear }, (at) + 7 },	\
	{ { "partscan", sysfs_##D##_loop_partscan }, (at) + 7 },	\
	{ { "dio", sysfs_##D##_loop_dio }, (at) + 7 },		\
	{ { "queue", NULL }, (at) + 1 },				\
	{ { "logical_block_size",					\
	    sysfs_##D##_queue_logical_block_size }, (at) + 14 },	\
	{ { "physical_block_size",					\
	    sysfs_##D##_queue_physical_block_size }, (at) + 14 },	\
	{ { "rotational", sysfs_##D##_queue_rotational }, (at) + 14 }

/* Where the block devices' rows begin (0-based). */
#define SYSFS_BLOCK_AT		17

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
	{ { "offline", sysfs_cpu_offline }, 11 },
	{ { "online", sysfs_cpu_online }, 11 },
	{ { "possible", sysfs_cpu_possible }, 11 },
	{ { "present", sysfs_cpu_possible }, 11 },
	/* /sys/block: the loop devices made at boot (kernel/block/loop.c). */
	SYSFS_BLOCK(loop0, SYSFS_BLOCK_AT + 0 * SYSFS_BLOCK_ROWS),
	SYSFS_BLOCK(loop1, SYSFS_BLOCK_AT + 1 * SYSFS_BLOCK_ROWS),
	SYSFS_BLOCK(loop2, SYSFS_BLOCK_AT + 2 * SYSFS_BLOCK_ROWS),
	SYSFS_BLOCK(loop3, SYSFS_BLOCK_AT + 3 * SYSFS_BLOCK_ROWS),
	SYSFS_BLOCK(loop4, SYSFS_BLOCK_AT + 4 * SYSFS_BLOCK_ROWS),
	SYSFS_BLOCK(loop5, SYSFS_BLOCK_AT + 5 * SYSFS_BLOCK_ROWS),
	SYSFS_BLOCK(loop6, SYSFS_BLOCK_AT + 6 * SYSFS_BLOCK_ROWS),
	SYSFS_BLOCK(loop7, SYSFS_BLOCK_AT + 7 * SYSFS_BLOCK_ROWS),
	/* /sys/class/net: its interfaces come from procfs_set_netdev. */
	{ { "net", NULL }, 3 },
};
_Static_assert(ARRAY_SIZE(sysfs_tree) == SYSFS_BLOCK_AT +
    8 * SYSFS_BLOCK_ROWS + 1, "sysfs: the block rows begin at SYSFS_BLOCK_AT");
const unsigned int sysfs_class_net = SYSFS_BLOCK_AT + 8 * SYSFS_BLOCK_ROWS + 1;
const unsigned int sysfs_ntree = ARRAY_SIZE(sysfs_tree);
