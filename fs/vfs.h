/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The file tree: vnodes, path lookup and the operations every filesystem
 * answers.  A vnode holds what the VFS needs (type, attributes, its
 * parent directory, the mount it belongs to, the mount over it) and a
 * pointer to its filesystem's own data; what it does is its filesystem's
 * struct vnode_ops.  ramfs (fs/ramfs.h) is the root filesystem and
 * tmpfs; procfs makes its nodes up as they are looked up.  The walk
 * crosses mount points (fs/mount.c) both ways.  Nothing here takes a
 * lock yet: the kernel runs one CPU and the tree changes only in system
 * calls, but a preempted change could interleave with another's (a tree
 * lock is still to come).
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
#define S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)

struct vnode;
struct pagecache;
struct pipe;
struct mount;
struct vfs_dirent;
struct fsnotify_old;
struct file_ops;

/*
 * What a filesystem does with its nodes.  The VFS first checks what is
 * the same everywhere (node types, name lengths, read-only mounts, names
 * across mounts) and then calls the table of the node (or directory) in
 * question.  An operation left NULL fails as Linux fails it on a
 * filesystem without it: the errno is given with each.  Attributes
 * (mode, owner, size, times, link count) live in the vnode, kept there by
 * the filesystem.
 */
struct vnode_ops {
	/* Directories: a held node for name (len bytes).  NULL: -ENOENT. */
	int	(*vop_lookup)(struct vnode *dir, const char *name, size_t len,
		    struct vnode **out);
	/* Directories: a new name with mode (S_IF* type included: files,
	 * directories, device nodes, FIFOs), held node out.  NULL: -EPERM. */
	int	(*vop_create)(struct vnode *dir, const char *name, uint32_t mode,
		    uint32_t rdev, struct vnode **out);
	/* Remove name: a directory (empty) only if want_dir.  NULL: -EPERM. */
	int	(*vop_remove)(struct vnode *dir, const char *name,
		    bool want_dir);
	/* Move oname of odir to nname of ndir (VFS_RENAME_*; the VFS has
	 * checked types and ancestry: vfs_rename_prepare).  -EXDEV when
	 * ndir is on another mount, -EINVAL for flags it does not do.
	 * NULL: -EPERM. */
	int	(*vop_rename)(struct vnode *odir, const char *oname,
		    struct vnode *ndir, const char *nname, int flags);
	/* Another name for v (same mount, not a directory).  NULL: -EPERM. */
	int	(*vop_link)(struct vnode *dir, const char *name, struct vnode *v);
	/* A symbolic link to target (1..VFS_PATH_MAX - 1 bytes).  NULL:
	 * -EPERM. */
	int	(*vop_symlink)(struct vnode *dir, const char *name,
		    const char *target);
	/* Symbolic links: up to size bytes of the target (no NUL); bytes
	 * copied.  NULL: -EINVAL. */
	long	(*vop_readlink)(struct vnode *v, char *buf, size_t size);
	/* Not directories: bytes at off; 0 at or past the end.  NULL:
	 * -EINVAL. */
	long	(*vop_read)(struct vnode *v, void *buf, size_t len,
		    uint64_t off);
	/* Bytes written at off (the file grows, a hole reads as zeros).
	 * NULL: -EIO, as procfs's files on Linux. */
	long	(*vop_write)(struct vnode *v, const void *buf, size_t len,
		    uint64_t off);
	/* Regular files: a new size.  NULL: -EPERM. */
	int	(*vop_truncate)(struct vnode *v, uint64_t size);
	/* The VFS is about to change attributes in v (chmod, chown, utimens,
	 * opening for writes): 0 to let it, or -errno.  NULL: -EPERM. */
	int	(*vop_setattr)(struct vnode *v);
	/* Directories: entry idx (from 2: the VFS reports "." and "..").
	 * NULL: no entries. */
	bool	(*vop_readdir)(struct vnode *dir, uint64_t idx,
		    struct vfs_dirent *out);
	/* The name of v in its v_parent dir, for paths (NUL-terminated in
	 * buf).  0, -ENAMETOOLONG, or -ENOENT if none.  NULL: -ENOENT. */
	int	(*vop_name)(struct vnode *dir, struct vnode *v, char *buf,
		    size_t size);
	/* Directories: the link count stat reports.  NULL: 2. */
	uint32_t (*vop_nlink)(const struct vnode *dir);
	/* Fill page (PAGE_SIZE bytes) with the file's page number index,
	 * zeros past the end, for the page cache.  NULL: vop_read. */
	int	(*vop_readpage)(struct vnode *v, uint64_t index, void *page);
	/*
	 * Filesystems whose files live in memory pages (ramfs): the file's
	 * own page at index, with a reference for the caller, so that a
	 * shared mapping and read/write see one copy.  write: the caller
	 * may write into it (a shared writable mapping).  0, -ENXIO past
	 * the end, -ENOMEM, or -ENOTSUP for a node whose pages the page
	 * cache should copy instead.  NULL: the page cache for reading,
	 * no shared writable mappings.
	 */
	int	(*vop_getpage)(struct vnode *v, uint64_t index, bool write,
		    uint64_t *pa);
	/*
	 * Is the file's page at index in memory now (mincore of a mapping
	 * that has not touched it)?  Must not sleep or allocate.  NULL: no.
	 */
	bool	(*vop_resident)(struct vnode *v, uint64_t index);
	/*
	 * A filesystem's own access rule, checked before the mode bits
	 * (which root passes): -EACCES to refuse mask (VFS_MAY_*) to
	 * everyone, e.g. writing a read-only /sys file.  NULL: none.
	 */
	int	(*vop_permission)(const struct vnode *v, int mask);
	/*
	 * Extended attributes (lib/xattr.h).  name carries its namespace
	 * prefix; the caller has checked it, its length and the caller's
	 * rights (fs_xattr_* in syscall/).  getxattr: the value into buf,
	 * or with size 0 its length only; -ERANGE when it does not fit,
	 * -ENODATA when there is none.  setxattr: flags XATTR_CREATE and
	 * XATTR_REPLACE (-EEXIST, -ENODATA), -ENOSPC past the room the
	 * filesystem allows.  removexattr: -ENODATA when there is none.
	 * listxattr: the names of the namespaces in ns_mask as
	 * xattr_blob_list lists them.  NULL: -EOPNOTSUPP, and listxattr
	 * an empty list (as Linux for a filesystem without them).
	 */
	long	(*vop_getxattr)(struct vnode *v, const char *name, void *buf,
		    size_t size);
	int	(*vop_setxattr)(struct vnode *v, const char *name,
		    const void *val, size_t size, int flags);
	int	(*vop_removexattr)(struct vnode *v, const char *name);
	long	(*vop_listxattr)(struct vnode *v, unsigned int ns_mask,
		    char *buf, size_t size);
	/*
	 * Directories: a regular file with mode and no name (O_TMPFILE),
	 * link count 0, held in out.  NULL: -EOPNOTSUPP.
	 */
	int	(*vop_tmpfile)(struct vnode *dir, uint32_t mode,
		    struct vnode **out);
	/*
	 * Regular files, lseek's SEEK_DATA (data) and SEEK_HOLE: the first
	 * offset at or after off (< v_size) in data, or in a hole; v_size
	 * when none (the end is a hole).  NULL: all of the file is data.
	 */
	uint64_t (*vop_seek_data)(struct vnode *v, uint64_t off, bool data);
	/*
	 * Regular files: make [off, end) (inside the size) a hole that reads
	 * as zeros, giving back the memory of whole pages (fallocate's
	 * PUNCH_HOLE).  NULL: the caller writes zeros.
	 */
	int	(*vop_punch)(struct vnode *v, uint64_t off, uint64_t end);
	/*
	 * Symbolic links that stand for a node rather than a path (procfs's
	 * /proc/PID/fd/N, cwd, root, exe): the node, held, which a walk
	 * goes on from as Linux's "magic" links do (so an unlinked or
	 * O_TMPFILE file is reached through its descriptor); 1 to follow
	 * the target's text instead.  NULL: the text.
	 */
	int	(*vop_follow)(struct vnode *lnk, struct vnode **out);
	/*
	 * Regular files whose open files are a kind of their own (procfs's
	 * mounts files, which poll for changes of the mount table): the
	 * kind's struct file_ops (fs/file.h), or NULL for a plain regular
	 * file.  NULL: plain.
	 */
	const struct file_ops *(*vop_file_ops)(const struct vnode *v);
	/* The vnode is being freed: let go of the filesystem's data. */
	void	(*vop_free)(struct vnode *v);
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
	struct pagecache *v_cache;	/* pages mapped by programs; dropped
					 * when the contents change */
	uint32_t	 v_mapped;	/* address-space areas mapping it
					 * (kernel/vm keeps the count) */
	uint32_t	 v_mapped_w;	/* of which shared and writable (or
					 * may become so by mprotect) */
	uint32_t	 v_seals;	/* memfd seals (VFS_SEAL_*) */
	/*
	 * Text-busy rule (ETXTBSY): open files that may write it, and
	 * processes running it as their program.  Neither may start while
	 * the other is non-zero (fs/file.c, kernel/proc/exec.c).
	 */
	uint32_t	 v_writers;
	uint32_t	 v_execs;
	void		*v_locks[2];	/* advisory locks by kind (fs/lock.c) */
	bool		 v_linkable;	/* made by O_TMPFILE without O_EXCL and
					 * never linked: linkat may name it */
	bool		 v_transient;	/* made up by a lookup (procfs): freed
					 * with its last reference */
	const struct vnode_ops *v_ops;	/* never NULL; set by vfs_node_new */
	struct mount	*v_mnt;		/* the mount it belongs to; set by
					 * vfs_node_new */
	struct mount	*v_covered;	/* directories: the mount on top of
					 * it, if any (set by fs/mount.c) */
	struct pipe	*v_pipe;	/* FIFOs: the pipe while open
					 * (kernel/ipc/pipe.c) */
	void		*v_notify;	/* its watches (fs/notify.h's
					 * listener's), or NULL */
	struct fsnotify_old *v_notify_old; /* removed while open: the
					 * directory to announce to */
	void		*v_dnotify;	/* directories: F_NOTIFY's watches
					 * (fsnotify_register_dir), or NULL */
	void		*v_lease;	/* regular files: their leases
					 * (kernel/ipc/lease.c), or NULL */
	uint32_t	 v_opens;	/* open files (not O_PATH) on it */
	uint32_t	 v_pins;	/* of v_refs, those of vfs_pin */
	/* The filesystem's own, never read by the VFS (ramfs: contents or
	 * entries; procfs: what the node shows, and a link's target). */
	void		*v_priv;
	uint64_t	 v_fsdata;
};

