/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The socket calls: user memory in and out -- addresses, iovecs,
 * control messages, option values --, checked in Linux's order, around
 * the socket layer (net/socket.h), which holds the common state and
 * calls each family's operations.  Control messages at SOL_SOCKET
 * (descriptors, credentials) are read and written here for every family
 * (net/sock_calc.h walks them).
 */
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/user.h>
#include <fs/file.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/proc/proc.h>
#include <net/socket.h>
#include <net/sock_calc.h>
#include <syscall/sys.h>
#include <syscall/sys_fs.h>

#define UIO_MAXIOV	1024
#define SYS_SOCK_RW_MAX	0x7ffff000	/* Linux's MAX_RW_COUNT */
#define SYS_SOCK_OPTMEM	131072		/* net.core.optmem_max */
#define SYS_SOCK_OPT_MAX 256		/* option values copied, at most */

static long
sys_socket_args(uint64_t family, uint64_t type)
{
	uint64_t base = type & SOCK_TYPE_MASK;

	if (family >= AF_MAX)
		return -EAFNOSUPPORT;
	if ((type & ~(uint64_t)(SOCK_TYPE_MASK | SOCK_NONBLOCK |
	    SOCK_CLOEXEC)) != 0 || base < 1 || (base > 6 && base != 10))
		return -EINVAL;
	return 0;
}

/* Install a new socket's file (dropping our reference): fd or -errno. */
static long
sys_sock_install(struct socket *so, bool cloexec)
{
	struct file *f = so->so_file;
	long fd = fd_install(sys_fs_fds(), f, 0, proc_fd_limit(), cloexec);

	file_put(f);
	return fd;
}

long
sys_socket(struct trap_frame *tf)
{
	long r = sys_socket_args(tf->rdi, tf->rsi);
	struct socket *so;

	if (r != 0)
		return r;
	if (tf->rdx > 0x7fffffff)
		return -EINVAL;
	r = sock_create((int)tf->rdi, (int)(tf->rsi & SOCK_TYPE_MASK),
	    (int)tf->rdx, (tf->rsi & SOCK_NONBLOCK) != 0, &so);
	if (r != 0)
		return r;
	return sys_sock_install(so, (tf->rsi & SOCK_CLOEXEC) != 0);
}

long
sys_socketpair(struct trap_frame *tf)
{
	long r = sys_socket_args(tf->rdi, tf->rsi);
	struct socket *a, *b;
	int fds[2];

	if (r != 0)
		return r;
	r = sock_create_pair((int)tf->rdi, (int)(tf->rsi & SOCK_TYPE_MASK),
	    (int)tf->rdx, (tf->rsi & SOCK_NONBLOCK) != 0, &a, &b);
	if (r != 0)
		return r;
	if ((fds[0] = (int)sys_sock_install(a, (tf->rsi & SOCK_CLOEXEC) !=
	    0)) < 0) {
		file_put(b->so_file);
		return fds[0];
	}
	if ((fds[1] = (int)sys_sock_install(b, (tf->rsi & SOCK_CLOEXEC) !=
	    0)) < 0) {
		fd_close(sys_fs_fds(), fds[0]);
		return fds[1];
	}
	if (copy_to_user((void *)tf->r10, fds, sizeof(fds)) != 0) {
		fd_close(sys_fs_fds(), fds[0]);
		fd_close(sys_fs_fds(), fds[1]);
		return -EFAULT;
	}
	return 0;
}

/* The socket at fd: -EBADF, -ENOTSOCK.  Not held: the call's fd is. */
static long
sys_sock_get(uint64_t fd, struct socket **out)
{
	struct file *f = fd_get_open(sys_fs_fds(), (int)fd);

	if (f == NULL)
		return -EBADF;
	if ((*out = sock_of_file(f)) == NULL)
		return -ENOTSOCK;
	return 0;
}

