/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Open files and per-process descriptor tables.  A struct file is shared
 * by every descriptor dup'ed or inherited from the same open; reads and
 * writes of device nodes go to the character devices of fs/dev.c.
 */
#ifndef FS_FILE_H
#define FS_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <fs/vfs.h>

#define FD_MAX		256

#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_CLOEXEC	02000000
#define O_PATH		010000000

struct file {
	struct vnode	*f_node;	/* held */
	uint64_t	 f_off;
	uint32_t	 f_flags;	/* O_* given to open */
	uint32_t	 f_refs;
};

struct fdtable {
	struct file	*ft_fd[FD_MAX];
	uint8_t		 ft_cloexec[FD_MAX];
};

/* A new open file on node (taking a reference to it). */
struct file *file_new(struct vnode *node, uint32_t flags);
void	file_put(struct file *);

#define FILE_POLLIN	0x001
#define FILE_POLLPRI	0x002
#define FILE_POLLOUT	0x004
#define FILE_POLLERR	0x008
#define FILE_POLLHUP	0x010
#define FILE_POLLNVAL	0x020

/* Readiness of f now: FILE_POLL* bits (Linux's POLL* values). */
short	file_poll(struct file *f);

long	file_read(struct file *, void *buf, size_t len);
long	file_write(struct file *, const void *buf, size_t len);

/* Lowest free descriptor >= min for f (which it then holds); -EMFILE. */
int	fd_install(struct fdtable *, struct file *f, int min, bool cloexec);
/* The file at fd, or NULL. */
struct file *fd_get(struct fdtable *, int fd);
int	fd_close(struct fdtable *, int fd);
/* A copy of t sharing its files (fork). */
int	fd_table_copy(struct fdtable *dst, const struct fdtable *src);
void	fd_table_close_all(struct fdtable *);
void	fd_table_close_on_exec(struct fdtable *);

#endif /* FS_FILE_H */
