/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * An lwIP interface over a device of the net class (pv/common/pv_net.h),
 * whatever its driver (netif_pv.c): frames out through pv_net_send with
 * the pbuf chain as the scatter list, frames in from the class's receive
 * callback into pbufs handed to the tcpip thread.
 */
#ifndef NET_LWIP_NETIF_PV_H
#define NET_LWIP_NETIF_PV_H

#include <stdint.h>

struct pv_net;
struct ip_param;
struct netif;
struct netif_pv;

struct netif_pv_stats {
	uint64_t	nps_rx, nps_tx;		/* frames passed */
	uint64_t	nps_rx_drop;		/* no pbuf, or the stack's queue
						 * full */
	uint64_t	nps_tx_drop;		/* the device refused */
	uint64_t	nps_tx_bounce;		/* chains of more pieces than a
						 * send takes, copied first */
	uint64_t	nps_rx_bytes, nps_tx_bytes;	/* of those frames */
};

/*
 * Add an interface for n configured by p (ip_param.h), the default route
 * when def, and start taking n's frames.  Call with the stack running
 * (net_lwip_init) and without its core lock.  0 and *out, or -ENOMEM.
 */
int	netif_pv_attach(struct pv_net *n, const struct ip_param *p, int def,
	    struct netif_pv **out);

/*
 * Stop taking frames and remove the interface.  The caller makes sure
 * no receive callback of n is still running (its driver stopped, or the
 * callback ran in the caller's thread).
 */
void	netif_pv_detach(struct netif_pv *np);

struct netif *netif_pv_netif(struct netif_pv *np);
/* The interface's netif_pv, or NULL for another kind (the loopback). */
struct netif_pv *netif_pv_of(struct netif *netif);
struct pv_net *netif_pv_dev(const struct netif_pv *np);
void	netif_pv_stats(const struct netif_pv *np, struct netif_pv_stats *st);

#endif /* NET_LWIP_NETIF_PV_H */
