/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* An lwIP interface over a net-class device (see netif_pv.h). */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <pv/common/pv_net.h>
#include <kernel/log/printk.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/thread.h>
#include <net/lwip/ip_param.h>
#include <net/lwip/netif_pv.h>

#include "lwip/opt.h"
#include "lwip/dhcp.h"
#include "lwip/etharp.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/sys.h"
#include "lwip/tcpip.h"
#include "netif/ethernet.h"

/* Tries of a send the device's full ring refuses, yielding between. */
#define NETIF_PV_SEND_TRIES	64

struct netif_pv {
	struct netif		 np_netif;
	struct pv_net		*np_dev;
	bool			 np_dhcp;
	struct netif_pv_stats	 np_st;
};

static err_t
netif_pv_send(struct netif_pv *np, const struct pv_iov *iov, unsigned int niov)
{
	size_t len = 0;
	int r = -EAGAIN;

	for (unsigned int i = 0; i < niov; i++)
		len += iov[i].iov_len;

	for (int i = 0; i < NETIF_PV_SEND_TRIES && r == -EAGAIN; i++) {
		if (i > 0)
			thread_yield();	/* the driver's thread frees slots */
		r = pv_net_send(np->np_dev, iov, niov);
	}
	if (r == 0) {
		np->np_st.nps_tx++;
		np->np_st.nps_tx_bytes += len;
		return ERR_OK;
	}
	np->np_st.nps_tx_drop++;
	return r == -EAGAIN ? ERR_MEM : r == -ENETDOWN ? ERR_IF : ERR_VAL;
}

/*
 * lwIP's linkoutput: the frame is the chain p; each pbuf one piece of
 * the scatter list, unless there are more than a send takes (then one
 * copy).  TCP keeps what it sent until acknowledged, so a frame the
 * device refuses is retransmitted, not lost.
 */
static err_t
netif_pv_output(struct netif *netif, struct pbuf *p)
{
	struct netif_pv *np = netif->state;
	struct pv_iov iov[PV_NET_IOV_MAX];
	unsigned int niov = 0;
	struct pbuf *q;
	err_t err;

	for (q = p; q != NULL && niov < PV_NET_IOV_MAX; q = q->next)
		if (q->len != 0)
			iov[niov++] = (struct pv_iov){ q->payload, q->len };
	if (q == NULL)
		return netif_pv_send(np, iov, niov);
	/* A long chain: one contiguous copy. */
	void *buf = kmalloc(p->tot_len);

	if (buf == NULL) {
		np->np_st.nps_tx_drop++;
		return ERR_MEM;
	}
	np->np_st.nps_tx_bounce++;
	pbuf_copy_partial(p, buf, p->tot_len, 0);
	iov[0] = (struct pv_iov){ buf, p->tot_len };
	err = netif_pv_send(np, iov, 1);
	kfree(buf);
	return err;
}

/*
 * A frame from the device (the class checked its length), in the
 * driver's thread: into a pbuf, then through the stack under the core
 * lock (LWIP_TCPIP_CORE_LOCKING_INPUT).
 */
static void
netif_pv_input(void *arg, const void *frame, size_t len)
{
	struct netif_pv *np = arg;
	struct pbuf *p;

	if (len > 0xffff ||
	    (p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL)) == NULL) {
		np->np_st.nps_rx_drop++;
		return;
	}
	(void)pbuf_take(p, frame, (u16_t)len);
	if (np->np_netif.input(p, &np->np_netif) != ERR_OK) {
		pbuf_free(p);
		np->np_st.nps_rx_drop++;
		return;
	}
	np->np_st.nps_rx++;
	np->np_st.nps_rx_bytes += len;
}

/* netif_add's init: the device's address, MTU and link. */
static err_t
netif_pv_init(struct netif *netif)
{
	struct netif_pv *np = netif->state;

	netif->name[0] = 'e';
	netif->name[1] = 'n';
	netif->output = etharp_output;
	netif->linkoutput = netif_pv_output;
	netif->hwaddr_len = ETH_HWADDR_LEN;
	pv_net_addr(np->np_dev, netif->hwaddr);
	netif->mtu = (u16_t)pv_net_mtu(np->np_dev);
	netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP |
	    NETIF_FLAG_ETHERNET;
	return ERR_OK;
}

int
netif_pv_attach(struct pv_net *n, const struct ip_param *p, int def,
    struct netif_pv **out)
{
	struct netif_pv *np = kzalloc(sizeof(*np));
	ip4_addr_t addr, mask, gw;
	bool ok;

	if (np == NULL)
		return -ENOMEM;
	np->np_dev = n;
	ip4_addr_set_zero(&addr);
	ip4_addr_set_zero(&mask);
	ip4_addr_set_zero(&gw);
	if (p->ip_mode == IP_PARAM_STATIC) {
		ip4_addr_set_u32(&addr, lwip_htonl(p->ip_addr));
		ip4_addr_set_u32(&mask, lwip_htonl(p->ip_mask));
		ip4_addr_set_u32(&gw, lwip_htonl(p->ip_gw));
	}
	LOCK_TCPIP_CORE();
	ok = netif_add(&np->np_netif, &addr, &mask, &gw, np, netif_pv_init,
	    tcpip_input) != NULL;
	if (ok) {
		if (def)
			netif_set_default(&np->np_netif);
		netif_set_up(&np->np_netif);
		if (pv_net_link_up(n))
			netif_set_link_up(&np->np_netif);
		if (p->ip_mode == IP_PARAM_DHCP)
			np->np_dhcp = dhcp_start(&np->np_netif) == ERR_OK;
	}
	UNLOCK_TCPIP_CORE();
	if (!ok) {
		kfree(np);
		return -ENOMEM;
	}
	pv_net_set_rx(n, netif_pv_input, np);
	*out = np;
	return 0;
}

static void
netif_pv_flushed(void *arg)
{
	sys_sem_signal(arg);
}

void
netif_pv_detach(struct netif_pv *np)
{
	sys_sem_t flushed;

	/*
	 * No more frames (pv_net_set_rx returns once no delivery is under
	 * way); any still queued for the tcpip thread (a loopback, a
	 * callback) name this interface, so wait until it has taken them
	 * (its queue is first in, first out) before removing it.
	 */
	pv_net_set_rx(np->np_dev, NULL, NULL);
	if (sys_sem_new(&flushed, 0) == ERR_OK &&
	    tcpip_callback(netif_pv_flushed, &flushed) == ERR_OK)
		(void)sys_arch_sem_wait(&flushed, 0);
	sys_sem_free(&flushed);
	LOCK_TCPIP_CORE();
	if (np->np_dhcp)
		dhcp_release_and_stop(&np->np_netif);
	netif_remove(&np->np_netif);
	if (np->np_dhcp)
		dhcp_cleanup(&np->np_netif);
	UNLOCK_TCPIP_CORE();
	kfree(np);
}

struct netif *
netif_pv_netif(struct netif_pv *np)
{
	return &np->np_netif;
}

struct netif_pv *
netif_pv_of(struct netif *netif)
{
	return netif->linkoutput == netif_pv_output ? netif->state : NULL;
}

struct pv_net *
netif_pv_dev(const struct netif_pv *np)
{
	return np->np_dev;
}

void
netif_pv_stats(const struct netif_pv *np, struct netif_pv_stats *st)
{
	*st = np->np_st;
}
