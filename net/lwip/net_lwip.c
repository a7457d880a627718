/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Starting lwIP (net_lwip.h): tcpip_init runs lwip_init in the calling
 * thread, which also adds the loopback interface (127.0.0.1/8), then
 * starts the tcpip thread, which reports back through the semaphore.
 * Then net0, if the machine has one, gets an interface (netif_pv.c), the
 * default route, configured by ip= (ip_param.h): without ip=, by DHCP,
 * which is what a guest on a virtual network most often wants; a bad
 * ip= is reported and leaves the interface without an address rather
 * than guess.  When DHCP binds (or rebinds to another address), the
 * interface's status callback logs the address it got.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/cmdline.h>
#include <pv/common/pv_net.h>
#include <kernel/log/printk.h>
#include <net/lwip/ifnet_lwip.h>
#include <net/lwip/inet.h>
#include <net/lwip/ip_param.h>
#include <net/lwip/net_lwip.h>
#include <net/lwip/netif_pv.h>

#include "lwip/opt.h"
#include "lwip/dhcp.h"
#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/sys.h"
#include "lwip/tcpip.h"

static bool net_lwip_up;
static struct netif_pv *net_lwip_net0;
static struct pv_net *net_lwip_dev;	/* net0, under net_lwip_net0 */
static uint32_t net_lwip_dhcp_logged;	/* the address last logged */

/*
 * lwIP's status callback (tcpip thread, or with the core lock held):
 * log an address DHCP supplied, once per address.
 */
static void
net_lwip_status(struct netif *nif)
{
	uint32_t a, m, g;
	unsigned int prefix = 0;

	if (!dhcp_supplied_address(nif))
		return;
	a = lwip_ntohl(ip4_addr_get_u32(netif_ip4_addr(nif)));
	if (a == 0 || a == net_lwip_dhcp_logged)
		return;
	net_lwip_dhcp_logged = a;
	m = lwip_ntohl(ip4_addr_get_u32(netif_ip4_netmask(nif)));
	g = lwip_ntohl(ip4_addr_get_u32(netif_ip4_gw(nif)));
	for (; prefix < 32 && (m << prefix & 0x80000000u); prefix++)
		;
	if (g == 0)	/* no router option (QEMU's restricted network) */
		pr_info("lwip: %s %u.%u.%u.%u/%u gateway none by DHCP\n",
		    pv_net_name(net_lwip_dev), a >> 24, a >> 16 & 255,
		    a >> 8 & 255, a & 255, prefix);
	else
		pr_info("lwip: %s %u.%u.%u.%u/%u gateway %u.%u.%u.%u by "
		    "DHCP\n", pv_net_name(net_lwip_dev), a >> 24,
		    a >> 16 & 255, a >> 8 & 255, a & 255, prefix, g >> 24,
		    g >> 16 & 255, g >> 8 & 255, g & 255);
}

static void
net_lwip_started(void *arg)
{
	sys_sem_signal(arg);
}

void
net_lwip_init(const char *cmdline)
{
	struct ip_param ip = { .ip_mode = IP_PARAM_DHCP };
	sys_sem_t started;
	struct pv_net *n;
	char v[64];
	int error;

	if (cmdline_get(cmdline, "ip", v, sizeof(v)) &&
	    ip_param_parse(v, &ip) != 0) {
		pr_warn("lwip: bad ip=%s (want dhcp, off, ADDR/PREFIX or "
		    "ADDR/PREFIX:GATEWAY); no address\n", v);
		ip.ip_mode = IP_PARAM_OFF;
	}
	sys_sem_new(&started, 0);
	tcpip_init(net_lwip_started, &started);
	sys_arch_sem_wait(&started, 0);
	sys_sem_free(&started);
	net_lwip_up = true;
	inet_init();
	ifnet_lwip_init();
	pr_info("lwip: %s up, lo 127.0.0.1\n", LWIP_VERSION_STRING);
	if ((n = pv_net_get(0)) == NULL)
		return;
	net_lwip_dev = n;
	if ((error = netif_pv_attach(n, &ip, 1, &net_lwip_net0)) != 0) {
		pr_err("lwip: %s: no interface (%d)\n", pv_net_name(n), error);
		return;
	}
	if (ip.ip_mode == IP_PARAM_STATIC)
		pr_info("lwip: %s %u.%u.%u.%u/%u gateway %u.%u.%u.%u\n",
		    pv_net_name(n), ip.ip_addr >> 24, ip.ip_addr >> 16 & 255,
		    ip.ip_addr >> 8 & 255, ip.ip_addr & 255, ip.ip_prefix,
		    ip.ip_gw >> 24, ip.ip_gw >> 16 & 255, ip.ip_gw >> 8 & 255,
		    ip.ip_gw & 255);
	else
		pr_info("lwip: %s %s\n", pv_net_name(n),
		    ip.ip_mode == IP_PARAM_DHCP ? "by DHCP" : "no address");
	if (ip.ip_mode == IP_PARAM_DHCP) {
		struct netif *nif = netif_pv_netif(net_lwip_net0);

		/* DHCP may have bound already: the callback sees to both. */
		LOCK_TCPIP_CORE();
		netif_set_status_callback(nif, net_lwip_status);
		net_lwip_status(nif);
		UNLOCK_TCPIP_CORE();
	}
}

bool
net_lwip_ready(void)
{
	return net_lwip_up;
}
