/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Calls on another process by handle or by pid: pidfd_open,
 * pidfd_send_signal, pidfd_getfd, kcmp, process_vm_readv and
 * process_vm_writev; and close_range, which works on the caller's
 * descriptor table (shared or not).  Each checks its arguments in
 * Linux's order and answers Linux's errors.  A process is looked at with
 * interrupts off, which is what keeps it from being reaped meanwhile.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/user.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/thread.h>
#include <fs/fdtable.h>
#include <fs/file.h>
#include <kernel/vm/vm.h>
#include <kernel/proc/pidfd.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/signal.h>
#include <kernel/ipc/epoll.h>
#include <fs/procfs/procfs.h>
#include <syscall/sys.h>
#include <syscall/sys_fs.h>

#define PIDFD_NONBLOCK		O_NONBLOCK
#define CLOSE_RANGE_UNSHARE	(1U << 1)
#define CLOSE_RANGE_CLOEXEC	(1U << 2)
#define KCMP_FILE		0
#define KCMP_VM			1
#define KCMP_FILES		2
#define KCMP_FS			3
#define KCMP_SIGHAND		4
#define KCMP_IO			5
#define KCMP_SYSVSEM		6
#define KCMP_EPOLL_TFD		7
#define SYS_PVM_IOV_MAX		1024	/* Linux's UIO_MAXIOV */
#define SYS_PVM_CHUNK		4096

long
sys_pidfd_open(struct trap_frame *tf)
{
	int pid = (int)tf->rdi, error = 0, fd;
	uint32_t flags = (uint32_t)tf->rsi;
	struct proc_pidref *r = NULL;
	struct proc *p;
	struct file *f;
	bool on;

	if ((flags & ~(uint32_t)PIDFD_NONBLOCK) || pid <= 0)
		return -EINVAL;
	on = intr_save();
	if ((p = proc_find_by_id(pid)) == NULL)
		error = -ESRCH;
	else if (p->p_pid != pid)
		error = -EINVAL;	/* a thread, not a process */
	else if ((r = proc_pidref_get(p)) == NULL)
		error = -ENOMEM;
	intr_restore(on);
	if (error != 0)
		return error;
	if ((f = pidfd_file_new(r, (flags & PIDFD_NONBLOCK) != 0)) == NULL)
		return -ENOMEM;
	fd = fd_install(sys_fs_fds(), f, 0, proc_fd_limit(), true);
	file_put(f);
	return fd;
}

/*
 * The pid a pidfd_send_signal descriptor names: a pidfd's (with
 * *gone when its process has been reaped), or that of a /proc/<pid>
 * directory, which Linux accepts as well; -EBADF for anything else.
 */
static int
sys_pidfd_target(struct file *f, bool *gone)
{
	int pid;

	*gone = false;
	if (pidfd_is(f)) {
		bool on = intr_save();

		*gone = pidfd_proc(f, false, &pid) == NULL;
		intr_restore(on);
		return pid;
	}
	if ((pid = procfs_pid_of_dir(f->f_node)) <= 0)
		return -EBADF;
	*gone = procfs_pid_dir_gone(f->f_node);
	return pid;
}

