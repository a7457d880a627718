/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * POSIX message queues (see mqueue.h).  One CPU: interrupts off guard
 * the table and every queue.  A queue counts its holders (q_refs): its
 * name while linked, each open descriptor, each node of an mqueue mount
 * that shows it; the last one frees it with its messages.  Senders and
 * receivers that must wait sleep on the queue's wait queue and look
 * again when woken, like System V's queues (msg.c).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/ipc_limits.h>
#include <lib/signal_abi.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/user.h>
#include <pv/common/pv_hv.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/poll.h>
#include <kernel/sched/waitq.h>
#include <fs/file.h>
#include <fs/mount.h>
#include <fs/vfs.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/signal.h>
#include <kernel/ipc/mqueue.h>
#include <kernel/ipc/mqueue_calc.h>

#define MQ_NAME_MAX	255
#define MQ_FILE_SIZE	80	/* st_size of a queue, as Linux reports it */
#define MQ_SI_MESGQ	(-3)	/* si_code of a notification */
#define MQUEUE_MAGIC	0x19800202
#define MQ_NOTIFY_WOKENUP	1	/* a cookie's last byte: a message */
#define MQ_NOTIFY_REMOVED	2	/* the registration is gone */

struct mq_msg {
	struct mq_node	 mm_node;	/* first: the list links these */
	size_t		 mm_len;
	char		 mm_data[];
};

struct mqueue {
	struct mqueue	*q_next;	/* the table, oldest first */
	bool		 q_linked;	/* in the table under its name */
	uint32_t	 q_refs;
	char		 q_name[MQ_NAME_MAX + 1];
	uint64_t	 q_ino;
	uint32_t	 q_mode;	/* permission bits */
	uint32_t	 q_uid, q_gid;
	uint64_t	 q_ctime_ns, q_mtime_ns;	/* wall clock */
	int64_t		 q_maxmsg, q_msgsize;
	int64_t		 q_curmsgs;
	uint64_t	 q_bytes;	/* of the messages waiting */
	struct mq_list	 q_msgs;
	struct waitq	 q_wait;	/* senders and receivers */
	unsigned int	 q_receivers;	/* receivers asleep on it */
	struct poll_head q_poll;
	/* The registered notification: q_notify_pid 0 when none. */
	int		 q_notify_pid;
	int		 q_notify_how;	/* MQ_SIGEV_* */
	int		 q_notify_signo;
	uint64_t	 q_notify_value;
	struct file	*q_notify_sock;	/* MQ_SIGEV_THREAD's, held */
	char		 q_notify_cookie[MQ_COOKIE_LEN];
	struct mq_user	*q_user;	/* charged for it */
	uint64_t	 q_cost;
};

/* What one user's queues cost (RLIMIT_MSGQUEUE), while it has some. */
struct mq_user {
	struct mq_user	*mu_next;
	uint32_t	 mu_uid;
	uint64_t	 mu_bytes;
};

static struct mq_user *mqueue_users;

/*
 * Charge cost to the caller's real uid: its entry, or NULL with *error
 * -EMFILE past its RLIMIT_MSGQUEUE (or -ENOMEM).  Interrupts off.
 */
static struct mq_user *
mqueue_charge(uint64_t cost, long *error)
{
	struct proc *p = proc_current();
	uint64_t limit = p->p_rlimit[RLIMIT_MSGQUEUE].rl_cur;
	struct mq_user *u;

	for (u = mqueue_users; u != NULL; u = u->mu_next)
		if (u->mu_uid == p->p_cred.pc_uid)
			break;
	if ((u == NULL ? 0 : u->mu_bytes) + cost < cost ||
	    (u == NULL ? 0 : u->mu_bytes) + cost > limit) {
		*error = -EMFILE;
		return NULL;
	}
	if (u == NULL) {
		if ((u = kzalloc(sizeof(*u))) == NULL) {
			*error = -ENOMEM;
			return NULL;
		}
		u->mu_uid = p->p_cred.pc_uid;
		u->mu_next = mqueue_users;
		mqueue_users = u;
	}
	u->mu_bytes += cost;
	return u;
}