/* For nodes of no filesystem (pipes): every operation is left out. */
extern const struct vnode_ops vfs_anon_ops;

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

/*
 * chroot(2): where absolute paths start for the caller, and where ".."
 * stops.  kernel/proc installs fn at boot (a process's root directory);
 * fn returns NULL for "the real root" (kernel threads, or before).  The
 * node it returns is only borrowed: the caller's process holds it.
 */
void	vfs_set_root_hook(struct vnode *(*fn)(void));

/*
 * RLIMIT_FSIZE: limit returns the caller's file-size limit (UINT64_MAX
 * for none, and for kernel threads), exceeded tells it that a write or
 * growth went past it (SIGXFSZ).  kernel/proc installs them at boot.
 */
void	vfs_set_fsize_hooks(uint64_t (*limit)(void), void (*exceeded)(void));

/*
 * A write of len bytes at off to a regular file: how many of them fit
 * under the caller's file-size limit; -EFBIG (SIGXFSZ sent) when none
 * does and len > 0.  vfs_write applies it itself.
 */
long	vfs_fsize_fit(uint64_t off, uint64_t len);

/*
 * A system call would make a file size bytes long (truncate, fallocate):
 * 0, or -EFBIG with SIGXFSZ sent when that is past the caller's limit.
 */
int	vfs_fsize_grow(uint64_t size);

