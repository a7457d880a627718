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
#include <fs/mount.h>
#include <fs/vfs.h>

static uint64_t dev_random_state;

/*
 * Not a cryptographic generator: a TSC-seeded xorshift until the kernel
 * has an entropy pool (RDRAND or the hypervisor's).
 */
static void
dev_random_fill(uint8_t *buf, size_t len)
{
	uint64_t x = dev_random_state != 0 ? dev_random_state : rdtsc() | 1;

	for (size_t i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		buf[i] = (uint8_t)(x >> 24);
	}
	dev_random_state = x;
}

long
dev_read(uint32_t rdev, void *buf, size_t len)
{
	switch (rdev) {
	case DEV_MAKE(1, 3):			/* null */
		return 0;
	case DEV_MAKE(5, 0):			/* tty */
	case DEV_MAKE(5, 1):			/* console */
		return tty_read(buf, len, false);
	case DEV_MAKE(1, 5):			/* zero */
	case DEV_MAKE(1, 7):			/* full */
		memset(buf, 0, len);
		return (long)len;
	case DEV_MAKE(1, 8):
	case DEV_MAKE(1, 9):
		dev_random_fill(buf, len);
		return (long)len;
	default:
		return -ENXIO;
	}
}

long
dev_write(uint32_t rdev, const void *buf, size_t len)
{
	switch (rdev) {
	case DEV_MAKE(1, 3):
	case DEV_MAKE(1, 5):
	case DEV_MAKE(1, 8):
	case DEV_MAKE(1, 9):
		return (long)len;
	case DEV_MAKE(1, 7):
		return -ENOSPC;
	case DEV_MAKE(5, 0):
	case DEV_MAKE(5, 1):
		return tty_write(buf, len);
	default:
		return -ENXIO;
	}
}

/* Create the standard device nodes in dir where missing. */
static int
dev_populate_dir(struct vnode *dir)
{
	static const struct { const char *name; uint32_t rdev; uint32_t mode; }
	    nodes[] = {
		{ "null", DEV_MAKE(1, 3), 0666 },
		{ "zero", DEV_MAKE(1, 5), 0666 },
		{ "full", DEV_MAKE(1, 7), 0666 },
		{ "random", DEV_MAKE(1, 8), 0666 },
		{ "urandom", DEV_MAKE(1, 9), 0666 },
		{ "tty", DEV_MAKE(5, 0), 0666 },
		{ "console", DEV_MAKE(5, 1), 0600 },
	};
	struct vnode *v;
	int error = 0;

	for (unsigned int i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++) {
		error = vfs_create(dir, nodes[i].name, S_IFCHR | nodes[i].mode,
		    nodes[i].rdev, &v);
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
	struct vnode *root = vfs_node_new(m, S_IFDIR | 0755);
	int error;

	if (root == NULL)
		return -ENOMEM;
	root->v_nlink = 1;
	root->v_parent = root;
	if ((error = dev_populate_dir(root)) != 0) {
		vfs_tree_free(root);
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
	.mt_mount = dev_tmpfs_mount,
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
