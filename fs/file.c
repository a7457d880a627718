/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Open files and descriptor tables (see file.h). */
#include <stdbool.h>
#include <stdint.h>

#include <kernel/errno.h>
#include <kernel/kmalloc.h>
#include <kernel/proc.h>
#include <kernel/string.h>
#include <kernel/tty.h>
#include <fs/dev.h>
#include <fs/file.h>
#include <fs/pipe.h>
#include <fs/vfs.h>

static long
file_node_read(struct file *f, void *buf, size_t len)
{
	long n;

	if ((n = vfs_read(f->f_node, buf, len, f->f_off)) > 0)
		f->f_off += (uint64_t)n;
	return n;
}

static long
file_node_write(struct file *f, const void *buf, size_t len)
{
	struct vnode *v = f->f_node;
	long n;

	if (f->f_flags & O_APPEND)
		f->f_off = v->v_size;
	if ((n = vfs_write(v, buf, len, f->f_off)) > 0)
		f->f_off += (uint64_t)n;
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

/* f's operations, from its node's kind and its access mode. */
static void
file_choose_io(struct file *f)
{
	static const struct file_io node_io = {
		file_node_read, file_node_write, 0,
	}, pipe_io = {
		pipe_read, pipe_write, 0,
	};
	struct vnode *v = f->f_node;
	uint32_t mode = f->f_flags & O_ACCMODE;
	bool path = (f->f_flags & O_PATH) != 0;

	if (S_ISCHR(v->v_mode))
		f->f_io = *dev_io(v->v_rdev);
	else if (S_ISFIFO(v->v_mode))
		f->f_io = pipe_io;
	else
		f->f_io = node_io;
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
	file_choose_io(f);
	return f;
}

void
file_put(struct file *f)
{
	if (f != NULL && --f->f_refs == 0) {
		/* O_PATH files never opened the pipe (see pipe_open). */
		if (S_ISFIFO(f->f_node->v_mode) && !(f->f_flags & O_PATH))
			pipe_close(f);
		vfs_release(f->f_node);
		kfree(f);
	}
}

short
file_poll(struct file *f)
{
	struct vnode *v = f->f_node;

	if (S_ISFIFO(v->v_mode))	/* O_PATH never opened the pipe */
		return (f->f_flags & O_PATH) ? FILE_POLLNVAL : pipe_poll(f);
	if (S_ISCHR(v->v_mode) && DEV_IS_TTY(v->v_rdev))
		return (short)(FILE_POLLOUT | (tty_readable() ? FILE_POLLIN : 0));
	return FILE_POLLIN | FILE_POLLOUT;	/* files and other devices */
}

/* The caller's RLIMIT_NOFILE, at most the table's size. */
static int
file_fd_limit(void)
{
	struct proc *p = proc_current();

	if (p == NULL || p->p_rlimit[RLIMIT_NOFILE].rl_cur >= FD_MAX)
		return FD_MAX;
	return (int)p->p_rlimit[RLIMIT_NOFILE].rl_cur;
}

int
fd_install(struct fdtable *t, struct file *f, int min, bool cloexec)
{
	int limit = file_fd_limit();

	for (int fd = min < 0 ? 0 : min; fd < limit; fd++)
		if (t->ft_fd[fd] == NULL) {
			t->ft_fd[fd] = f;
			t->ft_cloexec[fd] = cloexec;
			f->f_refs++;
			return fd;
		}
	return -EMFILE;
}

int
fd_close(struct fdtable *t, int fd)
{
	struct file *f = fd_get(t, fd);

	if (f == NULL)
		return -EBADF;
	t->ft_fd[fd] = NULL;
	t->ft_cloexec[fd] = 0;
	file_put(f);
	return 0;
}

int
fd_table_copy(struct fdtable *dst, const struct fdtable *src)
{
	for (int fd = 0; fd < FD_MAX; fd++) {
		dst->ft_fd[fd] = src->ft_fd[fd];
		dst->ft_cloexec[fd] = src->ft_cloexec[fd];
		if (dst->ft_fd[fd] != NULL)
			dst->ft_fd[fd]->f_refs++;
	}
	return 0;
}

void
fd_table_close_all(struct fdtable *t)
{
	for (int fd = 0; fd < FD_MAX; fd++)
		if (t->ft_fd[fd] != NULL)
			(void)fd_close(t, fd);
}

void
fd_table_close_on_exec(struct fdtable *t)
{
	for (int fd = 0; fd < FD_MAX; fd++)
		if (t->ft_fd[fd] != NULL && t->ft_cloexec[fd])
			(void)fd_close(t, fd);
}
