/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Character devices behind device nodes, by Linux device number: mem
 * devices (1,3 null; 1,5 zero; 1,7 full; 1,8 random; 1,9 urandom) and the
 * console (5,1 console; 5,0 tty), which is the terminal of kernel/tty.c.
 */
#ifndef FS_DEV_H
#define FS_DEV_H

#include <stddef.h>
#include <stdint.h>

#define DEV_MAKE(major, minor)	(((major) << 8) | (minor))

/* Is rdev the console terminal (for terminal ioctls)? */
#define DEV_IS_TTY(rdev)	((rdev) == DEV_MAKE(5, 0) || (rdev) == DEV_MAKE(5, 1))

struct file_io;

/*
 * The reads and writes of device rdev, for a struct file opened on its
 * node; an unknown device's fail with -ENXIO.
 */
const struct file_io *dev_io(uint32_t rdev);

/* Fill buf with /dev/urandom's bytes. */
void	dev_random(void *buf, size_t len);

/*
 * Create /dev and its standard nodes where missing, and register the
 * "devtmpfs" filesystem type (a fresh set of the same nodes).  Returns 0
 * or -errno.
 */
int	dev_populate(void);

#endif /* FS_DEV_H */
