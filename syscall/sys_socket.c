/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Sockets, until the networking work brings address families: Linux's
 * answers for a kernel built with none.  socket and socketpair check
 * their type and flags, then refuse the family (EAFNOSUPPORT: musl's
 * name-service lookups take that to mean "no nscd" and read /etc);
 * every call on a descriptor answers EBADF for a bad one or an O_PATH
 * handle, and ENOTSOCK for the rest, since no descriptor can be a
 * socket.
 */
#include <stdint.h>

#include <lib/errno.h>
#include <arch/x86_64/include/user.h>
#include <fs/file.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/ipc/nlsock.h>
#include <kernel/proc/proc.h>
#include <syscall/sys.h>
#include <syscall/sys_fs.h>

#define SOCK_TYPE_MASK	0xf
#define SOCK_NONBLOCK	00004000
#define SOCK_CLOEXEC	02000000
#define AF_MAX		46		/* Linux 6.1's count of families */
#define AF_NETLINK	16
#define SOCK_DGRAM	2
#define SOCK_RAW	3
#define NETLINK_ROUTE	0		/* the only protocol answered */
#define MSG_TRUNC	0x20
#define MSG_DONTWAIT	0x40
#define SYS_SOCKET_RECV_MAX	65536	/* a netlink receive, at most */

static long
sys_socket_args(uint64_t family, uint64_t type)
{
	uint64_t base = type & SOCK_TYPE_MASK;

	if (family >= AF_MAX)
		return -EAFNOSUPPORT;
	if ((type & ~(uint64_t)(SOCK_TYPE_MASK | SOCK_NONBLOCK |
	    SOCK_CLOEXEC)) != 0 || base < 1 || (base > 6 && base != 10))
		return -EINVAL;
	return -EAFNOSUPPORT;
}

/*
 * A netlink socket: what the kernel sends (kernel/ipc/nlsock.h), for now
 * only POSIX message queues' SIGEV_THREAD cookies, on the protocol the C
 * library opens for them; the other protocols (uevents, crypto...) are
 * not there (EPROTONOSUPPORT, as Linux without them).
 */
static long
sys_socket_netlink(uint64_t type, uint64_t protocol)
{
	uint64_t base = type & SOCK_TYPE_MASK;
	struct file *f;
	long fd;

	if (base != SOCK_RAW && base != SOCK_DGRAM)
		return -ESOCKTNOSUPPORT;
	if (protocol != NETLINK_ROUTE)
		return -EPROTONOSUPPORT;
	if ((f = nlsock_create((uint32_t)(type & SOCK_NONBLOCK))) == NULL)
		return -ENOMEM;
	fd = fd_install(sys_fs_fds(), f, 0, proc_fd_limit(),
	    (type & SOCK_CLOEXEC) != 0);
	file_put(f);
	return fd;
}

long
sys_socket(struct trap_frame *tf)
{
	long r = sys_socket_args(tf->rdi, tf->rsi);

	if (r == -EAFNOSUPPORT && tf->rdi == AF_NETLINK)
		return sys_socket_netlink(tf->rsi, tf->rdx);
	return r;
}

/* recvfrom: a netlink socket's datagram; for anything else ENOTSOCK. */
long
sys_recvfrom(struct trap_frame *tf)
{
	/* struct sockaddr_nl: the kernel (port 0) sent it. */
	static const uint16_t from[6] = { AF_NETLINK, 0, 0, 0, 0, 0 };
	size_t len = tf->rdx < SYS_SOCKET_RECV_MAX ? tf->rdx :
	    SYS_SOCKET_RECV_MAX;
	uint32_t alen;
	struct file *f;
	void *buf;
	long n;

	if ((f = fd_get_open(sys_fs_fds(), (int)tf->rdi)) == NULL)
		return -EBADF;
	if (!nlsock_is(f))
		return -ENOTSOCK;
	if (!user_range_ok(tf->rsi, len))
		return -EFAULT;
	if ((buf = kmalloc(len > 0 ? len : 1)) == NULL)
		return -ENOMEM;
	f->f_refs++;
	n = nlsock_recv(f, buf, len, (tf->r10 & MSG_DONTWAIT) != 0,
	    (tf->r10 & MSG_TRUNC) != 0);
	file_put(f);
	if (n >= 0 && copy_to_user((void *)tf->rsi, buf,
	    (size_t)n < len ? (size_t)n : len) != 0)
		n = -EFAULT;
	kfree(buf);
	if (n >= 0 && tf->r8 != 0 && tf->r9 != 0) {
		if (copy_from_user(&alen, (const void *)tf->r9,
		    sizeof(alen)) != 0)
			return -EFAULT;
		if (copy_to_user((void *)tf->r8, from, alen < sizeof(from) ?
		    alen : sizeof(from)) != 0)
			return -EFAULT;
		alen = sizeof(from);
		if (copy_to_user((void *)tf->r9, &alen, sizeof(alen)) != 0)
			return -EFAULT;
	}
	return n;
}

long
sys_socketpair(struct trap_frame *tf)
{
	return sys_socket_args(tf->rdi, tf->rsi);
}

/* bind, connect, listen, accept, send*, recv*, shutdown, *sockopt... */
long
sys_socket_fd(struct trap_frame *tf)
{
	return fd_get_open(sys_fs_fds(), (int)tf->rdi) == NULL ? -EBADF :
	    -ENOTSOCK;
}