/* Give back what u was charged; the last of its queues drops it. */
static void
mqueue_uncharge(struct mq_user *u, uint64_t cost)
{
	struct mq_user **pp;

	if ((u->mu_bytes -= cost) != 0)
		return;
	for (pp = &mqueue_users; *pp != u; pp = &(*pp)->mu_next)
		;
	*pp = u->mu_next;
	kfree(u);
}

/*
 * Take q's registration away (interrupts off); its socket, if any, goes
 * to *sock with the cookie marked why, for mqueue_notify_sock to send
 * once interrupts are on again.
 */
static void
mqueue_notify_clear(struct mqueue *q, char why, struct file **sock,
    char *cookie)
{
	if (q->q_notify_sock != NULL) {
		*sock = q->q_notify_sock;
		memcpy(cookie, q->q_notify_cookie, MQ_COOKIE_LEN);
		cookie[MQ_COOKIE_LEN - 1] = why;
		q->q_notify_sock = NULL;
	}
	q->q_notify_pid = 0;
}

static int (*mqueue_sock_deliver)(struct file *, const void *, size_t);

void
mqueue_set_sock_deliver(int (*deliver)(struct file *, const void *, size_t))
{
	mqueue_sock_deliver = deliver;
}

/* Give a cleared registration's socket its cookie and let it go. */
static void
mqueue_notify_sock(struct file *sock, const char *cookie)
{
	if (sock != NULL) {
		if (mqueue_sock_deliver != NULL)
			(void)mqueue_sock_deliver(sock, cookie,
			    MQ_COOKIE_LEN);
		file_put(sock);
	}
}

static struct mqueue *mqueue_table;
static unsigned int mqueue_count;	/* queues with a name */
static uint64_t mqueue_next_ino = 1;

static void
mqueue_free(struct mqueue *q)
{
	struct mq_node *n;

	while ((n = mqueue_calc_pop(&q->q_msgs)) != NULL)
		kfree(n);
	if (q->q_notify_sock != NULL)
		file_put(q->q_notify_sock);
	mqueue_uncharge(q->q_user, q->q_cost);
	kfree(q);
}

/* Drop a holder; the last frees q.  Interrupts off. */
static void
mqueue_put_locked(struct mqueue *q)
{
	if (--q->q_refs == 0)
		mqueue_free(q);
}

static void
mqueue_put(struct mqueue *q)
{
	bool on = intr_save();

	mqueue_put_locked(q);
	intr_restore(on);
}

/* The linked queue called name (len bytes), or NULL.  Interrupts off. */
static struct mqueue *
mqueue_find(const char *name, size_t len)
{
	for (struct mqueue *q = mqueue_table; q != NULL; q = q->q_next)
		if (strlen(q->q_name) == len && memcmp(q->q_name, name, len) == 0)
			return q;
	return NULL;
}

/* Take q's name out of the table.  Interrupts off. */
static void
mqueue_unlink_locked(struct mqueue *q)
{
	struct mqueue **pp;

	for (pp = &mqueue_table; *pp != q; pp = &(*pp)->q_next)
		;
	*pp = q->q_next;
	q->q_linked = false;
	mqueue_count--;
	mqueue_put_locked(q);
}

static bool
mqueue_privileged(void)
{
	return proc_capable(CAP_SYS_RESOURCE);
}

/* May the caller do mask (VFS_MAY_*) to q, by its owner, group and mode? */
static int
mqueue_may(const struct mqueue *q, int mask)
{
	static const struct vnode_ops none;
	struct vnode v;

	memset(&v, 0, sizeof(v));
	v.v_mode = S_IFREG | q->q_mode;
	v.v_uid = q->q_uid;
	v.v_gid = q->q_gid;
	v.v_ops = &none;
	return proc_may(&v, mask, false);	/* the caller's ids and caps */
}

/*
 * A new queue called name with mode and limits, in the table, held once
 * for its name, charged to the caller; NULL with *error -EMFILE (over
 * RLIMIT_MSGQUEUE) or -ENOMEM.  Interrupts off.
 */