/* An address from the caller (Linux's move_addr_to_kernel). */
static long
sys_sock_addr_in(uint64_t uaddr, uint64_t ulen, struct sock_addr *a)
{
	if ((int)ulen < 0 || (int)ulen > SOCK_ADDR_MAX)
		return -EINVAL;
	a->sa_len = (uint32_t)(int)ulen;
	if (a->sa_len == 0)
		return 0;
	return copy_from_user(a->sa_data, (const void *)uaddr, a->sa_len) !=
	    0 ? -EFAULT : 0;
}

/* An address to the caller, *ulen its room then the full length. */
static long
sys_sock_addr_out(const struct sock_addr *a, uint64_t uaddr, uint64_t ulen)
{
	int len;

	if (copy_from_user(&len, (const void *)ulen, sizeof(len)) != 0)
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	if ((uint32_t)len > a->sa_len)
		len = (int)a->sa_len;
	if (len > 0 && copy_to_user((void *)uaddr, a->sa_data,
	    (size_t)len) != 0)
		return -EFAULT;
	len = (int)a->sa_len;
	return copy_to_user((void *)ulen, &len, sizeof(len)) != 0 ? -EFAULT :
	    0;
}

long
sys_bind(struct trap_frame *tf)
{
	struct sock_addr a;
	struct socket *so;
	long error;

	if ((error = sys_sock_get(tf->rdi, &so)) != 0 ||
	    (error = sys_sock_addr_in(tf->rsi, tf->rdx, &a)) != 0)
		return error;
	return sock_bind(so, &a);
}

long
sys_connect(struct trap_frame *tf)
{
	struct sock_addr a;
	struct socket *so;
	long error;

	if ((error = sys_sock_get(tf->rdi, &so)) != 0 ||
	    (error = sys_sock_addr_in(tf->rsi, tf->rdx, &a)) != 0)
		return error;
	return sock_connect(so, &a);
}

long
sys_listen(struct trap_frame *tf)
{
	struct socket *so;
	long error;

	if ((error = sys_sock_get(tf->rdi, &so)) != 0)
		return error;
	return sock_listen(so, (int)tf->rsi);
}

