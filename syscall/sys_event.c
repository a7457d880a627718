/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The event-driven descriptor calls: epoll_create, epoll_create1,
 * epoll_ctl, epoll_wait, epoll_pwait and epoll_pwait2; eventfd and
 * eventfd2; timerfd_create, timerfd_settime and timerfd_gettime;
 * signalfd and signalfd4; inotify_init, inotify_init1,
 * inotify_add_watch and inotify_rm_watch.  The files themselves are kernel/ipc's; here
 * are the arguments, checked in Linux's order with its errors.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/signal_abi.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/user.h>
#include <pv/common/pv_hv.h>
#include <fs/file.h>
#include <kernel/proc/proc.h>
#include <kernel/ipc/epoll.h>
#include <kernel/ipc/eventfd.h>
#include <kernel/ipc/inotify.h>
#include <kernel/ipc/signalfd.h>
#include <kernel/ipc/timerfd.h>
#include <syscall/sys.h>
#include <syscall/sys_fs.h>
#include <syscall/sys_poll.h>

#define NS_PER_SEC		1000000000UL
/* Linux: INT_MAX / sizeof(struct epoll_event). */
#define SYS_EVENT_EPOLL_MAX	(0x7fffffff / 12)
/* Events an exclusive registration may ask for (Linux's). */
#define SYS_EVENT_EXCLUSIVE_OK	(EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | \
				 0x040 | 0x080 | 0x100 | 0x200 | EPOLLWAKEUP | \
				 EPOLLET | EPOLLEXCLUSIVE)
#define EFD_SEMAPHORE		1
#define TFD_TIMER_ABSTIME	1
#define TFD_TIMER_CANCEL_ON_SET	2

/* Install f (ours: dropped here) at the lowest free descriptor. */
static long
sys_event_install(struct file *f, uint64_t flags)
{
	long fd;

	if (f == NULL)
		return -ENOMEM;
	fd = fd_install(proc_current()->p_fds, f, 0, proc_fd_limit(),
	    (flags & O_CLOEXEC) != 0);
	file_put(f);
	return fd;
}

/*
 * The file at fd with a reference the caller drops, or NULL (also for
 * an O_PATH descriptor, which holds no open file: -EBADF, as Linux).
 */
static struct file *
sys_event_hold(int fd)
{
	bool on = intr_save();
	struct file *f = fd_get_open(proc_current()->p_fds, fd);

	if (f != NULL)
		f->f_refs++;
	intr_restore(on);
	return f;
}

/* A user timespec to ns; false if malformed (Linux: -EINVAL). */
static bool
sys_event_ns(const int64_t ts[2], uint64_t *ns)
{
	if (ts[0] < 0 || ts[1] < 0 || ts[1] >= (int64_t)NS_PER_SEC)
		return false;
	*ns = (uint64_t)ts[0] > UINT64_MAX / NS_PER_SEC / 2 ? UINT64_MAX / 2 :
	    (uint64_t)ts[0] * NS_PER_SEC + (uint64_t)ts[1];
	return true;
}

/* ---- epoll ---- */

long
sys_epoll_create1(struct trap_frame *tf)
{
	if (tf->rdi & ~(uint64_t)O_CLOEXEC)
		return -EINVAL;
	return sys_event_install(epoll_create(), tf->rdi);
}

long
sys_epoll_create(struct trap_frame *tf)
{
	if ((int)tf->rdi <= 0)
		return -EINVAL;
	return sys_event_install(epoll_create(), 0);
}

long
sys_epoll_ctl(struct trap_frame *tf)
{
	int op = (int)tf->rsi, fd = (int)tf->rdx;
	struct epoll_event_abi ev = { 0, 0 };
	struct file *ep, *target;
	long r;

	if (op != EPOLL_CTL_DEL &&
	    copy_from_user(&ev, (const void *)tf->r10, sizeof(ev)) != 0)
		return -EFAULT;
	if ((ep = sys_event_hold((int)tf->rdi)) == NULL)
		return -EBADF;
	if ((target = sys_event_hold(fd)) == NULL) {
		file_put(ep);
		return -EBADF;
	}
	r = -EPERM;
	if (target->f_ops->fo_poll_head(target) == NULL)
		goto out;
	r = -EINVAL;
	if (ep == target || !epoll_is(ep))
		goto out;
	if (op != EPOLL_CTL_DEL && (ev.events & EPOLLEXCLUSIVE) &&
	    (op == EPOLL_CTL_MOD || (op == EPOLL_CTL_ADD &&
	    (epoll_is(target) || (ev.events & ~SYS_EVENT_EXCLUSIVE_OK)))))
		goto out;
	r = epoll_ctl(ep, op, target, fd, &ev);
out:
	file_put(target);
	file_put(ep);
	return r;
}