static struct mqueue *
mqueue_new_locked(const char *name, size_t len, uint32_t mode,
    int64_t maxmsg, int64_t msgsize, long *error)
{
	const struct proc_cred *c = &proc_current()->p_cred;
	struct mqueue *q = kzalloc(sizeof(*q));
	struct mqueue **pp;

	*error = -ENOMEM;
	if (q == NULL)
		return NULL;
	q->q_cost = mqueue_calc_cost(maxmsg, msgsize);
	if ((q->q_user = mqueue_charge(q->q_cost, error)) == NULL) {
		kfree(q);
		return NULL;
	}
	memcpy(q->q_name, name, len);
	q->q_name[len] = '\0';
	q->q_linked = true;
	q->q_refs = 1;
	q->q_ino = mqueue_next_ino++;
	q->q_mode = mode & 07777;
	q->q_uid = c->pc_fsuid;
	q->q_gid = c->pc_fsgid;
	q->q_ctime_ns = q->q_mtime_ns = pv_clock_wall_ns();
	q->q_maxmsg = maxmsg;
	q->q_msgsize = msgsize;
	for (pp = &mqueue_table; *pp != NULL; pp = &(*pp)->q_next)
		;
	*pp = q;
	mqueue_count++;
	*error = 0;
	return q;
}

/* ---- descriptors ---- */

static struct mqueue *
mqueue_of(const struct file *f)
{
	return f->f_node->v_priv;
}

static size_t
mqueue_status_locked(const struct mqueue *q, char *buf)
{
	return mqueue_calc_status(buf, q->q_bytes, q->q_notify_pid != 0,
	    q->q_notify_how, q->q_notify_signo, q->q_notify_pid);
}

/* The status line from off, at most len bytes: bytes copied. */
static long
mqueue_status_read(struct mqueue *q, void *buf, size_t len, uint64_t off)
{
	char line[MQ_STATUS_MAX];
	size_t n;
	bool on = intr_save();

	n = mqueue_status_locked(q, line);
	intr_restore(on);
	if (off >= n)
		return 0;
	if (len > n - off)
		len = n - off;
	memcpy(buf, line + off, len);
	return (long)len;
}

static long
mqueue_file_read(struct file *f, void *buf, size_t len)
{
	long n = mqueue_status_read(mqueue_of(f), buf, len, f->f_off);

	if (n > 0)
		f->f_off += (uint64_t)n;
	return n;
}

/* Linux's queue files have no write: the VFS answers -EINVAL. */
static long
mqueue_file_write(struct file *f, const void *buf, size_t len)
{
	(void)f;
	(void)buf;
	(void)len;
	return -EINVAL;
}

static short
mqueue_file_poll(struct file *f)
{
	struct mqueue *q = mqueue_of(f);
	short r = 0;
	bool on = intr_save();

	if (q->q_curmsgs > 0)
		r |= FILE_POLLIN | 0x040;	/* POLLRDNORM */
	if (q->q_curmsgs < q->q_maxmsg)
		r |= FILE_POLLOUT | 0x100;	/* POLLWRNORM */
	intr_restore(on);
	return r;
}

static struct poll_head *
mqueue_file_poll_head(struct file *f)
{
	return &mqueue_of(f)->q_poll;
}

static void
mqueue_file_release(struct file *f)
{
	struct mqueue *q = mqueue_of(f);
	char cookie[MQ_COOKIE_LEN];
	struct file *sock = NULL;
	bool on = intr_save();

	/* The registering process's descriptor going drops its wish. */
	if (q->q_notify_pid == proc_current()->p_pid)
		mqueue_notify_clear(q, MQ_NOTIFY_REMOVED, &sock, cookie);
	mqueue_put_locked(q);
	intr_restore(on);
	mqueue_notify_sock(sock, cookie);
}

static const struct file_ops mqueue_file_ops = {
	.fo_io = { mqueue_file_read, mqueue_file_write, FILE_WRITE_NOBUF },
	.fo_open = file_open_none,
	.fo_release = mqueue_file_release,
	.fo_poll = mqueue_file_poll,
	.fo_poll_head = mqueue_file_poll_head,
	.fo_ioctl = file_ioctl_none,
	.fo_lseek = file_lseek_node,
	.fo_mmap = file_mmap_none,
	.fo_pipe = file_pipe_none,
	.fo_fdinfo = file_fdinfo_none,
};

