/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * ramfs: the filesystem that lives in kernel memory.  It is "/" (rootfs,
 * the unpacked initramfs), "ramfs" and "tmpfs" mounts, and devtmpfs's
 * nodes (fs/dev.c).  Directories keep their entries in a list (creation
 * order, which getdents reports); files and symbolic links keep their
 * bytes in one buffer that doubles as it grows, or in read-only bytes
 * (the initramfs archive) until the first change.  The VFS reaches all of
 * it through ramfs's struct vnode_ops; the functions here are for the
 * filesystems built on it and for unpacking the initramfs.
 */
#ifndef FS_RAMFS_H
#define FS_RAMFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mount;
struct mount_statfs;
struct vnode;

/*
 * Register "ramfs" and "tmpfs" and mount a fresh ramfs at "/" (forgetting
 * any earlier table): the held root in *root.  0 or -ENOMEM.
 */
int	ramfs_init(struct vnode **root);

/* A new, empty root directory with mode for mount m (held), or NULL. */
struct vnode *ramfs_root_new(struct mount *m, uint32_t mode);

/*
 * Free every node below the directory root (not root itself), for
 * unmounting when nothing below is held; ramfs_unmount does it for m's
 * root.
 */
void	ramfs_tree_free(struct vnode *root);
void	ramfs_unmount(struct mount *m);

/*
 * A regular file of mount m with no name (memfd_create), one reference
 * held: it goes when the last reference does.
 */
struct vnode *ramfs_file_new(struct mount *m, uint32_t mode);

/* statfs: ramfs's room is the free pages. */
void	ramfs_statfs(const struct mount *m, struct mount_statfs *out);

/*
 * Point the contents of file v at len read-only bytes (the initramfs),
 * copied at the first change.
 */
void	ramfs_set_data_ro(struct vnode *v, const void *data, size_t len);

/* Are v's contents ramfs's own copy (not read-only bytes)? */
bool	ramfs_data_owned(const struct vnode *v);

#endif /* FS_RAMFS_H */
