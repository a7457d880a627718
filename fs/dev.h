/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Character devices behind device nodes, by Linux device number: mem
 * devices (1,3 null; 1,5 zero; 1,7 full; 1,8 random; 1,9 urandom) here,
 * and devices whose drivers register their operations (dev_register): the
 * console (5,1 console; 5,0 tty), which is the terminal of kernel/tty/tty.c.
 */
#ifndef FS_DEV_H
#define FS_DEV_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#define DEV_MAKE(major, minor)	(((major) << 8) | (minor))

struct file_ops;

/*
 * The operations of device rdev, for a struct file opened on its node:
 * each device has its own table; an unknown (or not yet registered)
 * device's reads and writes fail with -ENXIO.
 */
const struct file_ops *dev_ops(uint32_t rdev);

/*
 * A driver's operations for device rdev, from boot on (before the first
 * open of its node; a few slots).  0, -EEXIST or -ENOSPC.
 */
int	dev_register(uint32_t rdev, const struct file_ops *ops);

/*
 * Who may add entropy or reset the random devices (RNDADDENTROPY...):
 * a hook from above (the process layer's CAP_SYS_ADMIN test).
 */
void	dev_set_random_admin(bool (*fn)(void));

/*
 * A node a driver adds (mode: S_IFCHR or S_IFBLK and permissions): made
 * now in /dev, and in every devtmpfs mounted later.  0, -EEXIST,
 * -ENOSPC (a few dozen), or vfs_create's error.  dev_remove_node takes
 * it away again (and its name in /dev).
 */
int	dev_add_node(const char *name, uint32_t mode, uint32_t rdev);
void	dev_remove_node(const char *name);

/*
 * Create /dev and its standard nodes where missing, and register the
 * "devtmpfs" filesystem type (a fresh set of the same nodes).  Returns 0
 * or -errno.
 */
int	dev_populate(void);

#endif /* FS_DEV_H */