bool
mqueue_is(const struct file *f)
{
	return f->f_ops == &mqueue_file_ops;
}

int64_t
mqueue_msgsize(const struct file *f)
{
	return mqueue_of(f)->q_msgsize;
}

/* A descriptor's file for q (taking a holder), or NULL. */
static struct file *
mqueue_file_new(struct mqueue *q, uint32_t flags)
{
	struct file *f;
	bool on;

	f = file_new_anon(&mqueue_file_ops, flags & (O_ACCMODE | O_NONBLOCK),
	    q);
	if (f == NULL)
		return NULL;
	on = intr_save();
	q->q_refs++;
	f->f_node->v_mode = S_IFREG | q->q_mode;
	f->f_node->v_uid = q->q_uid;
	f->f_node->v_gid = q->q_gid;
	f->f_node->v_size = MQ_FILE_SIZE;
	f->f_node->v_ino = q->q_ino;
	f->f_node->v_mtime_ns = q->q_mtime_ns;
	f->f_node->v_ctime_ns = q->q_ctime_ns;
	intr_restore(on);
	return f;
}

struct file *
mqueue_open(const char *name, size_t len, uint32_t flags, uint32_t mode,
    const struct mq_attr_abi *attr, bool *created, long *error)
{
	int64_t maxmsg, msgsize;
	struct mqueue *q;
	struct file *f;
	int mask;
	bool on;

	*created = false;
	on = intr_save();
	if ((q = mqueue_find(name, len)) != NULL) {
		*error = (flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL) ?
		    -EEXIST : (flags & O_ACCMODE) == O_ACCMODE ? -EINVAL : 0;
		if (*error == 0) {
			mask = (flags & O_ACCMODE) == O_RDONLY ? VFS_MAY_READ :
			    (flags & O_ACCMODE) == O_WRONLY ? VFS_MAY_WRITE :
			    VFS_MAY_READ | VFS_MAY_WRITE;
			*error = mqueue_may(q, mask);
		}
		if (*error != 0) {
			intr_restore(on);
			return NULL;
		}
		q->q_refs++;		/* while the file is made */
	} else {
		if (!(flags & O_CREAT)) {
			intr_restore(on);
			*error = -ENOENT;
			return NULL;
		}
		if (mqueue_count >= mq_limits.ml_queues_max &&
		    !mqueue_privileged()) {
			intr_restore(on);
			*error = -ENOSPC;
			return NULL;
		}
		if (attr != NULL) {
			maxmsg = attr->mq_maxmsg;
			msgsize = attr->mq_msgsize;
			*error = mqueue_calc_attr(maxmsg, msgsize,
			    mqueue_privileged(), &mq_limits);
			if (*error != 0) {
				intr_restore(on);
				return NULL;
			}
		} else {
			maxmsg = (int64_t)(mq_limits.ml_msg_default <
			    mq_limits.ml_msg_max ? mq_limits.ml_msg_default :
			    mq_limits.ml_msg_max);
			msgsize = (int64_t)(mq_limits.ml_msgsize_default <
			    mq_limits.ml_msgsize_max ?
			    mq_limits.ml_msgsize_default :
			    mq_limits.ml_msgsize_max);
		}
		mode &= ~proc_current()->p_fs->pf_umask;
		if ((q = mqueue_new_locked(name, len, mode, maxmsg,
		    msgsize, error)) == NULL) {
			intr_restore(on);
			return NULL;
		}
		q->q_refs++;
		*created = true;
	}
	intr_restore(on);
	f = mqueue_file_new(q, flags);
	on = intr_save();
	if (f == NULL && *created && q->q_linked)
		mqueue_unlink_locked(q);
	mqueue_put_locked(q);
	intr_restore(on);
	*error = f == NULL ? -ENOMEM : 0;
	return f;
}

void
mqueue_undo_create(struct file *f)
{
	struct mqueue *q = mqueue_of(f);
	bool on = intr_save();

	if (q->q_linked)
		mqueue_unlink_locked(q);
	intr_restore(on);
}

