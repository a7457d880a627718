/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The loop driver, as Linux's: block devices /dev/loopN (major 7) that
 * read and write a backing file, set up with ioctls (LOOP_SET_FD,
 * LOOP_CONFIGURE, LOOP_SET_STATUS64...), and /dev/loop-control (10,237)
 * that hands out free devices (LOOP_CTL_GET_FREE) and adds and removes
 * them.  Their attributes are in /sys/block/loopN (fs/procfs/sysfs.c,
 * through fs/blkdev.h's bo_attr).
 */
#ifndef KERNEL_BLOCK_LOOP_H
#define KERNEL_BLOCK_LOOP_H

#define LOOP_MAJOR		7
/* Devices made at boot unless the command line says max_loop=N. */
#define LOOP_DEFAULT_COUNT	8
/* Devices there may be at once (minors 0..LOOP_MAX-1). */
#define LOOP_MAX		32

/*
 * Register loop-control and make count devices (their /dev nodes
 * included): 0 or -errno.  After dev_populate.
 */
int	loop_init(unsigned int count);

#endif /* KERNEL_BLOCK_LOOP_H */