/*
 * Take and drop a reference; the last drop of an unlinked node frees it.
 * A watched node (fs/notify.h) left with no name and nothing but pins
 * is announced gone (fsnotify_gone) by the drop that leaves it so.
 */
void	vfs_hold(struct vnode *);
void	vfs_release(struct vnode *);
/*
 * A reference that does not keep the node's mount busy, for watches
 * (fs/notify.h): the mount tells their owner to let go before it goes.
 */
void	vfs_pin(struct vnode *);
void	vfs_unpin(struct vnode *);

#define VFS_FOLLOW	1	/* follow a symbolic link in the last part */
/*
 * What a walk may not do (openat2's RESOLVE_*), with the errno it ends
 * with.  A "magic" link is one whose vop_follow gives a node.
 */
#define VFS_NO_XDEV	0x02	/* cross a mount, either way, or jump to
				 * another by an absolute link or a magic
				 * one: -EXDEV (an absolute path to begin
				 * with is allowed) */
#define VFS_NO_MAGICLINKS 0x04	/* follow a magic link: -ELOOP */
#define VFS_NO_SYMLINKS	0x08	/* follow any link: -ELOOP */
#define VFS_BENEATH	0x10	/* leave the start directory: an absolute
				 * path or link, ".." from the start, a
				 * magic link: -EXDEV */
