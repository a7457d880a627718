/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * AF_UNIX sockets (unix.c): stream, datagram and sequenced-packet
 * sockets between processes of this machine, named by a path (an
 * S_IFSOCK node in the VFS) or an abstract name, or unnamed
 * (socketpair).  Descriptors and credentials travel with the bytes.
 */
#ifndef NET_UNIX_H
#define NET_UNIX_H

#include <stddef.h>

/* At boot: register the family with the socket layer. */
void	unix_init(void);

/*
 * /proc/net/unix's text, line by line to put (called with interrupts
 * off: put must not sleep).
 */
void	unix_show(void (*put)(void *arg, const char *s, size_t len),
	    void *arg);

#endif /* NET_UNIX_H */
