/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * System V message queues (see msg.h).  A queue is a list of messages
 * in arrival order with a byte limit; senders and receivers that must
 * wait sleep on the queue's wait queue and look again when woken.  A
 * queue removed while threads wait leaves the table at once and is freed
 * by the last waiter, which, like the others, returns EIDRM.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/waitq.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/tunable.h>
#include <kernel/proc/signal.h>
#include <kernel/ipc/msg.h>

struct msg {
	struct msg	*m_next;
	long		 m_type;
	size_t		 m_len;
	char		 m_text[];
};

struct msg_queue {
	struct ipc_perm_abi mq_perm;	/* first: the table holds this */
	struct msg	*mq_head, **mq_tailp;
	uint64_t	 mq_cbytes, mq_qnum, mq_qbytes;
	int64_t		 mq_stime, mq_rtime, mq_ctime;
	int		 mq_lspid, mq_lrpid;
	struct waitq	 mq_wait;
	unsigned int	 mq_waiters;
	bool		 mq_removed;
};

static struct ipc_table msg_ids = { .it_next_id = &tun_msg_next_id };

static struct msg_queue *
msg_by_id(int id, int *slot)
{
	return (struct msg_queue *)ipc_by_id(&msg_ids, id, slot);
}

static void
msg_queue_free(struct msg_queue *q)
{
	struct msg *m;

	while ((m = q->mq_head) != NULL) {
		q->mq_head = m->m_next;
		kfree(m);
	}
	kfree(q);
}

long
msg_get(int32_t key, int flags)
{
	struct msg_queue *q;
	int slot, id;
	bool on = intr_save();

	if ((slot = ipc_find_key(&msg_ids, key)) >= 0) {
		q = (struct msg_queue *)ipc_slot(&msg_ids, slot);
		id = (flags & IPC_CREAT) && (flags & IPC_EXCL) ? -EEXIST :
		    !ipc_may(&q->mq_perm, (flags >> 6) & 06) ? -EACCES :
		    ipc_id(&msg_ids, slot);
		intr_restore(on);
		return id;
	}
	intr_restore(on);
	if (key != IPC_PRIVATE && !(flags & IPC_CREAT))
		return -ENOENT;
	if ((uint64_t)msg_ids.it_used >= tun_msgmni.tu_val)
		return -ENOSPC;
	if ((q = kzalloc(sizeof(*q))) == NULL)
		return -ENOMEM;
	ipc_perm_init(&q->mq_perm, key, flags);
	q->mq_tailp = &q->mq_head;
	q->mq_qbytes = tun_msgmnb.tu_val;
	q->mq_ctime = ipc_now();
	on = intr_save();
	/* Someone may have made the key meanwhile: that one wins. */
	if (key != IPC_PRIVATE && (slot = ipc_find_key(&msg_ids, key)) >= 0)
		id = (flags & IPC_EXCL) ? -EEXIST : ipc_id(&msg_ids, slot);
	else
		id = ipc_add(&msg_ids, &q->mq_perm);
	intr_restore(on);
	if (id < 0 || ipc_slot(&msg_ids, id & (IPC_SLOTS - 1)) !=
	    &q->mq_perm)
		kfree(q);
	return id;
}

/* Sleep on q until woken; false if it was removed meanwhile (then q may
 * be gone).  Interrupts off. */
static bool
msg_wait(struct msg_queue *q)
{
	q->mq_waiters++;
	waitq_wait_locked(&q->mq_wait);
	q->mq_waiters--;
	if (q->mq_removed) {
		if (q->mq_waiters == 0)
			msg_queue_free(q);
		return false;
	}
	return true;
}

/*
 * A sender or receiver that cannot go on: nowait's error with IPC_NOWAIT,
 * -EINTR for a signal, -EIDRM if the queue went while it slept (q may be
 * gone then), or 0 after a wake-up to look again.  Interrupts off.
 */
static long
msg_block(struct msg_queue *q, int flags, long nowait)
{
	if (flags & IPC_NOWAIT)
		return nowait;
	if (signal_pending())
		return -EINTR;
	return msg_wait(q) ? 0 : -EIDRM;
}

