/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * File-change notification (see notify.h): the event points the VFS
 * calls, which cost one test of a pointer for a node nobody watches, and
 * the hand-over to the listener registered from above.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/string.h>
#include <kernel/mm/kmalloc.h>
#include <fs/file.h>
#include <fs/notify.h>
#include <fs/vfs.h>

/* Linux's defaults (fs/notify/inotify: 16384, 128, and a memory-scaled
 * figure for watches, 8192 on the smallest machines). */
struct fsnotify_limits fsnotify_limits = {
	.fl_max_queued_events = 16384,
	.fl_max_user_instances = 128,
	.fl_max_user_watches = 8192,
};

static const struct fsnotify_ops *fsnotify_ops;
static fsnotify_dir_fn fsnotify_dir;
static uint32_t fsnotify_next_cookie;

/* What fsnotify_unlinked keeps: the directory (held) and the name. */
struct fsnotify_old {
	struct vnode	*fo_dir;
	char		 fo_name[];
};

void
fsnotify_register(const struct fsnotify_ops *ops)
{
	fsnotify_ops = ops;
}

void
fsnotify_register_dir(fsnotify_dir_fn fn)
{
	fsnotify_dir = fn;
}

/* Does a listener watch v? */
static bool
fsnotify_watched(const struct vnode *v)
{
	return (fsnotify_ops != NULL && v->v_notify != NULL) ||
	    (fsnotify_dir != NULL && v->v_dnotify != NULL);
}

/* Hand one event to v's listeners. */
static void
fsnotify_emit(struct vnode *v, uint32_t mask, uint32_t cookie,
    const char *name, bool child_gone)
{
	if (fsnotify_ops != NULL && v->v_notify != NULL)
		fsnotify_ops->fn_event(v, mask, cookie, name, child_gone);
	if (fsnotify_dir != NULL && v->v_dnotify != NULL)
		fsnotify_dir(v, mask, cookie);
}

uint32_t
fsnotify_cookie(void)
{
	uint32_t c = __atomic_add_fetch(&fsnotify_next_cookie, 1,
	    __ATOMIC_RELAXED);

	return c != 0 ? c : __atomic_add_fetch(&fsnotify_next_cookie, 1,
	    __ATOMIC_RELAXED);
}

void
fsnotify_self(struct vnode *v, uint32_t mask)
{
	if (fsnotify_watched(v))
		fsnotify_emit(v, mask, 0, NULL, false);
}

void
fsnotify_entry(struct vnode *dir, const char *name, uint32_t mask,
    bool isdir, uint32_t cookie)
{
	if (fsnotify_watched(dir))
		fsnotify_emit(dir, mask | (isdir ? FSN_ISDIR : 0), cookie,
		    name, false);
}

void
fsnotify_node(struct vnode *v, uint32_t mask)
{
	struct vnode *dir = v->v_parent;
	struct fsnotify_old *old = v->v_notify_old;
	char name[VFS_NAME_MAX + 1];

	if (fsnotify_ops == NULL && fsnotify_dir == NULL)
		return;
	if (S_ISDIR(v->v_mode))
		mask |= FSN_ISDIR;
	/* The directory first, by the name, then the node itself. */
	if (dir == NULL && old != NULL && v->v_nlink == 0) {
		if (fsnotify_watched(old->fo_dir))
			fsnotify_emit(old->fo_dir, mask, 0, old->fo_name, true);
	} else if (dir != NULL && dir != v && fsnotify_watched(dir) &&
	    v->v_nlink != 0 && v->v_ops->vop_name != NULL &&
	    v->v_ops->vop_name(dir, v, name, sizeof(name)) == 0) {
		fsnotify_emit(dir, mask, 0, name, false);
	}
	if (fsnotify_watched(v))
		fsnotify_emit(v, mask, 0, NULL, false);
}

void
fsnotify_open(struct file *f)
{
	if (!(f->f_flags & O_PATH))
		fsnotify_node(f->f_node, FSN_OPEN);
}

void
fsnotify_close(struct file *f)
{
	uint32_t mode = f->f_flags & O_ACCMODE;

	if (f->f_node != NULL && !(f->f_flags & O_PATH))
		fsnotify_node(f->f_node, mode == O_WRONLY || mode == O_RDWR ?
		    FSN_CLOSE_WRITE : FSN_CLOSE_NOWRITE);
}

void
fsnotify_unlinked(struct vnode *dir, const char *name, struct vnode *v)
{
	size_t len = strlen(name);
	struct fsnotify_old *old;

	if (!fsnotify_watched(dir) || v->v_notify_old != NULL ||
	    (old = kmalloc(sizeof(*old) + len + 1)) == NULL)
		return;
	vfs_hold(dir);
	old->fo_dir = dir;
	memcpy(old->fo_name, name, len + 1);
	v->v_notify_old = old;
}

void
fsnotify_node_free(struct vnode *v)
{
	struct fsnotify_old *old = v->v_notify_old;

	if (old != NULL) {
		v->v_notify_old = NULL;
		vfs_release(old->fo_dir);
		kfree(old);
	}
}

void
fsnotify_gone(struct vnode *v)
{
	if (fsnotify_ops != NULL && v->v_notify != NULL)
		fsnotify_ops->fn_gone(v);
}

void
fsnotify_unmount(struct mount *m)
{
	if (fsnotify_ops != NULL)
		fsnotify_ops->fn_unmount(m);
}
