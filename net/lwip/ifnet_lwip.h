/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * lwIP's interfaces, routes and sockets for net/ifnet.h (ifnet_lwip.c):
 * the SIOCGIF* ioctls, /proc/net and netlink see them through it.
 */
#ifndef NET_LWIP_IFNET_LWIP_H
#define NET_LWIP_IFNET_LWIP_H

/* Register with net/ifnet.h; call once the stack runs (net_lwip_init). */
void	ifnet_lwip_init(void);

#endif /* NET_LWIP_IFNET_LWIP_H */
