/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Character devices (see dev.h). */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/user.h>
#include <kernel/log/console.h>
#include <kernel/mm/kmalloc.h>
#include <fs/dev.h>
#include <fs/file.h>
#include <fs/mount.h>
#include <fs/random.h>
#include <fs/ramfs.h>
#include <fs/vfs.h>


/*
 * The device operations, one table per device, chosen when a file is
 * opened (file_new).  Reads and writes that never touch the caller's
 * bytes say so with FILE_*_NOBUF, and system calls then hand them the
 * caller's pointer as is: /dev/null costs no copy and no check of the
 * buffer, as on Linux.
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

/* /dev/random and /dev/urandom: the kernel's generator (fs/random.c),
 * always seeded, so neither blocks, as Linux 5.18 on. */
static long
dev_random_read(struct file *f, void *buf, size_t len)
{
	(void)f;
	random_bytes(buf, len);
	return (long)len;
}

/* What is written is mixed in (and credited nothing), as Linux. */
static long
dev_random_write(struct file *f, const void *buf, size_t len)
{
	(void)f;
	random_mix(buf, len);
	return (long)len;
}

#define RNDGETENTCNT	0x80045200
#define RNDADDTOENTCNT	0x40045201
#define RNDADDENTROPY	0x40085203
#define RNDZAPENTCNT	0x5204
#define RNDCLEARPOOL	0x5206
#define RNDRESEEDCRNG	0x5207
#define RANDOM_ADD_MAX	4096	/* bytes one RNDADDENTROPY may give */

/*
 * The random devices' ioctls.  The generator is seeded from the start:
 * the entropy count reads 256 (bits), as a seeded Linux's; the calls
 * that add or reset need CAP_SYS_ADMIN (checked by the caller's hook).
 */
static bool (*dev_random_admin)(void);

void
dev_set_random_admin(bool (*fn)(void))
{
	dev_random_admin = fn;
}

static long
dev_random_ioctl(struct file *f, unsigned long req, uint64_t arg)
{
	int32_t hdr[2];
	uint8_t *buf;
	int count = (int)random_entropy_bits();

	(void)f;
	switch (req) {
	case RNDGETENTCNT:
		return copy_to_user((void *)arg, &count, sizeof(count)) != 0 ?
		    -EFAULT : 0;
	case RNDADDTOENTCNT:
	case RNDADDENTROPY:
	case RNDZAPENTCNT:
	case RNDCLEARPOOL:
	case RNDRESEEDCRNG:
		if (dev_random_admin != NULL && !dev_random_admin())
			return -EPERM;
		break;
	default:
		return -EINVAL;
	}
	if (req == RNDADDTOENTCNT)
		return copy_from_user(&count, (const void *)arg,
		    sizeof(count)) != 0 ? -EFAULT : 0;
	if (req != RNDADDENTROPY) {
		/* Reset or reseed: stir in fresh timing. */
		uint64_t t = rdtsc();

		random_mix(&t, sizeof(t));
		return 0;
	}
	/* struct rand_pool_info: entropy_count, buf_size, then the bytes. */
	if (copy_from_user(hdr, (const void *)arg, sizeof(hdr)) != 0)
		return -EFAULT;
	if (hdr[0] < 0 || hdr[1] < 0)
		return -EINVAL;
	if (hdr[1] > RANDOM_ADD_MAX)
		hdr[1] = RANDOM_ADD_MAX;
	if ((buf = kmalloc((size_t)hdr[1] + 1)) == NULL)
		return -ENOMEM;
	if (copy_from_user(buf, (const uint8_t *)arg + sizeof(hdr),
	    (size_t)hdr[1]) != 0) {
		kfree(buf);
		return -EFAULT;
	}
	random_mix(buf, (size_t)hdr[1]);
	memset(buf, 0, (size_t)hdr[1]);
	kfree(buf);
	return 0;
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

/* Seeking a memory device is a no-op that answers 0. */
static long
dev_lseek(struct file *f, int64_t off, int whence)
{
	(void)f, (void)off, (void)whence;
	return 0;
}

/* Mapping /dev/zero is plain anonymous memory. */
static int
dev_zero_mmap(struct file *f, bool shared_write, struct vnode **node)
{
	(void)f, (void)shared_write;
	*node = NULL;
	return 0;
}

#define DEV_NOBUF	(FILE_READ_NOBUF | FILE_WRITE_NOBUF)

/*
 * A memory device: reads and writes, mmap; the rest is the same for all.
 * As on Linux, pread and pwrite work and ignore the offset.
 */
#define DEV_MEM_OPS(read, write, nobuf, mmap, ioctl) {			\
	.fo_io = { read, write, nobuf },				\
	.fo_flags = FILE_OPS_PREAD | FILE_OPS_SPLICE,			\
	.fo_open = file_open_none,					\
	.fo_release = file_release_none,				\
	.fo_poll = file_poll_ready,					\
	.fo_poll_head = file_poll_head_none,				\
	.fo_ioctl = ioctl,						\
	.fo_lseek = dev_lseek,						\
	.fo_mmap = mmap,						\
	.fo_pipe = file_pipe_none,					\
	.fo_fdinfo = file_fdinfo_none,					\
}

