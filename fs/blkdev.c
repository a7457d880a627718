/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Block devices (see blkdev.h). */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/fmt.h>
#include <lib/string.h>
#include <arch/x86_64/include/user.h>
#include <fs/blkdev.h>
#include <fs/file.h>
#include <fs/vfs.h>

/* The block ioctls (Linux's <linux/fs.h> numbers, type 0x12). */
#define BLKROSET	0x125d
#define BLKROGET	0x125e
#define BLKRRPART	0x125f
#define BLKGETSIZE	0x1260
#define BLKFLSBUF	0x1261
#define BLKRASET	0x1262
#define BLKRAGET	0x1263
#define BLKSSZGET	0x1268
#define BLKBSZGET	0x80081270
#define BLKBSZSET	0x40081271
#define BLKGETSIZE64	0x80081272
#define BLKDISCARD	0x1277
#define BLKIOMIN	0x1278
#define BLKIOOPT	0x1279
#define BLKALIGNOFF	0x127a
#define BLKPBSZGET	0x127b
#define BLKDISCARDZEROES 0x127c
#define BLKROTATIONAL	0x127e
#define BLKZEROOUT	0x127f

#define BLKDEV_MAX	64
#define BLKDEV_PAGE	4096u

/* The registered devices; a slot is read without a lock. */
static struct blkdev *blkdevs[BLKDEV_MAX];

int
blkdev_register(struct blkdev *bd)
{
	int slot = -1;

	for (int i = 0; i < BLKDEV_MAX; i++) {
		if (blkdevs[i] == NULL) {
			if (slot < 0)
				slot = i;
		} else if (blkdevs[i]->bd_rdev == bd->bd_rdev) {
			return -EEXIST;
		}
	}
	if (slot < 0)
		return -ENOSPC;
	if (bd->bd_lbsize == 0)
		bd->bd_lbsize = BLKDEV_SECTOR;
	if (bd->bd_bsize == 0)
		bd->bd_bsize = BLKDEV_PAGE;
	blkdevs[slot] = bd;
	return 0;
}

void
blkdev_unregister(struct blkdev *bd)
{
	for (int i = 0; i < BLKDEV_MAX; i++)
		if (blkdevs[i] == bd)
			blkdevs[i] = NULL;
}

struct blkdev *
blkdev_get(uint32_t rdev)
{
	for (int i = 0; i < BLKDEV_MAX; i++)
		if (blkdevs[i] != NULL && blkdevs[i]->bd_rdev == rdev)
			return blkdevs[i];
	return NULL;
}

struct blkdev *
blkdev_by_name(const char *name)
{
	for (int i = 0; i < BLKDEV_MAX; i++)
		if (blkdevs[i] != NULL && strcmp(blkdevs[i]->bd_name, name) == 0)
			return blkdevs[i];
	return NULL;
}

struct blkdev *
blkdev_of(const struct file *f)
{
	return f->f_node != NULL ? blkdev_get(f->f_node->v_rdev) : NULL;
}

int
blkdev_attr(const char *name, const char *dir, const char *attr, char *buf,
    size_t size)
{
	struct blkdev *bd = blkdev_by_name(name);
	int n = -ENOENT;

	if (bd == NULL)
		return -ENOENT;
	if (dir == NULL) {
		/* /sys/block/<name>/size counts 512-byte sectors always. */
		if (strcmp(attr, "size") == 0)
			n = fmt_snprintf(buf, size, "%lu\n",
			    (unsigned long)(bd->bd_size / BLKDEV_SECTOR));
		else if (strcmp(attr, "ro") == 0)
			n = fmt_snprintf(buf, size, "%d\n", bd->bd_ro ? 1 : 0);
		else if (strcmp(attr, "removable") == 0)
			n = fmt_snprintf(buf, size, "0\n");
		else if (strcmp(attr, "stat") == 0)
			n = fmt_snprintf(buf, size, "%8lu %8u %8lu %8u %8lu %8u "
			    "%8lu %8u %8u %8u %8u %8u %8u %8u %8u %8u %8u\n",
			    (unsigned long)bd->bd_rios, 0,
			    (unsigned long)bd->bd_rsect, 0,
			    (unsigned long)bd->bd_wios, 0,
			    (unsigned long)bd->bd_wsect, 0, 0, 0, 0, 0, 0, 0, 0,
			    0, 0);
		else if (strcmp(attr, "dev") == 0)
			n = fmt_snprintf(buf, size, "%u:%u\n",
			    bd->bd_rdev >> 8, bd->bd_rdev & 0xff);
	} else if (strcmp(dir, "queue") == 0) {
		if (strcmp(attr, "logical_block_size") == 0 ||
		    strcmp(attr, "physical_block_size") == 0 ||
		    strcmp(attr, "minimum_io_size") == 0)
			n = fmt_snprintf(buf, size, "%u\n", bd->bd_lbsize);
		else if (strcmp(attr, "rotational") == 0)
			n = fmt_snprintf(buf, size, "0\n");
	}
	if (n == -ENOENT && bd->bd_ops->bo_attr != NULL)
		n = bd->bd_ops->bo_attr(bd, dir, attr, buf, size);
	if (n >= 0 && (size_t)n >= size)
		n = (int)size - 1;
	return n;
}

