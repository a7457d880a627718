/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Open files and descriptor tables (see file.h). */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/user.h>
#include <kernel/mm/kmalloc.h>
#include <fs/blkdev.h>
#include <fs/dev.h>
#include <fs/file.h>
#include <fs/lock.h>
#include <fs/notify.h>
#include <fs/vfs.h>

long
file_node_read(struct file *f, void *buf, size_t len)
{
	long n;

	if ((n = vfs_read(f->f_node, buf, len, f->f_off)) > 0) {
		f->f_off += (uint64_t)n;
		fsnotify_node(f->f_node, FSN_ACCESS);
	}
	return n;
}

long
file_node_write(struct file *f, const void *buf, size_t len)
{
	struct vnode *v = f->f_node;
	long n;

	if (f->f_flags & O_APPEND)
		f->f_off = v->v_size;
	if ((n = vfs_write(v, buf, len, f->f_off)) > 0) {
		f->f_off += (uint64_t)n;
		fsnotify_node(v, FSN_MODIFY);
	}
	return n;
}

static long
file_ebadf_read(struct file *f, void *buf, size_t len)
{
	(void)f, (void)buf, (void)len;
	return -EBADF;
}

static long
file_ebadf_write(struct file *f, const void *buf, size_t len)
{
	(void)f, (void)buf, (void)len;
	return -EBADF;
}

int
file_open_none(struct file *f)
{
	(void)f;
	return 0;
}

void
file_release_none(struct file *f)
{
	(void)f;
}

short
file_poll_ready(struct file *f)
{
	(void)f;
	return FILE_POLLIN | FILE_POLLOUT;
}

struct poll_head *
file_poll_head_none(struct file *f)
{
	(void)f;
	return NULL;
}

long
file_ioctl_none(struct file *f, unsigned long req, uint64_t arg)
{
	(void)f, (void)req, (void)arg;
	return -ENOTTY;
}

long
file_lseek_none(struct file *f, int64_t off, int whence)
{
	(void)f, (void)off, (void)whence;
	return -ESPIPE;
}

long
file_lseek_node(struct file *f, int64_t off, int whence)
{
	int64_t base;

	switch (whence) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = (int64_t)f->f_off; break;
	case SEEK_END: base = (int64_t)f->f_node->v_size; break;
	case SEEK_DATA:
	case SEEK_HOLE:
		/* The filesystem knows its holes (vfs_seek_data). */
		if (off < 0)
			return -ENXIO;
		base = vfs_seek_data(f->f_node, (uint64_t)off,
		    whence == SEEK_DATA);
		if (base < 0)
			return (long)base;
		f->f_off = (uint64_t)base;
		return (long)f->f_off;
	default: return -EINVAL;
	}
	if (base + off < 0 || (off > 0 && base + off < base))
		return -EINVAL;
	f->f_off = (uint64_t)(base + off);
	return (long)f->f_off;
}

int
file_mmap_none(struct file *f, bool shared_write, struct vnode **node)
{
	(void)f, (void)shared_write, (void)node;
	return -ENODEV;
}

struct pipe *
file_pipe_none(struct file *f)
{
	(void)f;
	return NULL;
}

void
file_fdinfo_none(struct file *f, char *buf, size_t size)
{
	(void)f;
	if (size > 0)
		buf[0] = '\0';
}

/*
 * Regular files map their pages: privately, shared read-only, or shared
 * writable when the file is open for reading and writing and its
 * filesystem keeps the file in pages a mapping can share (vop_getpage).
 */
static int
file_reg_mmap(struct file *f, bool shared_write, struct vnode **node)
{
	if (shared_write && (f->f_flags & O_ACCMODE) != O_RDWR)
		return -EACCES;
	if (shared_write && f->f_node->v_ops->vop_getpage == NULL)
		return -ENODEV;
	*node = f->f_node;
	return 0;
}

/* FIONREAD: what is left after the offset, as Linux answers (may be < 0). */
long
file_reg_ioctl(struct file *f, unsigned long req, uint64_t arg)
{
	int left;

	if (req != FILE_FIONREAD)
		return -ENOTTY;
	left = (int)(f->f_node->v_size - f->f_off);
	return copy_to_user((void *)arg, &left, sizeof(left));
}