long
msg_send(int id, long type, const void *text, size_t len, int flags)
{
	struct msg_queue *q;
	struct msg *m;
	bool on;

	if (len > tun_msgmax.tu_val || type < 1)
		return -EINVAL;
	if ((m = kmalloc(sizeof(*m) + len + 1)) == NULL)
		return -ENOMEM;
	m->m_next = NULL;
	m->m_type = type;
	m->m_len = len;
	memcpy(m->m_text, text, len);
	on = intr_save();
	if ((q = msg_by_id(id, NULL)) == NULL) {
		intr_restore(on);
		kfree(m);
		return -EINVAL;
	}
	if (!ipc_may(&q->mq_perm, 2)) {
		intr_restore(on);
		kfree(m);
		return -EACCES;
	}
	while (q->mq_cbytes + len > q->mq_qbytes ||
	    q->mq_qnum + 1 > q->mq_qbytes) {
		long error = msg_block(q, flags, -EAGAIN);

		if (error != 0) {
			intr_restore(on);
			kfree(m);
			return error;
		}
	}
	*q->mq_tailp = m;
	q->mq_tailp = &m->m_next;
	q->mq_cbytes += len;
	q->mq_qnum++;
	q->mq_lspid = proc_current()->p_pid;
	q->mq_stime = ipc_now();
	waitq_wake_all(&q->mq_wait);
	intr_restore(on);
	return 0;
}

/* The link to the message msgrcv's want and flags pick, or NULL. */
static struct msg **
msg_pick(struct msg_queue *q, long want, int flags)
{
	struct msg **pp, **best = NULL;
	long n = 0;

	for (pp = &q->mq_head; *pp != NULL; pp = &(*pp)->m_next, n++) {
		long t = (*pp)->m_type;

		if (flags & MSG_COPY) {
			if (n == want)
				return pp;
		} else if (want == 0) {
			return pp;
		} else if (want > 0) {
			if ((flags & MSG_EXCEPT) ? t != want : t == want)
				return pp;
		} else if (t <= -want && (best == NULL || t < (*best)->m_type)) {
			best = pp;
		}
	}
	return best;
}

long
msg_receive(int id, void *text, size_t max, long want, int flags, long *type)
{
	struct msg_queue *q;
	struct msg **pp, *m;
	long n;
	bool on;

	if ((flags & MSG_COPY) && ((flags & MSG_EXCEPT) ||
	    !(flags & IPC_NOWAIT)))
		return -EINVAL;
	on = intr_save();
	if ((q = msg_by_id(id, NULL)) == NULL) {
		intr_restore(on);
		return -EINVAL;
	}
	if (!ipc_may(&q->mq_perm, 4)) {
		intr_restore(on);
		return -EACCES;
	}
	while ((pp = msg_pick(q, want, flags)) == NULL) {
		long error = msg_block(q, flags, -ENOMSG);

		if (error != 0) {
			intr_restore(on);
			return error;
		}
	}
	m = *pp;
	if (m->m_len > max && !(flags & MSG_NOERROR)) {
		intr_restore(on);
		return -E2BIG;		/* the message stays */
	}
	n = (long)(m->m_len < max ? m->m_len : max);
	memcpy(text, m->m_text, (size_t)n);
	*type = m->m_type;
	if (!(flags & MSG_COPY)) {
		if ((*pp = m->m_next) == NULL)
			q->mq_tailp = pp;
		q->mq_cbytes -= m->m_len;
		q->mq_qnum--;
		q->mq_lrpid = proc_current()->p_pid;
		q->mq_rtime = ipc_now();
		waitq_wake_all(&q->mq_wait);
		kfree(m);
	}
	intr_restore(on);
	return n;
}

static void
msg_stat(const struct msg_queue *q, struct msqid_ds_abi *ds)
{
	memset(ds, 0, sizeof(*ds));
	ds->msg_perm = q->mq_perm;
	ds->msg_stime = q->mq_stime;
	ds->msg_rtime = q->mq_rtime;
	ds->msg_ctime = q->mq_ctime;
	ds->msg_cbytes = q->mq_cbytes;
	ds->msg_qnum = q->mq_qnum;
	ds->msg_qbytes = q->mq_qbytes;
	ds->msg_lspid = q->mq_lspid;
	ds->msg_lrpid = q->mq_lrpid;
}

