/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * File leases (see lease.h).  A node's leases are a list (v_lease), one
 * per open file holding one; a break marks each conflicting lease with
 * the type it is going to and a deadline, signals its holder, and the
 * opener waits on one queue for every change.  Expired breaks are
 * applied by whoever looks next (an opener, F_GETLEASE, F_SETLEASE).
 * One CPU: interrupts off guard the lists.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/cap.h>
#include <lib/errno.h>
#include <arch/x86_64/include/cpu.h>
#include <pv/common/pv_hv.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/waitq.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/signal.h>
#include <kernel/proc/tunable.h>
#include <kernel/ipc/fasync.h>
#include <kernel/ipc/lease.h>
#include <kernel/ipc/lease_rules.h>

struct lease {
	struct lease	*ls_next;
	struct file	*ls_file;	/* the holder (not held: it drops
					 * the lease at its release) */
	int		 ls_fd;		/* si_fd of the break's signal */
	int		 ls_type;	/* LEASE_RD, LEASE_WR */
	int		 ls_target;	/* being broken: LEASE_UN or LEASE_RD;
					 * else -1 */
	uint64_t	 ls_deadline;	/* then broken by force (ns) */
};

static struct waitq lease_wq;

static struct lease **
lease_list(struct vnode *v)
{
	return (struct lease **)&v->v_lease;
}

/* f's lease on v, or NULL; interrupts off. */
static struct lease *
lease_of(struct vnode *v, struct file *f)
{
	for (struct lease *l = *lease_list(v); l != NULL; l = l->ls_next)
		if (l->ls_file == f)
			return l;
	return NULL;
}

/* Take l off v's list into *gone (freed by the caller, later). */
static void
lease_unlink(struct vnode *v, struct lease *l, struct lease **gone)
{
	struct lease **pp = lease_list(v);

	while (*pp != l)
		pp = &(*pp)->ls_next;
	*pp = l->ls_next;
	l->ls_next = *gone;
	*gone = l;
}

/* l's holder set type (LEASE_UN: let go); interrupts off. */
static void
lease_set_type(struct vnode *v, struct lease *l, int type,
    struct lease **gone)
{
	if (l->ls_target >= 0 && lease_break_done(type, l->ls_target))
		l->ls_target = -1;
	if (type == LEASE_UN)
		lease_unlink(v, l, gone);
	else
		l->ls_type = type;
	waitq_wake_all(&lease_wq);
}

/* Breaks whose time is over take effect; interrupts off. */
static void
lease_expire(struct vnode *v, uint64_t now, struct lease **gone)
{
	struct lease *l, *next;

	for (l = *lease_list(v); l != NULL; l = next) {
		next = l->ls_next;
		if (l->ls_target >= 0 && now >= l->ls_deadline)
			lease_set_type(v, l, l->ls_target, gone);
	}
}

static void
lease_free(struct lease *gone)
{
	struct lease *l;

	while ((l = gone) != NULL) {
		gone = l->ls_next;
		kfree(l);
	}
}

int
lease_break(struct vnode *v, bool write, bool nonblock)
{
	struct lease *gone = NULL;
	bool on = intr_save();
	int error = 0;

	for (;;) {
		uint64_t now = pv_clock_ns(), next = UINT64_MAX;
		bool any = false;

		lease_expire(v, now, &gone);
		for (struct lease *l = *lease_list(v); l != NULL;
		    l = l->ls_next) {
			int target = lease_break_target(write);

			if (!lease_conflicts(l->ls_type, write))
				continue;
			any = true;
			if (l->ls_target < 0) {
				l->ls_target = target;
				l->ls_deadline = now +
				    tun_lease_break.tu_val * 1000000000ULL;
				fasync_send(l->ls_file, l->ls_fd,
				    FASYNC_POLL_MSG);
			} else if (target == LEASE_UN) {
				l->ls_target = LEASE_UN;  /* further down */
			}
			if (l->ls_deadline < next)
				next = l->ls_deadline;
		}
		if (!any)
			break;
		if (nonblock) {
			error = -EAGAIN;
			break;
		}
		if (signal_pending()) {
			error = -ERESTARTSYS;
			break;
		}
		waitq_wait_until_locked(&lease_wq, next);
	}
	intr_restore(on);
	lease_free(gone);
	return error;
}

