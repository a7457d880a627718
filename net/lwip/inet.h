/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * AF_INET sockets, TCP and UDP over IPv4, on lwIP (inet.c).
 */
#ifndef NET_LWIP_INET_H
#define NET_LWIP_INET_H

/* Once lwIP is up: the family answers socket(AF_INET, ...) from now on. */
void	inet_init(void);

#endif /* NET_LWIP_INET_H */
