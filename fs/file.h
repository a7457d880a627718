/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Open files.  A struct file is shared by every descriptor dup'ed or
 * inherited from the same open (descriptor tables: fdtable.h).  What a file
 * does is its kind's operations table (struct file_ops), chosen when it is
 * opened: regular files and directories here, pipes and FIFOs in
 * kernel/ipc/pipe.c (file_set_fifo_ops), each character device in
 * fs/dev.c or its driver (dev_register).  Opening, closing, reads and
 * writes, poll, ioctl, lseek, pread and mmap reach the kind only through
 * it.
 */
#ifndef FS_FILE_H
#define FS_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/errno.h>
#include <fs/fdtable.h>
#include <fs/vfs.h>

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
#define O_ASYNC		00020000	/* signal-driven I/O (kernel/ipc/fasync.h) */
#define O_DIRECT	00040000	/* a pipe: packet mode */
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_NOATIME	01000000
#define O_CLOEXEC	02000000
#define O_PATH		010000000

struct epoll_item;
struct file;
struct file_async;
struct poll_head;

typedef long (*file_read_fn)(struct file *, void *buf, size_t len);
typedef long (*file_write_fn)(struct file *, const void *buf, size_t len);

/* The operation never touches the caller's bytes (/dev/null's). */
#define FILE_READ_NOBUF		0x1
#define FILE_WRITE_NOBUF	0x2
/* The file was not opened for it: the operation is -EBADF (and NOBUF). */
#define FILE_READ_DENIED	0x4
#define FILE_WRITE_DENIED	0x8

/* How a kind of file is read and written. */
struct file_io {
	file_read_fn	 fi_read;
	file_write_fn	 fi_write;
	uint32_t	 fi_flags;	/* FILE_*_NOBUF, FILE_*_DENIED */
};

/* fo_flags: pread, pwrite and sendfile at an offset (else -ESPIPE). */
#define FILE_OPS_PREAD		0x1
/*
 * splice may read and write the file as a stream of bytes (file_read and
 * file_write) at the other end of a pipe; a kind without it is -EINVAL
 * there, as Linux answers for files without splice_read/splice_write.
 */
#define FILE_OPS_SPLICE		0x2
/*
 * Signal-driven I/O (O_ASYNC, kernel/ipc/fasync.h) announces the kind's
 * readiness changes (those on its poll head); a kind without it keeps
 * O_ASYNC off, as Linux's kinds without fasync (eventfd, timerfd...).
 */
#define FILE_OPS_ASYNC		0x4

struct pipe;

/*
 * A kind of file, chosen by file_new from the node's type (and device
 * number); a FIFO opened with O_PATH, which never opens the pipe, has a
 * kind of its own.  Every entry is set (the file_*_none entries below
 * answer for kinds without the operation), so callers never test for
 * NULL.
 */
struct file_ops {
	/* Copied into struct file at open, for reads and writes. */
	struct file_io	 fo_io;
	uint32_t	 fo_flags;	/* FILE_OPS_* */
	/* open(2) of the node by path, after file_new: 0 or -errno. */
	int		(*fo_open)(struct file *);
	/* The last reference is going. */
	void		(*fo_release)(struct file *);
	/* Readiness now: FILE_POLL* bits. */
	short		(*fo_poll)(struct file *);
	/*
	 * Where changes of that readiness are announced (poll_wake), for
	 * epoll; NULL: a kind whose readiness never changes (regular files,
	 * directories, memory devices), which epoll refuses (-EPERM).
	 */
	struct poll_head *(*fo_poll_head)(struct file *);
	/* arg is the user pointer; -ENOTTY for requests not the file's. */
	long		(*fo_ioctl)(struct file *, unsigned long req,
			    uint64_t arg);
	/* The new offset or -errno; whence is one of SEEK_SET..SEEK_HOLE. */
	long		(*fo_lseek)(struct file *, int64_t off, int whence);
	/*
	 * What backs a mapping of the file: *node (not held) for its pages,
	 * NULL for anonymous memory; 0 or -errno (-ENODEV: not mappable).
	 * shared_write: MAP_SHARED with PROT_WRITE.
	 */
	int		(*fo_mmap)(struct file *, bool shared_write,
			    struct vnode **node);
	/*
	 * The pipe behind a pipe end or FIFO, which splice, tee and
	 * vmsplice move bytes through (kernel/ipc/pipe.h); NULL for every
	 * other kind.
	 */
	struct pipe	*(*fo_pipe)(struct file *);
	/*
	 * The kind's own lines of /proc/<pid>/fdinfo/<fd> (Linux's text),
	 * into buf (size bytes, NUL-terminated, cut if longer).
	 */
	void		(*fo_fdinfo)(struct file *, char *buf, size_t size);
};

/* ioctl: bytes ready to read, into an int (Linux's FIONREAD). */
#define FILE_FIONREAD	0x541b

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#define SEEK_DATA	3
#define SEEK_HOLE	4

struct file {
	struct vnode	*f_node;	/* held */
	uint64_t	 f_off;
	uint32_t	 f_flags;	/* O_* given to open */
	uint32_t	 f_refs;
	/*
	 * The kind's fo_io as resolved by file_new for the access mode (a
	 * direction the file was not opened for fails with -EBADF), so
	 * that a read or write is one indirect call.  Only O_APPEND and
	 * O_NONBLOCK change later, and the operations read those live.
	 */
	struct file_io	 f_io;
	const struct file_ops *f_ops;	/* everything else */
	struct epoll_item *f_epoll;	/* epoll registrations of this file,
					 * dropped at its release (set by
					 * kernel/ipc/epoll.c) */
	bool		 f_writer;	/* counted in f_node->v_writers */
	bool		 f_opened;	/* counted in f_node->v_opens */
	struct file_async *f_async;	/* owner, signal and O_ASYNC watch
					 * (F_SETOWN, F_SETSIG: kernel/ipc/
					 * fasync.c), dropped at its release */
	uint64_t	 f_event;	/* kinds that tell poll of a change
					 * once (procfs's mounts files): the
					 * last one told */
};

