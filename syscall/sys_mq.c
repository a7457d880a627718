/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * POSIX message queue calls: mq_open, mq_unlink, mq_timedsend,
 * mq_timedreceive, mq_notify and mq_getsetattr.  The queues are
 * kernel/ipc/mqueue.c's; here the arguments cross the user boundary and
 * are checked in Linux's order with its errors.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/signal_abi.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/user.h>
#include <pv/common/pv_hv.h>
#include <kernel/mm/kmalloc.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <kernel/proc/proc.h>
#include <kernel/ipc/mqueue.h>
#include <kernel/ipc/mqueue_calc.h>
#include <net/netlink.h>
#include <net/socket.h>
#include <syscall/sys.h>

#define NS_PER_SEC	1000000000L
#define SYS_MQ_NSIG	64		/* Linux's _NSIG */

/* struct sigevent of x86-64 (64 bytes). */
struct sys_mq_sigevent {
	uint64_t	value;		/* sigev_value */
	int32_t		signo;		/* SIGEV_THREAD: a netlink socket */
	int32_t		notify;
	int32_t		rest[12];
};

/* A user name into a new buffer: its length, or -errno. */
static long
sys_mq_name(uint64_t uname, char **out)
{
	char *buf = kmalloc(VFS_PATH_MAX);
	long len;

	if (buf == NULL)
		return -ENOMEM;
	len = sys_user_str(buf, (const char *)uname, VFS_PATH_MAX);
	if (len < 0) {
		kfree(buf);
		return len == -E2BIG ? -ENAMETOOLONG : len;
	}
	*out = buf;
	return len;
}

/* The file at fd with a reference the caller drops, or NULL. */
static struct file *
sys_mq_hold(int fd)
{
	bool on = intr_save();
	struct file *f = fd_get(proc_current()->p_fds, fd);

	if (f != NULL)
		f->f_refs++;
	intr_restore(on);
	return f;
}

/* The queue at fd, held, or NULL (-EBADF for it, as Linux). */
static struct file *
sys_mq_file(int fd)
{
	struct file *f = sys_mq_hold(fd);

	if (f != NULL && !mqueue_is(f)) {
		file_put(f);
		f = NULL;
	}
	return f;
}

/* Is some descriptor below the caller's limit free? */
static bool
sys_mq_fd_room(void)
{
	struct fdtable *t = proc_current()->p_fds;
	int fd = 0;

	while (fd_next(t, fd) == fd)
		fd++;
	return fd < proc_fd_limit();
}

long
sys_mq_open(struct trap_frame *tf)
{
	uint32_t flags = (uint32_t)tf->rsi;
	struct mq_attr_abi attr;
	struct file *f;
	bool created;
	char *name;
	long len, r;

	if (tf->r10 != 0 &&
	    copy_from_user(&attr, (const void *)tf->r10, sizeof(attr)) != 0)
		return -EFAULT;
	if ((len = sys_mq_name(tf->rdi, &name)) < 0)
		return len;
	r = len == 0 ? -ENOENT : !sys_mq_fd_room() ? -EMFILE :
	    mqueue_calc_name(name, (size_t)len);
	if (r != 0) {
		kfree(name);
		return r;
	}
	f = mqueue_open(name, (size_t)len, flags, (uint32_t)tf->rdx & 07777,
	    tf->r10 != 0 ? &attr : NULL, &created, &r);
	kfree(name);
	if (f == NULL)
		return r;
	/* Queue descriptors are closed on exec, whatever the flags. */
	r = fd_install(proc_current()->p_fds, f, 0, proc_fd_limit(), true);
	if (r < 0 && created)
		mqueue_undo_create(f);
	file_put(f);
	return r;
}

long
sys_mq_unlink(struct trap_frame *tf)
{
	char *name;
	long len, r;

	if ((len = sys_mq_name(tf->rdi, &name)) < 0)
		return len;
	if ((r = mqueue_calc_name(name, (size_t)len)) == 0)
		r = mqueue_unlink(name, (size_t)len);
	kfree(name);
	return r;
}

/*
 * An absolute CLOCK_REALTIME timeout at uts (0: none) to a deadline on
 * pv_clock_ns (UINT64_MAX: none, 0: already past): 0, -EFAULT, -EINVAL.
 */
static long
sys_mq_deadline(uint64_t uts, uint64_t *deadline)
{
	uint64_t wall, now, abs;
	int64_t ts[2];

	*deadline = UINT64_MAX;
	if (uts == 0)
		return 0;
	if (copy_from_user(ts, (const void *)uts, sizeof(ts)) != 0)
		return -EFAULT;
	if (ts[0] < 0 || ts[1] < 0 || ts[1] >= NS_PER_SEC)
		return -EINVAL;
	if ((uint64_t)ts[0] >= UINT64_MAX / NS_PER_SEC / 2)
		return 0;		/* beyond any wait */
	abs = (uint64_t)ts[0] * NS_PER_SEC + (uint64_t)ts[1];
	wall = pv_clock_wall_ns();
	now = pv_clock_ns();
	*deadline = abs <= wall ? 0 : now + (abs - wall);
	return 0;
}

