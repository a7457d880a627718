/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Character devices (see dev.h). */
#include <stdint.h>

#include <kernel/console.h>
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/tty.h>
#include <arch/x86_64/include/cpu.h>
#include <fs/dev.h>
#include <fs/file.h>
#include <fs/mount.h>
#include <fs/ramfs.h>
#include <fs/vfs.h>

static uint64_t dev_random_state;

/*
 * Not a cryptographic generator: a TSC-seeded xorshift until the kernel
 * has an entropy pool (RDRAND or the hypervisor's).
 */
void
dev_random(void *out, size_t len)
{
	uint8_t *buf = out;
	uint64_t x = dev_random_state != 0 ? dev_random_state : rdtsc() | 1;

	for (size_t i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		buf[i] = (uint8_t)(x >> 24);
	}
	dev_random_state = x;
}

/*
 * The device operations, installed in a struct file when it is opened
 * (file_new).  Those that never touch the caller's bytes say so with
 * FILE_*_NOBUF, and system calls then hand them the caller's pointer as
 * is: /dev/null costs no copy and no check of the buffer, as on Linux.
 */
static long
dev_null_read(struct file *f, void *buf, size_t len)
{
	(void)f, (void)buf, (void)len;
	return 0;
}

static long
dev_sink_write(struct file *f, const void *buf, size_t len)
{
	(void)f, (void)buf;
	return (long)len;
}

static long
dev_zero_read(struct file *f, void *buf, size_t len)
{
	(void)f;
	memset(buf, 0, len);
	return (long)len;
}

static long
dev_full_write(struct file *f, const void *buf, size_t len)
{
	(void)f, (void)buf, (void)len;
	return -ENOSPC;
}

static long
dev_random_read(struct file *f, void *buf, size_t len)
{
	(void)f;
	dev_random(buf, len);
	return (long)len;
}

static long
dev_tty_read(struct file *f, void *buf, size_t len)
{
	(void)f;
	return tty_read(buf, len, false);
}

static long
dev_tty_write(struct file *f, const void *buf, size_t len)
{
	(void)f;
	return tty_write(buf, len);
}

static long
dev_none_read(struct file *f, void *buf, size_t len)
{
	(void)f, (void)buf, (void)len;
	return -ENXIO;
}

static long
dev_none_write(struct file *f, const void *buf, size_t len)
{
	(void)f, (void)buf, (void)len;
	return -ENXIO;
}

#define DEV_NOBUF	(FILE_READ_NOBUF | FILE_WRITE_NOBUF)

static const struct dev_node {
	const char	*dn_name;
	uint32_t	 dn_rdev;
	uint32_t	 dn_mode;
	struct file_io	 dn_io;
} dev_nodes[] = {
	{ "null", DEV_MAKE(1, 3), 0666,
	    { dev_null_read, dev_sink_write, DEV_NOBUF } },
	{ "zero", DEV_MAKE(1, 5), 0666,
	    { dev_zero_read, dev_sink_write, FILE_WRITE_NOBUF } },
	{ "full", DEV_MAKE(1, 7), 0666,
	    { dev_zero_read, dev_full_write, FILE_WRITE_NOBUF } },
	{ "random", DEV_MAKE(1, 8), 0666,
	    { dev_random_read, dev_sink_write, FILE_WRITE_NOBUF } },
	{ "urandom", DEV_MAKE(1, 9), 0666,
	    { dev_random_read, dev_sink_write, FILE_WRITE_NOBUF } },
	{ "tty", DEV_MAKE(5, 0), 0666, { dev_tty_read, dev_tty_write, 0 } },
	{ "console", DEV_MAKE(5, 1), 0600, { dev_tty_read, dev_tty_write, 0 } },
};

static const struct file_io dev_none_io = {
	dev_none_read, dev_none_write, DEV_NOBUF,
};

const struct file_io *
dev_io(uint32_t rdev)
{
	for (size_t i = 0; i < sizeof(dev_nodes) / sizeof(dev_nodes[0]); i++)
		if (dev_nodes[i].dn_rdev == rdev)
			return &dev_nodes[i].dn_io;
	return &dev_none_io;
}

/* Create the standard device nodes in dir where missing. */
static int
dev_populate_dir(struct vnode *dir)
{
	struct vnode *v;
	int error = 0;

	for (size_t i = 0; i < sizeof(dev_nodes) / sizeof(dev_nodes[0]); i++) {
		error = vfs_create(dir, dev_nodes[i].dn_name,
		    S_IFCHR | dev_nodes[i].dn_mode, dev_nodes[i].dn_rdev, &v);
		if (error == 0)
			vfs_release(v);
		else if (error != -EEXIST)
			break;
		error = 0;
	}
	return error;
}

/* devtmpfs: a fresh ramfs holding the device nodes. */
static int
dev_tmpfs_mount(struct mount *m)
{
	struct vnode *root = ramfs_root_new(m, S_IFDIR | 0755);
	int error;

	if (root == NULL)
		return -ENOMEM;
	if ((error = dev_populate_dir(root)) != 0) {
		ramfs_tree_free(root);
		root->v_transient = true;
		vfs_release(root);
		return error;
	}
	m->mnt_root = root;
	return 0;
}

/* statfs f_type: devtmpfs reports tmpfs's magic, as on Linux. */
static struct mount_fstype dev_tmpfs_type = {
	.mt_name = "devtmpfs", .mt_magic = 0x01021994, .mt_nodev = true,
	.mt_mount = dev_tmpfs_mount, .mt_unmount = ramfs_unmount,
	.mt_statfs = ramfs_statfs,
};

int
dev_populate(void)
{
	struct vnode *dev;
	int error;

	mount_register(&dev_tmpfs_type);
	if ((error = vfs_lookup(vfs_root(), "/dev", VFS_FOLLOW, &dev)) == -ENOENT) {
		if ((error = vfs_create(vfs_root(), "dev", S_IFDIR | 0755, 0,
		    &dev)) != 0)
			return error;
	} else if (error != 0) {
		return error;
	}
	error = dev_populate_dir(dev);
	vfs_release(dev);
	return error;
}
