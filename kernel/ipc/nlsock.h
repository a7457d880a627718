/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Netlink sockets, as far as the kernel talks on them today: datagrams
 * the kernel queues for a socket (POSIX message queues' SIGEV_THREAD
 * cookies, which the C library's helper thread waits for) and that the
 * socket's reader receives whole, oldest first, blocking while none
 * waits.  Nothing is sent from user space yet and no protocol family
 * (routing, uevents) answers.  Readable while a datagram waits.
 */
#ifndef KERNEL_IPC_NLSOCK_H
#define KERNEL_IPC_NLSOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct file;

/*
 * A new netlink socket; flags are O_NONBLOCK (kept in the file).  A
 * file with one reference, or NULL (no memory).
 */
struct file *nlsock_create(uint32_t flags);

/* Is f a netlink socket? */
bool	nlsock_is(const struct file *f);

/*
 * Receive the oldest datagram into buf (kernel memory), cut to len:
 * its whole length if trunc, else the bytes copied.  Waits unless
 * nonblock or O_NONBLOCK: -EAGAIN, or -ERESTARTSYS for a signal.
 */
long	nlsock_recv(struct file *f, void *buf, size_t len, bool nonblock,
	    bool trunc);

/* Queue a copy of len bytes for f's reader: 0 or -ENOMEM.  IRQ-safe. */
int	nlsock_deliver(struct file *f, const void *data, size_t len);

#endif /* KERNEL_IPC_NLSOCK_H */