/* F_SETLEASE of type (LEASE_RD, LEASE_WR) on f; interrupts off. */
static int
lease_take(struct file *f, int fd, int type, struct lease **spare,
    struct lease **gone)
{
	struct vnode *v = f->f_node;
	struct lease *mine = NULL, *l;
	unsigned int others = 0, busy = 0;
	int error;

	for (l = *lease_list(v); l != NULL; l = l->ls_next) {
		if (l->ls_file == f) {
			mine = l;
			continue;
		}
		others++;
		if (l->ls_type == LEASE_WR || l->ls_target >= 0)
			busy++;
	}
	if ((error = lease_may_take(type, v->v_writers, f->f_writer,
	    v->v_opens, others, busy)) != 0)
		return error;
	if (mine != NULL) {
		mine->ls_fd = fd;
		lease_set_type(v, mine, type, gone);
		return 0;
	}
	mine = *spare;
	*spare = NULL;
	mine->ls_file = f;
	mine->ls_fd = fd;
	mine->ls_type = type;
	mine->ls_target = -1;
	mine->ls_next = *lease_list(v);
	*lease_list(v) = mine;
	return 0;
}

long
lease_fcntl(struct file *f, int fd, int cmd, uint64_t arg)
{
	struct vnode *v = f->f_node;
	struct lease *l, *spare = NULL, *gone = NULL;
	long error;
	bool on;

	if (cmd == F_GETLEASE) {
		int type = LEASE_UN;

		on = intr_save();
		lease_expire(v, pv_clock_ns(), &gone);
		if ((l = lease_of(v, f)) != NULL)
			type = l->ls_target >= 0 ? l->ls_target : l->ls_type;
		intr_restore(on);
		lease_free(gone);
		return type;
	}
	if (!tun_leases_on.tu_val)
		return -EINVAL;
	if (v->v_uid != proc_current()->p_cred.pc_fsuid &&
	    !proc_capable(CAP_LEASE))
		return -EACCES;
	if (!S_ISREG(v->v_mode))
		return -EINVAL;
	if (arg != LEASE_RD && arg != LEASE_WR && arg != LEASE_UN)
		return -EINVAL;
	if (arg != LEASE_UN) {
		if ((error = fasync_own(f)) != 0)
			return error;
		if ((spare = kzalloc(sizeof(*spare))) == NULL)
			return -ENOMEM;
	}
	on = intr_save();
	lease_expire(v, pv_clock_ns(), &gone);
	if (arg == LEASE_UN) {
		/* Nothing to let go of: EAGAIN, as Linux. */
		error = -EAGAIN;
		if ((l = lease_of(v, f)) != NULL) {
			lease_set_type(v, l, LEASE_UN, &gone);
			error = 0;
		}
	} else {
		error = lease_take(f, fd, (int)arg, &spare, &gone);
	}
	intr_restore(on);
	kfree(spare);
	lease_free(gone);
	return error;
}

void
lease_release(struct file *f)
{
	struct vnode *v = f->f_node;
	struct lease *l, *gone = NULL;
	bool on;

	if (v == NULL || __atomic_load_n(&v->v_lease, __ATOMIC_RELAXED) == NULL)
		return;
	on = intr_save();
	if ((l = lease_of(v, f)) != NULL)
		lease_set_type(v, l, LEASE_UN, &gone);
	intr_restore(on);
	lease_free(gone);
}

void
lease_init(void)
{
	file_set_lease_break(lease_break);
}
