/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The loop driver (see loop.h). */
#include <stdbool.h>
#include <stdint.h>

#include <lib/cap.h>
#include <lib/errno.h>
#include <lib/fmt.h>
#include <lib/string.h>
#include <arch/x86_64/include/user.h>
#include <kernel/mm/kmalloc.h>
#include <fs/blkdev.h>
#include <fs/dev.h>
#include <fs/fdtable.h>
#include <fs/file.h>
#include <fs/mount.h>
#include <fs/vfs.h>
#include <kernel/proc/proc.h>
#include <kernel/block/loop.h>
#include <kernel/block/loop_calc.h>

/* <linux/loop.h> requests. */
#define LOOP_SET_FD		0x4c00
#define LOOP_CLR_FD		0x4c01
#define LOOP_SET_STATUS		0x4c02
#define LOOP_GET_STATUS		0x4c03
#define LOOP_SET_STATUS64	0x4c04
#define LOOP_GET_STATUS64	0x4c05
#define LOOP_CHANGE_FD		0x4c06
#define LOOP_SET_CAPACITY	0x4c07
#define LOOP_SET_DIRECT_IO	0x4c08
#define LOOP_SET_BLOCK_SIZE	0x4c09
#define LOOP_CONFIGURE		0x4c0a
#define LOOP_CTL_ADD		0x4c80
#define LOOP_CTL_REMOVE		0x4c81
#define LOOP_CTL_GET_FREE	0x4c82

#define LOOP_CTL_RDEV		DEV_MAKE(10, 237)

struct loop_dev {
	struct blkdev	 lo_bd;		/* lo_bd.bd_priv is this */
	unsigned int	 lo_number;
	struct file	*lo_file;	/* the backing file (held); NULL:
					 * unbound */
	uint64_t	 lo_offset;
	uint64_t	 lo_sizelimit;
	uint32_t	 lo_flags;	/* LO_FLAGS_* */
	uint8_t		 lo_file_name[LO_NAME_SIZE];
	uint8_t		 lo_crypt_name[LO_NAME_SIZE];
	uint64_t	 lo_init[2];
};

static struct loop_dev *loop_devs[LOOP_MAX];

/* ---- the backing file ---- */

/* Its size: a file's, or a block device's. */
static uint64_t
loop_backing_size(struct file *f)
{
	struct blkdev *bd;

	if (S_ISBLK(f->f_node->v_mode))
		return (bd = blkdev_of(f)) != NULL ? bd->bd_size : 0;
	return f->f_node->v_size;
}

static void
loop_update_size(struct loop_dev *lo)
{
	lo->lo_bd.bd_size = loop_calc_size(loop_backing_size(lo->lo_file),
	    lo->lo_offset, lo->lo_sizelimit);
}

static long
loop_backing_io(struct loop_dev *lo, void *buf, size_t len, uint64_t off,
    bool write)
{
	struct file *f = lo->lo_file;
	struct blkdev *bd;

	if (f == NULL)
		return -ENXIO;
	off += lo->lo_offset;
	if (S_ISBLK(f->f_node->v_mode)) {
		if ((bd = blkdev_of(f)) == NULL)
			return -EIO;
		if (off >= bd->bd_size)
			return write ? -ENOSPC : 0;
		if (len > bd->bd_size - off)
			len = (size_t)(bd->bd_size - off);
		return write ? bd->bd_ops->bo_write(bd, buf, len, off) :
		    bd->bd_ops->bo_read(bd, buf, len, off);
	}
	return write ? vfs_write(f->f_node, buf, len, off) :
	    vfs_read(f->f_node, buf, len, off);
}

/* Reads past the end of a file that shrank are zeros, as on Linux. */
static long
loop_read(struct blkdev *bd, void *buf, size_t len, uint64_t off)
{
	long n = loop_backing_io(bd->bd_priv, buf, len, off, false);

	if (n >= 0 && (size_t)n < len) {
		memset((char *)buf + n, 0, len - (size_t)n);
		n = (long)len;
	}
	return n;
}

static long
loop_write(struct blkdev *bd, const void *buf, size_t len, uint64_t off)
{
	return loop_backing_io(bd->bd_priv, (void *)buf, len, off, true);
}

/* ---- binding and unbinding ---- */