long
mqueue_unlink(const char *name, size_t len)
{
	struct mqueue *q;
	long r = 0;
	bool on = intr_save();

	if ((q = mqueue_find(name, len)) == NULL)
		r = -ENOENT;
	else if (q->q_uid != proc_current()->p_cred.pc_fsuid &&
	    !mqueue_privileged())
		r = -EACCES;
	else
		mqueue_unlink_locked(q);
	intr_restore(on);
	return r;
}

/*
 * A sender or receiver that cannot go on: its error, or 0 after sleeping
 * until woken or the deadline.  Interrupts off.
 */
static long
mqueue_block(struct mqueue *q, struct file *f, uint64_t deadline,
    bool receiver)
{
	long error;

	if ((error = signal_wait_error(f->f_flags & O_NONBLOCK)) != 0)
		return error;
	if (deadline != UINT64_MAX && pv_clock_ns() >= deadline)
		return -ETIMEDOUT;
	if (receiver)
		q->q_receivers++;
	waitq_wait_until_locked(&q->q_wait, deadline);
	if (receiver)
		q->q_receivers--;
	return 0;
}

/*
 * Tell the registered process of a message, once (a socket's cookie is
 * left to mqueue_notify_sock).  Interrupts off.
 */
static void
mqueue_notify_locked(struct mqueue *q, struct file **sock, char *cookie)
{
	const struct proc_cred *c = &proc_current()->p_cred;
	struct signal_queued sq;
	struct proc *p;

	if (q->q_notify_how == MQ_SIGEV_SIGNAL && q->q_notify_signo != 0 &&
	    (p = proc_find(q->q_notify_pid)) != NULL) {
		memset(&sq, 0, sizeof(sq));
		sq.sq_code = MQ_SI_MESGQ;
		sq.sq_pid = proc_current()->p_pid;
		sq.sq_uid = c->pc_uid;
		sq.sq_value = q->q_notify_value;
		(void)signal_send_queued(p, q->q_notify_signo, &sq);
	}
	mqueue_notify_clear(q, MQ_NOTIFY_WOKENUP, sock, cookie);
}

long
mqueue_send(struct file *f, uint64_t umsg, size_t len, uint32_t prio,
    uint64_t deadline)
{
	struct mqueue *q = mqueue_of(f);
	char cookie[MQ_COOKIE_LEN];
	struct file *sock = NULL;
	struct mq_msg *m;
	long error;
	bool on;

	if ((m = kmalloc(sizeof(*m) + len)) == NULL)
		return -ENOMEM;
	if (copy_from_user(m->mm_data, (const void *)umsg, len) != 0) {
		kfree(m);
		return -EFAULT;
	}
	m->mm_len = len;
	m->mm_node.mn_prio = prio;
	on = intr_save();
	while (q->q_curmsgs >= q->q_maxmsg) {
		if ((error = mqueue_block(q, f, deadline, false)) != 0) {
			intr_restore(on);
			kfree(m);
			return error;
		}
	}
	mqueue_calc_insert(&q->q_msgs, &m->mm_node);
	q->q_curmsgs++;
	q->q_bytes += len;
	q->q_mtime_ns = q->q_ctime_ns = pv_clock_wall_ns();
	/* Told only of a message no waiting receiver takes at once. */
	if (q->q_notify_pid != 0 && q->q_receivers == 0 && q->q_curmsgs == 1)
		mqueue_notify_locked(q, &sock, cookie);
	waitq_wake_all(&q->q_wait);
	poll_wake(&q->q_poll, FILE_POLLIN);
	intr_restore(on);
	mqueue_notify_sock(sock, cookie);
	return 0;
}

