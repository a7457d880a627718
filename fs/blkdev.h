/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Block devices: S_IFBLK nodes whose device number a driver registered
 * (blkdev_register).  Every block device is opened, read and written the
 * same way (blkdev_file_ops, chosen by file_new for S_IFBLK nodes): at
 * any byte offset below its size, SEEK_END at its size, fsync, and the
 * block ioctls programs use (BLKGETSIZE64, BLKSSZGET, BLKROSET...).  What
 * differs from one device to another is its driver's struct blkdev_ops:
 * where the bytes live, and the driver's own ioctls (the loop driver's
 * LOOP_*, kernel/block/loop.c).
 */
#ifndef FS_BLKDEV_H
#define FS_BLKDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BLKDEV_SECTOR		512u

struct blkdev;
struct file;

struct blkdev_ops {
	/*
	 * Move len bytes at byte off of the device (off + len <= its size,
	 * already checked); kernel buffers.  Bytes moved or -errno.
	 */
	long	(*bo_read)(struct blkdev *, void *buf, size_t len,
		    uint64_t off);
	long	(*bo_write)(struct blkdev *, const void *buf, size_t len,
		    uint64_t off);
	/* An open of the device's node (f is new): 0 or -errno. */
	int	(*bo_open)(struct blkdev *, struct file *f);
	/* A file open on the device is going (its last reference). */
	void	(*bo_release)(struct blkdev *, struct file *f);
	/* The driver's own requests; -ENOTTY for others. */
	long	(*bo_ioctl)(struct blkdev *, struct file *f, unsigned long req,
		    uint64_t arg);
	/*
	 * The text of /sys/block/<name>/<dir>/<attr> for the driver's own
	 * attributes (dir NULL: at the top), into buf: its length, or
	 * -ENOENT (no such attribute now).
	 */
	int	(*bo_attr)(struct blkdev *, const char *dir, const char *attr,
		    char *buf, size_t size);
};

struct blkdev {
	uint32_t	 bd_rdev;	/* major << 8 | minor */
	char		 bd_name[16];	/* "loop0": /sys/block's name */
	uint64_t	 bd_size;	/* bytes; 0: no medium */
	uint32_t	 bd_lbsize;	/* logical block size (BLKSSZGET) */
	uint32_t	 bd_bsize;	/* soft block size (BLKBSZGET/SET) */
	bool		 bd_ro;		/* BLKROSET, or the driver's */
	unsigned int	 bd_openers;	/* files open on the device */
	/* /sys/block/<name>/stat: requests and 512-byte sectors moved. */
	uint64_t	 bd_rios, bd_rsect, bd_wios, bd_wsect;
	const struct blkdev_ops *bd_ops;
	void		*bd_priv;	/* the driver's */
};

/*
 * Make bd (the caller's memory; bd_rdev, bd_name and bd_ops set) the
 * device of its number: 0, -EEXIST or -ENOSPC.  Unregister takes it back
 * (the driver first makes sure no file has it open).
 */
int	blkdev_register(struct blkdev *bd);
void	blkdev_unregister(struct blkdev *bd);
/* The device of number rdev, or NULL. */
struct blkdev *blkdev_get(uint32_t rdev);
/* The device named name ("loop0"), or NULL. */
struct blkdev *blkdev_by_name(const char *name);
/* The device a file open on a block node is on (NULL: none now). */
struct blkdev *blkdev_of(const struct file *f);

/*
 * The text of /sys/block/<name>/[<dir>/]<attr> into buf (size, ro,
 * removable, dev, stat, queue/..., and the driver's): its length or
 * -ENOENT.
 */
int	blkdev_attr(const char *name, const char *dir, const char *attr,
	    char *buf, size_t size);

/* Every S_IFBLK node's file operations. */
extern const struct file_ops blkdev_file_ops;

#endif /* FS_BLKDEV_H */
