/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The kernel's TCP/IP stack: lwIP (CONFIG_LWIP), started at boot with its
 * tcpip thread, the loopback interface (127.0.0.1) and, when the machine
 * has a network device, an interface on net0 configured from the command
 * line's ip= (see net_lwip.c).  Callers then use lwIP's netconn API,
 * taking its core lock (LOCK_TCPIP_CORE) for raw core calls.
 */
#ifndef NET_LWIP_NET_LWIP_H
#define NET_LWIP_NET_LWIP_H

#include <stdbool.h>

/* Start the stack (once, at boot, with threads running). */
void	net_lwip_init(const char *cmdline);

/* The stack runs (net_lwip_init done). */
bool	net_lwip_ready(void);

#endif /* NET_LWIP_NET_LWIP_H */