long
mqueue_receive(struct file *f, uint64_t umsg, uint64_t uprio,
    uint64_t deadline)
{
	struct mqueue *q = mqueue_of(f);
	struct mq_msg *m;
	uint32_t prio;
	long error;
	bool on = intr_save();

	while (q->q_curmsgs == 0) {
		if ((error = mqueue_block(q, f, deadline, true)) != 0) {
			intr_restore(on);
			return error;
		}
	}
	m = (struct mq_msg *)mqueue_calc_pop(&q->q_msgs);
	q->q_curmsgs--;
	q->q_bytes -= m->mm_len;
	q->q_mtime_ns = q->q_ctime_ns = pv_clock_wall_ns();
	waitq_wake_all(&q->q_wait);
	poll_wake(&q->q_poll, FILE_POLLOUT);
	intr_restore(on);
	prio = m->mm_node.mn_prio;
	error = (long)m->mm_len;
	if (copy_to_user((void *)umsg, m->mm_data, m->mm_len) != 0 ||
	    (uprio != 0 && copy_to_user((void *)uprio, &prio,
	    sizeof(prio)) != 0))
		error = -EFAULT;
	kfree(m);
	return error;
}

long
mqueue_notify(struct file *f, const struct mq_notify_req *req)
{
	struct mqueue *q = mqueue_of(f);
	int pid = proc_current()->p_pid;
	char cookie[MQ_COOKIE_LEN];
	struct file *sock = NULL;
	long r = 0;
	bool on = intr_save();

	if (req == NULL) {
		if (q->q_notify_pid == pid)
			mqueue_notify_clear(q, MQ_NOTIFY_REMOVED, &sock,
			    cookie);
	} else if (q->q_notify_pid != 0) {
		r = -EBUSY;
	} else {
		q->q_notify_pid = pid;
		q->q_notify_how = req->mn_how;
		q->q_notify_signo = req->mn_signo;
		q->q_notify_value = req->mn_value;
		q->q_notify_sock = req->mn_sock;
		memcpy(q->q_notify_cookie, req->mn_cookie, MQ_COOKIE_LEN);
	}
	intr_restore(on);
	mqueue_notify_sock(sock, cookie);
	if (r != 0 && req->mn_sock != NULL)
		file_put(req->mn_sock);
	return r;
}

void
mqueue_getsetattr(struct file *f, const struct mq_attr_abi *set,
    struct mq_attr_abi *old)
{
	struct mqueue *q = mqueue_of(f);
	bool on = intr_save();

	memset(old, 0, sizeof(*old));
	old->mq_flags = f->f_flags & O_NONBLOCK;
	old->mq_maxmsg = q->q_maxmsg;
	old->mq_msgsize = q->q_msgsize;
	old->mq_curmsgs = q->q_curmsgs;
	if (set != NULL) {
		if (set->mq_flags & O_NONBLOCK)
			f->f_flags |= O_NONBLOCK;
		else
			f->f_flags &= ~(uint32_t)O_NONBLOCK;
	}
	intr_restore(on);
}

/* ---- the mqueue filesystem ---- */

static const struct vnode_ops mqueue_vops;

/* A node of dir's mount showing q (taking a holder), or NULL. */
static struct vnode *
mqueue_node(struct vnode *dir, struct mqueue *q)
{
	struct vnode *v = vfs_node_new(dir->v_mnt, S_IFREG | q->q_mode,
	    &mqueue_vops);

	if (v == NULL)
		return NULL;
	v->v_transient = true;
	v->v_nlink = 1;
	v->v_ino = q->q_ino + 1;	/* 1: the root */
	v->v_uid = q->q_uid;
	v->v_gid = q->q_gid;
	v->v_size = MQ_FILE_SIZE;
	v->v_mtime_ns = q->q_mtime_ns;
	v->v_ctime_ns = q->q_ctime_ns;
	v->v_priv = q;
	q->q_refs++;
	vfs_hold(dir);
	v->v_parent = dir;
	return v;
}

static int
mqueue_lookup(struct vnode *dir, const char *name, size_t len,
    struct vnode **out)
{
	struct mqueue *q;
	bool on = intr_save();

	if ((q = mqueue_find(name, len)) != NULL)
		*out = mqueue_node(dir, q);
	intr_restore(on);
	if (q == NULL)
		return -ENOENT;
	return *out == NULL ? -ENOMEM : 0;
}