long
sys_mq_timedsend(struct trap_frame *tf)
{
	uint64_t deadline = UINT64_MAX;
	uint32_t mode;
	struct file *f;
	int64_t ts[2];
	long r;

	/* Linux copies the timeout, then checks the priority, then it. */
	if (tf->r8 != 0 &&
	    copy_from_user(ts, (const void *)tf->r8, sizeof(ts)) != 0)
		return -EFAULT;
	if ((uint32_t)tf->r10 >= MQ_PRIO_MAX)
		return -EINVAL;
	if ((r = sys_mq_deadline(tf->r8, &deadline)) != 0)
		return r;
	if ((f = sys_mq_file((int)tf->rdi)) == NULL)
		return -EBADF;
	mode = f->f_flags & O_ACCMODE;
	if (mode != O_WRONLY && mode != O_RDWR)
		r = -EBADF;
	else if (tf->rdx > (uint64_t)mqueue_msgsize(f))
		r = -EMSGSIZE;
	else
		r = mqueue_send(f, tf->rsi, tf->rdx, (uint32_t)tf->r10,
		    deadline);
	file_put(f);
	return r;
}

long
sys_mq_timedreceive(struct trap_frame *tf)
{
	uint64_t deadline;
	uint32_t mode;
	struct file *f;
	long r;

	if ((r = sys_mq_deadline(tf->r8, &deadline)) != 0)
		return r;
	if ((f = sys_mq_file((int)tf->rdi)) == NULL)
		return -EBADF;
	mode = f->f_flags & O_ACCMODE;
	if (mode != O_RDONLY && mode != O_RDWR)
		r = -EBADF;
	else if (tf->rdx < (uint64_t)mqueue_msgsize(f))
		r = -EMSGSIZE;
	else
		r = mqueue_receive(f, tf->rsi, tf->r10, deadline);
	file_put(f);
	return r;
}

/*
 * SIGEV_THREAD: the C library's helper thread waits on a netlink socket
 * (sigev_signo) for the cookie at sigev_value; the queue keeps both.
 */
static long
sys_mq_notify_thread(const struct sys_mq_sigevent *ev,
    struct mq_notify_req *req)
{
	struct file *s;

	if (copy_from_user(req->mn_cookie, (const void *)ev->value,
	    sizeof(req->mn_cookie)) != 0)
		return -EFAULT;
	if ((s = sys_mq_hold(ev->signo)) == NULL)
		return -EBADF;
	/* A socket, and of the netlink family (Linux's checks). */
	if (sock_of_file(s) == NULL || !netlink_is(s)) {
		file_put(s);
		return sock_of_file(s) == NULL ? -ENOTSOCK : -EINVAL;
	}
	req->mn_sock = s;
	return 0;
}

long
sys_mq_notify(struct trap_frame *tf)
{
	struct mq_notify_req req;
	struct sys_mq_sigevent ev;
	struct file *f;
	long r;

	memset(&req, 0, sizeof(req));
	if (tf->rsi != 0) {
		if (copy_from_user(&ev, (const void *)tf->rsi, sizeof(ev)) != 0)
			return -EFAULT;
		if (ev.notify != MQ_SIGEV_NONE && ev.notify != MQ_SIGEV_SIGNAL &&
		    ev.notify != MQ_SIGEV_THREAD)
			return -EINVAL;
		if (ev.notify == MQ_SIGEV_SIGNAL &&
		    (uint32_t)ev.signo > SYS_MQ_NSIG)
			return -EINVAL;
		req.mn_how = ev.notify;
		req.mn_signo = ev.signo;
		req.mn_value = ev.value;
		if (ev.notify == MQ_SIGEV_THREAD &&
		    (r = sys_mq_notify_thread(&ev, &req)) != 0)
			return r;
	}
	if ((f = sys_mq_file((int)tf->rdi)) == NULL) {
		if (req.mn_sock != NULL)
			file_put(req.mn_sock);
		return -EBADF;
	}
	r = mqueue_notify(f, tf->rsi != 0 ? &req : NULL);
	file_put(f);
	return r;
}

long
sys_mq_getsetattr(struct trap_frame *tf)
{
	struct mq_attr_abi set, old;
	struct file *f;

	if (tf->rsi != 0) {
		if (copy_from_user(&set, (const void *)tf->rsi,
		    sizeof(set)) != 0)
			return -EFAULT;
		if (set.mq_flags & ~(int64_t)O_NONBLOCK)
			return -EINVAL;
	}
	if ((f = sys_mq_file((int)tf->rdi)) == NULL)
		return -EBADF;
	mqueue_getsetattr(f, tf->rsi != 0 ? &set : NULL, &old);
	file_put(f);
	if (tf->rdx != 0 &&
	    copy_to_user((void *)tf->rdx, &old, sizeof(old)) != 0)
		return -EFAULT;
	return 0;
}