/*
 * epoll_wait's core for the three calls: maxevents, the array's range,
 * the descriptor, then the wait.  -EINTR is never restarted (Linux).
 */
static long
sys_event_epoll_wait(uint64_t epfd, uint64_t uevents, uint64_t max,
    uint64_t deadline)
{
	struct file *ep;
	long r;

	if ((int)max <= 0 || (int)max > SYS_EVENT_EPOLL_MAX)
		return -EINVAL;
	if (!user_range_ok(uevents, (size_t)(int)max *
	    sizeof(struct epoll_event_abi)))
		return -EFAULT;
	if ((ep = sys_event_hold((int)epfd)) == NULL)
		return -EBADF;
	r = epoll_is(ep) ? epoll_wait(ep, uevents, (int)max, deadline) :
	    -EINVAL;
	file_put(ep);
	return r;
}

/* A timeout in ms (negative: none) to a deadline. */
static uint64_t
sys_event_ms_deadline(int ms)
{
	if (ms < 0)
		return UINT64_MAX;
	return ms == 0 ? 0 : pv_clock_ns() + (uint64_t)ms * 1000000UL;
}

long
sys_epoll_wait(struct trap_frame *tf)
{
	return sys_event_epoll_wait(tf->rdi, tf->rsi, tf->rdx,
	    sys_event_ms_deadline((int)tf->r10));
}

/* epoll_pwait and epoll_pwait2: the wait under the caller's mask. */
static long
sys_event_epoll_pwait(struct trap_frame *tf, uint64_t deadline)
{
	long r;

	if ((r = sys_poll_setmask(tf->r8, tf->r9)) != 0)
		return r;
	r = sys_event_epoll_wait(tf->rdi, tf->rsi, tf->rdx, deadline);
	/* Interrupted: the caller's mask returns after the handler. */
	sys_poll_endmask(r == -EINTR ? -ERESTARTNOHAND : r);
	return r;
}

long
sys_epoll_pwait(struct trap_frame *tf)
{
	return sys_event_epoll_pwait(tf, sys_event_ms_deadline((int)tf->r10));
}

long
sys_epoll_pwait2(struct trap_frame *tf)
{
	uint64_t deadline = UINT64_MAX, ns;
	int64_t ts[2];

	if (tf->r10 != 0) {
		if (copy_from_user(ts, (const void *)tf->r10, sizeof(ts)) != 0)
			return -EFAULT;
		if (!sys_event_ns(ts, &ns))
			return -EINVAL;
		deadline = ns == 0 ? 0 : pv_clock_ns() + ns;
	}
	return sys_event_epoll_pwait(tf, deadline);
}

/* ---- eventfd ---- */

long
sys_eventfd2(struct trap_frame *tf)
{
	uint64_t flags = tf->rsi;

	if (flags & ~(uint64_t)(O_CLOEXEC | O_NONBLOCK | EFD_SEMAPHORE))
		return -EINVAL;
	return sys_event_install(eventfd_create((uint32_t)tf->rdi,
	    (flags & EFD_SEMAPHORE) != 0, (uint32_t)flags), flags);
}

long
sys_eventfd(struct trap_frame *tf)
{
	return sys_event_install(eventfd_create((uint32_t)tf->rdi, false, 0),
	    0);
}

/* ---- inotify ---- */