/* open(O_CREAT) of a new name: a queue with the default limits. */
static int
mqueue_create(struct vnode *dir, const char *name, uint32_t mode,
    uint32_t rdev, struct vnode **out)
{
	size_t len = strlen(name);
	struct mqueue *q;
	long err = 0;
	int error;
	bool on;

	(void)rdev;
	if (!S_ISREG(mode))
		return -EPERM;
	if ((error = mqueue_calc_name(name, len)) != 0)
		return error;
	on = intr_save();
	if (mqueue_find(name, len) != NULL) {
		intr_restore(on);
		return -EEXIST;
	}
	if (mqueue_count >= mq_limits.ml_queues_max && !mqueue_privileged()) {
		intr_restore(on);
		return -ENOSPC;
	}
	q = mqueue_new_locked(name, len, mode,
	    (int64_t)mq_limits.ml_msg_default,
	    (int64_t)mq_limits.ml_msgsize_default, &err);
	if (q != NULL && (*out = mqueue_node(dir, q)) == NULL) {
		mqueue_unlink_locked(q);
		q = NULL;
		err = -ENOMEM;
	}
	intr_restore(on);
	return (int)err;
}

static int
mqueue_remove(struct vnode *dir, const char *name, bool want_dir)
{
	(void)dir;
	if (want_dir)
		return -ENOTDIR;
	return (int)mqueue_unlink(name, strlen(name));
}

static bool
mqueue_readdir(struct vnode *dir, uint64_t idx, struct vfs_dirent *out)
{
	struct mqueue *q;
	uint64_t i = 2;
	bool on = intr_save();

	(void)dir;
	for (q = mqueue_table; q != NULL && i < idx; q = q->q_next)
		i++;
	if (q != NULL) {
		memcpy(out->de_name, q->q_name, sizeof(q->q_name));
		out->de_ino = q->q_ino + 1;
		out->de_mode = S_IFREG | q->q_mode;
		out->de_next = idx + 1;
	}
	intr_restore(on);
	return q != NULL;
}

static int
mqueue_name(struct vnode *dir, struct vnode *v, char *buf, size_t size)
{
	struct mqueue *q = v->v_priv;

	(void)dir;
	if (q == NULL || !q->q_linked)
		return -ENOENT;
	if (strlen(q->q_name) + 1 > size)
		return -ENAMETOOLONG;
	memcpy(buf, q->q_name, strlen(q->q_name) + 1);
	return 0;
}

static long
mqueue_vread(struct vnode *v, void *buf, size_t len, uint64_t off)
{
	if (v->v_priv == NULL)
		return -EISDIR;
	return mqueue_status_read(v->v_priv, buf, len, off);
}

/* chmod and chown of a queue change the queue (O_TRUNC: nothing). */
static int
mqueue_setattr(struct vnode *v)
{
	(void)v;
	return 0;
}

static int
mqueue_truncate(struct vnode *v, uint64_t size)
{
	(void)v;
	(void)size;
	return 0;
}

static void
mqueue_vfree(struct vnode *v)
{
	if (v->v_priv == NULL)
		return;			/* the root */
	mqueue_put(v->v_priv);
	vfs_release(v->v_parent);
}

static const struct vnode_ops mqueue_vops = {
	.vop_lookup = mqueue_lookup,
	.vop_create = mqueue_create,
	.vop_remove = mqueue_remove,
	.vop_read = mqueue_vread,
	.vop_readdir = mqueue_readdir,
	.vop_name = mqueue_name,
	.vop_setattr = mqueue_setattr,
	.vop_truncate = mqueue_truncate,
	.vop_free = mqueue_vfree,
};

static int
mqueue_mount(struct mount *m)
{
	struct vnode *root = vfs_node_new(m, S_IFDIR | 01777, &mqueue_vops);

	if (root == NULL)
		return -ENOMEM;
	root->v_ino = 1;
	root->v_nlink = 2;
	root->v_parent = root;
	m->mnt_root = root;
	return 0;
}

static void
mqueue_statfs(const struct mount *m, struct mount_statfs *out)
{
	(void)m;
	out->ms_bsize = 4096;
	out->ms_files = mqueue_count;
}

static struct mount_fstype mqueue_type = {
	.mt_name = "mqueue", .mt_magic = MQUEUE_MAGIC, .mt_nodev = true,
	.mt_mount = mqueue_mount, .mt_statfs = mqueue_statfs,
};

void
mqueue_init(void)
{
	mount_register(&mqueue_type);
}
