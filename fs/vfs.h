/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The file tree: vnodes and path lookup.  The in-memory filesystem
 * (ramfs) is the default: the unpacked initramfs at "/", tmpfs mounts,
 * directories and files programs create, symbolic links, and device nodes
 * whose reads and writes go to drivers (fs/dev.c).  Other filesystems
 * (procfs) give their nodes a struct vnode_ops (fs/mount.h) and make
 * them up as they are looked up.  The walk crosses mount points
 * (fs/mount.c) both ways.  Nothing here takes a lock yet: the kernel runs
 * one CPU and the tree changes only in system calls, but a preempted
 * change could interleave with another's (a tree lock is still to come).
 */
#ifndef FS_VFS_H
#define FS_VFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VFS_NAME_MAX	255
#define VFS_PATH_MAX	4096
#define VFS_SYMLOOP_MAX	40

#define S_IFMT		0170000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFBLK		0060000
#define S_IFSOCK	0140000
#define S_IFIFO		0010000
#define S_IFREG		0100000
#define S_IFLNK		0120000
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)

struct vnode;
struct pagecache;
struct vnode_ops;
struct mount;

struct vdirent {
	struct vdirent	*d_next;	/* sibling, in creation order */
	struct vnode	*d_node;
	char		 d_name[];	/* NUL-terminated */
};

struct vnode {
	uint64_t	 v_ino;		/* set by vfs_node_new */
	uint32_t	 v_mode;	/* type and permissions */
	uint32_t	 v_nlink;	/* names pointing here */
	uint32_t	 v_uid, v_gid;
	uint32_t	 v_rdev;	/* devices: major << 8 | minor */
	uint32_t	 v_refs;	/* open files, cwds and lookups */
	uint64_t	 v_size;	/* files and symlinks: bytes */
	uint64_t	 v_atime_ns;	/* last read (set by utimensat only) */
	uint64_t	 v_mtime_ns;	/* last change of contents */
	uint64_t	 v_ctime_ns;	/* last change of contents or metadata */
	struct vnode	*v_parent;	/* directories: ".."; other nodes: the
					 * directory of a name they have
					 * (for paths), NULL once unlinked */
	struct vdirent	*v_children;	/* directories */
	char		*v_data;	/* files, symlinks: contents */
	size_t		 v_cap;		/* bytes v_data can hold if owned */
	bool		 v_owned;	/* v_data is ours (else read-only
					 * initramfs bytes, copied on write) */
	struct pagecache *v_cache;	/* pages mapped by programs; dropped
					 * when the contents change */
	bool		 v_transient;	/* made up by a lookup (procfs): freed
					 * with its last reference */
	const struct vnode_ops *v_ops;	/* NULL for ramfs; set by the fs */
	struct mount	*v_mnt;		/* the mount it belongs to; set by
					 * vfs_node_new */
	struct mount	*v_covered;	/* directories: the mount on top of
					 * it, if any (set by fs/mount.c) */
	uint64_t	 v_fsdata;	/* the filesystem's own (procfs: what
					 * the node shows) */
};

/* One directory entry as readdir reports it. */
struct vfs_dirent {
	char		 de_name[VFS_NAME_MAX + 1];
	uint64_t	 de_ino;
	uint32_t	 de_mode;	/* S_IF* type (and permissions) */
	uint64_t	 de_next;	/* where the next entry is: idx + 1
					 * unless the filesystem says else */
};

/*
 * Create the root directory (a ramfs mounted at "/"), forgetting any
 * earlier tree.  Returns 0 or -ENOMEM.
 */
int	vfs_init(void);
struct vnode *vfs_root(void);

/* Take and drop a reference; the last drop of an unlinked node frees it. */
void	vfs_hold(struct vnode *);
void	vfs_release(struct vnode *);

#define VFS_FOLLOW	1	/* follow a symbolic link in the last part */

