/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Starting lwIP (net_lwip.h): tcpip_init runs lwip_init in the calling
 * thread, which also adds the loopback interface (127.0.0.1/8), then
 * starts the tcpip thread, which reports back through the semaphore.
 */
#include <stdbool.h>
#include <stdint.h>

#include <kernel/log/printk.h>
#include <net/lwip/net_lwip.h>

#include "lwip/opt.h"
#include "lwip/init.h"
#include "lwip/sys.h"
#include "lwip/tcpip.h"

static bool net_lwip_up;

static void
net_lwip_started(void *arg)
{
	sys_sem_signal(arg);
}

void
net_lwip_init(const char *cmdline)
{
	sys_sem_t started;

	(void)cmdline;
	sys_sem_new(&started, 0);
	tcpip_init(net_lwip_started, &started);
	sys_arch_sem_wait(&started, 0);
	sys_sem_free(&started);
	net_lwip_up = true;
	pr_info("lwip: %s up, lo 127.0.0.1\n", LWIP_VERSION_STRING);
}

bool
net_lwip_ready(void)
{
	return net_lwip_up;
}