#define VFS_IN_ROOT	0x20	/* the start directory is "/" and where
				 * ".." stops; a magic link: -EXDEV */
#define VFS_CACHED	0x40	/* only what is in memory: a name the
				 * filesystem must be asked about (one
				 * missing, or a node made up by the lookup:
				 * procfs) or a magic link: -EAGAIN */
#define VFS_RESOLVE_ALL	(VFS_NO_XDEV | VFS_NO_MAGICLINKS | \
			 VFS_NO_SYMLINKS | VFS_BENEATH | VFS_IN_ROOT | \
			 VFS_CACHED)

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
 * kernel's own, unchecked.  A path ending in "/" (or "/.") must name a
 * directory, and a symbolic link there is followed whatever the flags.
 * One walk follows at most VFS_SYMLOOP_MAX links in all (-ELOOP).
 * flags: VFS_FOLLOW and the restrictions (VFS_NO_XDEV...).
 */
typedef int (*vfs_search_fn)(const struct vnode *dir);
int	vfs_lookup_by(vfs_search_fn may_search, struct vnode *cwd,
	    const char *path, int flags, struct vnode **out);

/* The last part of a path, for the calls that make or remove names. */
#define VFS_LAST_NAME	0	/* a name */
#define VFS_LAST_DOT	1	/* "." */
#define VFS_LAST_DOTDOT	2	/* ".." */
#define VFS_LAST_ROOT	3	/* none: the path is "/" (or "//"...) */
struct vfs_last {
	char	 name[VFS_NAME_MAX + 1];	/* NUL-terminated */
	int	 kind;				/* VFS_LAST_* */
	bool	 slash;				/* a "/" followed it */
};

/*
 * Resolve all but the last part of path: the held directory it is in
 * (*dir; searchable, when may_search is given) and what it is (*last),
 * not looked up.  -ENAMETOOLONG for a last name over VFS_NAME_MAX.
 */
int	vfs_lookup_last_by(vfs_search_fn may_search, struct vnode *cwd,
	    const char *path, struct vnode **dir, struct vfs_last *last);

/*
 * Resolve all but the last part of path: the held parent directory and
 * the last name (copied into name, VFS_NAME_MAX + 1 bytes), trailing
 * slashes dropped; "/", "." and ".." give -EEXIST.  For the kernel's own
 * uses (unpacking the initramfs).
 */
int	vfs_lookup_parent(struct vnode *cwd, const char *path,
	    struct vnode **dir, char *name);

/*
 * open(O_CREAT)'s walk: resolve path to an existing node (*out, held),
 * following symbolic links in the last place if flags has VFS_FOLLOW (a
 * dangling link's target is what gets made), or to the held directory
 * where its last name would be made (*dir, with *last): when the name is
 * missing, or when a "/" follows it (open decides: -EISDIR).  The other
 * one of *out and *dir is NULL.  flags may add the restrictions
 * (VFS_NO_XDEV...), as for vfs_lookup_by.
 */