long
sys_pidfd_send_signal(struct trap_frame *tf)
{
	struct file *f = fd_get(sys_fs_fds(), (int)tf->rdi);
	int sig = (int)tf->rsi, pid, error;
	struct proc *self = proc_current(), *p;
	struct signal_info info;
	struct signal_queued q;
	bool gone, on;

	if ((uint32_t)tf->r10 != 0)
		return -EINVAL;
	if (f == NULL)
		return -EBADF;
	if ((pid = sys_pidfd_target(f, &gone)) < 0)
		return pid;
	if (tf->rdx != 0) {
		if (copy_from_user(&info, (const void *)tf->rdx,
		    sizeof(info)) != 0)
			return -EFAULT;
		if (info.si_signo != sig)
			return -EINVAL;
		/* As rt_sigqueueinfo: no posing as the kernel or kill(2). */
		if (pid != self->p_pid &&
		    (info.si_code >= 0 || info.si_code == SI_TKILL))
			return -EPERM;
		q = (struct signal_queued){ .sq_code = info.si_code,
		    .sq_pid = info.si_pid, .sq_uid = info.si_uid,
		    .sq_value = info.si_value };
	} else {
		q = (struct signal_queued){ .sq_code = SI_USER,
		    .sq_pid = self->p_pid, .sq_uid = self->p_cred.pc_uid };
	}
	on = intr_save();
	p = gone ? NULL : proc_find_by_id(pid);
	if (p == NULL || p->p_pid != pid)
		error = -ESRCH;
	else if (sig < 0 || sig > SIGNAL_MAX)
		error = -EINVAL;
	else if (!signal_may_kill(p, sig))
		error = -EPERM;
	else			/* an exited, unreaped one takes nothing */
		error = sig != 0 && !p->p_zombie ?
		    signal_send_queued(p, sig, &q) : 0;
	intr_restore(on);
	return error;
}

long
sys_pidfd_getfd(struct trap_frame *tf)
{
	struct file *pf = fd_get(sys_fs_fds(), (int)tf->rdi), *f = NULL;
	int targetfd = (int)tf->rsi, pid, fd, error = 0;
	struct proc *p;
	bool on;

	if ((uint32_t)tf->rdx != 0)
		return -EINVAL;
	if (pf == NULL || !pidfd_is(pf))
		return -EBADF;
	on = intr_save();
	if ((p = pidfd_proc(pf, false, &pid)) == NULL)
		error = -ESRCH;
	else if (!proc_may_inspect(p))
		error = -EPERM;
	else if (p->p_fds == NULL ||
	    (f = fd_get(p->p_fds, targetfd)) == NULL)
		error = -EBADF;		/* an exited process has none */
	else
		f->f_refs++;
	intr_restore(on);
	if (error != 0)
		return error;
	fd = fd_install(sys_fs_fds(), f, 0, proc_fd_limit(), true);
	file_put(f);
	return fd;
}

long
sys_close_range(struct trap_frame *tf)
{
	uint32_t first = (uint32_t)tf->rdi, last = (uint32_t)tf->rsi;
	uint32_t flags = (uint32_t)tf->rdx;
	int error;

	if ((flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC)) ||
	    first > last)
		return -EINVAL;
	if ((flags & CLOSE_RANGE_UNSHARE) &&
	    (error = proc_unshare_fds(proc_current())) != 0)
		return error;
	fd_close_range(sys_fs_fds(), first, last,
	    (flags & CLOSE_RANGE_CLOEXEC) != 0);
	return 0;
}

/* ---- kcmp ---- */

/*
 * Linux orders kernel objects by their addresses scrambled, so that the
 * order tells nothing of the layout: 0 equal, 1 less, 2 greater.
 */
static long
sys_kcmp_order(uint64_t a, uint64_t b)
{
	const uint64_t k = 0x9e3779b97f4a7c15ULL;

	a = (a ^ 0x5bd1e995ULL) * k;
	b = (b ^ 0x5bd1e995ULL) * k;
	return a == b ? 0 : a < b ? 1 : 2;
}

/* The open file at fd of p (NULL if none); interrupts off. */
static struct file *
sys_kcmp_file(struct proc *p, uint64_t fd)
{
	if (p->p_fds == NULL || fd > INT32_MAX)
		return NULL;
	return fd_get(p->p_fds, (int)fd);
}

static uint64_t
sys_kcmp_vm(const struct proc *p)
{
	return p->p_thread != NULL ? (uint64_t)p->p_thread->t_vm : 0;
}

struct sys_kcmp_slot {		/* struct kcmp_epoll_slot */
	uint32_t	efd, tfd, toff;
};

