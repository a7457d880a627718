/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The mount table and the filesystem side of the VFS.  A mount puts the
 * root of a fresh filesystem over a directory; the path walk (fs/vfs.c)
 * steps onto it, and ".." at its root steps back to the covered
 * directory's parent.  Filesystem types register a struct mount_fstype
 * (ramfs and tmpfs with the root, procfs and devtmpfs at boot) and give
 * their nodes a struct vnode_ops (fs/vfs.h).  Like the rest of the VFS,
 * nothing here takes a lock.
 */
#ifndef FS_MOUNT_H
#define FS_MOUNT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <fs/vfs.h>

#define MS_RDONLY	0x1
#define MS_NOSUID	0x2
#define MS_NODEV	0x4
#define MS_NOEXEC	0x8
#define MS_REMOUNT	0x20
#define MS_NOATIME	0x400
#define MS_BIND		0x1000
#define MS_MOVE		0x2000
#define MS_SILENT	0x8000
#define MS_RELATIME	0x200000

#define MNT_FORCE	0x1
#define MNT_DETACH	0x2
#define MNT_EXPIRE	0x4
#define UMOUNT_NOFOLLOW	0x8

struct mount;
struct poll_head;

/* The statfs(2) figures of a filesystem. */
struct mount_statfs {
	uint64_t	ms_type, ms_bsize, ms_blocks, ms_bfree, ms_files,
			ms_ffree, ms_flags;
	uint32_t	ms_dev;
};

struct mount_fstype {
	const char	*mt_name;	/* as mount(2) names it */
	uint64_t	 mt_magic;	/* statfs f_type */
	bool		 mt_nodev;	/* "nodev" in /proc/filesystems */
	/* Set m->mnt_root to a new root directory (held).  0 or -errno. */
	int		(*mt_mount)(struct mount *m);
	/* Optional: free the nodes below m's root, which nothing holds. */
	void		(*mt_unmount)(struct mount *m);
	/* Optional: room and files for statfs (else reported as 0). */
	void		(*mt_statfs)(const struct mount *m,
			    struct mount_statfs *out);
	struct mount_fstype *mt_next;	/* set by mount_register */
};

struct mount {
	struct mount	*mnt_next;	/* the table, in mount order */
	const struct mount_fstype *mnt_type;	/* set by mount_at */
	struct vnode	*mnt_root;	/* held; set by mt_mount */
	struct vnode	*mnt_covered;	/* held; NULL for "/" */
	char		 mnt_source[64]; /* set by mount_at (cut to 63) */
	uint32_t	 mnt_flags;	/* MS_* flags it was mounted with */
	uint32_t	 mnt_dev;	/* st_dev of its nodes */
	uint32_t	 mnt_refs;	/* references to its nodes, counted by
					 * vfs_hold and vfs_release */
	uint64_t	 mnt_xattr_bytes; /* extended attributes its nodes keep
					 * (ramfs: at most RAMFS_XATTR_MAX) */
	bool		 mnt_detached;	/* out of the table (MNT_DETACH), freed
					 * with its last reference */
};

/* Register a filesystem type (at boot). */
void	mount_register(struct mount_fstype *t);

/* The i-th registered type (sysfs(2)'s index), or NULL past the last. */
const struct mount_fstype *mount_fstype_nth(unsigned int i);

/* The type called name, or NULL. */
const struct mount_fstype *mount_fstype_find(const char *name);

/*
 * Mount a new filesystem of type over the directory dir (held by the
 * caller; the mount takes its own reference).  Returns 0, -ENODEV for an
 * unknown type, -ENOTDIR, -EBUSY over "/", -ENOMEM.
 */
int	mount_at(struct vnode *dir, const char *type, const char *source,
	    uint32_t flags);

/*
 * Unmount the filesystem whose root is root (held once by the caller).
 * Returns 0, -EINVAL if root is no mount's root, -EBUSY for "/" or while
 * its nodes are in use (files open, directories current, mounts below)
 * unless MNT_DETACH is in flags.
 */
int	mount_remove(struct vnode *root, int flags);

/* Change the flags of the mount whose root is root (MS_REMOUNT). */
int	mount_remount(struct vnode *root, uint32_t flags);

/*
 * The statfs(2) figures of the mounted filesystem whose st_dev is dev:
 * 0, or -EINVAL if no mount has it (ustat(2)).
 */
int	mount_statfs_dev(uint32_t dev, struct mount_statfs *out);

/*
 * Changes of the mount table (a mount, an unmount, a remount) so far,
 * and the poll head each is announced on (FILE_POLLPRI | FILE_POLLERR):
 * for procfs's mounts files, whose poll tells of a change once.
 */
uint64_t mount_events(void);
struct poll_head *mount_poll_head(void);

/* Call fn for every mount in the table, in mount order. */
void	mount_foreach(void (*fn)(const struct mount *, void *), void *arg);

/*
 * Mount a filesystem of type t at "/" (registering t, which mount(2)
 * cannot name), forgetting any earlier table and type: for vfs_init.
 */
int	mount_init_root(struct mount_fstype *t, struct vnode **root);

/*
 * Filesystem side: a node of mount m with mode and operations ops, one
 * reference held.
 */
struct vnode *vfs_node_new(struct mount *m, uint32_t mode,
	    const struct vnode_ops *ops);

/* The root of the topmost mount on v, or v itself. */
struct vnode *vfs_mounted(struct vnode *v);

/* The statfs(2) figures for the filesystem of v. */
void	mount_statfs(const struct vnode *v, struct mount_statfs *out);

#endif /* FS_MOUNT_H */