static const struct file_ops file_reg_ops = {
	.fo_io = { file_node_read, file_node_write, 0 },
	.fo_flags = FILE_OPS_PREAD | FILE_OPS_SPLICE,
	.fo_open = file_open_none,
	.fo_release = file_release_none,
	.fo_poll = file_poll_ready,
	.fo_poll_head = file_poll_head_none,
	.fo_ioctl = file_reg_ioctl,
	.fo_lseek = file_lseek_node,
	.fo_mmap = file_reg_mmap,
	.fo_pipe = file_pipe_none,
	.fo_fdinfo = file_fdinfo_none,
};

/*
 * Directories (reads and writes fail in vfs_read and vfs_write), and for
 * now the nodes no kind claims: symbolic links opened with O_PATH and
 * socket nodes.
 */
static const struct file_ops file_dir_ops = {
	.fo_io = { file_node_read, file_node_write, 0 },
	/* Positioned, as Linux: pread of a directory is -EISDIR, not
	 * -ESPIPE (the read itself says so). */
	.fo_flags = FILE_OPS_PREAD,
	.fo_open = file_open_none,
	.fo_release = file_release_none,
	.fo_poll = file_poll_ready,
	.fo_poll_head = file_poll_head_none,
	.fo_ioctl = file_ioctl_none,
	.fo_lseek = file_lseek_node,
	.fo_mmap = file_mmap_none,
	.fo_pipe = file_pipe_none,
	.fo_fdinfo = file_fdinfo_none,
};

static int
file_open_enxio(struct file *f)
{
	(void)f;
	return -ENXIO;
}

static long
file_enxio_read(struct file *f, void *buf, size_t len)
{
	(void)f, (void)buf, (void)len;
	return -ENXIO;
}

static long
file_enxio_write(struct file *f, const void *buf, size_t len)
{
	(void)f, (void)buf, (void)len;
	return -ENXIO;
}

static short
file_poll_err(struct file *f)
{
	(void)f;
	return FILE_POLLERR;
}

/* A FIFO before kernel/ipc registers the pipes' operations. */
static const struct file_ops file_fifo_none_ops = {
	.fo_io = { file_enxio_read, file_enxio_write,
	    FILE_READ_NOBUF | FILE_WRITE_NOBUF },
	.fo_open = file_open_enxio,
	.fo_release = file_release_none,
	.fo_poll = file_poll_err,
	.fo_poll_head = file_poll_head_none,
	.fo_ioctl = file_ioctl_none,
	.fo_lseek = file_lseek_none,
	.fo_mmap = file_mmap_none,
	.fo_pipe = file_pipe_none,
	.fo_fdinfo = file_fdinfo_none,
};

static const struct file_ops *file_fifo_ops = &file_fifo_none_ops;
static const struct file_ops *file_fifo_path_ops = &file_fifo_none_ops;

void
file_set_fifo_ops(const struct file_ops *ops, const struct file_ops *path_ops)
{
	file_fifo_ops = ops;
	file_fifo_path_ops = path_ops;
}

/* f's reads and writes: its kind's, with the access mode's denials. */
static void
file_choose_io(struct file *f)
{
	uint32_t mode = f->f_flags & O_ACCMODE;
	bool path = (f->f_flags & O_PATH) != 0;

	f->f_io = f->f_ops->fo_io;
	/* Access mode 3 allows neither, as on Linux (ioctl-only opens). */
	if ((mode != O_RDONLY && mode != O_RDWR) || path) {
		f->f_io.fi_read = file_ebadf_read;
		f->f_io.fi_flags |= FILE_READ_NOBUF | FILE_READ_DENIED;
	}
	if ((mode != O_WRONLY && mode != O_RDWR) || path) {
		f->f_io.fi_write = file_ebadf_write;
		f->f_io.fi_flags |= FILE_WRITE_NOBUF | FILE_WRITE_DENIED;
	}
}