/*
 * The file at fd if it is an open file, NULL also for an O_PATH handle:
 * what most calls on a descriptor take (they answer -EBADF for one), as
 * Linux's fdget; fd_get is for those an O_PATH handle serves (close,
 * dup, fcntl's descriptor flags, fstat, fchdir, a dirfd).
 */
static inline struct file *
fd_get_open(struct fdtable *t, int fd)
{
	struct file *f = fd_get(t, fd);

	return f != NULL && !(f->f_flags & O_PATH) ? f : NULL;
}

/* A new open file on node (taking a reference to it). */
struct file *file_new(struct vnode *node, uint32_t flags);
/*
 * Finish open(2) of f, new from file_new (a FIFO waits for its peer):
 * 0, or -errno and f is gone (the kind undid its own part).
 */
int	file_open(struct file *f);
void	file_put(struct file *);

/*
 * A new open file of a kind without a node of its own (epoll, eventfd,
 * timerfd, signalfd): an anonymous node (mode 0600, no type) whose
 * v_priv is priv, and ops, with flags' access mode.  NULL: no memory.
 */
struct file *file_new_anon(const struct file_ops *ops, uint32_t flags,
	    void *priv);

/*
 * What file_put calls, before the kind's release, for a file whose
 * f_epoll is set (kernel/ipc/epoll.c registers it at boot).
 */
void	file_set_epoll_release(void (*fn)(struct file *));

/*
 * What file_put calls, before the kind's release, for a file whose
 * f_async is set (kernel/ipc/fasync.c registers it at boot).
 */
void	file_set_async_release(void (*fn)(struct file *));

/*
 * What file_open calls first for a regular file with leases (v_lease
 * set; kernel/ipc/lease.c registers it at boot): break those an open
 * with f's access mode conflicts with.  0 or -errno (-EWOULDBLOCK for
 * O_NONBLOCK, -ERESTARTSYS for a signal), and the open fails.
 */
void	file_set_lease_break(int (*fn)(struct vnode *v, bool write,
	    bool nonblock));

#define FILE_POLLIN	0x001
#define FILE_POLLPRI	0x002
#define FILE_POLLOUT	0x004
#define FILE_POLLERR	0x008
#define FILE_POLLHUP	0x010
#define FILE_POLLNVAL	0x020
#define FILE_POLLRDNORM	0x040

/* Readiness of f now: FILE_POLL* bits (Linux's POLL* values). */
static inline short
file_poll(struct file *f)
{
	return f->f_ops->fo_poll(f);
}

/*
 * Entries for kinds that have no such operation, and the common ones:
 * open and release doing nothing; poll ready both ways, with no poll
 * head; ioctl -ENOTTY;
 * lseek -ESPIPE, or moving f_off (SEEK_END: from the node's size;
 * SEEK_DATA and SEEK_HOLE: vfs_seek_data); mmap -ENODEV; no
 * pipe; fdinfo nothing.
 */
int	file_open_none(struct file *);
void	file_release_none(struct file *);
short	file_poll_ready(struct file *);
struct poll_head *file_poll_head_none(struct file *);
long	file_ioctl_none(struct file *, unsigned long req, uint64_t arg);
long	file_lseek_none(struct file *, int64_t off, int whence);
long	file_lseek_node(struct file *, int64_t off, int whence);
int	file_mmap_none(struct file *, bool shared_write, struct vnode **node);
struct pipe *file_pipe_none(struct file *);
void	file_fdinfo_none(struct file *, char *buf, size_t size);

/*
 * Regular files' own entries, for kinds that are regular files with a
 * difference (vop_file_ops): reads and writes at f_off through the
 * node (vfs_read, vfs_write; O_APPEND), and ioctl's FIONREAD.
 */
long	file_node_read(struct file *, void *buf, size_t len);
long	file_node_write(struct file *, const void *buf, size_t len);
long	file_reg_ioctl(struct file *, unsigned long req, uint64_t arg);

/*
 * The operations of pipe ends and FIFOs, and of a FIFO opened with
 * O_PATH: kernel/ipc's, registered at boot before the first open
 * (pipe_init).  Until then a FIFO's open, reads and writes fail with
 * -ENXIO.
 */
void	file_set_fifo_ops(const struct file_ops *ops,
	    const struct file_ops *path_ops);

/*
 * Bytes moved or -errno; buf is kernel memory unless FILE_*_NOBUF.
 * System calls check in Linux's order: the descriptor, then the buffer's
 * range (file_io_range_error), then the operation.
 */
static inline long
file_read(struct file *f, void *buf, size_t len)
{
	return f->f_io.fi_read(f, buf, len);
}

static inline long
file_write(struct file *f, const void *buf, size_t len)
{
	return f->f_io.fi_write(f, buf, len);
}

/* The error for a buffer out of range: -EBADF first if f denies it. */
static inline long
file_io_range_error(const struct file *f, bool write)
{
	return f->f_io.fi_flags & (write ? FILE_WRITE_DENIED :
	    FILE_READ_DENIED) ? -EBADF : -EFAULT;
}

#endif /* FS_FILE_H */