long
sys_inotify_init1(struct trap_frame *tf)
{
	uint64_t flags = tf->rdi;
	struct file *f;
	int error;

	/* IN_CLOEXEC and IN_NONBLOCK are O_CLOEXEC and O_NONBLOCK. */
	if (flags & ~(uint64_t)(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	if ((f = inotify_create(proc_current()->p_cred.pc_uid,
	    (uint32_t)flags, &error)) == NULL)
		return error;
	return sys_event_install(f, flags);
}

long
sys_inotify_init(struct trap_frame *tf)
{
	tf->rdi = 0;
	return sys_inotify_init1(tf);
}

/* Linux's order: the mask, the descriptor, its kind, the path, access. */
long
sys_inotify_add_watch(struct trap_frame *tf)
{
	uint32_t mask = (uint32_t)tf->rdx;
	struct file *f;
	struct vnode *v;
	long r;

	if (!(mask & IN_ALL_BITS) || ((mask & IN_MASK_ADD) &&
	    (mask & IN_MASK_CREATE)))
		return -EINVAL;
	if ((f = sys_event_hold((int)tf->rdi)) == NULL)
		return -EBADF;
	r = -EINVAL;
	if (inotify_is(f) && (r = sys_fs_resolve(AT_FDCWD, tf->rsi,
	    (mask & IN_DONT_FOLLOW) ? 0 : VFS_FOLLOW, &v)) == 0) {
		if ((mask & IN_ONLYDIR) && !S_ISDIR(v->v_mode))
			r = -ENOTDIR;
		else if ((r = proc_may(v, VFS_MAY_READ, false)) == 0)
			r = inotify_add(f, v, mask);
		vfs_release(v);
	}
	file_put(f);
	return r;
}

long
sys_inotify_rm_watch(struct trap_frame *tf)
{
	struct file *f = sys_event_hold((int)tf->rdi);
	long r;

	if (f == NULL)
		return -EBADF;
	r = inotify_is(f) ? inotify_rm(f, (int32_t)tf->rsi) : -EINVAL;
	file_put(f);
	return r;
}

/* ---- timerfd ---- */

long
sys_timerfd_create(struct trap_frame *tf)
{
	uint64_t flags = tf->rsi;

	if ((flags & ~(uint64_t)(O_CLOEXEC | O_NONBLOCK)) ||
	    !timerfd_clock_ok((int)tf->rdi))
		return -EINVAL;
	return sys_event_install(timerfd_create((int)tf->rdi,
	    (uint32_t)flags), flags);
}

/* ns to a user timespec pair (struct itimerspec): 0 or -EFAULT. */
static long
sys_event_put_itimer(uint64_t uits, uint64_t value_ns, uint64_t interval_ns)
{
	int64_t its[4] = {
		(int64_t)(interval_ns / NS_PER_SEC),
		(int64_t)(interval_ns % NS_PER_SEC),
		(int64_t)(value_ns / NS_PER_SEC),
		(int64_t)(value_ns % NS_PER_SEC),
	};

	return copy_to_user((void *)uits, its, sizeof(its)) != 0 ? -EFAULT : 0;
}

/* A timerfd at fd, held, or NULL with *err = -EBADF or -EINVAL. */
static struct file *
sys_event_timerfd(int fd, long *err)
{
	struct file *f = sys_event_hold(fd);

	*err = -EBADF;
	if (f != NULL && !timerfd_is(f)) {
		file_put(f);
		f = NULL;
		*err = -EINVAL;
	}
	return f;
}

long
sys_timerfd_settime(struct trap_frame *tf)
{
	uint64_t flags = tf->rsi, value, interval, old_value, old_interval;
	int64_t its[4];
	struct file *f;
	long r;

	if (copy_from_user(its, (const void *)tf->rdx, sizeof(its)) != 0)
		return -EFAULT;
	if ((flags & ~(uint64_t)(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)) ||
	    !sys_event_ns(&its[0], &interval) || !sys_event_ns(&its[2], &value))
		return -EINVAL;
	if ((f = sys_event_timerfd((int)tf->rdi, &r)) == NULL)
		return r;
	r = timerfd_settime(f, (flags & TFD_TIMER_ABSTIME) != 0, value,
	    interval, &old_value, &old_interval);
	file_put(f);
	if (r == 0 && tf->r10 != 0)
		r = sys_event_put_itimer(tf->r10, old_value, old_interval);
	return r;
}

long
sys_timerfd_gettime(struct trap_frame *tf)
{
	uint64_t value, interval;
	struct file *f;
	long r;

	if ((f = sys_event_timerfd((int)tf->rdi, &r)) == NULL)
		return r;
	timerfd_gettime(f, &value, &interval);
	file_put(f);
	return sys_event_put_itimer(tf->rsi, value, interval);
}

/* ---- signalfd ---- */

static long
sys_event_signalfd(int fd, uint64_t umask, uint64_t size, uint64_t flags)
{
	uint64_t mask;
	struct file *f;

	if (flags & ~(uint64_t)(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	if (size != sizeof(mask))
		return -EINVAL;
	if (copy_from_user(&mask, (const void *)umask, sizeof(mask)) != 0)
		return -EFAULT;
	if (fd == -1)
		return sys_event_install(signalfd_create(mask,
		    (uint32_t)flags), flags);
	if ((f = sys_event_hold(fd)) == NULL)
		return -EBADF;
	if (!signalfd_is(f)) {
		file_put(f);
		return -EINVAL;
	}
	signalfd_set_mask(f, mask);
	file_put(f);
	return fd;
}

long
sys_signalfd4(struct trap_frame *tf)
{
	return sys_event_signalfd((int)tf->rdi, tf->rsi, tf->rdx, tf->r10);
}

long
sys_signalfd(struct trap_frame *tf)
{
	return sys_event_signalfd((int)tf->rdi, tf->rsi, tf->rdx, 0);
}