/* f's operations: its node's kind's. */
static void
file_choose_ops(struct file *f)
{
	struct vnode *v = f->f_node;

	if (S_ISCHR(v->v_mode))
		f->f_ops = dev_ops(v->v_rdev);
	else if (S_ISBLK(v->v_mode))
		f->f_ops = &blkdev_file_ops;
	else if (S_ISFIFO(v->v_mode))
		f->f_ops = (f->f_flags & O_PATH) ? file_fifo_path_ops :
		    file_fifo_ops;
	else if (S_ISREG(v->v_mode) && v->v_ops->vop_file_ops != NULL &&
	    (f->f_ops = v->v_ops->vop_file_ops(v)) != NULL)
		;		/* a kind of its own (procfs's mounts) */
	else if (S_ISREG(v->v_mode))
		f->f_ops = &file_reg_ops;
	else
		f->f_ops = &file_dir_ops;
	file_choose_io(f);
}

struct file *
file_new_anon(const struct file_ops *ops, uint32_t flags, void *priv)
{
	struct vnode *v = kzalloc(sizeof(*v));
	struct file *f;

	if (v == NULL)
		return NULL;
	v->v_mode = 0600;
	v->v_ops = &vfs_anon_ops;
	v->v_priv = priv;
	if ((f = file_new(v, flags)) == NULL) {
		kfree(v);
		return NULL;
	}
	f->f_ops = ops;
	file_choose_io(f);
	return f;
}

static void (*file_epoll_release)(struct file *);

void
file_set_epoll_release(void (*fn)(struct file *))
{
	file_epoll_release = fn;
}

static void (*file_async_release)(struct file *);
static int (*file_lease_break)(struct vnode *, bool, bool);

void
file_set_lease_break(int (*fn)(struct vnode *v, bool write, bool nonblock))
{
	file_lease_break = fn;
}

void
file_set_async_release(void (*fn)(struct file *))
{
	file_async_release = fn;
}

struct file *
file_new(struct vnode *node, uint32_t flags)
{
	struct file *f = kzalloc(sizeof(*f));

	if (f == NULL)
		return NULL;
	vfs_hold(node);
	f->f_node = node;
	f->f_flags = flags;
	f->f_refs = 1;
	file_choose_ops(f);
	return f;
}

static void
file_free(struct file *f)
{
	if (f->f_writer)
		f->f_node->v_writers--;
	if (f->f_opened)
		f->f_node->v_opens--;
	vfs_release(f->f_node);
	kfree(f);
}

int
file_open(struct file *f)
{
	struct vnode *v = f->f_node;
	uint32_t mode = f->f_flags & O_ACCMODE;
	int error;

	/* Leases an open conflicts with are broken first (F_SETLEASE). */
	if (S_ISREG(v->v_mode) && !(f->f_flags & O_PATH) &&
	    v->v_lease != NULL && file_lease_break != NULL &&
	    (error = file_lease_break(v, mode != O_RDONLY ||
	    (f->f_flags & O_TRUNC), (f->f_flags & O_NONBLOCK) != 0)) != 0) {
		file_free(f);
		return error;
	}
	/* A program's image being run is not opened for writing. */
	if (S_ISREG(v->v_mode) && !(f->f_flags & O_PATH) &&
	    (mode == O_WRONLY || mode == O_RDWR)) {
		if (v->v_execs > 0) {
			file_free(f);
			return -ETXTBSY;
		}
		v->v_writers++;
		f->f_writer = true;
	}
	if ((error = f->f_ops->fo_open(f)) != 0) {
		file_free(f);	/* still only the opener's: no release */
	} else {
		if (!(f->f_flags & O_PATH)) {
			v->v_opens++;
			f->f_opened = true;
		}
		fsnotify_open(f);
	}
	return error;
}

void
file_put(struct file *f)
{
	if (f != NULL && --f->f_refs == 0) {
		/* Open-file-description and flock locks go with the file. */
		if (f->f_node != NULL) {
			lock_release(f->f_node, LOCK_POSIX, f);
			lock_release(f->f_node, LOCK_FLOCK, f);
		}
		if (f->f_epoll != NULL)
			file_epoll_release(f);
		if (f->f_async != NULL && file_async_release != NULL)
			file_async_release(f);
		fsnotify_close(f);
		f->f_ops->fo_release(f);
		file_free(f);
	}
}
