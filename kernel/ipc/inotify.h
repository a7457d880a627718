/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * inotify: an instance is a file whose reads return the events of the
 * nodes it watches (Linux's struct inotify_event records, queued by
 * kernel/ipc/inotify_queue.c).  The VFS announces what happens through
 * fs/notify.h; inotify_listen registers the listener that finds the
 * watches of a node (its v_notify list) and queues for each.  A watch
 * pins its node (vfs_pin), and goes with IN_IGNORED when removed, when
 * the node's last name and user are gone (after IN_DELETE_SELF), at
 * unmount (after IN_UNMOUNT), or after its one event (IN_ONESHOT).
 * Limits: fs/notify.h's fsnotify_limits (/proc/sys/fs/inotify).
 */
#ifndef KERNEL_IPC_INOTIFY_H
#define KERNEL_IPC_INOTIFY_H

#include <stdbool.h>
#include <stdint.h>

struct file;
struct vnode;

/* Linux's values: the events (fs/notify.h's FSN_*) and the flags. */
#define IN_ALL_EVENTS	0x00000fff
#define IN_UNMOUNT	0x00002000
#define IN_Q_OVERFLOW	0x00004000
#define IN_IGNORED	0x00008000
#define IN_ONLYDIR	0x01000000
#define IN_DONT_FOLLOW	0x02000000
#define IN_EXCL_UNLINK	0x04000000
#define IN_MASK_CREATE	0x10000000
#define IN_MASK_ADD	0x20000000
#define IN_ISDIR	0x40000000
#define IN_ONESHOT	0x80000000
/* What inotify_add_watch accepts at all (else -EINVAL). */
#define IN_ALL_BITS	(IN_ALL_EVENTS | IN_UNMOUNT | IN_Q_OVERFLOW | \
			 IN_IGNORED | IN_ONLYDIR | IN_DONT_FOLLOW | \
			 IN_EXCL_UNLINK | IN_MASK_CREATE | IN_MASK_ADD | \
			 IN_ISDIR | IN_ONESHOT)

/* Register the listener with fs/ (at boot). */
void	inotify_listen(void);

/*
 * A new instance for user uid; flags: O_NONBLOCK.  NULL with *error
 * -EMFILE (the user's max_user_instances reached) or -ENOMEM.
 */
struct file *inotify_create(uint32_t uid, uint32_t flags, int *error);

/* Is f an instance? */
bool	inotify_is(const struct file *f);

/*
 * Watch v (held by the caller) for mask: the watch's wd, new or that of
 * the watch v already has (its mask replaced, or added to with
 * IN_MASK_ADD); -EEXIST for IN_MASK_CREATE on a watched node, -ENOSPC
 * past max_user_watches, -ENOMEM.
 */
long	inotify_add(struct file *f, struct vnode *v, uint32_t mask);

/* Remove watch wd (IN_IGNORED is queued): 0 or -EINVAL. */
long	inotify_rm(struct file *f, int32_t wd);

#endif /* KERNEL_IPC_INOTIFY_H */
