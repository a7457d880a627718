/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The socket layer (see socket.h).  One CPU: interrupts off guard it. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/user.h>
#include <pv/common/pv_hv.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/poll.h>
#include <kernel/sched/waitq.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/signal.h>
#include <net/ifnet.h>
#include <net/netlink.h>
#include <net/socket.h>
#include <net/unix.h>

static const struct sock_family *sock_families[AF_MAX];
static uint64_t sock_next_ino = 1;

void
sock_family_register(const struct sock_family *fam)
{
	if (fam->sf_family > 0 && fam->sf_family < AF_MAX)
		sock_families[fam->sf_family] = fam;
}

void
sock_init(void)
{
	unix_init();
	netlink_init();
}

/* ---- messages ---- */

size_t
sock_msg_left(const struct sock_msg *m)
{
	size_t n = 0;

	for (size_t i = m->sm_idx; i < m->sm_iovlen; i++)
		n += m->sm_iov[i].si_len - (i == m->sm_idx ? m->sm_off : 0);
	return n;
}

/* Copy n bytes at the position to (out) or from kbuf. */
static int
sock_msg_copy(struct sock_msg *m, void *kbuf, size_t n, bool out)
{
	char *k = kbuf;

	while (n > 0) {
		const struct sock_iov *v;
		size_t chunk;
		uint64_t u;

		if (m->sm_idx >= m->sm_iovlen)
			return -EFAULT;
		v = &m->sm_iov[m->sm_idx];
		if (m->sm_off >= v->si_len) {
			m->sm_idx++;
			m->sm_off = 0;
			continue;
		}
		chunk = v->si_len - m->sm_off;
		if (chunk > n)
			chunk = n;
		u = v->si_base + m->sm_off;
		if (m->sm_kernel) {
			if (out)
				memcpy((void *)u, k, chunk);
			else
				memcpy(k, (const void *)u, chunk);
		} else if (out ? copy_to_user((void *)u, k, chunk) :
		    copy_from_user(k, (const void *)u, chunk)) {
			return -EFAULT;
		}
		k += chunk;
		n -= chunk;
		m->sm_off += chunk;
	}
	return 0;
}

int
sock_msg_copy_in(struct sock_msg *m, void *dst, size_t n)
{
	return sock_msg_copy(m, dst, n, false);
}

int
sock_msg_copy_out(struct sock_msg *m, const void *src, size_t n)
{
	return sock_msg_copy(m, (void *)src, n, true);
}

void
sock_scm_drop(struct sock_scm *scm)
{
	if (scm == NULL)
		return;
	for (unsigned int i = 0; i < scm->ss_nfiles; i++)
		file_put(scm->ss_files[i]);
	scm->ss_nfiles = 0;
}

/* ---- waiting ---- */

bool
sock_nonblock(const struct socket *so, int msg_flags)
{
	return (msg_flags & MSG_DONTWAIT) ||
	    (so->so_file->f_flags & O_NONBLOCK);
}

void
sock_wake(struct socket *so, short key)
{
	bool on = intr_save();

	waitq_wake_all(&so->so_wait);
	poll_wake(&so->so_poll, key);
	intr_restore(on);
}

uint64_t
sock_deadline(uint64_t ns)
{
	return ns == 0 ? 0 : pv_clock_ns() + ns;
}

long
sock_wait(struct waitq *wq, bool nonblock, uint64_t deadline)
{
	long error = signal_wait_error(nonblock);

	if (error != 0)
		return error == -ERESTARTSYS && deadline != 0 ? -EINTR : error;
	if (deadline != 0) {
		if (pv_clock_ns() >= deadline)
			return -EAGAIN;
		waitq_wait_until_locked(wq, deadline);
	} else {
		waitq_wait_locked(wq);
	}
	return 0;
}

void
sock_cred_current(struct sock_cred *c)
{
	struct proc *p = proc_current();

	c->sc_pid = p->p_pid;
	c->sc_uid = p->p_cred.pc_euid;
	c->sc_gid = p->p_cred.pc_egid;
}

/* ---- the file ---- */

struct socket *
sock_of_file(const struct file *f)
{
	return f->f_ops == &sock_file_ops ? f->f_node->v_priv : NULL;
}

