/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The mount table (see mount.h).  A mount holds its root and the
 * directory it covers; vfs_hold/vfs_release count the references to each
 * mount's nodes, which is how umount knows a filesystem is busy.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/poll.h>
#include <fs/file.h>
#include <fs/mount.h>
#include <fs/notify.h>
#include <fs/vfs.h>

#define MOUNT_PAGE_SIZE		4096

static struct mount *mount_table;	/* "/" first */
static struct mount_fstype *mount_types;
static struct mount_fstype *mount_root_type;	/* not for mount(2) */
static uint32_t mount_next_dev;
static uint64_t mount_event;		/* changes of the table so far */
static struct poll_head mount_poll;	/* where each is announced */

uint64_t
mount_events(void)
{
	return mount_event;
}

struct poll_head *
mount_poll_head(void)
{
	return &mount_poll;
}

/* The table changed: tell the watchers of procfs's mounts files. */
static void
mount_changed(void)
{
	mount_event++;
	poll_wake(&mount_poll, FILE_POLLPRI | FILE_POLLERR);
}

void
mount_register(struct mount_fstype *t)
{
	struct mount_fstype **pp;

	for (pp = &mount_types; *pp != NULL; pp = &(*pp)->mt_next)
		if (*pp == t)
			return;
	t->mt_next = NULL;
	*pp = t;
}

const struct mount_fstype *
mount_fstype_nth(unsigned int i)
{
	for (struct mount_fstype *t = mount_types; t != NULL; t = t->mt_next)
		if (t != mount_root_type && i-- == 0)
			return t;
	return NULL;
}

const struct mount_fstype *
mount_fstype_find(const char *name)
{
	for (struct mount_fstype *t = mount_types; t != NULL; t = t->mt_next)
		if (strcmp(t->mt_name, name) == 0 && t != mount_root_type)
			return t;
	return NULL;
}

/* A mount of type t (not yet in the table), or NULL with *error. */
static struct mount *
mount_new(const struct mount_fstype *t, const char *source, uint32_t flags,
    int *error)
{
	struct mount *m = kzalloc(sizeof(*m));

	if (m == NULL) {
		*error = -ENOMEM;
		return NULL;
	}
	m->mnt_type = t;
	m->mnt_flags = flags;
	m->mnt_dev = mount_next_dev++;
	if (source == NULL || source[0] == '\0')
		source = "none";
	memcpy(m->mnt_source, source, strnlen(source,
	    sizeof(m->mnt_source) - 1));
	if ((*error = t->mt_mount(m)) != 0) {
		kfree(m);
		return NULL;
	}
	return m;
}

int
mount_init_root(struct mount_fstype *t, struct vnode **root)
{
	struct mount *m;
	int error;

	/* Tests start over with a fresh heap: forget the old table. */
	mount_table = NULL;
	mount_types = NULL;
	mount_next_dev = 1;
	mount_root_type = t;
	mount_register(t);
	if ((m = mount_new(t, t->mt_name, 0, &error)) == NULL)
		return error;
	mount_table = m;
	*root = m->mnt_root;
	return 0;
}

int
mount_at(struct vnode *dir, const char *type, const char *source,
    uint32_t flags)
{
	const struct mount_fstype *t = mount_fstype_find(type);
	struct mount *m, **pp;
	int error;

	if (t == NULL)
		return -ENODEV;
	if (!S_ISDIR(dir->v_mode))
		return -ENOTDIR;
	if (dir == vfs_root())
		return -EBUSY;
	if ((m = mount_new(t, source, flags, &error)) == NULL)
		return error;
	vfs_hold(dir);
	m->mnt_covered = dir;
	dir->v_covered = m;
	for (pp = &mount_table; *pp != NULL; pp = &(*pp)->mnt_next)
		;
	*pp = m;
	mount_changed();
	return 0;
}

/* The mount whose root is root (not "/"), or NULL. */
static struct mount *
mount_of_root(struct vnode *root)
{
	struct mount *m = root->v_mnt;

	if (m == NULL || m->mnt_root != root || m->mnt_covered == NULL)
		return NULL;
	return m;
}

int
mount_remove(struct vnode *root, int flags)
{
	struct mount *m = mount_of_root(root), **pp;
	struct vnode *covered;

	if (m == NULL)
		return root == vfs_root() ? -EBUSY : -EINVAL;
	/* Ours on the root, the caller's, and nothing else. */
	if (m->mnt_refs > 2 && !(flags & MNT_DETACH))
		return -EBUSY;
	if (root->v_covered != NULL && !(flags & MNT_DETACH))
		return -EBUSY;		/* another mount on top */
	/* Watches pin nodes without keeping the mount busy: they go now. */
	fsnotify_unmount(m);
	for (pp = &mount_table; *pp != m; pp = &(*pp)->mnt_next)
		;
	*pp = m->mnt_next;
	covered = m->mnt_covered;
	covered->v_covered = NULL;
	m->mnt_covered = NULL;
	m->mnt_detached = true;
	if (m->mnt_refs <= 2 && m->mnt_type->mt_unmount != NULL) {
		m->mnt_type->mt_unmount(m);
		root->v_nlink = 0;
	}
	/*
	 * A mount still in use (MNT_DETACH) stays allocated: its nodes point
	 * at it.  Only an idle one goes with its root.
	 */
	if (m->mnt_refs <= 2) {
		root->v_transient = true;	/* freed at the last release */
		vfs_release(root);		/* the mount's reference */
		m->mnt_root = NULL;
		/* The caller's reference frees root; m has no nodes left. */
		root->v_mnt = NULL;
		m->mnt_refs = 0;
		kfree(m);
	}
	vfs_release(covered);
	mount_changed();
	return 0;
}

int
mount_remount(struct vnode *root, uint32_t flags)
{
	struct mount *m = root->v_mnt;

	if (m == NULL || m->mnt_root != root)
		return -EINVAL;
	m->mnt_flags = (m->mnt_flags & ~(uint32_t)(MS_RDONLY | MS_NOSUID |
	    MS_NODEV | MS_NOEXEC | MS_NOATIME | MS_RELATIME)) |
	    (flags & (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC |
	    MS_NOATIME | MS_RELATIME));
	mount_changed();
	return 0;
}

void
mount_foreach(void (*fn)(const struct mount *, void *), void *arg)
{
	for (struct mount *m = mount_table; m != NULL; m = m->mnt_next)
		fn(m, arg);
}

int
mount_statfs_dev(uint32_t dev, struct mount_statfs *out)
{
	for (struct mount *m = mount_table; m != NULL; m = m->mnt_next)
		if (m->mnt_dev == dev && m->mnt_root != NULL) {
			mount_statfs(m->mnt_root, out);
			return 0;
		}
	return -EINVAL;
}

void
mount_statfs(const struct vnode *v, struct mount_statfs *out)
{
	const struct mount *m = v->v_mnt;

	memset(out, 0, sizeof(*out));
	out->ms_bsize = MOUNT_PAGE_SIZE;
	if (m == NULL)
		return;
	out->ms_type = m->mnt_type->mt_magic;
	out->ms_flags = m->mnt_flags & (MS_RDONLY | MS_NOSUID | MS_NODEV |
	    MS_NOEXEC | MS_NOATIME | MS_RELATIME);
	out->ms_dev = m->mnt_dev;
	if (m->mnt_root != NULL && m->mnt_type->mt_statfs != NULL)
		m->mnt_type->mt_statfs(m, out);
}