static const struct file_ops
    dev_null_ops = DEV_MEM_OPS(dev_null_read, dev_sink_write, DEV_NOBUF,
	file_mmap_none, file_ioctl_none),
    dev_zero_ops = DEV_MEM_OPS(dev_zero_read, dev_sink_write,
	FILE_WRITE_NOBUF, dev_zero_mmap, file_ioctl_none),
    dev_full_ops = DEV_MEM_OPS(dev_zero_read, dev_full_write,
	FILE_WRITE_NOBUF, file_mmap_none, file_ioctl_none),
    dev_random_ops = {
	.fo_io = { dev_random_read, dev_random_write, 0 },
	.fo_flags = FILE_OPS_PREAD | FILE_OPS_SPLICE,
	.fo_open = file_open_none,
	.fo_release = file_release_none,
	.fo_poll = file_poll_ready,
	.fo_poll_head = file_poll_head_none,
	.fo_ioctl = dev_random_ioctl,
	.fo_lseek = dev_lseek,
	.fo_mmap = file_mmap_none,
	.fo_pipe = file_pipe_none,
	.fo_fdinfo = file_fdinfo_none,
    },
    /* A device number no driver claims. */
    dev_none_ops = DEV_MEM_OPS(dev_none_read, dev_none_write, DEV_NOBUF,
	file_mmap_none, file_ioctl_none);

/* The nodes of /dev; a node without operations has a registered driver. */
static const struct dev_node {
	const char	*dn_name;
	uint32_t	 dn_rdev;
	uint32_t	 dn_mode;
	const struct file_ops *dn_ops;
} dev_nodes[] = {
	{ "null", DEV_MAKE(1, 3), 0666, &dev_null_ops },
	{ "zero", DEV_MAKE(1, 5), 0666, &dev_zero_ops },
	{ "full", DEV_MAKE(1, 7), 0666, &dev_full_ops },
	{ "random", DEV_MAKE(1, 8), 0666, &dev_random_ops },
	{ "urandom", DEV_MAKE(1, 9), 0666, &dev_random_ops },
	{ "tty", DEV_MAKE(5, 0), 0666, NULL },		/* kernel/tty */
	{ "console", DEV_MAKE(5, 1), 0600, NULL },	/* kernel/tty */
};

/*
 * Drivers that live above fs/ register their device numbers here at
 * boot, before the first open; the slots are read without a lock.
 */
#define DEV_DRIVERS	8
static struct dev_driver {
	uint32_t	 dd_rdev;
	const struct file_ops *dd_ops;	/* NULL: a free slot */
} dev_drivers[DEV_DRIVERS];

int
dev_register(uint32_t rdev, const struct file_ops *ops)
{
	struct dev_driver *slot = NULL;

	for (size_t i = 0; i < sizeof(dev_nodes) / sizeof(dev_nodes[0]); i++)
		if (dev_nodes[i].dn_rdev == rdev && dev_nodes[i].dn_ops != NULL)
			return -EEXIST;
	for (size_t i = 0; i < DEV_DRIVERS; i++) {
		if (dev_drivers[i].dd_ops == NULL) {
			if (slot == NULL)
				slot = &dev_drivers[i];
		} else if (dev_drivers[i].dd_rdev == rdev) {
			return -EEXIST;
		}
	}
	if (slot == NULL)
		return -ENOSPC;
	slot->dd_rdev = rdev;
	slot->dd_ops = ops;
	return 0;
}

