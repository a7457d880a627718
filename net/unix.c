/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * AF_UNIX sockets (see unix.h).  One CPU: interrupts off guard the
 * sockets, their queues and the list of names.
 *
 * A socket's family part is a struct unix_sock, counted by references:
 * its file's, its peer's (a connected socket holds its peer), and each
 * message it sent that still waits in a queue (which charges the
 * sender's send buffer, as Linux charges its write memory, so that a
 * sender blocks or gets EAGAIN while what it sent is not read).  A
 * connection accepted later is a unix_sock without a file (an embryo)
 * in the listener's queue until accept gives it one.
 *
 * A message (struct unix_msg) is queued on the receiver whole: bytes,
 * the sender's name, its credentials and the descriptors it carries,
 * which are held while in flight and closed if never received.  A
 * stream reader takes bytes across messages; a datagram or
 * sequenced-packet reader takes one message at a time.
 *
 * Shutting a direction down sets the bit on this side and the opposite
 * one on a connected peer; a closing socket shuts its peer down both
 * ways (and leaves it ECONNRESET if it dies with bytes unread).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/fmt.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/user.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/poll.h>
#include <kernel/sched/waitq.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/signal.h>
#include <net/socket.h>
#include <net/sock_calc.h>
#include <net/unix.h>

#define POLLRDNORM	0x040
#define POLLWRNORM	0x100
#define POLLWRBAND	0x200
#define POLLRDHUP	0x2000

#define UNIX_RCV_SHUT	1
#define UNIX_SND_SHUT	2
#define UNIX_SHUT_BOTH	3