int	vfs_lookup_create_by(vfs_search_fn may_search, struct vnode *cwd,
	    const char *path, int flags, struct vnode **dir,
	    struct vfs_last *last, struct vnode **out);

/*
 * Look name up in dir, not crossing a mount on it (what removing or
 * renaming it acts on): a held node, or -ENOENT, -ENAMETOOLONG.  No
 * permission is checked.
 */
int	vfs_lookup_in(struct vnode *dir, const char *name, struct vnode **out);

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
 * May a process with these ids and capabilities do mask (VFS_MAY_*) to
 * v?  0 or -EACCES, by the owner/group/other bits, else by caps as
 * Linux: VFS_CAP_DAC_READ_SEARCH reads any file and searches any
 * directory, VFS_CAP_DAC_OVERRIDE does anything but execute a file no
 * one may execute.
 */
#define VFS_MAY_EXEC	1
#define VFS_MAY_WRITE	2
#define VFS_MAY_READ	4
#define VFS_CAP_DAC_OVERRIDE	1
#define VFS_CAP_DAC_READ_SEARCH	2
int	vfs_permission(const struct vnode *v, int mask, uint32_t uid,
	    uint32_t gid, const uint32_t *groups, unsigned int ngroups,
	    unsigned int caps);
#define VFS_RENAME_NOREPLACE	1	/* -EEXIST if nname exists */
#define VFS_RENAME_EXCHANGE	2	/* swap two names (both exist) */
#define VFS_RENAME_WHITEOUT	4	/* leave a whiteout (ramfs: -EINVAL) */

/*
 * A rename in two steps, so that a process's permissions can be checked
 * between them in Linux's order.  The caller fills the directories (held
 * by it), the two last parts and the flags.
 */
struct vfs_rename {
	struct vnode	*r_odir, *r_ndir;
	const struct vfs_last *r_old, *r_new;
	int		 r_flags;	/* VFS_RENAME_* */
	struct vnode	*r_ov;		/* filled: the node that moves */
	struct vnode	*r_nv;		/* and the one at the new name, or
					 * NULL (held, both) */
};

/*
 * What rename(2) checks before permissions: -EXDEV across mounts; -EBUSY
 * for ".", ".." or "/" on either side (-EEXIST with NOREPLACE for the
 * new one); -EROFS, -EPERM; -ENOENT for a missing old name (or new one,
 * for EXCHANGE); -EEXIST for NOREPLACE; -ENOTDIR for "file/"; -EINVAL
 * for a directory moved below itself, -ENOTEMPTY onto one of its
 * ancestors.  0 with r_ov and r_nv filled, 1 (nothing held) when both
 * names are one node and there is nothing to do.
 */
int	vfs_rename_prepare(struct vfs_rename *r);
/*
 * Then do it: -ENOTDIR or -EISDIR for a directory over a non-directory
 * or the reverse, -EBUSY for a mount point, else the filesystem's answer
 * (-ENOTEMPTY over a directory with entries).  Drops r_ov and r_nv.
 */
int	vfs_rename_commit(struct vfs_rename *r);
/* Or give up after prepare: drops r_ov and r_nv. */
void	vfs_rename_abort(struct vfs_rename *r);
/* Both steps, with no permissions to check (names without slashes). */
int	vfs_rename(struct vnode *odir, const char *oname, struct vnode *ndir,
	    const char *nname, int flags);
/* Give v (not a directory) another name in dir: -EXDEV across mounts. */
int	vfs_link(struct vnode *dir, const char *name, struct vnode *v);

/*
 * Extended attributes: the filesystem's vop_*xattr (see struct
 * vnode_ops; -EOPNOTSUPP without them, an empty list for listxattr).
 * Changes first answer -EROFS on a read-only mount.  The caller has
 * checked the name and its rights to it.
 */
long	vfs_getxattr(struct vnode *v, const char *name, void *buf, size_t size);
int	vfs_setxattr(struct vnode *v, const char *name, const void *val,
	    size_t size, int flags);
int	vfs_removexattr(struct vnode *v, const char *name);
long	vfs_listxattr(struct vnode *v, unsigned int ns_mask, char *buf,
	    size_t size);