/* read(2) and write(2): a receive and a send without flags. */
static long
sock_file_read(struct file *f, void *buf, size_t len)
{
	struct sock_iov iov = { (uint64_t)(uintptr_t)buf, len };
	struct sock_msg m = { .sm_iov = &iov, .sm_iovlen = 1, .sm_len = len,
	    .sm_kernel = true };

	return sock_recvmsg(sock_of_file(f), &m);
}

static long
sock_file_write(struct file *f, const void *buf, size_t len)
{
	struct sock_iov iov = { (uint64_t)(uintptr_t)buf, len };
	struct sock_msg m = { .sm_iov = &iov, .sm_iovlen = 1, .sm_len = len,
	    .sm_kernel = true };

	return sock_sendmsg(sock_of_file(f), &m);
}

static short
sock_file_poll(struct file *f)
{
	struct socket *so = sock_of_file(f);

	return so->so_ops->po_poll(so);
}

static struct poll_head *
sock_file_poll_head(struct file *f)
{
	return &sock_of_file(f)->so_poll;
}

/*
 * The interface requests (SIOCGIFCONF, SIOCGIFFLAGS...) are answered
 * for every family (net/ifnet.h), the rest by the family.
 */
static long
sock_file_ioctl(struct file *f, unsigned long req, uint64_t arg)
{
	struct socket *so = sock_of_file(f);
	long r = ifnet_ioctl(so->so_family, req, arg);

	if (r != -ENOIOCTLCMD)
		return r;
	r = so->so_ops->po_ioctl(so, req, arg);
	return r == -ENOIOCTLCMD ? -ENOTTY : r;
}

static void
sock_file_release(struct file *f)
{
	struct socket *so = sock_of_file(f);

	if (so->so_ops != NULL)
		so->so_ops->po_release(so);
	kfree(so);
}

const struct file_ops sock_file_ops = {
	.fo_io = { sock_file_read, sock_file_write, 0 },
	.fo_flags = FILE_OPS_SPLICE | FILE_OPS_ASYNC,
	.fo_open = file_open_none,
	.fo_release = sock_file_release,
	.fo_poll = sock_file_poll,
	.fo_poll_head = sock_file_poll_head,
	.fo_ioctl = sock_file_ioctl,
	.fo_lseek = file_lseek_none,
	.fo_mmap = file_mmap_none,
	.fo_pipe = file_pipe_none,
	.fo_fdinfo = file_fdinfo_none,
};

/* A new socket in a new file; so_ops not set yet. */
static struct socket *
sock_alloc(int family, int type, int protocol, bool nonblock)
{
	struct socket *so = kzalloc(sizeof(*so));
	struct file *f;
	bool on;

	if (so == NULL)
		return NULL;
	if ((f = file_new_anon(&sock_file_ops, O_RDWR |
	    (nonblock ? O_NONBLOCK : 0), so)) == NULL) {
		kfree(so);
		return NULL;
	}
	f->f_node->v_mode = S_IFSOCK | 0777;
	on = intr_save();
	f->f_node->v_ino = sock_next_ino++;
	intr_restore(on);
	f->f_node->v_uid = proc_current()->p_cred.pc_fsuid;
	f->f_node->v_gid = proc_current()->p_cred.pc_fsgid;
	so->so_file = f;
	so->so_family = family;
	so->so_type = type;
	so->so_protocol = protocol;
	so->so_state = SS_UNCONNECTED;
	so->so_sndbuf = SOCK_BUF_DEFAULT;
	so->so_rcvbuf = SOCK_BUF_DEFAULT;
	so->so_rcvlowat = 1;
	sock_cred_current(&so->so_cred);
	return so;
}

int
sock_create(int family, int type, int protocol, bool nonblock,
    struct socket **out)
{
	const struct sock_family *fam;
	struct socket *so;
	int error;

	if (family < 0 || family >= AF_MAX ||
	    (fam = sock_families[family]) == NULL)
		return -EAFNOSUPPORT;
	if ((so = sock_alloc(family, type, protocol, nonblock)) == NULL)
		return -ENOMEM;
	if ((error = fam->sf_create(so, type, protocol)) != 0) {
		file_put(so->so_file);
		return error;
	}
	*out = so;
	return 0;
}