/*
 * Resolve path (absolute, or relative to cwd) to a held vnode.  Returns 0,
 * -ENOENT, -ENOTDIR, -ELOOP, -ENAMETOOLONG.
 */
int	vfs_lookup(struct vnode *cwd, const char *path, int flags,
	    struct vnode **out);

/*
 * For a process's walks: may_search(dir) is 0 or -EACCES for each
 * directory a name is looked up in (symbolic links' targets included),
 * and a refusal ends the walk with it.  The plain lookups are the
 * kernel's own, unchecked.
 */
typedef int (*vfs_search_fn)(const struct vnode *dir);
int	vfs_lookup_by(vfs_search_fn may_search, struct vnode *cwd,
	    const char *path, int flags, struct vnode **out);
int	vfs_lookup_parent_by(vfs_search_fn may_search, struct vnode *cwd,
	    const char *path, struct vnode **dir, char *name);

/*
 * Resolve all but the last part of path: the held parent directory and
 * the last name (copied into name, VFS_NAME_MAX + 1 bytes).  A path ending
 * in "/" names its last directory; "/" itself gives -EEXIST.
 */
int	vfs_lookup_parent(struct vnode *cwd, const char *path,
	    struct vnode **dir, char *name);

/*
 * Create name in dir with mode (S_IF* type included); held node out.
 * Changes to a filesystem that makes its nodes up (procfs) give -EPERM,
 * to a read-only mount -EROFS.
 */
int	vfs_create(struct vnode *dir, const char *name, uint32_t mode,
	    uint32_t rdev, struct vnode **out);
int	vfs_symlink(struct vnode *dir, const char *name, const char *target);
/* Remove name from dir: directories only if want_dir (and empty). */
int	vfs_unlink(struct vnode *dir, const char *name, bool want_dir);

/*
 * May a process with these ids do mask (VFS_MAY_*) to v?  0 or -EACCES,
 * by the owner/group/other bits; uid 0 may do anything but execute a
 * file no one may execute.
 */
#define VFS_MAY_EXEC	1
#define VFS_MAY_WRITE	2
#define VFS_MAY_READ	4
int	vfs_permission(const struct vnode *v, int mask, uint32_t uid,
	    uint32_t gid, const uint32_t *groups, unsigned int ngroups);
#define VFS_RENAME_NOREPLACE	1	/* -EEXIST if nname exists */
int	vfs_rename(struct vnode *odir, const char *oname, struct vnode *ndir,
	    const char *nname, int flags);
/* Give v (not a directory) another name in dir: -EXDEV across mounts. */
int	vfs_link(struct vnode *dir, const char *name, struct vnode *v);

/*
 * May v's contents or metadata change?  0, -EROFS on a read-only mount,
 * -EPERM for nodes a filesystem makes up.
 */
int	vfs_writable(const struct vnode *v);

/* The link count stat reports: directories count their subdirectories. */
uint32_t vfs_nlink(const struct vnode *v);

/* Now on the file clock (CLOCK_REALTIME), in ns. */
uint64_t vfs_now_ns(void);

/* File contents.  Returns bytes moved or a negative errno. */
long	vfs_read(struct vnode *, void *buf, size_t len, uint64_t off);
long	vfs_write(struct vnode *, const void *buf, size_t len, uint64_t off);
int	vfs_truncate(struct vnode *, uint64_t size);

/* Point file contents at read-only bytes (initramfs); copied on write. */
void	vfs_set_data_ro(struct vnode *, const void *data, size_t len);

/* The entry at index idx of dir ("." and ".." first), or false at end. */
bool	vfs_readdir(struct vnode *dir, uint64_t idx, struct vfs_dirent *out);

/*
 * The path of v from the root, across mounts, into buf (NUL included);
 * its length with the NUL, -ERANGE, -ENAMETOOLONG, or -ENOENT for a node
 * without a name (removed).
 */
long	vfs_path_of(struct vnode *v, char *buf, size_t size);

#endif /* FS_VFS_H */