static long
msg_ctl_locked(int id, int cmd, void *buf)
{
	struct msg_queue *q;
	int slot, hi;

	switch (cmd) {
	case IPC_INFO:
	case MSG_INFO: {
		struct msginfo_abi *in = buf;

		memset(in, 0, sizeof(*in));
		in->msgmax = (int)tun_msgmax.tu_val;
		in->msgmnb = (int)tun_msgmnb.tu_val;
		in->msgmni = (int)tun_msgmni.tu_val;
		in->msgssz = 16;
		in->msgseg = 0xffff;
		in->msgpool = (int)(tun_msgmni.tu_val * tun_msgmnb.tu_val / 1024);
		in->msgmap = in->msgtql =
		    (int)(tun_msgmni.tu_val * tun_msgmnb.tu_val / 16);
		if (cmd == MSG_INFO) {
			in->msgpool = msg_ids.it_used;
			in->msgmap = in->msgtql = 0;
			for (int i = ipc_next(&msg_ids, 0); i >= 0;
			    i = ipc_next(&msg_ids, i + 1))
				if ((q = (struct msg_queue *)
				    ipc_slot(&msg_ids, i)) != NULL) {
					in->msgmap += (int32_t)q->mq_qnum;
					in->msgtql += (int32_t)q->mq_cbytes;
				}
		}
		hi = ipc_highest(&msg_ids);
		return hi < 0 ? 0 : hi;
	}
	case MSG_STAT:
	case MSG_STAT_ANY:
		/* An index; of a whole id, Linux takes the index part. */
		if (id < 0)
			return -EINVAL;
		id &= IPC_SLOTS - 1;
		if ((q = (struct msg_queue *)ipc_slot(&msg_ids, id)) == NULL)
			return -EINVAL;
		if (cmd == MSG_STAT && !ipc_may(&q->mq_perm, 4))
			return -EACCES;
		msg_stat(q, buf);
		return ipc_id(&msg_ids, id);
	}
	if ((q = msg_by_id(id, &slot)) == NULL)
		return -EINVAL;
	switch (cmd) {
	case IPC_STAT:
		if (!ipc_may(&q->mq_perm, 4))
			return -EACCES;
		msg_stat(q, buf);
		return 0;
	case IPC_SET: {
		const struct msqid_ds_abi *ds = buf;

		if (!ipc_owner(&q->mq_perm))
			return -EPERM;
		if (ds->msg_qbytes > tun_msgmnb.tu_val &&
		    !proc_capable(CAP_SYS_RESOURCE))
			return -EPERM;
		ipc_perm_set(&q->mq_perm, &ds->msg_perm);
		q->mq_qbytes = ds->msg_qbytes;
		q->mq_ctime = ipc_now();
		waitq_wake_all(&q->mq_wait);	/* room may have grown */
		return 0;
	}
	case IPC_RMID:
		if (!ipc_owner(&q->mq_perm))
			return -EPERM;
		ipc_remove(&msg_ids, slot);
		q->mq_removed = true;
		if (q->mq_waiters == 0)
			msg_queue_free(q);
		else
			waitq_wake_all(&q->mq_wait);
		return 0;
	default:
		return -EINVAL;
	}
}

long
msg_ctl(int id, int cmd, void *buf)
{
	bool on = intr_save();
	long r = msg_ctl_locked(id, cmd, buf);

	intr_restore(on);
	return r;
}

void
msg_foreach(void (*fn)(const struct msg_queue_info *, void *), void *arg)
{
	struct msg_queue_info info;
	bool on = intr_save();

	for (int i = ipc_next(&msg_ids, 0); i >= 0;
	    i = ipc_next(&msg_ids, i + 1)) {
		msg_stat((const struct msg_queue *)ipc_slot(&msg_ids, i),
		    &info.mqi_ds);
		info.mqi_id = ipc_id(&msg_ids, i);
		fn(&info, arg);
	}
	intr_restore(on);
}