int
sock_create_pair(int family, int type, int protocol, bool nonblock,
    struct socket **a, struct socket **b)
{
	const struct sock_family *fam;
	int error;

	if (family < 0 || family >= AF_MAX ||
	    (fam = sock_families[family]) == NULL)
		return -EAFNOSUPPORT;
	/* As Linux: the type and protocol are checked first (by making
	 * the sockets), then whether the family makes pairs. */
	if ((error = sock_create(family, type, protocol, nonblock, a)) != 0)
		return error;
	if ((error = sock_create(family, type, protocol, nonblock, b)) != 0) {
		file_put((*a)->so_file);
		return error;
	}
	if ((error = fam->sf_pair == NULL ? -EOPNOTSUPP :
	    fam->sf_pair(*a, *b)) != 0) {
		file_put((*a)->so_file);
		file_put((*b)->so_file);
	}
	return error;
}

struct socket *
sock_new_child(const struct socket *parent)
{
	struct socket *so = sock_alloc(parent->so_family, parent->so_type,
	    parent->so_protocol, false);

	if (so == NULL)
		return NULL;
	so->so_sndbuf = parent->so_sndbuf;
	so->so_rcvbuf = parent->so_rcvbuf;
	so->so_passcred = parent->so_passcred;
	so->so_rcvtimeo_ns = parent->so_rcvtimeo_ns;
	so->so_sndtimeo_ns = parent->so_sndtimeo_ns;
	so->so_cred = parent->so_cred;
	return so;
}

/* ---- the calls ---- */

int
sock_bind(struct socket *so, const struct sock_addr *a)
{
	return so->so_ops->po_bind(so, a);
}

int
sock_connect(struct socket *so, const struct sock_addr *a)
{
	return so->so_ops->po_connect(so, a, sock_nonblock(so, 0));
}

int
sock_listen(struct socket *so, int backlog)
{
	return so->so_ops->po_listen(so, backlog);
}

int
sock_accept(struct socket *so, uint32_t flags, struct socket **out)
{
	int error = so->so_ops->po_accept(so, out, sock_nonblock(so, 0));

	if (error == 0 && (flags & SOCK_NONBLOCK))
		(*out)->so_file->f_flags |= O_NONBLOCK;
	return error;
}

long
sock_sendmsg(struct socket *so, struct sock_msg *m)
{
	return so->so_ops->po_sendmsg(so, m);
}

long
sock_recvmsg(struct socket *so, struct sock_msg *m)
{
	return so->so_ops->po_recvmsg(so, m);
}

int
sock_shutdown(struct socket *so, int how)
{
	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	return so->so_ops->po_shutdown(so, how);
}

int
sock_getname(struct socket *so, struct sock_addr *a, bool peer)
{
	a->sa_len = 0;
	return so->so_ops->po_getname(so, a, peer);
}

/* ---- SOL_SOCKET options, once for every family ---- */

struct sock_timeval {
	int64_t		 tv_sec;
	int64_t		 tv_usec;
};

struct sock_linger {
	int32_t		 l_onoff;
	int32_t		 l_linger;
};

static int
sock_opt_int(const void *val, uint32_t len, int *out)
{
	if (len < sizeof(int))
		return -EINVAL;
	memcpy(out, val, sizeof(int));
	return 0;
}

/* Linux keeps twice the size asked, within its bounds. */
static uint32_t
sock_buf_size(int v, uint32_t min, bool force)
{
	uint64_t n = v < 0 ? 0 : (uint64_t)v;

	if (!force && n > SOCK_BUF_MAX)
		n = SOCK_BUF_MAX;
	n *= 2;
	if (n > 0x7fffffff)
		n = 0x7fffffff;
	return n < min ? min : (uint32_t)n;
}