/* Let go of the backing file: the device is free again. */
static void
loop_unbind(struct loop_dev *lo)
{
	struct file *f = lo->lo_file;

	lo->lo_file = NULL;
	lo->lo_offset = lo->lo_sizelimit = 0;
	lo->lo_flags = 0;
	memset(lo->lo_file_name, 0, sizeof(lo->lo_file_name));
	memset(lo->lo_crypt_name, 0, sizeof(lo->lo_crypt_name));
	lo->lo_init[0] = lo->lo_init[1] = 0;
	lo->lo_bd.bd_size = 0;
	lo->lo_bd.bd_ro = false;
	lo->lo_bd.bd_lbsize = BLKDEV_SECTOR;
	file_put(f);
}

/*
 * Is f a loop device whose chain of backing files leads to lo (or is
 * lo)?  Binding it would loop forever.
 */
static bool
loop_cycle(struct loop_dev *lo, struct file *f)
{
	for (int depth = 0; f != NULL && depth < LOOP_MAX; depth++) {
		struct blkdev *bd;

		if (!S_ISBLK(f->f_node->v_mode) ||
		    (f->f_node->v_rdev >> 8) != LOOP_MAJOR ||
		    (bd = blkdev_of(f)) == NULL)
			return false;
		if (bd == &lo->lo_bd)
			return true;
		f = ((struct loop_dev *)bd->bd_priv)->lo_file;
	}
	return false;
}

/* The calling process's file at fd, or NULL. */
static struct file *
loop_fd_file(int fd)
{
	struct proc *p = proc_current();

	return p != NULL ? fd_get(p->p_fds, fd) : NULL;
}

/*
 * The checks of a new backing file, in Linux's order: -EBADF (no such
 * descriptor, or a loop back to this device), -EINVAL (not a regular
 * file or a block device).
 */
static int
loop_check_backing(struct loop_dev *lo, struct file *f)
{
	uint32_t mode;

	if (f == NULL || f->f_node == NULL || (f->f_flags & O_PATH))
		return -EBADF;
	if (loop_cycle(lo, f))
		return -EBADF;
	mode = f->f_node->v_mode;
	if (!S_ISREG(mode) && !S_ISBLK(mode))
		return -EINVAL;
	return 0;
}

static bool
loop_file_writable(const struct file *f)
{
	uint32_t mode = f->f_flags & O_ACCMODE;

	return mode == O_WRONLY || mode == O_RDWR;
}

static void loop_info_set(struct loop_dev *lo, const struct loop_info64 *info);

/* LOOP_SET_FD and LOOP_CONFIGURE: bind the device to cfg->fd. */
static long
loop_configure(struct loop_dev *lo, struct file *dev, const struct
    loop_config *cfg)
{
	struct file *f = loop_fd_file((int)cfg->fd);
	int error;

	if (f == NULL || (f->f_flags & O_PATH))
		return -EBADF;
	if (lo->lo_file != NULL)
		return -EBUSY;
	if ((error = loop_check_backing(lo, f)) != 0)
		return error;
	if (cfg->info.lo_flags & ~LOOP_CONFIGURE_SETTABLE)
		return -EINVAL;
	if (cfg->block_size != 0 &&
	    (error = loop_calc_block_size(cfg->block_size)) != 0)
		return error;
	if ((error = loop_calc_check_info(&cfg->info)) != 0)
		return error;
	loop_info_set(lo, &cfg->info);
	lo->lo_flags = cfg->info.lo_flags;
	/* Backing files here take no direct I/O (as tmpfs on Linux 6.1). */
	lo->lo_flags &= ~LO_FLAGS_DIRECT_IO;
	if (!loop_file_writable(f) || !loop_file_writable(dev))
		lo->lo_flags |= LO_FLAGS_READ_ONLY;
	f->f_refs++;
	lo->lo_file = f;
	lo->lo_bd.bd_lbsize = cfg->block_size != 0 ? cfg->block_size :
	    BLKDEV_SECTOR;
	if (lo->lo_bd.bd_bsize < lo->lo_bd.bd_lbsize)
		lo->lo_bd.bd_bsize = lo->lo_bd.bd_lbsize;
	lo->lo_bd.bd_ro = (lo->lo_flags & LO_FLAGS_READ_ONLY) != 0;
	loop_update_size(lo);
	return 0;
}

/*
 * LOOP_CLR_FD: unbind now when the caller's file is the only one open
 * on the device; else when the last one closes (AUTOCLEAR), as Linux.
 */
