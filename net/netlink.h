/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * AF_NETLINK sockets (netlink.c), a family of the socket layer: protocol
 * NETLINK_ROUTE, whose requests for the interfaces, addresses and routes
 * (RTM_GETLINK, RTM_GETADDR, RTM_GETROUTE) the kernel answers from
 * net/ifnet.h, and on which the kernel also sends datagrams of its own
 * (POSIX message queues' SIGEV_THREAD cookies).
 */
#ifndef NET_NETLINK_H
#define NET_NETLINK_H

#include <stdbool.h>
#include <stddef.h>

struct file;

/* At boot: register the family with the socket layer. */
void	netlink_init(void);

/* Is f a netlink socket? */
bool	netlink_is(const struct file *f);

/*
 * Queue a copy of len bytes for the reader of netlink socket f (a
 * datagram from the kernel): 0, -ENOMEM, or -EINVAL if f is none.
 * Interrupts off or on.
 */
int	netlink_deliver(struct file *f, const void *data, size_t len);

#endif /* NET_NETLINK_H */
