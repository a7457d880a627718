/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Sockets, until the networking work brings address families: Linux's
 * answers for a kernel built with none.  socket and socketpair check
 * their type and flags, then refuse the family (EAFNOSUPPORT: musl's
 * name-service lookups take that to mean "no nscd" and read /etc);
 * every call on a descriptor answers EBADF for a bad one and ENOTSOCK
 * for the rest, since no descriptor can be a socket.
 */
#include <stdint.h>

#include <lib/errno.h>
#include <fs/file.h>
#include <kernel/proc/proc.h>
#include <syscall/sys.h>
#include <syscall/sys_fs.h>

#define SOCK_TYPE_MASK	0xf
#define SOCK_NONBLOCK	00004000
#define SOCK_CLOEXEC	02000000
#define AF_MAX		46		/* Linux 6.1's count of families */

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

long
sys_socket(struct trap_frame *tf)
{
	return sys_socket_args(tf->rdi, tf->rsi);
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
	return fd_get(sys_fs_fds(), (int)tf->rdi) == NULL ? -EBADF :
	    -ENOTSOCK;
}