const struct file_ops *
dev_ops(uint32_t rdev)
{
	for (size_t i = 0; i < sizeof(dev_nodes) / sizeof(dev_nodes[0]); i++)
		if (dev_nodes[i].dn_rdev == rdev && dev_nodes[i].dn_ops != NULL)
			return dev_nodes[i].dn_ops;
	for (size_t i = 0; i < DEV_DRIVERS; i++)
		if (dev_drivers[i].dd_ops != NULL &&
		    dev_drivers[i].dd_rdev == rdev)
			return dev_drivers[i].dd_ops;
	return &dev_none_ops;
}

/*
 * The nodes drivers add at boot and later (the loop driver's loop-control
 * and loopN): name, type and mode, number; an empty name is a free slot.
 */
#define DEV_ADDED	32
static struct dev_added {
	char		 da_name[16];
	uint32_t	 da_mode;
	uint32_t	 da_rdev;
} dev_added[DEV_ADDED];

/* Make one node in dir unless it is there: 0 or -errno. */
static int
dev_make_node(struct vnode *dir, const char *name, uint32_t mode,
    uint32_t rdev)
{
	struct vnode *v;
	int error = vfs_create(dir, name, mode, rdev, &v);

	if (error == 0)
		vfs_release(v);
	return error == -EEXIST ? 0 : error;
}

/* Create the standard device nodes in dir where missing. */
static int
dev_populate_dir(struct vnode *dir)
{
	int error = 0;

	for (size_t i = 0; i < sizeof(dev_nodes) / sizeof(dev_nodes[0]); i++)
		if ((error = dev_make_node(dir, dev_nodes[i].dn_name,
		    S_IFCHR | dev_nodes[i].dn_mode, dev_nodes[i].dn_rdev)) != 0)
			return error;
	for (size_t i = 0; i < DEV_ADDED; i++)
		if (dev_added[i].da_name[0] != '\0' &&
		    (error = dev_make_node(dir, dev_added[i].da_name,
		    dev_added[i].da_mode, dev_added[i].da_rdev)) != 0)
			return error;
	return 0;
}

/* The /dev of the root, held, or NULL. */
static struct vnode *
dev_dir(void)
{
	struct vnode *dev;

	if (vfs_lookup(vfs_root(), "/dev", VFS_FOLLOW, &dev) != 0)
		return NULL;
	if (!S_ISDIR(dev->v_mode)) {
		vfs_release(dev);
		return NULL;
	}
	return dev;
}

int
dev_add_node(const char *name, uint32_t mode, uint32_t rdev)
{
	struct dev_added *slot = NULL;
	struct vnode *dev;
	int error = 0;

	if (strlen(name) >= sizeof(slot->da_name))
		return -ENAMETOOLONG;
	for (size_t i = 0; i < DEV_ADDED; i++) {
		if (strcmp(dev_added[i].da_name, name) == 0)
			return -EEXIST;
		if (dev_added[i].da_name[0] == '\0' && slot == NULL)
			slot = &dev_added[i];
	}
	if (slot == NULL)
		return -ENOSPC;
	memcpy(slot->da_name, name, strlen(name) + 1);
	slot->da_mode = mode;
	slot->da_rdev = rdev;
	if ((dev = dev_dir()) != NULL) {
		error = dev_make_node(dev, name, mode, rdev);
		vfs_release(dev);
	}
	return error;
}

void
dev_remove_node(const char *name)
{
	struct vnode *dev, *v;

	for (size_t i = 0; i < DEV_ADDED; i++)
		if (strcmp(dev_added[i].da_name, name) == 0)
			dev_added[i].da_name[0] = '\0';
	if ((dev = dev_dir()) == NULL)
		return;
	/* Only the node the driver made: a device node of that name. */
	if (vfs_lookup(dev, name, 0, &v) == 0) {
		bool ours = S_ISBLK(v->v_mode) || S_ISCHR(v->v_mode);

		vfs_release(v);
		if (ours)
			(void)vfs_unlink(dev, name, false);
	}
	vfs_release(dev);
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
