/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * lwIP's interfaces, routes and sockets as net/ifnet.h lists them for
 * the ioctls, /proc/net and netlink.  Every look at lwIP's state is made
 * under its core lock.  Names are Linux's: lwIP's loopback ("lo", its
 * interface 1) is lo, the interface over the net class's device netN is
 * ethN.  lwIP has no routing table: a route per interface subnet, and
 * the default route through the default interface's gateway.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/fmt.h>
#include <lib/string.h>
#include <pv/common/pv_net.h>
#include <net/ifnet.h>
#include <net/lwip/ifnet_lwip.h>
#include <net/lwip/netif_pv.h>

#include "lwip/opt.h"
#include "lwip/netif.h"
#include "lwip/tcp.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/tcpip.h"
#include "lwip/udp.h"

#define IFNET_LWIP_AF_INET	2
#define IFNET_LWIP_TXQLEN	1000	/* Linux's default queue length */
#define IFNET_LWIP_LO_MTU	65536	/* Linux's lo (lwIP's is 0: none) */
#define IFNET_LWIP_MAX		16	/* interfaces listed, at most */

static bool
ifnet_lwip_is_lo(const struct netif *netif)
{
	return netif->name[0] == 'l' && netif->name[1] == 'o';
}

/* The nth interface by index; core lock held. */
static struct netif *
ifnet_lwip_nth(unsigned int nth)
{
	struct netif *list[IFNET_LWIP_MAX], *netif;
	unsigned int n = 0;

	NETIF_FOREACH(netif) {
		unsigned int i = n;

		if (n == IFNET_LWIP_MAX)
			break;
		/* Insert in index order (lwIP lists the newest first). */
		while (i > 0 && list[i - 1]->num > netif->num) {
			list[i] = list[i - 1];
			i--;
		}
		list[i] = netif;
		n++;
	}
	return nth < n ? list[nth] : NULL;
}

static struct netif *
ifnet_lwip_by_index(int index)
{
	struct netif *netif;

	NETIF_FOREACH(netif)
		if (netif_get_index(netif) == index)
			return netif;
	return NULL;
}

/* The ethN unit of a net-class device ("netN"). */
static unsigned int
ifnet_lwip_unit(const struct pv_net *n)
{
	const char *s = pv_net_name(n);
	unsigned int u = 0;

	while (*s != '\0' && (*s < '0' || *s > '9'))
		s++;
	while (*s >= '0' && *s <= '9')
		u = u * 10 + (unsigned int)(*s++ - '0');
	return u;
}

