/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Initramfs unpacking (see initramfs.h). */
#include <stdbool.h>
#include <stdint.h>

#include <lib/cpio.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <kernel/log/printk.h>
#include <kernel/mm/kmalloc.h>
#include <fs/initramfs.h>
#include <fs/ramfs.h>
#include <fs/vfs.h>

/* mkdir -p for the directories above path; returns the held parent. */
static int
initramfs_parent(const char *path, char *buf, struct vnode **dir, char *last)
{
	size_t len = strlen(path);
	int error;

	if (len >= VFS_PATH_MAX)
		return -ENAMETOOLONG;
	memcpy(buf, path, len + 1);
	for (char *p = buf + 1; *p != '\0'; p++) {
		struct vnode *v;

		if (*p != '/')
			continue;
		*p = '\0';
		error = vfs_lookup(vfs_root(), buf, VFS_FOLLOW, &v);
		if (error == -ENOENT) {
			struct vnode *pd;
			char name[VFS_NAME_MAX + 1];

			if ((error = vfs_lookup_parent(vfs_root(), buf, &pd,
			    name)) != 0)
				return error;
			error = vfs_create(pd, name, S_IFDIR | 0755, 0, &v);
			vfs_release(pd);
		}
		if (error != 0)
			return error;
		vfs_release(v);
		*p = '/';
	}
	return vfs_lookup_parent(vfs_root(), path, dir, last);
}

static bool
initramfs_name_ok(const char *name)
{
	for (const char *p = name; *p != '\0';) {
		if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || p[2] == '\0'))
			return false;
		while (*p != '\0' && *p != '/')
			p++;
		while (*p == '/')
			p++;
	}
	return true;
}

/* scratch: 3 * VFS_PATH_MAX bytes (kernel stacks are too small for it). */
static int
initramfs_entry(const struct cpio_entry *e, char *scratch)
{
	char *path = scratch, *target = scratch + VFS_PATH_MAX;
	char *walk = scratch + 2 * VFS_PATH_MAX, name[VFS_NAME_MAX + 1];
	const char *n = e->ce_name;
	struct vnode *dir, *v;
	uint32_t type = e->ce_mode & S_IFMT;
	int error;

	while (n[0] == '.' && n[1] == '/')
		n += 2;
	while (n[0] == '/')
		n++;
	if (n[0] == '\0' || strcmp(n, ".") == 0)
		return 0;			/* the root itself */
	if (!initramfs_name_ok(n) || strlen(n) + 2 > VFS_PATH_MAX) {
		pr_warn("initramfs: skipping unsafe name '%s'\n", e->ce_name);
		return 0;
	}
	path[0] = '/';
	memcpy(path + 1, n, strlen(n) + 1);
	if ((error = initramfs_parent(path, walk, &dir, name)) != 0)
		return error;
	switch (type) {
	case S_IFDIR:
		error = vfs_create(dir, name, e->ce_mode, 0, &v);
		if (error == -EEXIST)
			error = 0;	/* made by a deeper entry first */
		else if (error == 0)
			vfs_release(v);
		break;
	case S_IFREG:
		if ((error = vfs_create(dir, name, e->ce_mode, 0, &v)) == 0) {
			ramfs_set_data_ro(v, e->ce_data, e->ce_size);
			vfs_release(v);
		}
		break;
	case S_IFLNK:
		if (e->ce_size == 0 || e->ce_size >= VFS_PATH_MAX) {
			error = -EINVAL;
			break;
		}
		memcpy(target, e->ce_data, e->ce_size);
		target[e->ce_size] = '\0';
		error = vfs_symlink(dir, name, target);
		break;
	case S_IFCHR:
		error = vfs_create(dir, name, e->ce_mode,
		    (e->ce_rdev_major << 8) | e->ce_rdev_minor, &v);
		if (error == 0)
			vfs_release(v);
		break;
	default:
		pr_warn("initramfs: skipping '%s' of type 0%o\n", e->ce_name,
		    type);
		break;
	}
	vfs_release(dir);
	if (error == -EEXIST)
		pr_warn("initramfs: '%s' appears twice; keeping the first\n",
		    e->ce_name);
	return error == -EEXIST ? 0 : error;
}

int
initramfs_unpack(const void *archive, size_t len)
{
	char *scratch = kmalloc(3 * VFS_PATH_MAX);
	struct cpio_entry e;
	const char *why;
	size_t off = 0;
	int rc, n = 0, error;

	if (scratch == NULL)
		return -ENOMEM;
	while ((rc = cpio_next(archive, len, &off, &e, &why)) == 1) {
		if ((error = initramfs_entry(&e, scratch)) != 0) {
			pr_err("initramfs: cannot unpack '%s': error %d\n",
			    e.ce_name, error);
			kfree(scratch);
			return error;
		}
		n++;
	}
	kfree(scratch);
	if (rc < 0) {
		pr_err("initramfs: refused: %s (at byte %lu of %lu)\n", why,
		    (uint64_t)off, (uint64_t)len);
		return -EINVAL;
	}
	return n;
}
