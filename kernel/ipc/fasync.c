/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Signal-driven I/O (see fasync.h).  A file's owner and signal live in
 * one small record made the first time something sets them; the owner is
 * kept by number and looked up when a signal goes, so that nothing holds
 * a process that exits.  One CPU: interrupts off guard the records.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/signal_abi.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/user.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/poll.h>
#include <fs/file.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/signal.h>
#include <kernel/ipc/dnotify.h>
#include <kernel/ipc/fasync.h>
#include <kernel/ipc/lease.h>

struct file_async {
	int		 fa_type;	/* F_OWNER_*: what fa_pid names */
	int		 fa_pid;	/* 0: no owner */
	int		 fa_sig;	/* F_SETSIG's; 0: SIGIO, no siginfo */
	int		 fa_fd;		/* si_fd of O_ASYNC's signals */
	struct file	*fa_file;
	struct poll_watch fa_watch;	/* on the file's head while O_ASYNC */
};

struct f_owner_ex {			/* the Linux ABI */
	int32_t		 type;
	int32_t		 pid;
};

/* f's record, made (owner none, type TID as Linux's untouched file). */
static struct file_async *
fasync_get(struct file *f)
{
	struct file_async *a = f->f_async;

	if (a == NULL && (a = kzalloc(sizeof(*a))) != NULL) {
		a->fa_type = F_OWNER_TID;
		a->fa_file = f;
		a->fa_fd = -1;
		f->f_async = a;
	}
	return a;
}

/* Does some process belong to group pgid? */
struct fasync_pgrp_arg {
	int		 pgid;
	int		 sig;
	bool		 found;
	const struct signal_queued *q;
};

static void
fasync_pgrp_find(struct proc *p, void *arg)
{
	struct fasync_pgrp_arg *a = arg;

	if (p->p_pgid == a->pgid && !p->p_zombie)
		a->found = true;
}

/* Would an owner of type and pid name anything now?  (Linux: ESRCH.) */
static bool
fasync_exists(int type, int pid)
{
	struct fasync_pgrp_arg a = { .pgid = pid };

	if (pid == 0)
		return true;
	switch (type) {
	case F_OWNER_TID:
		return proc_find_thread(pid) != NULL;
	case F_OWNER_PID:
		return proc_find(pid) != NULL;
	default:
		proc_foreach(fasync_pgrp_find, &a);
		return a.found || proc_find(pid) != NULL;
	}
}

static long
fasync_set_owner(struct file *f, int type, int pid)
{
	struct file_async *a;

	if (!fasync_exists(type, pid))
		return -ESRCH;
	if ((a = fasync_get(f)) == NULL)
		return -ENOMEM;
	a->fa_type = type;
	a->fa_pid = pid;
	return 0;
}

long
fasync_fcntl(struct file *f, int cmd, uint64_t arg)
{
	struct file_async *a = f->f_async;
	struct f_owner_ex ex;
	int who = (int)arg;

	switch (cmd) {
	case F_SETOWN:
		if (who == INT32_MIN)
			return -EINVAL;
		return who < 0 ? fasync_set_owner(f, F_OWNER_PGRP, -who) :
		    fasync_set_owner(f, F_OWNER_PID, who);
	case F_GETOWN:
		if (a == NULL)
			return 0;
		return a->fa_type == F_OWNER_PGRP ? -a->fa_pid : a->fa_pid;
	case F_SETOWN_EX:
		if (copy_from_user(&ex, (const void *)arg, sizeof(ex)) != 0)
			return -EFAULT;
		if (ex.type != F_OWNER_TID && ex.type != F_OWNER_PID &&
		    ex.type != F_OWNER_PGRP)
			return -EINVAL;
		return fasync_set_owner(f, ex.type, ex.pid);
	case F_GETOWN_EX:
		ex.type = a != NULL ? a->fa_type : F_OWNER_TID;
		ex.pid = a != NULL ? a->fa_pid : 0;
		return copy_to_user((void *)arg, &ex, sizeof(ex)) != 0 ?
		    -EFAULT : 0;
	case F_SETSIG:
		if (arg > SIGNAL_MAX)
			return -EINVAL;
		if ((a = fasync_get(f)) == NULL)
			return -ENOMEM;
		a->fa_sig = (int)arg;
		return 0;
	case F_GETSIG:
		return a != NULL ? a->fa_sig : 0;
	default:
		return -EINVAL;
	}
}

int
fasync_own(struct file *f)
{
	struct file_async *a = fasync_get(f);

	if (a == NULL)
		return -ENOMEM;
	a->fa_type = F_OWNER_PID;
	a->fa_pid = proc_current()->p_pid;
	return 0;
}

static void
fasync_pgrp_send(struct proc *p, void *arg)
{
	struct fasync_pgrp_arg *a = arg;

	if (p->p_pgid == a->pgid && !p->p_zombie &&
	    signal_send_queued(p, a->sig, a->q) != 0)
		signal_send(p, SIGIO);	/* the queue is full: plain SIGIO */
}