static void
ifnet_lwip_info(struct netif *netif, struct ifnet_info *ii)
{
	struct netif_pv *np = netif_pv_of(netif);

	ii->ii_index = netif_get_index(netif);
	ii->ii_addr = lwip_ntohl(ip4_addr_get_u32(netif_ip4_addr(netif)));
	ii->ii_mask = lwip_ntohl(ip4_addr_get_u32(netif_ip4_netmask(netif)));
	ii->ii_bcast = ii->ii_addr == 0 ? 0 : ii->ii_addr | ~ii->ii_mask;
	ii->ii_txqlen = IFNET_LWIP_TXQLEN;
	if (netif_is_up(netif))
		ii->ii_flags |= IFF_UP;
	if (ifnet_lwip_is_lo(netif)) {
		fmt_snprintf(ii->ii_name, sizeof(ii->ii_name), "lo");
		ii->ii_type = ARPHRD_LOOPBACK;
		ii->ii_mtu = IFNET_LWIP_LO_MTU;
		ii->ii_flags |= IFF_LOOPBACK;
		if (netif_is_up(netif))
			ii->ii_flags |= IFF_RUNNING;
		ii->ii_bcast = 0;
		/* lwIP's own counters (MIB2_STATS): what lo looped. */
		ii->ii_st.is_rx_packets = netif->mib2_counters.ifinucastpkts +
		    netif->mib2_counters.ifinnucastpkts;
		ii->ii_st.is_rx_bytes = netif->mib2_counters.ifinoctets;
		ii->ii_st.is_rx_drop = netif->mib2_counters.ifindiscards;
		ii->ii_st.is_tx_packets = netif->mib2_counters.ifoutucastpkts +
		    netif->mib2_counters.ifoutnucastpkts;
		ii->ii_st.is_tx_bytes = netif->mib2_counters.ifoutoctets;
		ii->ii_st.is_tx_drop = netif->mib2_counters.ifoutdiscards;
		return;
	}
	ii->ii_type = ARPHRD_ETHER;
	ii->ii_mtu = netif->mtu;
	memcpy(ii->ii_hwaddr, netif->hwaddr, sizeof(ii->ii_hwaddr));
	ii->ii_flags |= IFF_BROADCAST | IFF_MULTICAST;
	if (netif_is_up(netif) && netif_is_link_up(netif))
		ii->ii_flags |= IFF_RUNNING;
	if (np != NULL) {
		struct netif_pv_stats st;

		fmt_snprintf(ii->ii_name, sizeof(ii->ii_name), "eth%u",
		    ifnet_lwip_unit(netif_pv_dev(np)));
		netif_pv_stats(np, &st);
		ii->ii_st.is_rx_packets = st.nps_rx;
		ii->ii_st.is_rx_bytes = st.nps_rx_bytes;
		ii->ii_st.is_rx_drop = st.nps_rx_drop +
		    pv_net_rx_dropped(netif_pv_dev(np));
		ii->ii_st.is_tx_packets = st.nps_tx;
		ii->ii_st.is_tx_bytes = st.nps_tx_bytes;
		ii->ii_st.is_tx_drop = st.nps_tx_drop;
	} else {
		fmt_snprintf(ii->ii_name, sizeof(ii->ii_name), "%c%c%u",
		    netif->name[0], netif->name[1], netif->num);
	}
}

static int
ifnet_lwip_get(unsigned int nth, struct ifnet_info *ii)
{
	struct netif *netif;

	LOCK_TCPIP_CORE();
	if ((netif = ifnet_lwip_nth(nth)) != NULL)
		ifnet_lwip_info(netif, ii);
	UNLOCK_TCPIP_CORE();
	return netif != NULL ? 0 : -ENODEV;
}

/* The routes: the default one first, as Linux lists its main table. */
static int
ifnet_lwip_route(unsigned int nth, struct ifnet_route *ro)
{
	struct netif *def, *netif;
	unsigned int i = 0;
	int error = -ENOENT;

	LOCK_TCPIP_CORE();
	def = netif_default;
	if (def != NULL && netif_is_up(def) && !ip4_addr_isany_val(
	    *netif_ip4_gw(def)) && !ip4_addr_isany_val(*netif_ip4_addr(def))) {
		if (nth == i++) {
			ro->ir_index = netif_get_index(def);
			ro->ir_gw = lwip_ntohl(ip4_addr_get_u32(
			    netif_ip4_gw(def)));
			ro->ir_src = lwip_ntohl(ip4_addr_get_u32(
			    netif_ip4_addr(def)));
			ro->ir_flags = RTF_UP | RTF_GATEWAY;
			error = 0;
		}
	}
	for (unsigned int k = 0; error != 0 &&
	    (netif = ifnet_lwip_nth(k)) != NULL; k++) {
		uint32_t a = lwip_ntohl(ip4_addr_get_u32(
		    netif_ip4_addr(netif)));
		uint32_t m = lwip_ntohl(ip4_addr_get_u32(
		    netif_ip4_netmask(netif)));

		if (ifnet_lwip_is_lo(netif) || a == 0 || !netif_is_up(netif))
			continue;
		if (nth != i++)
			continue;
		ro->ir_index = netif_get_index(netif);
		ro->ir_dst = a & m;
		ro->ir_mask = m;
		ro->ir_src = a;
		ro->ir_flags = RTF_UP;
		error = 0;
	}
	UNLOCK_TCPIP_CORE();
	return error;
}