static int
sock_set_timeo(const void *val, uint32_t len, uint64_t *ns)
{
	struct sock_timeval tv;

	if (len < sizeof(tv))
		return -EINVAL;
	memcpy(&tv, val, sizeof(tv));
	if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
		return -EDOM;
	if (tv.tv_sec < 0) {
		*ns = 0;
		return 0;
	}
	if (tv.tv_sec == 0 && tv.tv_usec == 0) {
		*ns = 0;
		return 0;
	}
	if ((uint64_t)tv.tv_sec > 0xffffffffULL)
		*ns = 0;		/* as good as forever */
	else
		*ns = (uint64_t)tv.tv_sec * 1000000000ULL +
		    (uint64_t)tv.tv_usec * 1000ULL;
	return 0;
}

static int sock_setsockopt_int(struct socket *, int, int);

int
sock_setsockopt(struct socket *so, int level, int name, const void *val,
    uint32_t len)
{
	struct sock_linger lg;
	int v = 0, error;

	if (level != SOL_SOCKET)
		return so->so_ops->po_setsockopt(so, level, name, val, len);
	switch (name) {
	case SO_RCVTIMEO:
		return sock_set_timeo(val, len, &so->so_rcvtimeo_ns);
	case SO_SNDTIMEO:
		return sock_set_timeo(val, len, &so->so_sndtimeo_ns);
	case SO_LINGER:
		if (len < sizeof(lg))
			return -EINVAL;
		memcpy(&lg, val, sizeof(lg));
		so->so_linger_on = lg.l_onoff != 0;
		so->so_linger_secs = lg.l_linger;
		return 0;
	default:
		break;
	}
	if ((error = sock_opt_int(val, len, &v)) != 0)
		return error;
	if ((error = sock_setsockopt_int(so, name, v)) == 0)
		so->so_ops->po_sol_changed(so, name);
	return error;
}

/* The SOL_SOCKET options that take an int. */
static int
sock_setsockopt_int(struct socket *so, int name, int v)
{
	switch (name) {
	case SO_DEBUG:
		return 0;
	case SO_REUSEADDR:
		so->so_reuseaddr = v != 0;
		return 0;
	case SO_REUSEPORT:
		so->so_reuseport = v != 0;
		return 0;
	case SO_KEEPALIVE:
		so->so_keepalive = v != 0;
		return 0;
	case SO_BROADCAST:
		so->so_broadcast = v != 0;
		return 0;
	case SO_OOBINLINE:
		so->so_oobinline = v != 0;
		return 0;
	case SO_DONTROUTE:
		so->so_dontroute = v != 0;
		return 0;
	case SO_PASSCRED:
		so->so_passcred = v != 0;
		return 0;
	case SO_PRIORITY:
		if ((v < 0 || v > 6) && !proc_capable(CAP_NET_ADMIN))
			return -EPERM;
		so->so_priority = v;
		return 0;
	case SO_RCVLOWAT:
		so->so_rcvlowat = v < 0 ? 0x7fffffff : v == 0 ? 1 : v;
		return 0;
	case SO_SNDBUFFORCE:
	case SO_RCVBUFFORCE:
		if (!proc_capable(CAP_NET_ADMIN))
			return -EPERM;
		/* FALLTHROUGH */
	case SO_SNDBUF:
	case SO_RCVBUF:
		if (name == SO_SNDBUF || name == SO_SNDBUFFORCE)
			so->so_sndbuf = sock_buf_size(v, SOCK_SNDBUF_MIN,
			    name == SO_SNDBUFFORCE);
		else
			so->so_rcvbuf = sock_buf_size(v, SOCK_RCVBUF_MIN,
			    name == SO_RCVBUFFORCE);
		sock_wake(so, FILE_POLLOUT);
		return 0;
	case SO_TYPE:
	case SO_PROTOCOL:
	case SO_DOMAIN:
	case SO_ERROR:
	case SO_ACCEPTCONN:
	case SO_PEERCRED:
		return -ENOPROTOOPT;
	default:
		return -ENOPROTOOPT;
	}
}

