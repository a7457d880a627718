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
 * than guess.
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
#include "lwip/init.h"
#include "lwip/sys.h"
#include "lwip/tcpip.h"

static bool net_lwip_up;
static struct netif_pv *net_lwip_net0;

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
}

bool
net_lwip_ready(void)
{
	return net_lwip_up;
}
