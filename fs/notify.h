/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * File-change notification: the VFS announces what happens to nodes and
 * directory entries (opened, read, written, attributes changed, closed,
 * names made, removed and moved, a node's last name gone, a mount going)
 * through the fsnotify_* calls below, and one listener registered from
 * above (inotify, kernel/ipc/inotify.c) turns them into events.  The VFS
 * keeps for it one pointer per node (v_notify: the listener's watches
 * of that node, never read here but to skip unwatched nodes) and a kind
 * of reference that does not keep a mount busy (vfs_pin).  Event bits
 * are Linux's inotify values, which is all fanotify adds to as well.
 */
#ifndef FS_NOTIFY_H
#define FS_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>

struct file;
struct mount;
struct vnode;

#define FSN_ACCESS		0x00000001	/* read */
#define FSN_MODIFY		0x00000002	/* written, truncated */
#define FSN_ATTRIB		0x00000004	/* metadata, link count */
#define FSN_CLOSE_WRITE		0x00000008
#define FSN_CLOSE_NOWRITE	0x00000010
#define FSN_OPEN		0x00000020
#define FSN_MOVED_FROM		0x00000040	/* entry moved out of a dir */
#define FSN_MOVED_TO		0x00000080	/* entry moved into a dir */
#define FSN_CREATE		0x00000100	/* entry made */
#define FSN_DELETE		0x00000200	/* entry removed */
#define FSN_DELETE_SELF		0x00000400	/* last name gone, unused */
#define FSN_MOVE_SELF		0x00000800	/* the node itself moved */
#define FSN_UNMOUNT		0x00002000	/* its filesystem went */
#define FSN_ISDIR		0x40000000	/* the subject is a directory */

/* What the listener does with the VFS's announcements. */
struct fsnotify_ops {
	/*
	 * mask happened: to v itself (name NULL), or to the entry name of
	 * directory v (child_gone: the entry's node has no name left, it
	 * is announced through a file still open).  cookie ties a move's
	 * two halves (else 0).
	 */
	void	(*fn_event)(struct vnode *v, uint32_t mask, uint32_t cookie,
		    const char *name, bool child_gone);
	/*
	 * Watched node v has no name left and nothing but pins holds it:
	 * the listener must let go of (unpin) v, which may free it.
	 */
	void	(*fn_gone)(struct vnode *v);
	/* Mount m is going: unpin every node of it. */
	void	(*fn_unmount)(struct mount *m);
};

/* Install the listener (at boot). */
void	fsnotify_register(const struct fsnotify_ops *ops);

/*
 * A second listener, for directories only (dnotify, kernel/ipc/
 * dnotify.c): fn(dir, mask, cookie) for every event announced to a
 * directory whose v_dnotify is set, about an entry of it or itself.
 */
typedef void (*fsnotify_dir_fn)(struct vnode *dir, uint32_t mask,
	    uint32_t cookie);
void	fsnotify_register_dir(fsnotify_dir_fn fn);

/*
 * The listener's limits (/proc/sys/fs/inotify), kept here where procfs
 * can reach them: events queued per instance, instances and watches per
 * user.
 */
struct fsnotify_limits {
	uint32_t	 fl_max_queued_events;
	uint32_t	 fl_max_user_instances;
	uint32_t	 fl_max_user_watches;
};
extern struct fsnotify_limits fsnotify_limits;

/* A new cookie for a move (never 0). */
uint32_t fsnotify_cookie(void);

/*
 * The event points.  fsnotify_node: mask happened to v (to its watches,
 * and to its directory's by v's name); fsnotify_self: to v's watches
 * only; fsnotify_entry: to dir's, about its entry name (isdir: the node
 * is a directory).  fsnotify_open and fsnotify_close: an opened file,
 * by path (not O_PATH), and its last close.
 */
void	fsnotify_node(struct vnode *v, uint32_t mask);
void	fsnotify_self(struct vnode *v, uint32_t mask);
void	fsnotify_entry(struct vnode *dir, const char *name, uint32_t mask,
	    bool isdir, uint32_t cookie);
void	fsnotify_open(struct file *f);
void	fsnotify_close(struct file *f);

/*
 * For fs/: name of v in dir was removed and v has no name left while
 * still in use (an open file): keep dir and name, so that what happens
 * through the open file is still announced to dir.
 */
void	fsnotify_unlinked(struct vnode *dir, const char *name, struct vnode *v);
/* v is being freed: let go of what fsnotify_unlinked kept. */
void	fsnotify_node_free(struct vnode *v);
/* v has no name left and only pins hold it (from vfs_release). */
void	fsnotify_gone(struct vnode *v);
/* Mount m is about to go. */
void	fsnotify_unmount(struct mount *m);

#endif /* FS_NOTIFY_H */