static long
loop_clr_fd(struct loop_dev *lo)
{
	if (lo->lo_file == NULL)
		return -ENXIO;
	if (lo->lo_bd.bd_openers > 1) {
		lo->lo_flags |= LO_FLAGS_AUTOCLEAR;
		return 0;
	}
	loop_unbind(lo);
	return 0;
}

/* LOOP_CHANGE_FD: another backing file of the same size, read-only. */
static long
loop_change_fd(struct loop_dev *lo, int fd)
{
	struct file *f, *old = lo->lo_file;
	int error;

	if (old == NULL)
		return -ENXIO;
	if (!(lo->lo_flags & LO_FLAGS_READ_ONLY))
		return -EINVAL;
	if ((f = loop_fd_file(fd)) == NULL)
		return -EBADF;
	if ((error = loop_check_backing(lo, f)) != 0)
		return error;
	if (loop_calc_size(loop_backing_size(f), lo->lo_offset,
	    lo->lo_sizelimit) != loop_calc_size(loop_backing_size(old),
	    lo->lo_offset, lo->lo_sizelimit))
		return -EINVAL;
	f->f_refs++;
	lo->lo_file = f;
	file_put(old);
	return 0;
}

/* ---- status ---- */

/* Take offset, size limit and names of info (already checked). */
static void
loop_info_set(struct loop_dev *lo, const struct loop_info64 *info)
{
	lo->lo_offset = info->lo_offset;
	lo->lo_sizelimit = info->lo_sizelimit;
	memcpy(lo->lo_file_name, info->lo_file_name, LO_NAME_SIZE);
	lo->lo_file_name[LO_NAME_SIZE - 1] = 0;
	memcpy(lo->lo_crypt_name, info->lo_crypt_name, LO_NAME_SIZE);
	lo->lo_crypt_name[LO_NAME_SIZE - 1] = 0;
	lo->lo_init[0] = info->lo_init[0];
	lo->lo_init[1] = info->lo_init[1];
}