int
sock_getsockopt(struct socket *so, int level, int name, void *val,
    uint32_t *len)
{
	struct sock_timeval tv;
	struct sock_linger lg;
	bool on;
	int v, error;

	if (level != SOL_SOCKET)
		return so->so_ops->po_getsockopt(so, level, name, val, len);
	if ((error = so->so_ops->po_getsockopt_sol(so, name, val, len)) !=
	    -ENOPROTOOPT)
		return error;
	switch (name) {
	case SO_RCVTIMEO:
	case SO_SNDTIMEO: {
		uint64_t ns = name == SO_RCVTIMEO ? so->so_rcvtimeo_ns :
		    so->so_sndtimeo_ns;

		tv.tv_sec = (int64_t)(ns / 1000000000ULL);
		tv.tv_usec = (int64_t)(ns % 1000000000ULL / 1000);
		if (*len > sizeof(tv))
			*len = sizeof(tv);
		memcpy(val, &tv, *len);
		return 0;
	}
	case SO_LINGER:
		lg.l_onoff = so->so_linger_on;
		lg.l_linger = so->so_linger_secs;
		if (*len > sizeof(lg))
			*len = sizeof(lg);
		memcpy(val, &lg, *len);
		return 0;
	case SO_TYPE:
		v = so->so_type;
		break;
	case SO_PROTOCOL:
		v = so->so_protocol;
		break;
	case SO_DOMAIN:
		v = so->so_family;
		break;
	case SO_ACCEPTCONN:
		v = so->so_state == SS_LISTENING;
		break;
	case SO_ERROR:
		on = intr_save();
		v = -so->so_error;
		so->so_error = 0;
		intr_restore(on);
		break;
	case SO_SNDBUF:
		v = (int)so->so_sndbuf;
		break;
	case SO_RCVBUF:
		v = (int)so->so_rcvbuf;
		break;
	case SO_DEBUG:
		v = 0;
		break;
	case SO_REUSEADDR:
		v = so->so_reuseaddr;
		break;
	case SO_REUSEPORT:
		v = so->so_reuseport;
		break;
	case SO_KEEPALIVE:
		v = so->so_keepalive;
		break;
	case SO_BROADCAST:
		v = so->so_broadcast;
		break;
	case SO_OOBINLINE:
		v = so->so_oobinline;
		break;
	case SO_DONTROUTE:
		v = so->so_dontroute;
		break;
	case SO_PASSCRED:
		v = so->so_passcred;
		break;
	case SO_PRIORITY:
		v = so->so_priority;
		break;
	case SO_RCVLOWAT:
		v = so->so_rcvlowat;
		break;
	case SO_SNDLOWAT:
		v = 1;
		break;
	default:
		return -ENOPROTOOPT;
	}
	if (*len > sizeof(int))
		*len = sizeof(int);
	memcpy(val, &v, *len);
	return 0;
}

/* ---- entries for families without an operation ---- */

int
sock_bind_none(struct socket *so, const struct sock_addr *a)
{
	(void)so;
	(void)a;
	return -EOPNOTSUPP;
}

int
sock_connect_none(struct socket *so, const struct sock_addr *a, bool nb)
{
	(void)so;
	(void)a;
	(void)nb;
	return -EOPNOTSUPP;
}

int
sock_listen_none(struct socket *so, int backlog)
{
	(void)so;
	(void)backlog;
	return -EOPNOTSUPP;
}

int
sock_accept_none(struct socket *so, struct socket **out, bool nb)
{
	(void)so;
	(void)out;
	(void)nb;
	return -EOPNOTSUPP;
}

int
sock_setsockopt_none(struct socket *so, int level, int name, const void *val,
    uint32_t len)
{
	(void)so;
	(void)level;
	(void)name;
	(void)val;
	(void)len;
	return -EOPNOTSUPP;
}

int
sock_getsockopt_none(struct socket *so, int level, int name, void *val,
    uint32_t *len)
{
	(void)so;
	(void)level;
	(void)name;
	(void)val;
	(void)len;
	return -EOPNOTSUPP;
}

int
sock_getsockopt_sol_none(struct socket *so, int name, void *val,
    uint32_t *len)
{
	(void)so;
	(void)name;
	(void)val;
	(void)len;
	return -ENOPROTOOPT;
}

void
sock_sol_changed_none(struct socket *so, int name)
{
	(void)so;
	(void)name;
}

long
sock_ioctl_none(struct socket *so, unsigned long req, uint64_t arg)
{
	(void)so;
	(void)req;
	(void)arg;
	return -ENOTTY;
}