/*
 * As Linux drops the routes an address change leaves unreachable: the
 * gateway goes when the interface has no address or it is off the
 * interface's subnet.  Core lock held.
 */
static void
ifnet_lwip_gw_check(struct netif *netif)
{
	uint32_t a = ip4_addr_get_u32(netif_ip4_addr(netif));
	uint32_t m = ip4_addr_get_u32(netif_ip4_netmask(netif));
	uint32_t g = ip4_addr_get_u32(netif_ip4_gw(netif));

	if (g != 0 && (a == 0 || (g & m) != (a & m)))
		netif_set_gw(netif, IP4_ADDR_ANY4);
}

static int
ifnet_lwip_set(int index, enum ifnet_what what, uint32_t val)
{
	struct netif_pv *np;
	struct netif *netif;
	ip4_addr_t a;
	int error = 0;

	ip4_addr_set_u32(&a, lwip_htonl(val));
	LOCK_TCPIP_CORE();
	if ((netif = ifnet_lwip_by_index(index)) == NULL) {
		UNLOCK_TCPIP_CORE();
		return -ENODEV;
	}
	switch (what) {
	case IFNET_SET_ADDR:
		netif_set_ipaddr(netif, &a);
		ifnet_lwip_gw_check(netif);
		break;
	case IFNET_SET_MASK:
		netif_set_netmask(netif, &a);
		ifnet_lwip_gw_check(netif);
		break;
	case IFNET_SET_UP:
		if (val)
			netif_set_up(netif);
		else
			netif_set_down(netif);
		break;
	case IFNET_SET_MTU:
		np = netif_pv_of(netif);
		if (np == NULL || val > pv_net_mtu(netif_pv_dev(np)))
			error = -EINVAL;
		else
			netif->mtu = (u16_t)val;
		break;
	case IFNET_SET_GW:
		if (ifnet_lwip_is_lo(netif)) {
			error = -EINVAL;
			break;
		}
		netif_set_gw(netif, &a);
		if (val != 0)
			netif_set_default(netif);
		else if (netif_default == netif)
			netif_set_default(NULL);
		break;
	}
	UNLOCK_TCPIP_CORE();
	return error;
}

/* ---- /proc/net/tcp and udp ---- */

/* Linux's TCP_* state numbers, by lwIP's enum tcp_state. */
static const uint8_t ifnet_lwip_tcp_state[] = {
	[CLOSED] = 7, [LISTEN] = 10, [SYN_SENT] = 2, [SYN_RCVD] = 3,
	[ESTABLISHED] = 1, [FIN_WAIT_1] = 4, [FIN_WAIT_2] = 5,
	[CLOSE_WAIT] = 8, [CLOSING] = 11, [LAST_ACK] = 9, [TIME_WAIT] = 6,
};

struct ifnet_lwip_out {
	ifnet_put_fn	 put;
	void		*arg;
	unsigned int	 sl;
	int		 width;		/* lines are padded to it */
};