/* ---- the file operations of a block node ---- */

static int
blkdev_open(struct file *f)
{
	struct blkdev *bd = blkdev_of(f);
	int error;

	if (bd == NULL)
		return -ENXIO;		/* no driver has the number */
	if (f->f_flags & O_PATH)
		return 0;
	if (bd->bd_ops->bo_open != NULL &&
	    (error = bd->bd_ops->bo_open(bd, f)) != 0)
		return error;
	bd->bd_openers++;
	return 0;
}

static void
blkdev_release(struct file *f)
{
	struct blkdev *bd = blkdev_of(f);

	if (bd == NULL || (f->f_flags & O_PATH))
		return;
	if (bd->bd_openers > 0)
		bd->bd_openers--;
	if (bd->bd_ops->bo_release != NULL)
		bd->bd_ops->bo_release(bd, f);
}

static long
blkdev_read(struct file *f, void *buf, size_t len)
{
	struct blkdev *bd = blkdev_of(f);
	long n;

	if (bd == NULL)
		return -ENXIO;
	if (f->f_off >= bd->bd_size || len == 0)
		return 0;
	if (len > bd->bd_size - f->f_off)
		len = (size_t)(bd->bd_size - f->f_off);
	if ((n = bd->bd_ops->bo_read(bd, buf, len, f->f_off)) > 0) {
		f->f_off += (uint64_t)n;
		bd->bd_rios++;
		bd->bd_rsect += ((uint64_t)n + BLKDEV_SECTOR - 1) /
		    BLKDEV_SECTOR;
	}
	return n;
}

/* As Linux: -EPERM on a read-only device, -ENOSPC from its end on. */
static long
blkdev_write(struct file *f, const void *buf, size_t len)
{
	struct blkdev *bd = blkdev_of(f);
	long n;

	if (bd == NULL)
		return -ENXIO;
	if (bd->bd_ro)
		return -EPERM;
	if (len == 0)
		return 0;
	if (f->f_off >= bd->bd_size)
		return -ENOSPC;
	if (len > bd->bd_size - f->f_off)
		len = (size_t)(bd->bd_size - f->f_off);
	if ((n = bd->bd_ops->bo_write(bd, buf, len, f->f_off)) > 0) {
		f->f_off += (uint64_t)n;
		bd->bd_wios++;
		bd->bd_wsect += ((uint64_t)n + BLKDEV_SECTOR - 1) /
		    BLKDEV_SECTOR;
	}
	return n;
}

/* Offsets from 0 to the size; SEEK_DATA and SEEK_HOLE as a full file. */
static long
blkdev_lseek(struct file *f, int64_t off, int whence)
{
	struct blkdev *bd = blkdev_of(f);
	uint64_t size = bd != NULL ? bd->bd_size : 0;
	int64_t base;

	switch (whence) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = (int64_t)f->f_off; break;
	case SEEK_END: base = (int64_t)size; break;
	case SEEK_DATA:
	case SEEK_HOLE:
		if (off < 0 || (uint64_t)off >= size)
			return -ENXIO;
		f->f_off = whence == SEEK_DATA ? (uint64_t)off : size;
		return (long)f->f_off;
	default:
		return -EINVAL;
	}
	if ((off > 0 && base + off < base) || base + off < 0 ||
	    (uint64_t)(base + off) > size)
		return -EINVAL;
	f->f_off = (uint64_t)(base + off);
	return (long)f->f_off;
}