/* si_band for each si_code (Linux's table: POLL* bits). */
static const long fasync_band[] = {
	[FASYNC_POLL_IN] = FILE_POLLIN | FILE_POLLRDNORM | 0x080,
	[FASYNC_POLL_OUT] = FILE_POLLOUT | 0x100 | 0x200,
	[FASYNC_POLL_MSG] = FILE_POLLIN | FILE_POLLRDNORM | 0x400,
	[FASYNC_POLL_ERR] = FILE_POLLERR,
	[FASYNC_POLL_PRI] = FILE_POLLPRI | 0x080,
	[FASYNC_POLL_HUP] = FILE_POLLHUP | FILE_POLLERR,
};

void
fasync_send(struct file *f, int fd, int reason)
{
	struct file_async *a = f->f_async;
	/*
	 * si_band and si_fd sit where si_pid, si_uid and si_value do
	 * (offsets 16 and 24 of siginfo_t).
	 */
	struct signal_queued q = { .sq_code = reason };
	struct fasync_pgrp_arg pa;
	struct thread *t;
	struct proc *p;
	int sig;
	bool on;

	if (a == NULL || a->fa_pid == 0)
		return;
	q.sq_pid = (int32_t)fasync_band[reason];
	q.sq_value = (uint32_t)fd;
	sig = a->fa_sig != 0 ? a->fa_sig : SIGIO;
	on = intr_save();
	switch (a->fa_type) {
	case F_OWNER_TID:
		if ((t = proc_find_thread(a->fa_pid)) != NULL &&
		    (a->fa_sig == 0 ||
		    signal_send_thread(t, sig, &q) != 0))
			(void)signal_send_thread(t, SIGIO, NULL);
		break;
	case F_OWNER_PID:
		if ((p = proc_find(a->fa_pid)) != NULL) {
			if (a->fa_sig == 0)
				signal_send(p, SIGIO);
			else if (signal_send_queued(p, sig, &q) != 0)
				signal_send(p, SIGIO);
		}
		break;
	default:
		pa = (struct fasync_pgrp_arg){ .pgid = a->fa_pid, .sig = sig,
		    .q = a->fa_sig != 0 ? &q : NULL };
		proc_foreach(fasync_pgrp_send, &pa);
		break;
	}
	intr_restore(on);
}

/*
 * The watch's callback: the file's readiness changed for key's bits.
 * Only the directions the file was opened for concern its owner (a pipe
 * end's reader hears of data, not of room).  Never exclusive: it wakes
 * no waiter of its own (false).
 */
static bool
fasync_wake(struct poll_watch *w, short key)
{
	static bool busy;		/* a signal's own wake-up (signalfd) */
	struct file_async *a = container_of(w, struct file_async, fa_watch);
	struct file *f = a->fa_file;
	uint32_t mode = f->f_flags & O_ACCMODE;
	short in = FILE_POLLIN | FILE_POLLRDNORM | FILE_POLLPRI |
	    FILE_POLLHUP | FILE_POLLERR;
	short out = FILE_POLLOUT | FILE_POLLHUP | FILE_POLLERR;
	short want = (mode != O_WRONLY ? in : 0) | (mode != O_RDONLY ? out : 0);
	short band = key != 0 ? key & want : want;
	int reason;

	if (busy || band == 0 || !(f->f_flags & O_ASYNC))
		return false;
	if (band & FILE_POLLERR)
		reason = FASYNC_POLL_ERR;
	else if (band & FILE_POLLHUP)
		reason = FASYNC_POLL_HUP;
	else if (band & FILE_POLLPRI)
		reason = FASYNC_POLL_PRI;
	else if (band & (FILE_POLLIN | FILE_POLLRDNORM))
		reason = FASYNC_POLL_IN;
	else
		reason = FASYNC_POLL_OUT;
	busy = true;
	fasync_send(f, a->fa_fd, reason);
	busy = false;
	return false;
}

int
fasync_set(struct file *f, int fd, bool on)
{
	struct poll_head *h;
	struct file_async *a;

	if (!(f->f_ops->fo_flags & FILE_OPS_ASYNC) ||
	    (h = f->f_ops->fo_poll_head(f)) == NULL)
		return 1;		/* nothing to watch: no O_ASYNC */
	if (!on) {
		if (f->f_async != NULL)
			poll_watch_del(&f->f_async->fa_watch);
		return 0;
	}
	if ((a = fasync_get(f)) == NULL)
		return -ENOMEM;
	a->fa_fd = fd;
	if (a->fa_watch.pw_pprev == NULL) {
		a->fa_watch.pw_fn = fasync_wake;
		poll_watch_add(h, &a->fa_watch);
	}
	return 0;
}

/*
 * f is going.  Leases and directory notification set f's owner, so a
 * file with either has a record: their requests go from here too.
 */
static void
fasync_release(struct file *f)
{
	struct file_async *a = f->f_async;

	lease_release(f);
	dnotify_release(f);

	poll_watch_del(&a->fa_watch);
	f->f_async = NULL;
	kfree(a);
}

void
fasync_init(void)
{
	file_set_async_release(fasync_release);
}