/*
 * O_TMPFILE: a regular file with mode (permissions) and no name in dir,
 * held in out; linkat may give it one unless excl (O_EXCL).  -ENOTDIR,
 * -EROFS, -EOPNOTSUPP for a filesystem without unnamed files, -ENOMEM.
 */
int	vfs_tmpfile(struct vnode *dir, uint32_t mode, bool excl,
	    struct vnode **out);

/*
 * SEEK_DATA (data) or SEEK_HOLE from off: the new offset, or -ENXIO when
 * off is at or past the end, or (SEEK_DATA) nothing but holes follow.
 */
int64_t	vfs_seek_data(struct vnode *v, uint64_t off, bool data);

/*
 * Make [off, end) of regular file v read as zeros (end at most v_size),
 * giving back its whole pages: 0, -errno, or -EOPNOTSUPP when the
 * filesystem cannot (the caller writes zeros instead).
 */
int	vfs_punch(struct vnode *v, uint64_t off, uint64_t end);

/*
 * May v's contents or metadata change?  0, -EROFS on a read-only mount,
 * else the filesystem's vop_setattr answer (-EPERM without one: procfs).
 */
int	vfs_writable(struct vnode *v);

/* The link count stat reports: directories count their subdirectories. */
uint32_t vfs_nlink(const struct vnode *v);

/* Now on the file clock (CLOCK_REALTIME), in ns. */
uint64_t vfs_now_ns(void);

/* File contents.  Returns bytes moved or a negative errno. */
long	vfs_read(struct vnode *, void *buf, size_t len, uint64_t off);
long	vfs_write(struct vnode *, const void *buf, size_t len, uint64_t off);
int	vfs_truncate(struct vnode *, uint64_t size);

/*
 * Fill page (PAGE_SIZE bytes) with page number index of file v, zeros
 * past its end: 0 or -errno (-EIO for a short read).
 */
int	vfs_readpage(struct vnode *v, uint64_t index, void *page);

/*
 * File seals (fcntl F_ADD_SEALS, Linux's F_SEAL_* values), for files made
 * by memfd_create; VFS_SEALABLE marks such a file.  vfs_write and
 * vfs_truncate refuse what the seals forbid (-EPERM).
 */
#define VFS_SEAL_SEAL		0x0001
#define VFS_SEAL_SHRINK		0x0002
#define VFS_SEAL_GROW		0x0004
#define VFS_SEAL_WRITE		0x0008
#define VFS_SEAL_FUTURE_WRITE	0x0010
#define VFS_SEAL_EXEC		0x0020
#define VFS_SEALS_ALL		0x003f
#define VFS_SEALABLE		0x80000000u

/* vop_resident, or false when the filesystem has none. */
bool	vfs_page_resident(struct vnode *v, uint64_t index);

/* vop_getpage, or -ENOTSUP when the filesystem has none. */
int	vfs_getpage(struct vnode *v, uint64_t index, bool write, uint64_t *pa);

/*
 * A filesystem shrank v to size: pages past it must leave every address
 * space (a later touch there is SIGBUS).  The memory manager, above
 * fs/, sets the hook at boot; it runs only for files something maps.
 */
void	vfs_shrunk(struct vnode *v, uint64_t size);
void	vfs_set_shrunk_hook(void (*fn)(struct vnode *v, uint64_t size));

/*
 * The target of symbolic link v: up to size bytes (no NUL), the count
 * copied; -EINVAL if v is no link.
 */
long	vfs_readlink(struct vnode *v, char *buf, size_t size);

/* The entry at index idx of dir ("." and ".." first), or false at end. */
bool	vfs_readdir(struct vnode *dir, uint64_t idx, struct vfs_dirent *out);

/*
 * The path of v from the root, across mounts, into buf (NUL included);
 * its length with the NUL, -ERANGE, -ENAMETOOLONG, or -ENOENT for a node
 * without a name (removed).
 */
long	vfs_path_of(struct vnode *v, char *buf, size_t size);

/*
 * Is v at or below the caller's root (chroot), going up through parents
 * and mounts?  A directory outside it is "unreachable" to getcwd(2).
 */
bool	vfs_reaches_root(struct vnode *v);

#endif /* FS_VFS_H */