static void
ifnet_lwip_line(struct ifnet_lwip_out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
ifnet_lwip_line(struct ifnet_lwip_out *o, const char *fmt, ...)
{
	char line[200];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	while (n < o->width)
		line[n++] = ' ';
	line[n++] = '\n';
	o->put(o->arg, line, (size_t)n);
}

/*
 * One socket's line.  Addresses print as Linux's: the address's bytes
 * in memory as one %08X, the port in host order.  The owner and inode
 * are not known to lwIP's PCBs: 0 (as Linux shows for TIME_WAIT).
 */
static void
ifnet_lwip_tcp_line(struct ifnet_lwip_out *o, uint32_t la, uint16_t lp,
    uint32_t ra, uint16_t rp, int state, uint32_t txq, uint32_t rxq)
{
	ifnet_lwip_line(o, "%4u: %08X:%04X %08X:%04X %02X %08X:%08X "
	    "00:00000000 00000000 %5u %8d %lu 1 0000000000000000 100 0 0 10 0",
	    o->sl++, la, lp, ra, rp, ifnet_lwip_tcp_state[state], txq, rxq,
	    0, 0, 0UL);
}

static void
ifnet_lwip_tcp_pcb(struct ifnet_lwip_out *o, const struct tcp_pcb *pcb)
{
	uint32_t txq = 0, rxq = 0;

	if (pcb->state != TIME_WAIT) {
		txq = pcb->snd_lbb - pcb->lastack;
		rxq = TCP_WND_MAX(pcb) > pcb->rcv_wnd ?
		    TCP_WND_MAX(pcb) - pcb->rcv_wnd : 0;
	}
	ifnet_lwip_tcp_line(o, ip4_addr_get_u32(ip_2_ip4(&pcb->local_ip)),
	    pcb->local_port, ip4_addr_get_u32(ip_2_ip4(&pcb->remote_ip)),
	    pcb->remote_port, pcb->state, txq, rxq);
}

static void
ifnet_lwip_show(enum ifnet_table t, ifnet_put_fn put, void *arg)
{
	struct ifnet_lwip_out o = { put, arg, 0, t == IFNET_TABLE_TCP ?
	    149 : 127 };
	const struct tcp_pcb_listen *l;
	const struct tcp_pcb *pcb;
	const struct udp_pcb *u;

	if (t == IFNET_TABLE_TCP) {
		ifnet_lwip_line(&o, "  sl  local_address rem_address   st "
		    "tx_queue rx_queue tr tm->when retrnsmt   uid  timeout "
		    "inode");
		LOCK_TCPIP_CORE();
		/* A listener's receive queue: connections not accepted. */
		for (l = tcp_listen_pcbs.listen_pcbs; l != NULL; l = l->next)
			ifnet_lwip_tcp_line(&o, ip4_addr_get_u32(ip_2_ip4(
			    &l->local_ip)), l->local_port, 0, 0, LISTEN, 0,
			    l->accepts_pending);
		for (pcb = tcp_active_pcbs; pcb != NULL; pcb = pcb->next)
			ifnet_lwip_tcp_pcb(&o, pcb);
		for (pcb = tcp_tw_pcbs; pcb != NULL; pcb = pcb->next)
			ifnet_lwip_tcp_pcb(&o, pcb);
		UNLOCK_TCPIP_CORE();
		return;
	}
	ifnet_lwip_line(&o, "   sl  local_address rem_address   st tx_queue "
	    "rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer "
	    "drops");
	LOCK_TCPIP_CORE();
	for (u = udp_pcbs; u != NULL; u = u->next) {
		bool conn = (u->flags & UDP_FLAGS_CONNECTED) != 0;

		ifnet_lwip_line(&o, "%5u: %08X:%04X %08X:%04X %02X "
		    "00000000:00000000 00:00000000 00000000 %5u %8d %lu 2 "
		    "0000000000000000 0", o.sl++,
		    ip4_addr_get_u32(ip_2_ip4(&u->local_ip)), u->local_port,
		    conn ? ip4_addr_get_u32(ip_2_ip4(&u->remote_ip)) : 0,
		    conn ? u->remote_port : 0, conn ? 1 : 7, 0, 0, 0UL);
	}
	UNLOCK_TCPIP_CORE();
}

static const struct ifnet_ops ifnet_lwip_ops = {
	.io_family = IFNET_LWIP_AF_INET,
	.io_get = ifnet_lwip_get,
	.io_route = ifnet_lwip_route,
	.io_set = ifnet_lwip_set,
	.io_show = ifnet_lwip_show,
};

void
ifnet_lwip_init(void)
{
	ifnet_register(&ifnet_lwip_ops);
}