static long
blkdev_put_int(uint64_t arg, int v)
{
	return copy_to_user((void *)arg, &v, sizeof(v));
}

/* Write zeros over [start, start + len) of bd (BLKDISCARD, BLKZEROOUT). */
static long
blkdev_zero_range(struct file *f, struct blkdev *bd, uint64_t arg)
{
	static const uint8_t zeros[BLKDEV_PAGE];
	uint64_t range[2], off, end;
	long n;

	if (!(f->f_flags & (O_WRONLY | O_RDWR)))
		return -EBADF;
	if (copy_from_user(range, (const void *)arg, sizeof(range)) != 0)
		return -EFAULT;
	off = range[0];
	end = range[0] + range[1];
	if ((off | range[1]) & (bd->bd_lbsize - 1) || end < off ||
	    end > bd->bd_size)
		return -EINVAL;
	if (bd->bd_ro)
		return -EPERM;
	while (off < end) {
		size_t chunk = end - off < sizeof(zeros) ?
		    (size_t)(end - off) : sizeof(zeros);

		if ((n = bd->bd_ops->bo_write(bd, zeros, chunk, off)) < 0)
			return n;
		if (n == 0)
			return -EIO;
		off += (uint64_t)n;
	}
	return 0;
}

static long
blkdev_ioctl(struct file *f, unsigned long req, uint64_t arg)
{
	struct blkdev *bd = blkdev_of(f);
	uint64_t size64;
	unsigned long sectors;
	int v;

	if (bd == NULL)
		return -ENXIO;
	switch (req) {
	case BLKGETSIZE64:
		size64 = bd->bd_size;
		return copy_to_user((void *)arg, &size64, sizeof(size64));
	case BLKGETSIZE:
		sectors = (unsigned long)(bd->bd_size / BLKDEV_SECTOR);
		return copy_to_user((void *)arg, &sectors, sizeof(sectors));
	case BLKSSZGET:
	case BLKPBSZGET:
	case BLKIOMIN:
		return blkdev_put_int(arg, (int)bd->bd_lbsize);
	case BLKIOOPT:
	case BLKALIGNOFF:
	case BLKROTATIONAL:
	case BLKDISCARDZEROES:
		return blkdev_put_int(arg, 0);
	case BLKBSZGET:
		return blkdev_put_int(arg, (int)bd->bd_bsize);
	case BLKBSZSET:
		if (copy_from_user(&v, (const void *)arg, sizeof(v)) != 0)
			return -EFAULT;
		/* A power of two from the logical block size to a page. */
		if (v < (int)bd->bd_lbsize || v > (int)BLKDEV_PAGE ||
		    (v & (v - 1)) != 0)
			return -EINVAL;
		bd->bd_bsize = (uint32_t)v;
		return 0;
	case BLKROGET:
		return blkdev_put_int(arg, bd->bd_ro ? 1 : 0);
	case BLKROSET:
		if (copy_from_user(&v, (const void *)arg, sizeof(v)) != 0)
			return -EFAULT;
		bd->bd_ro = v != 0;
		return 0;
	case BLKFLSBUF:
		return 0;	/* nothing is cached above the driver */
	case BLKRAGET:
		sectors = 256;
		return copy_to_user((void *)arg, &sectors, sizeof(sectors));
	case BLKRASET:
		return 0;
	case BLKDISCARD:
	case BLKZEROOUT:
		return blkdev_zero_range(f, bd, arg);
	default:
		if (bd->bd_ops->bo_ioctl != NULL)
			return bd->bd_ops->bo_ioctl(bd, f, req, arg);
		return -ENOTTY;
	}
}

const struct file_ops blkdev_file_ops = {
	.fo_io = { blkdev_read, blkdev_write, 0 },
	.fo_flags = FILE_OPS_PREAD,
	.fo_open = blkdev_open,
	.fo_release = blkdev_release,
	.fo_poll = file_poll_ready,
	.fo_poll_head = file_poll_head_none,
	.fo_ioctl = blkdev_ioctl,
	.fo_lseek = blkdev_lseek,
	.fo_mmap = file_mmap_none,
	.fo_pipe = file_pipe_none,
	.fo_fdinfo = file_fdinfo_none,
};