#define UNIX_MSG_COST	576	/* what a message costs its sender beyond
				 * its bytes (Linux's buffer overhead) */
#define UNIX_DGRAM_QLEN	10	/* net.unix.max_dgram_qlen */
#define UNIX_SOMAXCONN	4096
#define UNIX_CHUNK	65536	/* a stream send or receive copies this
				 * much at a time through the kernel */

#define SIOCINQ		0x541b
#define SIOCOUTQ	0x5411

struct unix_sock;

struct unix_msg {
	struct unix_msg	*um_next;
	struct unix_sock *um_from;	/* held: charged um_cost */
	size_t		 um_cost;
	size_t		 um_len;
	size_t		 um_off;	/* stream: bytes already read */
	struct sock_addr um_addr;	/* the sender's name (sa_len 0: none) */
	struct sock_cred um_cred;
	unsigned int	 um_nfiles;
	struct file	**um_files;	/* held */
	uint32_t	 um_uid;	/* whose in-flight count they are in */
	char		 um_data[];
};

struct unix_sock {
	uint32_t	 u_refs;
	int		 u_type;
	struct socket	*u_sock;	/* NULL: an embryo, or closed */
	bool		 u_closed;
	bool		 u_listening;
	bool		 u_connected;	/* stream, seqpacket: ever connected */
	unsigned int	 u_shut;	/* UNIX_*_SHUT */
	int		 u_err;		/* pending error (ECONNRESET) */
	struct unix_sock *u_peer;	/* held */
	/* Its name: bound when un_len > 0; a path's node, held. */
	struct unix_name u_name;
	struct vnode	*u_node;
	/* Received messages, oldest first. */
	struct unix_msg	*u_rq, **u_rq_tail;
	size_t		 u_rq_bytes;	/* unread bytes */
	unsigned int	 u_rq_count;
	/* Sent and not yet read: bytes and their cost. */
	size_t		 u_wbytes;
	size_t		 u_wmem;
	/* Listening: connections waiting for accept. */
	struct unix_sock *u_acc, **u_acc_tail;
	struct unix_sock *u_acc_next;
	unsigned int	 u_acc_count;
	int		 u_backlog;
	/* The peer's credentials at connect (SO_PEERCRED). */
	bool		 u_has_peercred;
	struct sock_cred u_peercred;
	struct waitq	 u_wait;	/* anyone waiting on this socket */
	struct unix_sock *u_all_next;	/* unix_all */
	/* The collector's (unix_gc), interrupts off. */
	uint32_t	 u_gc_inflight;	/* its file's references in queues */
	bool		 u_gc_candidate;
	bool		 u_gc_reached;
	struct unix_sock *u_gc_next;
	uint64_t	 u_ino;		/* its file's inode number */
	uint32_t	 u_sndbuf;	/* an embryo's, until it has a socket */
};

static struct unix_sock *unix_all;	/* every unix_sock alive */
static uint32_t unix_autobind_next;

/*
 * Descriptors in flight per user (real uid), as Linux counts them: a
 * sender with more than its RLIMIT_NOFILE in flight gets ETOOMANYREFS
 * unless it has CAP_SYS_RESOURCE or CAP_SYS_ADMIN.  A short list.
 */
struct unix_user {
	struct unix_user *uu_next;
	uint32_t	 uu_uid;
	uint64_t	 uu_inflight;
};
static struct unix_user *unix_users;

/* Add delta to uid's count, interrupts off; its count before. */
static uint64_t
unix_inflight_add(uint32_t uid, int64_t delta)
{
	struct unix_user **pp, *uu;
	uint64_t was;

	for (pp = &unix_users; (uu = *pp) != NULL; pp = &uu->uu_next)
		if (uu->uu_uid == uid)
			break;
	if (uu == NULL) {
		if (delta <= 0 || (uu = kzalloc(sizeof(*uu))) == NULL)
			return 0;
		uu->uu_uid = uid;
		uu->uu_next = unix_users;
		unix_users = uu;
		pp = &unix_users;
	}
	was = uu->uu_inflight;
	uu->uu_inflight += (uint64_t)delta;
	if (uu->uu_inflight == 0) {
		*pp = uu->uu_next;
		kfree(uu);
	}
	return was;
}

static void
unix_inflight_drop(uint32_t uid, unsigned int n)
{
	bool on;

	if (n == 0)
		return;
	on = intr_save();
	unix_inflight_add(uid, -(int64_t)n);
	intr_restore(on);
}

static const struct sock_proto_ops unix_stream_ops;
static const struct sock_proto_ops unix_dgram_ops;

static struct unix_sock *
unix_of(struct socket *so)
{
	return so->so_priv;
}

static bool
unix_conn_type(const struct unix_sock *u)
{
	return u->u_type != SOCK_DGRAM;
}

/* Wake sleepers on u and its pollers (key: the bits that changed). */
static void
unix_wake(struct unix_sock *u, short key)
{
	waitq_wake_all(&u->u_wait);
	if (u->u_sock != NULL)
		poll_wake(&u->u_sock->so_poll, key);
}

static struct unix_sock *
unix_new(int type)
{
	struct unix_sock *u = kzalloc(sizeof(*u));
	bool on;

	if (u == NULL)
		return NULL;
	u->u_refs = 1;
	u->u_type = type;
	u->u_rq_tail = &u->u_rq;
	u->u_acc_tail = &u->u_acc;
	u->u_sndbuf = SOCK_BUF_DEFAULT;
	on = intr_save();
	u->u_all_next = unix_all;
	unix_all = u;
	intr_restore(on);
	return u;
}

static void
unix_hold(struct unix_sock *u)
{
	u->u_refs++;
}

/* Drop a reference; interrupts off.  The last frees u. */
static void
unix_put(struct unix_sock *u)
{
	struct unix_sock **pp;

	if (--u->u_refs > 0)
		return;
	for (pp = &unix_all; *pp != NULL; pp = &(*pp)->u_all_next)
		if (*pp == u) {
			*pp = u->u_all_next;
			break;
		}
	kfree(u);
}

/* ---- messages ---- */

/* Free a message taken off its queue: files closed, sender uncharged. */
static void
unix_msg_free(struct unix_msg *m)
{
	struct unix_sock *from = m->um_from;
	bool on;

	unix_inflight_drop(m->um_uid, m->um_nfiles);
	for (unsigned int i = 0; i < m->um_nfiles; i++)
		file_put(m->um_files[i]);
	kfree(m->um_files);
	on = intr_save();
	if (from != NULL) {
		from->u_wmem -= m->um_cost;
		from->u_wbytes -= m->um_len - m->um_off;
		unix_wake(from, FILE_POLLOUT | POLLWRNORM);
		unix_put(from);
	}
	intr_restore(on);
	kfree(m);
}

/*
 * A new message of len bytes from u, with scm's files moved in: 0 and
 * *out, -ENOMEM, or -ETOOMANYREFS (the caller's user has too many
 * descriptors in flight).
 */
static int
unix_msg_new(struct unix_sock *u, size_t len, struct sock_scm *scm,
    struct unix_msg **out)
{
	struct unix_msg *m = kzalloc(sizeof(*m) + (len > 0 ? len : 1));
	struct proc *p = proc_current();
	bool on;

	if (m == NULL)
		return -ENOMEM;
	m->um_len = len;
	m->um_cost = len + UNIX_MSG_COST;
	m->um_uid = p->p_cred.pc_uid;
	m->um_addr.sa_len = u->u_name.un_len > 0 ?
	    unix_addr_format(&u->u_name, m->um_addr.sa_data) : 0;
	if (scm != NULL && scm->ss_has_cred) {
		m->um_cred = scm->ss_cred;
	} else {
		m->um_cred.sc_pid = p->p_pid;
		m->um_cred.sc_uid = p->p_cred.pc_uid;
		m->um_cred.sc_gid = p->p_cred.pc_gid;
	}
	if (scm != NULL && scm->ss_nfiles > 0) {
		bool limited = !proc_capable(CAP_SYS_RESOURCE) &&
		    !proc_capable(CAP_SYS_ADMIN);

		m->um_files = kmalloc(scm->ss_nfiles * sizeof(struct file *));
		if (m->um_files == NULL) {
			kfree(m);
			return -ENOMEM;
		}
		on = intr_save();
		if (limited && unix_inflight_add(m->um_uid, 0) >
		    (uint64_t)proc_fd_limit()) {
			intr_restore(on);
			kfree(m->um_files);
			kfree(m);
			return -ETOOMANYREFS;
		}
		unix_inflight_add(m->um_uid, scm->ss_nfiles);
		intr_restore(on);
		memcpy(m->um_files, scm->ss_files,
		    scm->ss_nfiles * sizeof(struct file *));
		m->um_nfiles = scm->ss_nfiles;
		scm->ss_nfiles = 0;
	}
	*out = m;
	return 0;
}

/* Queue m on to, charged to from; interrupts off. */
static void
unix_msg_queue(struct unix_sock *from, struct unix_sock *to,
    struct unix_msg *m)
{
	unix_hold(from);
	m->um_from = from;
	from->u_wmem += m->um_cost;
	from->u_wbytes += m->um_len;
	*to->u_rq_tail = m;
	to->u_rq_tail = &m->um_next;
	to->u_rq_bytes += m->um_len;
	to->u_rq_count++;
	unix_wake(to, FILE_POLLIN | POLLRDNORM);
}

/* Take the oldest message off u's queue; interrupts off. */
static struct unix_msg *
unix_msg_dequeue(struct unix_sock *u)
{
	struct unix_msg *m = u->u_rq;

	if (m == NULL)
		return NULL;
	if ((u->u_rq = m->um_next) == NULL)
		u->u_rq_tail = &u->u_rq;
	u->u_rq_bytes -= m->um_len - m->um_off;
	u->u_rq_count--;
	m->um_next = NULL;
	return m;
}

/* Free every message of u's queue (interrupts on). */
static void
unix_purge(struct unix_sock *u)
{
	struct unix_msg *m;
	bool on = intr_save();

	while ((m = unix_msg_dequeue(u)) != NULL) {
		intr_restore(on);
		unix_msg_free(m);
		on = intr_save();
	}
	intr_restore(on);
}

/*
 * Hand a message's files and credentials to the receive (files moved,
 * or with peek new references).
 */
static void
unix_msg_scm(struct unix_msg *m, struct sock_msg *msg, bool peek)
{
	struct sock_scm *scm = msg->sm_scm;

	if (scm == NULL)
		return;
	scm->ss_has_cred = true;
	scm->ss_cred = m->um_cred;
	for (unsigned int i = 0; i < m->um_nfiles &&
	    scm->ss_nfiles < SCM_MAX_FD; i++) {
		if (peek)
			m->um_files[i]->f_refs++;
		scm->ss_files[scm->ss_nfiles++] = m->um_files[i];
	}
	if (!peek && m->um_nfiles > 0) {
		unix_inflight_add(m->um_uid, -(int64_t)m->um_nfiles);
		m->um_nfiles = 0;
	}
}

/* ---- names ---- */

static struct unix_sock *
unix_find_abstract(const struct unix_name *n)
{
	for (struct unix_sock *u = unix_all; u != NULL; u = u->u_all_next)
		if (!u->u_closed && u->u_name.un_abstract &&
		    u->u_name.un_len == n->un_len &&
		    memcmp(u->u_name.un_path, n->un_path, n->un_len) == 0)
			return u;
	return NULL;
}

static struct unix_sock *
unix_find_node(const struct vnode *v)
{
	for (struct unix_sock *u = unix_all; u != NULL; u = u->u_all_next)
		if (!u->u_closed && u->u_node == v)
			return u;
	return NULL;
}

/* A made-up abstract name of five hex digits; interrupts off. */
static int
unix_autobind(struct unix_sock *u)
{
	struct unix_name n;

	if (u->u_name.un_len > 0)
		return 0;
	for (uint32_t tries = 0; tries < 0x100000; tries++) {
		memset(&n, 0, sizeof(n));
		n.un_abstract = true;
		n.un_len = 6;
		fmt_snprintf(n.un_path + 1, sizeof(n.un_path) - 1, "%05x",
		    unix_autobind_next++ & 0xfffff);
		if (unix_find_abstract(&n) == NULL) {
			u->u_name = n;
			return 0;
		}
	}
	return -ENOSPC;
}

/* Make the S_IFSOCK node of a path bind: its held node, or -errno. */
static int
unix_bind_path(const struct unix_name *n, struct vnode **out)
{
	struct proc *p = proc_current();
	struct vfs_last *last = kmalloc(sizeof(*last));
	struct vnode *dir, *v;
	int error;

	if (last == NULL)
		return -ENOMEM;
	error = vfs_lookup_last_by(proc_may_search, p->p_fs->pf_cwd,
	    n->un_path, &dir, last);
	if (error != 0) {
		kfree(last);
		return error;
	}
	if (last->kind != VFS_LAST_NAME) {
		error = -EADDRINUSE;
	} else if ((error = vfs_lookup_in(dir, last->name, &v)) == 0) {
		vfs_release(v);
		error = -EADDRINUSE;
	} else if (error == -ENOENT) {
		error = proc_may(dir, VFS_MAY_WRITE | VFS_MAY_EXEC, false);
		if (error == 0)
			error = vfs_create(dir, last->name, S_IFSOCK |
			    (0777 & ~p->p_fs->pf_umask), 0, &v);
		if (error == 0) {
			v->v_uid = p->p_cred.pc_fsuid;
			v->v_gid = p->p_cred.pc_fsgid;
			if (dir->v_mode & 02000)
				v->v_gid = dir->v_gid;
			*out = v;
		}
	}
	vfs_release(dir);
	kfree(last);
	return error;
}

static int
unix_bind(struct socket *so, const struct sock_addr *a)
{
	struct unix_sock *u = unix_of(so);
	struct unix_name n;
	struct vnode *v = NULL;
	int error = unix_addr_parse(a->sa_data, a->sa_len, true, &n);
	bool on;

	if (error < 0)
		return error;
	if (u->u_name.un_len > 0) {
		/* Linux makes the node first: a path taken says so. */
		if (error == 0 && !n.un_abstract && vfs_lookup_by(
		    proc_may_search, proc_current()->p_fs->pf_cwd, n.un_path,
		    0, &v) == 0) {
			vfs_release(v);
			return -EADDRINUSE;
		}
		return -EINVAL;
	}
	if (error == 1) {
		on = intr_save();
		error = unix_autobind(u);
		intr_restore(on);
		return error;
	}
	if (!n.un_abstract && (error = unix_bind_path(&n, &v)) != 0)
		return error;
	on = intr_save();
	if (u->u_name.un_len > 0)
		error = -EINVAL;
	else if (n.un_abstract && unix_find_abstract(&n) != NULL)
		error = -EADDRINUSE;
	if (error == 0) {
		u->u_name = n;
		u->u_node = v;
		v = NULL;
	}
	intr_restore(on);
	if (v != NULL)
		vfs_release(v);		/* the node stays, as on Linux */
	return error;
}

/*
 * The socket a name stands for, held: -ENOENT and the like from the
 * walk, -ECONNREFUSED when nobody is bound there, -EACCES.
 */
static int
unix_lookup(const struct unix_name *n, struct unix_sock **out)
{
	struct vnode *v = NULL;
	struct unix_sock *t;
	int error;
	bool on;

	if (!n->un_abstract) {
		error = vfs_lookup_by(proc_may_search,
		    proc_current()->p_fs->pf_cwd, n->un_path, VFS_FOLLOW, &v);
		if (error != 0)
			return error;
		if ((v->v_mode & S_IFMT) != S_IFSOCK) {
			vfs_release(v);
			return -ECONNREFUSED;
		}
		if ((error = proc_may(v, VFS_MAY_WRITE, false)) != 0) {
			vfs_release(v);
			return error;
		}
	}
	on = intr_save();
	t = n->un_abstract ? unix_find_abstract(n) : unix_find_node(v);
	if (t != NULL)
		unix_hold(t);
	intr_restore(on);
	if (v != NULL)
		vfs_release(v);
	if (t == NULL)
		return -ECONNREFUSED;
	*out = t;
	return 0;
}

static int
unix_getname(struct socket *so, struct sock_addr *a, bool peer)
{
	struct unix_sock *u = unix_of(so), *t;
	bool on = intr_save();

	t = peer ? u->u_peer : u;
	if (t == NULL || (peer && unix_conn_type(u) && !u->u_connected)) {
		intr_restore(on);
		return -ENOTCONN;
	}
	a->sa_len = unix_addr_format(&t->u_name, a->sa_data);
	intr_restore(on);
	return 0;
}

/* ---- connections ---- */

static void
unix_set_peer(struct unix_sock *a, struct unix_sock *b)
{
	unix_hold(b);
	a->u_peer = b;
}

static int
unix_pair(struct socket *sa, struct socket *sb)
{
	struct unix_sock *a = unix_of(sa), *b = unix_of(sb);
	bool on = intr_save();

	unix_set_peer(a, b);
	unix_set_peer(b, a);
	a->u_connected = b->u_connected = true;
	sock_cred_current(&a->u_peercred);
	b->u_peercred = a->u_peercred;
	a->u_has_peercred = b->u_has_peercred = true;
	sa->so_state = sb->so_state = SS_CONNECTED;
	intr_restore(on);
	return 0;
}

static int
unix_listen(struct socket *so, int backlog)
{
	struct unix_sock *u = unix_of(so);
	bool on;

	if (u->u_type == SOCK_DGRAM)
		return -EOPNOTSUPP;
	on = intr_save();
	if (u->u_connected || u->u_name.un_len == 0) {
		intr_restore(on);
		return -EINVAL;
	}
	if ((unsigned int)backlog > UNIX_SOMAXCONN)
		backlog = UNIX_SOMAXCONN;
	u->u_backlog = backlog;
	if (!u->u_listening) {
		u->u_listening = true;
		so->so_state = SS_LISTENING;
		sock_cred_current(&u->u_peercred);	/* the server's */
	}
	unix_wake(u, FILE_POLLOUT);
	intr_restore(on);
	return 0;
}

static int
unix_stream_connect(struct socket *so, const struct sock_addr *a,
    bool nonblock)
{
	struct unix_sock *u = unix_of(so), *t, *e;
	uint64_t deadline = sock_deadline(so->so_sndtimeo_ns);
	struct unix_name n;
	long error;
	bool on;

	if ((error = unix_addr_parse(a->sa_data, a->sa_len, false, &n)) != 0)
		return (int)error;
	if (u->u_connected)
		return -EISCONN;
	if (u->u_listening)
		return -EINVAL;
	if (so->so_passcred) {
		on = intr_save();
		error = unix_autobind(u);
		intr_restore(on);
		if (error != 0)
			return (int)error;
	}
	if ((error = unix_lookup(&n, &t)) != 0)
		return (int)error;
	if ((e = unix_new(u->u_type)) == NULL) {
		on = intr_save();
		unix_put(t);
		intr_restore(on);
		return -ENOMEM;
	}
	on = intr_save();
	for (;;) {
		if (t->u_type != u->u_type) {
			error = -EPROTOTYPE;
			break;
		}
		if (t->u_closed || !t->u_listening) {
			error = -ECONNREFUSED;
			break;
		}
		if (u->u_connected) {
			error = -EISCONN;
			break;
		}
		if (t->u_acc_count <= (unsigned int)t->u_backlog) {
			error = 0;
			break;
		}
		if ((error = sock_wait(&t->u_wait, nonblock, deadline)) != 0)
			break;
	}
	if (error == 0) {
		/* The server's side: named as the listener, credited with
		 * ours; ours gets the server's credentials. */
		e->u_name = t->u_name;
		e->u_sndbuf = t->u_sock != NULL ? t->u_sock->so_sndbuf :
		    SOCK_BUF_DEFAULT;
		e->u_connected = u->u_connected = true;
		sock_cred_current(&e->u_peercred);
		e->u_has_peercred = true;
		u->u_peercred = t->u_peercred;
		u->u_has_peercred = true;
		unix_set_peer(u, e);
		unix_set_peer(e, u);
		so->so_state = SS_CONNECTED;
		unix_hold(e);		/* the accept queue's */
		*t->u_acc_tail = e;
		t->u_acc_tail = &e->u_acc_next;
		t->u_acc_count++;
		unix_wake(t, FILE_POLLIN | POLLRDNORM);
	}
	unix_put(e);			/* ours: the peer and queue hold it */
	unix_put(t);
	intr_restore(on);
	return (int)error;
}

static int
unix_accept(struct socket *so, struct socket **out, bool nonblock)
{
	struct unix_sock *u = unix_of(so), *e;
	uint64_t deadline = sock_deadline(so->so_rcvtimeo_ns);
	struct socket *child;
	long error = 0;
	bool on;

	if (u->u_type == SOCK_DGRAM)
		return -EOPNOTSUPP;
	if ((child = sock_new_child(so)) == NULL)
		return -ENOMEM;
	on = intr_save();
	for (;;) {
		if (!u->u_listening) {
			error = -EINVAL;
			break;
		}
		if (u->u_acc != NULL)
			break;
		if ((error = sock_wait(&u->u_wait, nonblock, deadline)) != 0)
			break;
	}
	if (error != 0) {
		intr_restore(on);
		file_put(child->so_file);
		return (int)error;
	}
	e = u->u_acc;
	if ((u->u_acc = e->u_acc_next) == NULL)
		u->u_acc_tail = &u->u_acc;
	e->u_acc_next = NULL;
	u->u_acc_count--;
	unix_wake(u, FILE_POLLOUT);	/* room for a waiting connect */
	/* The queue's reference becomes the new file's. */
	e->u_sock = child;
	e->u_ino = child->so_file->f_node->v_ino;
	child->so_priv = e;
	child->so_ops = so->so_ops;
	child->so_state = SS_CONNECTED;
	intr_restore(on);
	*out = child;
	return 0;
}

/*
 * Shut u down (UNIX_*_SHUT bits), and for a connection its peer the
 * other way round; interrupts off.
 */
static void
unix_shut(struct unix_sock *u, unsigned int how)
{
	struct unix_sock *p = u->u_peer;

	u->u_shut |= how;
	unix_wake(u, FILE_POLLIN | FILE_POLLOUT | FILE_POLLHUP | POLLRDHUP);
	if (p != NULL && unix_conn_type(u)) {
		p->u_shut |= (how & UNIX_RCV_SHUT ? UNIX_SND_SHUT : 0) |
		    (how & UNIX_SND_SHUT ? UNIX_RCV_SHUT : 0);
		unix_wake(p, FILE_POLLIN | FILE_POLLOUT | FILE_POLLHUP |
		    POLLRDHUP);
	}
}

static int
unix_shutdown(struct socket *so, int how)
{
	struct unix_sock *u = unix_of(so);
	bool on = intr_save();

	if (unix_conn_type(u) && !u->u_connected) {
		intr_restore(on);
		return -ENOTCONN;
	}
	unix_shut(u, (unsigned int)how + 1);
	intr_restore(on);
	return 0;
}

/* The socket u (or an embryo) is going; interrupts on. */
static void
unix_close(struct unix_sock *u)
{
	struct unix_sock *p, *e;
	struct vnode *node;
	bool on = intr_save();

	u->u_closed = true;
	u->u_sock = NULL;
	p = u->u_peer;
	if (p != NULL && unix_conn_type(u)) {
		p->u_shut = UNIX_SHUT_BOTH;
		if (u->u_rq != NULL)
			p->u_err = ECONNRESET;
		unix_wake(p, FILE_POLLIN | FILE_POLLOUT | FILE_POLLHUP |
		    FILE_POLLERR | POLLRDHUP);
	}
	waitq_wake_all(&u->u_wait);
	/* Connections never accepted go with the listener. */
	while ((e = u->u_acc) != NULL) {
		u->u_acc = e->u_acc_next;
		u->u_acc_count--;
		intr_restore(on);
		unix_close(e);
		on = intr_save();
	}
	u->u_acc_tail = &u->u_acc;
	u->u_listening = false;
	node = u->u_node;
	u->u_node = NULL;
	u->u_peer = NULL;
	intr_restore(on);
	unix_purge(u);
	if (node != NULL)
		vfs_release(node);
	on = intr_save();
	/* Datagram sockets connected to u find it gone when they send. */
	for (struct unix_sock *o = unix_all; o != NULL; o = o->u_all_next)
		if (o->u_peer == u && !unix_conn_type(o))
			unix_wake(o, FILE_POLLOUT);
	if (p != NULL)
		unix_put(p);
	unix_put(u);
	intr_restore(on);
}

/* ---- collecting sockets only in flight ---- */

/*
 * The unix_sock behind a file in flight, if it is an AF_UNIX socket
 * with a file (interrupts off).
 */
static struct unix_sock *
unix_of_file(const struct file *f)
{
	struct socket *so = sock_of_file(f);

	if (so == NULL || so->so_family != AF_UNIX || so->so_priv == NULL)
		return NULL;
	return so->so_priv;
}

/* Call fn for each AF_UNIX socket whose file is in a message of q. */
static void
unix_gc_each(struct unix_sock *q, void (*fn)(struct unix_sock *, bool *),
    bool *changed)
{
	for (struct unix_msg *m = q->u_rq; m != NULL; m = m->um_next)
		for (unsigned int i = 0; i < m->um_nfiles; i++) {
			struct unix_sock *t = unix_of_file(m->um_files[i]);

			if (t != NULL)
				fn(t, changed);
		}
}

static void
unix_gc_count(struct unix_sock *t, bool *changed)
{
	(void)changed;
	t->u_gc_inflight++;
}

static void
unix_gc_reach(struct unix_sock *t, bool *changed)
{
	if (t->u_gc_candidate && !t->u_gc_reached) {
		t->u_gc_reached = true;
		*changed = true;
	}
}

static bool unix_gc_running;

/*
 * Sockets sent over sockets can hold each other's files in their
 * queues after every descriptor is closed (a socket in its own queue,
 * two in each other's): nothing would ever free them.  A socket whose
 * every file reference is a message in some queue is a candidate; one
 * reached from the queue of a socket that is not a candidate (which
 * someone may still read), or from a reached one, stays; the queues of
 * the rest are emptied, which lets their files go.  Run after a close,
 * when descriptors are in flight; interrupts on.
 */
static void
unix_gc(void)
{
	struct unix_sock *u, *dead = NULL;
	bool changed, on = intr_save();

	if (unix_gc_running || unix_users == NULL) {
		intr_restore(on);
		return;
	}
	unix_gc_running = true;
	for (u = unix_all; u != NULL; u = u->u_all_next) {
		u->u_gc_inflight = 0;
		u->u_gc_candidate = u->u_gc_reached = false;
	}
	for (u = unix_all; u != NULL; u = u->u_all_next)
		unix_gc_each(u, unix_gc_count, NULL);
	for (u = unix_all; u != NULL; u = u->u_all_next)
		u->u_gc_candidate = u->u_sock != NULL && !u->u_closed &&
		    u->u_gc_inflight > 0 &&
		    u->u_gc_inflight == u->u_sock->so_file->f_refs;
	/* Roots: the queues of the others (embryos' included). */
	changed = false;
	for (u = unix_all; u != NULL; u = u->u_all_next)
		if (!u->u_gc_candidate)
			unix_gc_each(u, unix_gc_reach, &changed);
	do {
		changed = false;
		for (u = unix_all; u != NULL; u = u->u_all_next)
			if (u->u_gc_candidate && u->u_gc_reached)
				unix_gc_each(u, unix_gc_reach, &changed);
	} while (changed);
	for (u = unix_all; u != NULL; u = u->u_all_next)
		if (u->u_gc_candidate && !u->u_gc_reached) {
			unix_hold(u);
			u->u_gc_next = dead;
			dead = u;
		}
	intr_restore(on);
	while ((u = dead) != NULL) {
		dead = u->u_gc_next;
		unix_purge(u);		/* may close others of the list */
		on = intr_save();
		unix_put(u);
		intr_restore(on);
	}
	on = intr_save();
	unix_gc_running = false;
	intr_restore(on);
}

static void
unix_release(struct socket *so)
{
	unix_close(unix_of(so));
	unix_gc();
}

/* ---- sending ---- */

static void
unix_sigpipe(int flags)
{
	if (!(flags & MSG_NOSIGNAL))
		signal_send(proc_current(), SIGPIPE);
}

static long
unix_stream_send(struct socket *so, struct sock_msg *msg)
{
	struct unix_sock *u = unix_of(so), *p;
	uint64_t deadline = sock_deadline(so->so_sndtimeo_ns);
	bool nonblock = sock_nonblock(so, msg->sm_flags);
	size_t len = msg->sm_len, sent = 0;
	struct unix_msg *m;
	long error = 0;
	bool on;

	if (msg->sm_flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (msg->sm_has_addr)
		return u->u_connected ? -EISCONN : -EOPNOTSUPP;
	on = intr_save();
	if ((p = u->u_peer) == NULL) {
		intr_restore(on);
		return -ENOTCONN;
	}
	unix_hold(p);
	intr_restore(on);
	while (sent < len) {
		size_t chunk, room;

		on = intr_save();
		for (;;) {
			if ((u->u_shut & UNIX_SND_SHUT) || p->u_closed ||
			    (p->u_shut & UNIX_RCV_SHUT)) {
				error = -EPIPE;
				break;
			}
			if (u->u_wmem < so->so_sndbuf)
				break;
			if ((error = sock_wait(&u->u_wait, nonblock,
			    deadline)) != 0)
				break;
		}
		room = error == 0 ? so->so_sndbuf - u->u_wmem : 0;
		intr_restore(on);
		if (error != 0)
			break;
		/* As Linux: at most half the buffer per message, so that
		 * more than one is in flight. */
		chunk = len - sent;
		if (chunk > so->so_sndbuf / 2 - 64)
			chunk = so->so_sndbuf / 2 - 64;
		if (chunk > room && room > 0 && chunk > UNIX_CHUNK)
			chunk = room > UNIX_CHUNK ? room : UNIX_CHUNK;
		if (chunk > UNIX_CHUNK * 4)
			chunk = UNIX_CHUNK * 4;
		if ((error = unix_msg_new(u, chunk, sent == 0 ? msg->sm_scm :
		    NULL, &m)) != 0)
			break;
		if ((error = sock_msg_copy_in(msg, m->um_data, chunk)) != 0) {
			unix_msg_free(m);
			break;
		}
		on = intr_save();
		if ((u->u_shut & UNIX_SND_SHUT) || p->u_closed ||
		    (p->u_shut & UNIX_RCV_SHUT)) {
			intr_restore(on);
			unix_msg_free(m);
			error = -EPIPE;
			break;
		}
		unix_msg_queue(u, p, m);
		intr_restore(on);
		sent += chunk;
	}
	on = intr_save();
	unix_put(p);
	intr_restore(on);
	if (error == -EPIPE && sent == 0)
		unix_sigpipe(msg->sm_flags);
	return sent > 0 ? (long)sent : error;
}

/* Is t's queue too long for one more datagram from u? */
static bool
unix_dgram_full(const struct unix_sock *u, const struct unix_sock *t)
{
	return t != u && t->u_peer != u && t->u_rq_count >= UNIX_DGRAM_QLEN;
}

static long
unix_dgram_send(struct socket *so, struct sock_msg *msg)
{
	struct unix_sock *u = unix_of(so), *t;
	uint64_t deadline = sock_deadline(so->so_sndtimeo_ns);
	bool nonblock = sock_nonblock(so, msg->sm_flags);
	size_t len = msg->sm_len;
	struct unix_name n;
	struct unix_msg *m;
	long error;
	bool on;

	if (msg->sm_flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (u->u_type == SOCK_SEQPACKET) {
		if (!u->u_connected)
			return -ENOTCONN;
		msg->sm_has_addr = false;
	}
	if (msg->sm_has_addr &&
	    (error = unix_addr_parse(msg->sm_addr.sa_data,
	    msg->sm_addr.sa_len, false, &n)) != 0)
		return error;
	if (so->so_passcred && u->u_name.un_len == 0) {
		on = intr_save();
		error = unix_autobind(u);
		intr_restore(on);
		if (error != 0)
			return error;
	}
	if (len > so->so_sndbuf - 32)
		return -EMSGSIZE;
	if (msg->sm_has_addr) {
		if ((error = unix_lookup(&n, &t)) != 0)
			return error;
	} else {
		on = intr_save();
		if ((t = u->u_peer) != NULL)
			unix_hold(t);
		intr_restore(on);
		if (t == NULL)
			return u->u_type == SOCK_SEQPACKET ? -EPIPE : -ENOTCONN;
	}
	if ((error = unix_msg_new(u, len, msg->sm_scm, &m)) != 0)
		goto out;
	if ((error = sock_msg_copy_in(msg, m->um_data, len)) != 0) {
		unix_msg_free(m);
		goto out;
	}
	on = intr_save();
	for (;;) {
		if (u->u_shut & UNIX_SND_SHUT) {
			error = -EPIPE;
			break;
		}
		if (t->u_type != u->u_type) {
			error = -EPROTOTYPE;
			break;
		}
		if (t->u_closed) {
			if (u->u_type == SOCK_SEQPACKET) {
				error = -EPIPE;
				break;
			}
			error = -ECONNREFUSED;
			if (u->u_peer == t) {	/* disconnected for good */
				u->u_peer = NULL;
				unix_put(t);
				if (so->so_state == SS_CONNECTED)
					so->so_state = SS_UNCONNECTED;
			}
			break;
		}
		if (t->u_peer != NULL && t->u_peer != u &&
		    t->u_type == SOCK_DGRAM) {
			error = -EPERM;
			break;
		}
		if (t->u_shut & UNIX_RCV_SHUT) {
			error = -EPIPE;
			break;
		}
		if (u->u_wmem < so->so_sndbuf && !unix_dgram_full(u, t)) {
			error = 0;
			break;
		}
		if ((error = sock_wait(unix_dgram_full(u, t) ? &t->u_wait :
		    &u->u_wait, nonblock, deadline)) != 0)
			break;
	}
	if (error == 0) {
		unix_msg_queue(u, t, m);
		m = NULL;
	}
	intr_restore(on);
	if (m != NULL)
		unix_msg_free(m);
	if (error == -EPIPE)
		unix_sigpipe(msg->sm_flags);
out:
	on = intr_save();
	unix_put(t);
	intr_restore(on);
	return error == 0 ? (long)len : error;
}

/* ---- receiving ---- */

static long
unix_stream_recv(struct socket *so, struct sock_msg *msg)
{
	struct unix_sock *u = unix_of(so);
	uint64_t deadline = sock_deadline(so->so_rcvtimeo_ns);
	bool nonblock = sock_nonblock(so, msg->sm_flags);
	bool peek = (msg->sm_flags & MSG_PEEK) != 0;
	size_t len = msg->sm_len, copied = 0, target;
	char *buf;
	long error = 0;
	bool on, stop = false;

	if (msg->sm_flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (u->u_listening || !u->u_connected)
		return -EINVAL;
	target = (msg->sm_flags & MSG_WAITALL) && !peek ? len :
	    (size_t)so->so_rcvlowat < len ? (size_t)so->so_rcvlowat : len;
	if (target == 0)
		target = 1;
	if (len == 0)
		return 0;
	if ((buf = kmalloc(len < UNIX_CHUNK ? len : UNIX_CHUNK)) == NULL)
		return -ENOMEM;
	while (copied < len && !stop) {
		size_t n = 0, want = len - copied, skip = 0;
		struct unix_msg *m, *done = NULL;

		if (want > UNIX_CHUNK)
			want = UNIX_CHUNK;
		on = intr_save();
		for (;;) {
			if (u->u_rq != NULL)
				break;
			if (u->u_err != 0) {
				/* After the bytes read, or alone. */
				error = copied > 0 ? 1 : -u->u_err;
				if (copied == 0)
					u->u_err = 0;
				break;
			}
			if ((u->u_shut & UNIX_RCV_SHUT) || copied >= target) {
				error = 1;	/* the end, or enough */
				break;
			}
			if ((error = sock_wait(&u->u_wait, nonblock,
			    deadline)) != 0)
				break;
		}
		if (error != 0) {
			intr_restore(on);
			if (error == 1)
				error = 0;
			break;
		}
		/* The sender's name, as Linux gives it for a stream. */
		if (copied == 0 && u->u_rq->um_addr.sa_len > 0)
			msg->sm_addr = u->u_rq->um_addr;
		for (m = u->u_rq; m != NULL && n < want; m = m->um_next) {
			size_t avail = m->um_len - m->um_off, take;

			if (peek) {
				/* Past what an earlier round peeked. */
				if (skip + avail <= copied) {
					skip += avail;
					continue;
				}
				avail -= copied - skip;
				skip = copied;
			}
			if (m->um_nfiles > 0 && (copied > 0 || n > 0)) {
				stop = true;	/* files start a read */
				break;
			}
			take = avail < want - n ? avail : want - n;
			memcpy(buf + n, m->um_data + m->um_len - avail, take);
			n += take;
			if (m->um_nfiles > 0 || (msg->sm_scm != NULL &&
			    !msg->sm_scm->ss_has_cred)) {
				unix_msg_scm(m, msg, peek);
			}
			if (peek) {
				skip += take;
				if (m->um_nfiles > 0) {
					stop = true;
					break;
				}
				continue;
			}
			m->um_off += take;
			u->u_rq_bytes -= take;
			/* The sender may send more. */
			m->um_from->u_wbytes -= take;
			if (m->um_off == m->um_len) {
				struct unix_msg *d = unix_msg_dequeue(u);

				d->um_next = done;
				done = d;
				if (d->um_nfiles > 0) {
					stop = true;
					break;
				}
			} else {
				break;
			}
		}
		intr_restore(on);
		while (done != NULL) {
			struct unix_msg *d = done;

			done = d->um_next;
			d->um_off = d->um_len;	/* bytes are uncounted */
			unix_msg_free(d);
		}
		if (n > 0 && (error = sock_msg_copy_out(msg, buf, n)) != 0)
			break;
		copied += n;
		if (peek)
			break;
	}
	kfree(buf);
	return copied > 0 ? (long)copied : error;
}

static long
unix_dgram_recv(struct socket *so, struct sock_msg *msg)
{
	struct unix_sock *u = unix_of(so);
	uint64_t deadline = sock_deadline(so->so_rcvtimeo_ns);
	bool nonblock = sock_nonblock(so, msg->sm_flags);
	bool peek = (msg->sm_flags & MSG_PEEK) != 0;
	size_t len = msg->sm_len, n, mlen;
	struct unix_msg *m;
	char *buf = NULL;
	long error = 0;
	bool on;

	if (msg->sm_flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (u->u_type == SOCK_SEQPACKET && u->u_listening)
		return -EINVAL;
	if (u->u_type == SOCK_SEQPACKET && !u->u_connected)
		return -ENOTCONN;
	on = intr_save();
	for (;;) {
		if (u->u_rq != NULL)
			break;
		if (u->u_err != 0) {
			error = -u->u_err;
			u->u_err = 0;
			break;
		}
		if (u->u_shut & UNIX_RCV_SHUT) {
			error = 1;
			break;
		}
		if ((error = sock_wait(&u->u_wait, nonblock, deadline)) != 0)
			break;
	}
	if (error != 0) {
		intr_restore(on);
		return error == 1 ? 0 : error;
	}
	m = peek ? u->u_rq : unix_msg_dequeue(u);
	if (!peek)			/* room for senders held by the queue */
		unix_wake(u, FILE_POLLOUT);
	mlen = m->um_len;
	n = mlen < len ? mlen : len;
	if (peek) {
		/* A copy of what it shows, for the copy with interrupts on. */
		if ((buf = kmalloc(n > 0 ? n : 1)) == NULL) {
			intr_restore(on);
			return -ENOMEM;
		}
		memcpy(buf, m->um_data, n);
	}
	msg->sm_addr = m->um_addr;
	unix_msg_scm(m, msg, peek);
	if (!peek && m->um_from != NULL)
		m->um_off = m->um_len;	/* nothing left to uncount */
	intr_restore(on);
	error = sock_msg_copy_out(msg, peek ? buf : m->um_data, n);
	if (peek)
		kfree(buf);
	else {
		/* unix_msg_free uncounts um_len - um_off: all was read. */
		on = intr_save();
		m->um_from->u_wbytes -= m->um_len;
		intr_restore(on);
		unix_msg_free(m);
	}
	if (error != 0)
		return error;
	if (mlen > len)
		msg->sm_oflags |= MSG_TRUNC;
	return (long)(msg->sm_flags & MSG_TRUNC ? mlen : n);
}

/* ---- options, readiness, ioctl ---- */

static int
unix_getsockopt_sol(struct socket *so, int name, void *val, uint32_t *len)
{
	struct unix_sock *u = unix_of(so);
	struct sock_cred c = { 0, (uint32_t)-1, (uint32_t)-1 };

	if (name != SO_PEERCRED)
		return -ENOPROTOOPT;
	if (u->u_has_peercred)
		c = u->u_peercred;
	if (*len > sizeof(c))
		*len = sizeof(c);
	memcpy(val, &c, *len);
	return 0;
}

static short
unix_poll_common(struct unix_sock *u)
{
	short mask = 0;

	if (u->u_err != 0)
		mask |= FILE_POLLERR;
	if (u->u_shut == UNIX_SHUT_BOTH)
		mask |= FILE_POLLHUP;
	if (u->u_shut & UNIX_RCV_SHUT)
		mask |= (short)(POLLRDHUP | FILE_POLLIN | POLLRDNORM);
	if (u->u_rq != NULL)
		mask |= FILE_POLLIN | POLLRDNORM;
	return mask;
}

static short
unix_stream_poll(struct socket *so)
{
	struct unix_sock *u = unix_of(so);
	bool on = intr_save();
	short mask = unix_poll_common(u);

	if (u->u_listening) {
		if (u->u_acc != NULL)
			mask |= FILE_POLLIN | POLLRDNORM;
	} else {
		if (!u->u_connected)
			mask |= FILE_POLLHUP;
		if (u->u_wmem * 4 <= so->so_sndbuf)
			mask |= (short)(FILE_POLLOUT | POLLWRNORM | POLLWRBAND);
	}
	intr_restore(on);
	return mask;
}

static short
unix_dgram_poll(struct socket *so)
{
	struct unix_sock *u = unix_of(so);
	bool on = intr_save();
	short mask = unix_poll_common(u);
	bool writable = u->u_wmem * 4 <= so->so_sndbuf;

	if (u->u_type == SOCK_SEQPACKET && !u->u_connected &&
	    !u->u_listening)
		mask |= FILE_POLLHUP;
	if (u->u_peer != NULL && !u->u_peer->u_closed &&
	    unix_dgram_full(u, u->u_peer))
		writable = false;
	if (u->u_listening)
		writable = false;
	if (writable)
		mask |= (short)(FILE_POLLOUT | POLLWRNORM | POLLWRBAND);
	intr_restore(on);
	return mask;
}

static long
unix_ioctl(struct socket *so, unsigned long req, uint64_t arg)
{
	struct unix_sock *u = unix_of(so);
	bool on;
	int v;

	switch (req) {
	case SIOCINQ:
		if (u->u_listening)
			return -EINVAL;
		on = intr_save();
		if (u->u_type == SOCK_DGRAM)
			v = u->u_rq != NULL ? (int)u->u_rq->um_len : 0;
		else
			v = (int)u->u_rq_bytes;
		intr_restore(on);
		break;
	case SIOCOUTQ:
		on = intr_save();
		v = (int)u->u_wbytes;
		intr_restore(on);
		break;
	default:
		return -ENOTTY;
	}
	return copy_to_user((void *)arg, &v, sizeof(v)) != 0 ? -EFAULT : 0;
}

static int
unix_dgram_connect(struct socket *so, const struct sock_addr *a,
    bool nonblock)
{
	struct unix_sock *u = unix_of(so), *t, *old;
	struct unix_name n;
	uint16_t family;
	int error;
	bool on;

	(void)nonblock;
	if (a->sa_len < sizeof(family))
		return -EINVAL;
	memcpy(&family, a->sa_data, sizeof(family));
	if (family == AF_UNSPEC) {
		/* Dissolve the association. */
		on = intr_save();
		old = u->u_peer;
		u->u_peer = NULL;
		so->so_state = SS_UNCONNECTED;
		if (old != NULL)
			unix_put(old);
		intr_restore(on);
		return 0;
	}
	if ((error = unix_addr_parse(a->sa_data, a->sa_len, false, &n)) != 0)
		return error;
	if (so->so_passcred) {
		on = intr_save();
		error = unix_autobind(u);
		intr_restore(on);
		if (error != 0)
			return error;
	}
	if ((error = unix_lookup(&n, &t)) != 0)
		return error;
	on = intr_save();
	if (t->u_type != u->u_type) {
		unix_put(t);
		intr_restore(on);
		return -EPROTOTYPE;
	}
	if (t->u_peer != NULL && t->u_peer != u) {
		unix_put(t);
		intr_restore(on);
		return -EPERM;
	}
	old = u->u_peer;
	u->u_peer = t;			/* our lookup's reference */
	so->so_state = SS_CONNECTED;
	if (old != NULL)
		unix_put(old);
	intr_restore(on);
	return 0;
}

static const struct sock_proto_ops unix_stream_ops = {
	.po_bind = unix_bind,
	.po_connect = unix_stream_connect,
	.po_listen = unix_listen,
	.po_accept = unix_accept,
	.po_sendmsg = unix_stream_send,
	.po_recvmsg = unix_stream_recv,
	.po_shutdown = unix_shutdown,
	.po_getname = unix_getname,
	.po_setsockopt = sock_setsockopt_none,
	.po_getsockopt = sock_getsockopt_none,
	.po_getsockopt_sol = unix_getsockopt_sol,
	.po_sol_changed = sock_sol_changed_none,
	.po_poll = unix_stream_poll,
	.po_ioctl = unix_ioctl,
	.po_release = unix_release,
	.po_scm_rights = true,
};

/* Sequenced packets: connections, with datagrams' boundaries. */
static const struct sock_proto_ops unix_seqpacket_ops = {
	.po_bind = unix_bind,
	.po_connect = unix_stream_connect,
	.po_listen = unix_listen,
	.po_accept = unix_accept,
	.po_sendmsg = unix_dgram_send,
	.po_recvmsg = unix_dgram_recv,
	.po_shutdown = unix_shutdown,
	.po_getname = unix_getname,
	.po_setsockopt = sock_setsockopt_none,
	.po_getsockopt = sock_getsockopt_none,
	.po_getsockopt_sol = unix_getsockopt_sol,
	.po_sol_changed = sock_sol_changed_none,
	.po_poll = unix_dgram_poll,
	.po_ioctl = unix_ioctl,
	.po_release = unix_release,
	.po_scm_rights = true,
};

static const struct sock_proto_ops unix_dgram_ops = {
	.po_bind = unix_bind,
	.po_connect = unix_dgram_connect,
	.po_listen = sock_listen_none,
	.po_accept = sock_accept_none,
	.po_sendmsg = unix_dgram_send,
	.po_recvmsg = unix_dgram_recv,
	.po_shutdown = unix_shutdown,
	.po_getname = unix_getname,
	.po_setsockopt = sock_setsockopt_none,
	.po_getsockopt = sock_getsockopt_none,
	.po_getsockopt_sol = unix_getsockopt_sol,
	.po_sol_changed = sock_sol_changed_none,
	.po_poll = unix_dgram_poll,
	.po_ioctl = unix_ioctl,
	.po_release = unix_release,
	.po_scm_rights = true,
};

static int
unix_create(struct socket *so, int type, int protocol)
{
	struct unix_sock *u;

	if (protocol != 0 && protocol != AF_UNIX)
		return -EPROTONOSUPPORT;
	if (type == SOCK_STREAM)
		so->so_ops = &unix_stream_ops;
	else if (type == SOCK_DGRAM || type == SOCK_RAW)
		so->so_ops = &unix_dgram_ops;
	else if (type == SOCK_SEQPACKET)
		so->so_ops = &unix_seqpacket_ops;
	else
		return -ESOCKTNOSUPPORT;
	if (type == SOCK_RAW)
		so->so_type = type = SOCK_DGRAM;
	if ((u = unix_new(type)) == NULL) {
		so->so_ops = NULL;
		return -ENOMEM;
	}
	u->u_sock = so;
	u->u_ino = so->so_file->f_node->v_ino;
	so->so_priv = u;
	so->so_protocol = 0;
	return 0;
}

static const struct sock_family unix_family = {
	.sf_family = AF_UNIX,
	.sf_create = unix_create,
	.sf_pair = unix_pair,
};

void
unix_init(void)
{
	sock_family_register(&unix_family);
}

/*
 * /proc/net/unix: a line per socket, as Linux's (its kernel address is
 * not shown: zeros, as Linux shows them to the unprivileged).
 */
void
unix_show(void (*put)(void *arg, const char *s, size_t len), void *arg)
{
	static const char head[] =
	    "Num       RefCount Protocol Flags    Type St Inode Path\n";
	char line[64 + UNIX_PATH_MAX + 2];
	bool on;
	int n;

	put(arg, head, sizeof(head) - 1);
	on = intr_save();
	for (struct unix_sock *u = unix_all; u != NULL; u = u->u_all_next) {
		bool conn = u->u_sock == NULL || (u->u_type != SOCK_DGRAM &&
		    u->u_peer != NULL && !u->u_listening);

		if (u->u_closed)
			continue;
		/* Flags: __SO_ACCEPTCON for a listener; St: SS_*. */
		n = fmt_snprintf(line, sizeof(line),
		    "0000000000000000: %08X %08X %08X %04X %02X %5lu",
		    u->u_refs, 0, u->u_listening ? 0x10000 : 0, u->u_type,
		    conn ? 3 : 1, (unsigned long)u->u_ino);
		if (u->u_name.un_len > 0 && n < (int)sizeof(line) - 2) {
			const struct unix_name *nm = &u->u_name;

			line[n++] = ' ';
			for (uint32_t i = 0; i < nm->un_len &&
			    n < (int)sizeof(line) - 1; i++) {
				char c = nm->un_path[i];

				if (c == '\0' && !nm->un_abstract)
					break;
				line[n++] = c == '\0' ? '@' : c;
			}
		}
		line[n++] = '\n';
		put(arg, line, (size_t)n);
	}
	intr_restore(on);
}