long
sys_kcmp(struct trap_frame *tf)
{
	int pid1 = (int)tf->rdi, pid2 = (int)tf->rsi, type = (int)tf->rdx;
	uint64_t idx1 = tf->r10, idx2 = tf->r8;
	struct sys_kcmp_slot slot;
	struct proc *p1, *p2;
	struct file *f1, *f2;
	const struct file *t;
	bool slot_ok = false, on;
	long ret;

	/* The slot is read before looking: no user copy with interrupts off. */
	if (type == KCMP_EPOLL_TFD)
		slot_ok = copy_from_user(&slot, (const void *)idx2,
		    sizeof(slot)) == 0;
	on = intr_save();
	p1 = pid1 > 0 ? proc_find_by_id(pid1) : NULL;
	p2 = pid2 > 0 ? proc_find_by_id(pid2) : NULL;
	if (p1 == NULL || p2 == NULL) {
		ret = -ESRCH;
		goto out;
	}
	if (!proc_may_inspect(p1) || !proc_may_inspect(p2)) {
		ret = -EPERM;
		goto out;
	}
	switch (type) {
	case KCMP_FILE:
		f1 = sys_kcmp_file(p1, idx1);
		f2 = sys_kcmp_file(p2, idx2);
		ret = f1 == NULL || f2 == NULL ? -EBADF :
		    sys_kcmp_order((uint64_t)f1, (uint64_t)f2);
		break;
	case KCMP_VM:
		ret = sys_kcmp_order(sys_kcmp_vm(p1), sys_kcmp_vm(p2));
		break;
	case KCMP_FILES:
		ret = sys_kcmp_order((uint64_t)p1->p_fds, (uint64_t)p2->p_fds);
		break;
	case KCMP_FS:
		ret = sys_kcmp_order((uint64_t)p1->p_fs, (uint64_t)p2->p_fs);
		break;
	case KCMP_SIGHAND:	/* handlers: each process its own */
		ret = sys_kcmp_order((uint64_t)p1, (uint64_t)p2);
		break;
	case KCMP_IO:
		ret = sys_kcmp_order(p1->p_io_id, p2->p_io_id);
		break;
	case KCMP_SYSVSEM:
		ret = sys_kcmp_order(p1->p_sysvsem_id, p2->p_sysvsem_id);
		break;
	case KCMP_EPOLL_TFD:
		if ((f1 = sys_kcmp_file(p1, idx1)) == NULL) {
			ret = -EBADF;
		} else if (!slot_ok) {
			ret = -EFAULT;
		} else if ((f2 = sys_kcmp_file(p2, slot.efd)) == NULL) {
			ret = -EBADF;
		} else if (!epoll_is(f2)) {
			ret = -EINVAL;
		} else if ((t = epoll_target(f2, (int)slot.tfd,
		    slot.toff)) == NULL) {
			ret = -ENOENT;
		} else {
			ret = sys_kcmp_order((uint64_t)f1, (uint64_t)t);
		}
		break;
	default:
		ret = -EINVAL;
		break;
	}
out:
	intr_restore(on);
	return ret;
}

/* ---- process_vm_readv, process_vm_writev ---- */

struct sys_iovec {		/* struct iovec */
	uint64_t	base, len;
};

/*
 * Copy a user iovec array of cnt entries (at most SYS_PVM_IOV_MAX) into
 * *out (kmalloc'd) and sum its lengths: 0, -EINVAL (too many, a negative
 * length or a sum past SSIZE_MAX), -EFAULT, or -ENOMEM.  check_local:
 * each buffer must lie in the user half (the caller's own).
 */
static int
sys_pvm_iov(uint64_t uvec, uint64_t cnt, bool check_local,
    struct sys_iovec **out, uint64_t *total)
{
	struct sys_iovec *v;