static long
sys_sock_accept(uint64_t fd, uint64_t uaddr, uint64_t ulen, uint64_t flags)
{
	struct socket *so, *child;
	struct sock_addr a;
	long error;

	if (flags & ~(uint64_t)(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	if ((error = sys_sock_get(fd, &so)) != 0)
		return error;
	if ((error = sock_accept(so, (uint32_t)flags, &child)) != 0)
		return error;
	if (uaddr != 0) {
		if ((error = sock_getname(child, &a, true)) != 0 ||
		    (error = sys_sock_addr_out(&a, uaddr, ulen)) != 0) {
			file_put(child->so_file);
			return error;
		}
	}
	return sys_sock_install(child, (flags & SOCK_CLOEXEC) != 0);
}

long
sys_accept(struct trap_frame *tf)
{
	return sys_sock_accept(tf->rdi, tf->rsi, tf->rdx, 0);
}

long
sys_accept4(struct trap_frame *tf)
{
	return sys_sock_accept(tf->rdi, tf->rsi, tf->rdx, tf->r10);
}

static long
sys_sock_name(struct trap_frame *tf, bool peer)
{
	struct sock_addr a;
	struct socket *so;
	long error;

	if ((error = sys_sock_get(tf->rdi, &so)) != 0 ||
	    (error = sock_getname(so, &a, peer)) != 0)
		return error;
	return sys_sock_addr_out(&a, tf->rsi, tf->rdx);
}

long
sys_getsockname(struct trap_frame *tf)
{
	return sys_sock_name(tf, false);
}

long
sys_getpeername(struct trap_frame *tf)
{
	return sys_sock_name(tf, true);
}

long
sys_shutdown(struct trap_frame *tf)
{
	struct socket *so;
	long error;

	if ((error = sys_sock_get(tf->rdi, &so)) != 0)
		return error;
	return sock_shutdown(so, (int)tf->rsi);
}

/* ---- options ---- */

long
sys_setsockopt(struct trap_frame *tf)
{
	uint8_t val[SYS_SOCK_OPT_MAX];
	struct socket *so;
	uint32_t len;
	long error;

	if ((error = sys_sock_get(tf->rdi, &so)) != 0)
		return error;
	if ((int)tf->r8 < 0)
		return -EINVAL;
	len = (uint32_t)tf->r8;
	if (len > sizeof(val))
		len = sizeof(val);
	if (len > 0 && copy_from_user(val, (const void *)tf->r10, len) != 0)
		return -EFAULT;
	return sock_setsockopt(so, (int)tf->rsi, (int)tf->rdx, val, len);
}

long
sys_getsockopt(struct trap_frame *tf)
{
	uint8_t val[SYS_SOCK_OPT_MAX];
	struct socket *so;
	uint32_t len;
	long error;
	int ulen;

	if ((error = sys_sock_get(tf->rdi, &so)) != 0)
		return error;
	if (copy_from_user(&ulen, (const void *)tf->r8, sizeof(ulen)) != 0)
		return -EFAULT;
	if (ulen < 0)
		return -EINVAL;
	len = (uint32_t)ulen < sizeof(val) ? (uint32_t)ulen : sizeof(val);
	memset(val, 0, sizeof(val));
	if ((error = sock_getsockopt(so, (int)tf->rsi, (int)tf->rdx, val,
	    &len)) != 0)
		return error;
	if (len > 0 && copy_to_user((void *)tf->r10, val, len) != 0)
		return -EFAULT;
	ulen = (int)len;
	return copy_to_user((void *)tf->r8, &ulen, sizeof(ulen)) != 0 ?
	    -EFAULT : 0;
}

/* ---- messages ---- */

/* struct msghdr and struct mmsghdr of the x86_64 ABI. */
struct sys_msghdr {
	uint64_t	 msg_name;
	uint32_t	 msg_namelen;
	uint32_t	 pad0;
	uint64_t	 msg_iov;
	uint64_t	 msg_iovlen;
	uint64_t	 msg_control;
	uint64_t	 msg_controllen;
	int32_t		 msg_flags;
	uint32_t	 pad1;
};

struct sys_mmsghdr {
	struct sys_msghdr msg_hdr;
	uint32_t	 msg_len;
	uint32_t	 pad;
};

/*
 * The iovecs of a message (Linux's import_iovec): -EMSGSIZE past
 * UIO_MAXIOV, -EINVAL for a length over SSIZE_MAX, -EFAULT for a range
 * outside user memory; the total is cut at MAX_RW_COUNT.  *out is
 * kmalloc'd (NULL for none).
 */
static long
sys_sock_iov(uint64_t uiov, uint64_t n, struct sock_msg *m,
    struct sock_iov **out)
{
	struct sock_iov *v;
	size_t total = 0;

	*out = NULL;
	m->sm_iov = NULL;
	m->sm_iovlen = 0;
	m->sm_len = 0;
	if (n > UIO_MAXIOV)
		return -EMSGSIZE;
	if (n == 0)
		return 0;
	if ((v = kmalloc(n * sizeof(*v))) == NULL)
		return -ENOMEM;
	if (copy_from_user(v, (const void *)uiov, n * sizeof(*v)) != 0) {
		kfree(v);
		return -EFAULT;
	}
	for (uint64_t i = 0; i < n; i++) {
		if ((int64_t)v[i].si_len < 0) {
			kfree(v);
			return -EINVAL;
		}
		if (v[i].si_len == 0)
			continue;
		if (!user_range_ok(v[i].si_base, v[i].si_len)) {
			kfree(v);
			return -EFAULT;
		}
		if (v[i].si_len > SYS_SOCK_RW_MAX - total)
			v[i].si_len = SYS_SOCK_RW_MAX - total;
		total += v[i].si_len;
	}
	m->sm_iov = v;
	m->sm_iovlen = n;
	m->sm_len = total;
	*out = v;
	return 0;
}

/* struct ucred's rules for what a sender may claim (Linux's). */
static long
sys_sock_check_cred(const struct sock_cred *c)
{
	struct proc *p = proc_current();
	const struct proc_cred *pc = &p->p_cred;

	if (c->sc_pid != p->p_pid && !proc_capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (c->sc_uid != pc->pc_uid && c->sc_uid != pc->pc_euid &&
	    c->sc_uid != pc->pc_suid && !proc_capable(CAP_SETUID))
		return -EPERM;
	if (c->sc_gid != pc->pc_gid && c->sc_gid != pc->pc_egid &&
	    c->sc_gid != pc->pc_sgid && !proc_capable(CAP_SETGID))
		return -EPERM;
	return 0;
}

/* The SOL_SOCKET control messages of a send, into scm (files held). */
static long
sys_sock_scm_in(struct socket *so, const void *ctl, size_t len,
    struct sock_scm *scm)
{
	struct sock_cmsghdr h;
	const void *data;
	size_t off = 0, dlen;
	long r;

	while ((r = sock_cmsg_next(ctl, len, &off, &h, &data, &dlen)) == 1) {
		if (h.cmsg_level != SOL_SOCKET)
			continue;
		/* A family that passes nothing ignores both, as Linux's
		 * inet sockets do. */
		if (!so->so_ops->po_scm_rights &&
		    (h.cmsg_type == SCM_RIGHTS ||
		    h.cmsg_type == SCM_CREDENTIALS))
			continue;
		if (h.cmsg_type == SCM_RIGHTS) {
			size_t n = dlen / sizeof(int);

			if (n == 0)
				continue;
			if (n > SCM_MAX_FD - scm->ss_nfiles)
				return -EINVAL;
			for (size_t i = 0; i < n; i++) {
				struct file *f;
				int fd;

				memcpy(&fd, (const char *)data + i * sizeof(int),
				    sizeof(fd));
				if ((f = fd_get_open(sys_fs_fds(), fd)) ==
				    NULL)
					return -EBADF;
				f->f_refs++;
				scm->ss_files[scm->ss_nfiles++] = f;
			}
		} else if (h.cmsg_type == SCM_CREDENTIALS) {
			if (dlen != sizeof(struct sock_cred))
				return -EINVAL;
			memcpy(&scm->ss_cred, data, sizeof(scm->ss_cred));
			if ((r = sys_sock_check_cred(&scm->ss_cred)) != 0)
				return r;
			scm->ss_has_cred = true;
		} else {
			return -EINVAL;
		}
	}
	return r;
}

/*
 * What came with a received message, as control messages into ctl
 * (size bytes): credentials if the socket asked for them, then
 * descriptors, installed as far as they fit (the rest closed, and
 * MSG_CTRUNC).  The bytes used.
 */
static size_t
sys_sock_scm_out(struct socket *so, struct sock_scm *scm, void *ctl,
    size_t size, int flags, int *oflags)
{
	size_t off = 0, room, max;
	unsigned int i, n = 0;
	int fds[SCM_MAX_FD];

	if (so->so_passcred && scm->ss_has_cred)
		sock_cmsg_put(ctl, size, &off, SOL_SOCKET, SCM_CREDENTIALS,
		    &scm->ss_cred, sizeof(scm->ss_cred), oflags);
	if (scm->ss_nfiles == 0)
		return off;
	room = size - off;
	max = room < SOCK_CMSG_HDR ? 0 : (room - SOCK_CMSG_HDR) / sizeof(int);
	for (i = 0; i < scm->ss_nfiles && n < max; i++) {
		long fd = fd_install(sys_fs_fds(), scm->ss_files[i], 0,
		    proc_fd_limit(), (flags & MSG_CMSG_CLOEXEC) != 0);

		if (fd < 0)
			break;
		fds[n++] = (int)fd;
	}
	if (n < scm->ss_nfiles)
		*oflags |= MSG_CTRUNC;
	if (n > 0) {
		int tmp = 0;

		/* n fit: the header says as many as went in. */
		sock_cmsg_put(ctl, size, &off, SOL_SOCKET, SCM_RIGHTS, fds,
		    n * sizeof(int), &tmp);
	}
	sock_scm_drop(scm);		/* installed ones hold their own */
	return off;
}

/* One sendmsg: bytes sent or -errno. */
static long
sys_sock_sendmsg(struct socket *so, const struct sys_msghdr *h, int flags)
{
	struct sock_iov *iov = NULL;
	struct sock_scm *scm = NULL;
	struct sock_msg m;
	void *ctl = NULL;
	long r;

	memset(&m, 0, sizeof(m));
	m.sm_flags = flags;
	if (h->msg_name != 0 && h->msg_namelen > 0) {
		if ((r = sys_sock_addr_in(h->msg_name, h->msg_namelen,
		    &m.sm_addr)) != 0)
			return r;
		m.sm_has_addr = true;
	}
	if (h->msg_controllen > 0x7fffffff)
		return -ENOBUFS;
	if (h->msg_controllen > 0) {
		if (h->msg_controllen > SYS_SOCK_OPTMEM)
			return -ENOBUFS;
		if ((ctl = kmalloc(h->msg_controllen)) == NULL)
			return -ENOBUFS;
		if (copy_from_user(ctl, (const void *)h->msg_control,
		    h->msg_controllen) != 0) {
			r = -EFAULT;
			goto out;
		}
		if ((scm = kzalloc(sizeof(*scm))) == NULL) {
			r = -ENOMEM;
			goto out;
		}
		if ((r = sys_sock_scm_in(so, ctl, h->msg_controllen, scm)) !=
		    0)
			goto out;
		m.sm_scm = scm;
	}
	if ((r = sys_sock_iov(h->msg_iov, h->msg_iovlen, &m, &iov)) != 0)
		goto out;
	r = sock_sendmsg(so, &m);
out:
	if (scm != NULL) {
		sock_scm_drop(scm);
		kfree(scm);
	}
	kfree(ctl);
	kfree(iov);
	return r;
}

/* One recvmsg into *h (its lengths and flags updated): bytes or -errno. */
static long
sys_sock_recvmsg(struct socket *so, struct sys_msghdr *h, int flags)
{
	struct sock_iov *iov = NULL;
	struct sock_scm *scm;
	struct sock_msg m;
	size_t csize = h->msg_controllen, used = 0;
	void *ctl = NULL;
	long r;

	if ((int32_t)h->msg_namelen < 0)
		return -EINVAL;
	memset(&m, 0, sizeof(m));
	m.sm_flags = flags;
	if ((scm = kzalloc(sizeof(*scm))) == NULL)
		return -ENOMEM;
	m.sm_scm = scm;
	if ((r = sys_sock_iov(h->msg_iov, h->msg_iovlen, &m, &iov)) != 0)
		goto out;
	r = sock_recvmsg(so, &m);
	if (r < 0)
		goto out;
	if (csize > SYS_SOCK_OPTMEM)
		csize = SYS_SOCK_OPTMEM;
	if (h->msg_control == 0)
		csize = 0;
	if ((scm->ss_has_cred && so->so_passcred) || scm->ss_nfiles > 0) {
		if (csize > 0 && (ctl = kzalloc(csize)) == NULL)
			csize = 0;
		used = sys_sock_scm_out(so, scm, ctl, csize, flags,
		    &m.sm_oflags);
		if (used > 0 && copy_to_user((void *)h->msg_control, ctl,
		    used) != 0) {
			r = -EFAULT;
			goto out;
		}
	}
	h->msg_controllen = used;
	h->msg_flags = m.sm_oflags | (flags & MSG_CMSG_CLOEXEC);
	if (h->msg_name != 0) {
		uint32_t n = m.sm_addr.sa_len;

		if (n > h->msg_namelen)
			n = h->msg_namelen;
		if (n > 0 && copy_to_user((void *)h->msg_name,
		    m.sm_addr.sa_data, n) != 0) {
			r = -EFAULT;
			goto out;
		}
		h->msg_namelen = m.sm_addr.sa_len;
	} else {
		h->msg_namelen = 0;
	}
out:
	sock_scm_drop(scm);
	kfree(scm);
	kfree(ctl);
	kfree(iov);
	return r;
}

long
sys_sendto(struct trap_frame *tf)
{
	struct sock_iov iov = { tf->rsi, tf->rdx };
	struct socket *so;
	long error;

	if ((error = sys_sock_get(tf->rdi, &so)) != 0)
		return error;
	if (tf->rdx > SYS_SOCK_RW_MAX)
		iov.si_len = SYS_SOCK_RW_MAX;
	if (iov.si_len > 0 && !user_range_ok(iov.si_base, iov.si_len))
		return -EFAULT;
	/* As a one-iovec sendmsg, from our copy of the iovec. */
	{
		struct sock_msg m;

		memset(&m, 0, sizeof(m));
		m.sm_flags = (int)tf->r10;
		m.sm_iov = &iov;
		m.sm_iovlen = 1;
		m.sm_len = iov.si_len;
		if (tf->r8 != 0 && (int)tf->r9 != 0) {
			if ((error = sys_sock_addr_in(tf->r8, tf->r9,
			    &m.sm_addr)) != 0)
				return error;
			m.sm_has_addr = true;
		}
		return sock_sendmsg(so, &m);
	}
}

long
sys_recvfrom(struct trap_frame *tf)
{
	struct sock_iov iov = { tf->rsi, tf->rdx };
	struct socket *so;
	struct sock_msg m;
	long n;

	if ((n = sys_sock_get(tf->rdi, &so)) != 0)
		return n;
	if (tf->rdx > SYS_SOCK_RW_MAX)
		iov.si_len = SYS_SOCK_RW_MAX;
	if (iov.si_len > 0 && !user_range_ok(iov.si_base, iov.si_len))
		return -EFAULT;
	memset(&m, 0, sizeof(m));
	m.sm_flags = (int)tf->r10;
	m.sm_iov = &iov;
	m.sm_iovlen = 1;
	m.sm_len = iov.si_len;
	if ((n = sock_recvmsg(so, &m)) >= 0 && tf->r8 != 0 && tf->r9 != 0) {
		long error = sys_sock_addr_out(&m.sm_addr, tf->r8, tf->r9);

		if (error != 0)
			return error;
	}
	return n;
}

long
sys_sendmsg(struct trap_frame *tf)
{
	struct sys_msghdr h;
	struct socket *so;
	long error;

	if ((error = sys_sock_get(tf->rdi, &so)) != 0)
		return error;
	if (copy_from_user(&h, (const void *)tf->rsi, sizeof(h)) != 0)
		return -EFAULT;
	return sys_sock_sendmsg(so, &h, (int)tf->rdx);
}

/* What recvmsg writes back: namelen, controllen, flags. */
static long
sys_sock_msghdr_out(uint64_t uh, const struct sys_msghdr *h)
{
	if (copy_to_user((void *)(uh + offsetof(struct sys_msghdr,
	    msg_namelen)), &h->msg_namelen, sizeof(h->msg_namelen)) != 0 ||
	    copy_to_user((void *)(uh + offsetof(struct sys_msghdr,
	    msg_controllen)), &h->msg_controllen,
	    sizeof(h->msg_controllen)) != 0 ||
	    copy_to_user((void *)(uh + offsetof(struct sys_msghdr,
	    msg_flags)), &h->msg_flags, sizeof(h->msg_flags)) != 0)
		return -EFAULT;
	return 0;
}

long
sys_recvmsg(struct trap_frame *tf)
{
	struct sys_msghdr h;
	struct socket *so;
	long n, error;

	if ((error = sys_sock_get(tf->rdi, &so)) != 0)
		return error;
	if (copy_from_user(&h, (const void *)tf->rsi, sizeof(h)) != 0)
		return -EFAULT;
	if ((n = sys_sock_recvmsg(so, &h, (int)tf->rdx)) < 0)
		return n;
	if ((error = sys_sock_msghdr_out(tf->rsi, &h)) != 0)
		return error;
	return n;
}

long
sys_sendmmsg(struct trap_frame *tf)
{
	uint64_t vlen = tf->rdx > UIO_MAXIOV ? UIO_MAXIOV : tf->rdx;
	struct sys_mmsghdr mh;
	struct socket *so;
	uint64_t i;
	long error, n = 0;

	if ((error = sys_sock_get(tf->rdi, &so)) != 0)
		return error;
	for (i = 0; i < vlen; i++) {
		uint64_t u = tf->rsi + i * sizeof(mh);
		uint32_t len;

		if (copy_from_user(&mh, (const void *)u, sizeof(mh)) != 0) {
			error = -EFAULT;
			break;
		}
		if ((n = sys_sock_sendmsg(so, &mh.msg_hdr, (int)tf->r10)) < 0) {
			error = n;
			break;
		}
		len = (uint32_t)n;
		if (copy_to_user((void *)(u + offsetof(struct sys_mmsghdr,
		    msg_len)), &len, sizeof(len)) != 0) {
			error = -EFAULT;
			break;
		}
	}
	return i > 0 ? (long)i : error;
}

struct sys_timespec {
	int64_t		 tv_sec;
	int64_t		 tv_nsec;
};

long
sys_recvmmsg(struct trap_frame *tf)
{
	uint64_t vlen = tf->rdx > UIO_MAXIOV ? UIO_MAXIOV : tf->rdx;
	int flags = (int)tf->r10;
	struct sys_mmsghdr mh;
	struct sys_timespec ts;
	struct socket *so;
	uint64_t i, deadline = 0;
	long error, n;

	if ((error = sys_sock_get(tf->rdi, &so)) != 0)
		return error;
	if (tf->r8 != 0) {
		if (copy_from_user(&ts, (const void *)tf->r8, sizeof(ts)) != 0)
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 ||
		    ts.tv_nsec >= 1000000000)
			return -EINVAL;
		deadline = sock_deadline((uint64_t)ts.tv_sec * 1000000000ULL +
		    (uint64_t)ts.tv_nsec);
		if (deadline == 0)
			deadline = 1;
	}
	for (i = 0; i < vlen; i++) {
		uint64_t u = tf->rsi + i * sizeof(mh);
		uint32_t len;

		if (copy_from_user(&mh, (const void *)u, sizeof(mh)) != 0) {
			error = -EFAULT;
			break;
		}
		if ((n = sys_sock_recvmsg(so, &mh.msg_hdr, flags)) < 0) {
			error = n;
			break;
		}
		len = (uint32_t)n;
		if (sys_sock_msghdr_out(u, &mh.msg_hdr) != 0 ||
		    copy_to_user((void *)(u + offsetof(struct sys_mmsghdr,
		    msg_len)), &len, sizeof(len)) != 0) {
			error = -EFAULT;
			break;
		}
		if (flags & MSG_WAITFORONE)
			flags |= MSG_DONTWAIT;
		if (deadline != 0 && sock_deadline(1) > deadline) {
			i++;
			break;
		}
	}
	if (i > 0)
		return (long)i;
	return error;
}