static long
loop_set_status(struct loop_dev *lo, struct file *dev,
    const struct loop_info64 *info)
{
	int error;

	if (!loop_file_writable(dev) && !proc_capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (lo->lo_file == NULL)
		return -ENXIO;
	if ((error = loop_calc_check_info(info)) != 0)
		return error;
	loop_info_set(lo, info);
	lo->lo_flags = loop_calc_status_flags(lo->lo_flags, info->lo_flags);
	loop_update_size(lo);
	return 0;
}

static void
loop_get_status(struct loop_dev *lo, struct loop_info64 *info)
{
	struct vnode *v = lo->lo_file->f_node;

	memset(info, 0, sizeof(*info));
	info->lo_number = lo->lo_number;
	info->lo_device = v->v_mnt != NULL ? v->v_mnt->mnt_dev : 0;
	info->lo_inode = v->v_ino;
	info->lo_rdevice = v->v_rdev;
	info->lo_offset = lo->lo_offset;
	info->lo_sizelimit = lo->lo_sizelimit;
	info->lo_flags = lo->lo_flags;
	memcpy(info->lo_file_name, lo->lo_file_name, LO_NAME_SIZE);
	memcpy(info->lo_crypt_name, lo->lo_crypt_name, LO_NAME_SIZE);
	info->lo_init[0] = lo->lo_init[0];
	info->lo_init[1] = lo->lo_init[1];
}

/* ---- the device's requests ---- */

/* The requests that change a bound device need write access or root. */
static bool
loop_may_change(struct file *dev)
{
	return loop_file_writable(dev) || proc_capable(CAP_SYS_ADMIN);
}

static long
loop_ioctl(struct blkdev *bd, struct file *dev, unsigned long req,
    uint64_t arg)
{
	struct loop_dev *lo = bd->bd_priv;
	struct loop_info_old old;
	struct loop_info64 info;
	struct loop_config cfg;
	long error;

	switch (req) {
	case LOOP_SET_FD:
		memset(&cfg, 0, sizeof(cfg));
		cfg.fd = (uint32_t)arg;
		return loop_configure(lo, dev, &cfg);
	case LOOP_CONFIGURE:
		if (copy_from_user(&cfg, (const void *)arg, sizeof(cfg)) != 0)
			return -EFAULT;
		return loop_configure(lo, dev, &cfg);
	case LOOP_CHANGE_FD:
		return loop_change_fd(lo, (int)arg);
	case LOOP_CLR_FD:
		return loop_clr_fd(lo);
	case LOOP_SET_STATUS:
		if (copy_from_user(&old, (const void *)arg, sizeof(old)) != 0)
			return -EFAULT;
		loop_calc_from_old(&old, &info);
		return loop_set_status(lo, dev, &info);
	case LOOP_SET_STATUS64:
		if (copy_from_user(&info, (const void *)arg,
		    sizeof(info)) != 0)
			return -EFAULT;
		return loop_set_status(lo, dev, &info);
	case LOOP_GET_STATUS:
	case LOOP_GET_STATUS64:
		if (arg == 0)
			return -EINVAL;
		if (lo->lo_file == NULL)
			return -ENXIO;
		loop_get_status(lo, &info);
		if (req == LOOP_GET_STATUS64)
			return copy_to_user((void *)arg, &info, sizeof(info));
		if ((error = loop_calc_to_old(&info, &old)) != 0)
			return error;
		return copy_to_user((void *)arg, &old, sizeof(old));
	case LOOP_SET_CAPACITY:
	case LOOP_SET_DIRECT_IO:
	case LOOP_SET_BLOCK_SIZE:
		if (!loop_may_change(dev))
			return -EPERM;
		break;
	default:
		break;
	}
	/* The simple requests, and any other: on a bound device only. */
	if (lo->lo_file == NULL)
		return -ENXIO;
	switch (req) {
	case LOOP_SET_CAPACITY:
		loop_update_size(lo);
		return 0;
	case LOOP_SET_DIRECT_IO:
		/* No direct I/O to the backing files here: off stays off. */
		return arg == 0 ? 0 : -EINVAL;
	case LOOP_SET_BLOCK_SIZE:
		if ((error = loop_calc_block_size(arg)) != 0)
			return error;
		bd->bd_lbsize = (uint32_t)arg;
		if (bd->bd_bsize < bd->bd_lbsize)
			bd->bd_bsize = bd->bd_lbsize;
		return 0;
	default:
		return -EINVAL;
	}
}

/* The last file open on a device with AUTOCLEAR unbinds it. */
static void
loop_release(struct blkdev *bd, struct file *f)
{
	struct loop_dev *lo = bd->bd_priv;

	(void)f;
	if (bd->bd_openers == 0 && lo->lo_file != NULL &&
	    (lo->lo_flags & LO_FLAGS_AUTOCLEAR))
		loop_unbind(lo);
}

/* /sys/block/loopN/loop/: there while the device is bound. */
static int
loop_attr(struct blkdev *bd, const char *dir, const char *attr, char *buf,
    size_t size)
{
	struct loop_dev *lo = bd->bd_priv;
	long n;

	if (dir == NULL || strcmp(dir, "loop") != 0 || lo->lo_file == NULL)
		return -ENOENT;
	if (strcmp(attr, "backing_file") == 0) {
		if ((n = vfs_path_of(lo->lo_file->f_node, buf, size - 1)) < 0)
			return fmt_snprintf(buf, size, "%s\n",
			    (const char *)lo->lo_file_name);
		buf[n - 1] = '\n';
		buf[n] = '\0';
		return (int)n;
	}
	if (strcmp(attr, "offset") == 0)
		return fmt_snprintf(buf, size, "%lu\n",
		    (unsigned long)lo->lo_offset);
	if (strcmp(attr, "sizelimit") == 0)
		return fmt_snprintf(buf, size, "%lu\n",
		    (unsigned long)lo->lo_sizelimit);
	if (strcmp(attr, "autoclear") == 0)
		return fmt_snprintf(buf, size, "%d\n",
		    (lo->lo_flags & LO_FLAGS_AUTOCLEAR) != 0);
	if (strcmp(attr, "partscan") == 0)
		return fmt_snprintf(buf, size, "%d\n",
		    (lo->lo_flags & LO_FLAGS_PARTSCAN) != 0);
	if (strcmp(attr, "dio") == 0)
		return fmt_snprintf(buf, size, "%d\n",
		    (lo->lo_flags & LO_FLAGS_DIRECT_IO) != 0);
	return -ENOENT;
}

static const struct blkdev_ops loop_ops = {
	.bo_read = loop_read,
	.bo_write = loop_write,
	.bo_release = loop_release,
	.bo_ioctl = loop_ioctl,
	.bo_attr = loop_attr,
};

/* ---- adding and removing devices ---- */

/* Make device n: n, -EEXIST, -ENOMEM or the node's error. */
static long
loop_add(unsigned int n)
{
	struct loop_dev *lo;
	int error;

	if (n >= LOOP_MAX)
		return -ENOSPC;
	if (loop_devs[n] != NULL)
		return -EEXIST;
	if ((lo = kzalloc(sizeof(*lo))) == NULL)
		return -ENOMEM;
	lo->lo_number = n;
	lo->lo_bd.bd_rdev = DEV_MAKE(LOOP_MAJOR, n);
	fmt_snprintf(lo->lo_bd.bd_name, sizeof(lo->lo_bd.bd_name), "loop%u",
	    n);
	lo->lo_bd.bd_ops = &loop_ops;
	lo->lo_bd.bd_priv = lo;
	if ((error = blkdev_register(&lo->lo_bd)) != 0) {
		kfree(lo);
		return error;
	}
	if ((error = dev_add_node(lo->lo_bd.bd_name, S_IFBLK | 0660,
	    lo->lo_bd.bd_rdev)) != 0 && error != -EEXIST) {
		blkdev_unregister(&lo->lo_bd);
		kfree(lo);
		return error;
	}
	loop_devs[n] = lo;
	return (long)n;
}

static long
loop_remove(long n)
{
	struct loop_dev *lo;

	if (n < 0)
		return -EINVAL;
	if (n >= LOOP_MAX || (lo = loop_devs[n]) == NULL)
		return -ENODEV;
	if (lo->lo_file != NULL || lo->lo_bd.bd_openers > 0)
		return -EBUSY;
	loop_devs[n] = NULL;
	blkdev_unregister(&lo->lo_bd);
	dev_remove_node(lo->lo_bd.bd_name);
	kfree(lo);
	return 0;
}

/* A new device at the lowest number not in use. */
static long
loop_add_any(void)
{
	for (unsigned int i = 0; i < LOOP_MAX; i++)
		if (loop_devs[i] == NULL)
			return loop_add(i);
	return -ENOSPC;
}

/* The lowest unbound device, made if there is none. */
static long
loop_get_free(void)
{
	for (unsigned int i = 0; i < LOOP_MAX; i++)
		if (loop_devs[i] != NULL && loop_devs[i]->lo_file == NULL)
			return (long)i;
	return loop_add_any();
}

/* /dev/loop-control; its unknown requests are -ENOSYS, as on Linux. */
static long
loop_ctl_ioctl(struct file *f, unsigned long req, uint64_t arg)
{
	(void)f;
	switch (req) {
	case LOOP_CTL_ADD:
		/* A negative number: any number not in use. */
		if ((int)arg < 0)
			return loop_add_any();
		return loop_add((unsigned int)(arg < LOOP_MAX ? arg :
		    LOOP_MAX));
	case LOOP_CTL_REMOVE:
		return loop_remove((long)arg);
	case LOOP_CTL_GET_FREE:
		return loop_get_free();
	default:
		return -ENOSYS;
	}
}

static long
loop_ctl_rw(struct file *f, void *buf, size_t len)
{
	(void)f, (void)buf, (void)len;
	return -EINVAL;
}

static long
loop_ctl_w(struct file *f, const void *buf, size_t len)
{
	(void)f, (void)buf, (void)len;
	return -EINVAL;
}

static const struct file_ops loop_ctl_ops = {
	.fo_io = { loop_ctl_rw, loop_ctl_w,
	    FILE_READ_NOBUF | FILE_WRITE_NOBUF },
	.fo_open = file_open_none,
	.fo_release = file_release_none,
	.fo_poll = file_poll_ready,
	.fo_poll_head = file_poll_head_none,
	.fo_ioctl = loop_ctl_ioctl,
	.fo_lseek = file_lseek_none,
	.fo_mmap = file_mmap_none,
	.fo_pipe = file_pipe_none,
	.fo_fdinfo = file_fdinfo_none,
};

int
loop_init(unsigned int count)
{
	long error;

	if ((error = dev_register(LOOP_CTL_RDEV, &loop_ctl_ops)) != 0)
		return (int)error;
	if ((error = dev_add_node("loop-control", S_IFCHR | 0660,
	    LOOP_CTL_RDEV)) != 0)
		return (int)error;
	if (count > LOOP_MAX)
		count = LOOP_MAX;
	for (unsigned int i = 0; i < count; i++)
		if ((error = loop_add(i)) < 0)
			return (int)error;
	return 0;
}
