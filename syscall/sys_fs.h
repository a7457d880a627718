/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Helpers the file system calls share (sys_fs.c, sys_attr.c,
 * sys_mount.c, and ring0.c's fast reads and writes): user paths, *at
 * directory descriptors, the calling process's descriptor table, moving
 * bytes between a file and a caller's buffer.  For those files only.
 */
#ifndef SYSCALL_SYS_FS_H
#define SYSCALL_SYS_FS_H

#include <stdbool.h>
#include <stdint.h>

#include <arch/x86_64/include/user.h>
#include <fs/file.h>
#include <fs/vfs.h>

#define AT_FDCWD		-100
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_REMOVEDIR		0x200
#define AT_SYMLINK_FOLLOW	0x400
#define AT_NO_AUTOMOUNT		0x800
#define AT_EMPTY_PATH		0x1000

/* The calling process's descriptors. */
struct fdtable *sys_fs_fds(void);

/*
 * Copy the user path upath into a kmalloc'd buffer (VFS_PATH_MAX bytes);
 * NULL with *err = -EFAULT, -ENAMETOOLONG, -ENOENT (empty) or -ENOMEM.
 */
char	*sys_fs_path(uint64_t upath, long *err);

/* The directory an *at call starts from (held), or a negative errno. */
long	sys_fs_at(long dirfd, struct vnode **out);

/* Resolve (dirfd, upath) to a held node; flags VFS_FOLLOW. */
long	sys_fs_resolve(long dirfd, uint64_t upath, int flags,
	    struct vnode **out);

/*
 * For the calls that make a name (mkdir, mknod, symlink, link): resolve
 * all but the last part of (dirfd, upath) to the held directory *dir and
 * the name (into name, VFS_NAME_MAX + 1 bytes).  -EEXIST if the name is
 * there already or is ".", ".." or "/"; -ENOENT for "new/" unless is_dir
 * (mkdir).  The caller checks the permission (sys_fs_may_change) where
 * Linux does.
 */
long	sys_fs_new_name(long dirfd, uint64_t upath, bool is_dir,
	    struct vnode **dir, char *name);

/*
 * A node the caller just made in dir is the caller's: its fs ids, or the
 * group of a set-group-ID dir.
 */
void	sys_fs_own(struct vnode *dir, struct vnode *v);

/* May the caller add or remove names in dir?  0 or -EACCES. */
long	sys_fs_may_change(struct vnode *dir);

/*
 * Resolve (dirfd, upath, AT_* flags) for the calls that take
 * AT_EMPTY_PATH and AT_SYMLINK_NOFOLLOW: an empty path with AT_EMPTY_PATH
 * names dirfd's own file.  A held node, or a negative errno.
 */
long	sys_fs_resolve_at(long dirfd, uint64_t upath, uint64_t atflags,
	    struct vnode **out);

/*
 * Read or write len bytes between f and the caller's buffer at ubuf
 * (already known to lie in the user half) through a kernel bounce
 * buffer, with fault recovery: -EFAULT, never a kernel fault, if the
 * buffer is bad; a read checks its first byte before taking anything.
 */
long	sys_fs_bounce(struct file *f, uint64_t ubuf, size_t len, bool write);

/*
 * A read or write of len bytes at user ubuf, checked in Linux's order
 * (the descriptor's mode, then the range: a negative length is
 * -EFAULT).  Operations that never touch the bytes (/dev/null's) take
 * the caller's pointer as is: no bounce, no look at the memory map.
 * Inline: it is every read's and write's path, ring 3's and ring 0's.
 */
static inline __attribute__((always_inline)) long
sys_fs_rw(struct file *f, uint64_t ubuf, size_t len, bool write)
{
	if (!user_range_ok(ubuf, len))
		return file_io_range_error(f, write);
	if (f->f_io.fi_flags & (write ? FILE_WRITE_NOBUF : FILE_READ_NOBUF))
		return write ? file_write(f, (const void *)ubuf, len) :
		    file_read(f, (void *)ubuf, len);
	return sys_fs_bounce(f, ubuf, len, write);
}

/*
 * preadv2 and pwritev2 of f, also AIO's reads and writes: at off (-1: at
 * f's own position, which then moves), of n bytes at ubuf or (vectored)
 * n iovecs at ubuf, with RWF_* flags (unknown ones -EOPNOTSUPP).  A file
 * without positioned I/O (a pipe) takes only off -1 (else -ESPIPE).
 */
#define RWF_NOWAIT	0x08
long	sys_fs_prw_file(struct file *f, int64_t off, uint64_t ubuf, uint64_t n,
	    bool vectored, bool write, uint64_t flags);

/*
 * Write zeros over [off, end) of v (inside its size): fallocate's and
 * MADV_REMOVE's hole, which mappings of the file see at once.
 */
long	sys_fs_zero(struct vnode *v, uint64_t off, uint64_t end);

/*
 * The end of open(2) once the node is found (v held, and released here):
 * O_DIRECTORY, the permission for flags (unless O_PATH; created: the
 * caller made it), the open file and its descriptor, or -errno.
 */
long	sys_fs_open_node(struct vnode *v, uint32_t flags, bool created);

/* Copy struct stat for v to user ubuf: 0 or -EFAULT. */
long	sys_fs_put_stat(struct vnode *v, uint64_t ubuf);

#endif /* SYSCALL_SYS_FS_H */