	*out = NULL;
	*total = 0;
	if (cnt > SYS_PVM_IOV_MAX)
		return -EINVAL;
	if (cnt == 0)
		return 0;
	if ((v = kmalloc(cnt * sizeof(*v))) == NULL)
		return -ENOMEM;
	if (copy_from_user(v, (const void *)uvec, cnt * sizeof(*v)) != 0) {
		kfree(v);
		return -EFAULT;
	}
	for (uint64_t i = 0; i < cnt; i++) {
		if ((int64_t)v[i].len < 0 ||
		    v[i].len > (uint64_t)INT64_MAX - *total) {
			kfree(v);
			return -EINVAL;
		}
		if (check_local && !user_range_ok(v[i].base, v[i].len)) {
			kfree(v);
			return -EFAULT;
		}
		*total += v[i].len;
	}
	*out = v;
	return 0;
}

/*
 * Move bytes between the local vectors (the caller's memory) and the
 * remote ones (vs) in order, a chunk at a time through buf; stops at the
 * first byte either side cannot reach.  Returns the bytes moved.
 */
static uint64_t
sys_pvm_move(struct vm_space *vs, const struct sys_iovec *lv, uint64_t lcnt,
    const struct sys_iovec *rv, uint64_t rcnt, char *buf, bool write)
{
	uint64_t li = 0, loff = 0, done = 0;

	for (uint64_t ri = 0; ri < rcnt; ri++) {
		for (uint64_t roff = 0; roff < rv[ri].len;) {
			uint64_t n = rv[ri].len - roff, got;

			while (li < lcnt && loff == lv[li].len) {
				li++;
				loff = 0;
			}
			if (li == lcnt)
				return done;
			if (n > lv[li].len - loff)
				n = lv[li].len - loff;
			if (n > SYS_PVM_CHUNK)
				n = SYS_PVM_CHUNK;
			if (write) {
				if (copy_from_user(buf, (const void *)
				    (lv[li].base + loff), n) != 0)
					return done;
				got = vm_access(vs, rv[ri].base + roff, buf, n,
				    true);
			} else {
				got = vm_access(vs, rv[ri].base + roff, buf, n,
				    false);
				if (got > 0 && copy_to_user((void *)
				    (lv[li].base + loff), buf, got) != 0)
					return done;
			}
			done += got;
			if (got < n)
				return done;
			roff += n;
			loff += n;
		}
	}
	return done;
}

static long
sys_process_vm(struct trap_frame *tf, bool write)
{
	int pid = (int)tf->rdi;
	struct sys_iovec *lv = NULL, *rv = NULL;
	uint64_t ltotal, rtotal, done;
	struct vm_space *vs = NULL;
	struct proc *p;
	char *buf = NULL;
	long ret;
	bool on;

	if (tf->r9 != 0)
		return -EINVAL;
	if ((ret = sys_pvm_iov(tf->rsi, tf->rdx, true, &lv, &ltotal)) != 0)
		return ret;
	if (ltotal == 0)
		goto out;		/* nothing to move: ret is 0 */
	if ((ret = sys_pvm_iov(tf->r10, tf->r8, false, &rv, &rtotal)) != 0)
		goto out;
	on = intr_save();
	p = pid > 0 ? proc_find_by_id(pid) : NULL;
	if (p == NULL || p->p_zombie || p->p_thread == NULL ||
	    p->p_thread->t_vm == NULL)
		ret = -ESRCH;
	else if (!proc_may_inspect(p))
		ret = -EPERM;
	else
		vm_space_hold(vs = p->p_thread->t_vm);
	intr_restore(on);
	if (ret != 0)
		goto out;
	if ((buf = kmalloc(SYS_PVM_CHUNK)) == NULL) {
		ret = -ENOMEM;
		goto out;
	}
	done = sys_pvm_move(vs, lv, tf->rdx, rv, tf->r8, buf, write);
	/* Partial transfers count; nothing moved at all is a fault. */
	ret = done > 0 || rtotal == 0 ? (long)done : -EFAULT;
out:
	vm_space_release(vs);
	kfree(buf);
	kfree(lv);
	kfree(rv);
	return ret;
}

long
sys_process_vm_readv(struct trap_frame *tf)
{
	return sys_process_vm(tf, false);
}

long
sys_process_vm_writev(struct trap_frame *tf)
{
	return sys_process_vm(tf, true);
}
