/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * In-kernel tests of the first network device, manual (they need a
 * guest with a network device and someone on the other side):
 *
 * net.arp, through the net class's caller API only (pv_net.h; no driver
 * named): send an ARP who-has for the gateway and wait for the answer
 * naming it with a MAC, sent to ours.  The addresses come from ktest.ip=
 * and ktest.gw=, by default those of the test network of the hypervisor
 * the guest runs on: QEMU's user network (10.0.2.15 asking for
 * 10.0.2.2), the Xen harness's bridge (10.99.0.2 asking for dom0's
 * 10.99.0.1).  The test borrows the device's receive path from lwIP and
 * gives it back.  (net.dhcp, which needs lwIP, is in ktest_lwip.c.)
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/cmdline.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <pv/common/pv_hv.h>
#include <pv/common/pv_net.h>
#include <kernel/log/printk.h>
#include <kernel/sched/thread.h>
#include <kernel/tests/ktest.h>

#define KT_ETH_ARP	0x0806
#define KT_ARP_LEN	28
#define KT_FRAME_MIN	60	/* Ethernet's minimum, without the FCS */

struct kt_arp_state {
	volatile unsigned int	ka_frames;	/* every frame seen */
	volatile unsigned int	ka_arps;	/* ARP frames among them */
	volatile bool		ka_got;		/* the reply we wait for */
	uint8_t			ka_gw[4];
	uint8_t			ka_gw_mac[PV_NET_ADDR_LEN];
	uint8_t			ka_mac[PV_NET_ADDR_LEN];	/* ours */
};

/* "a.b.c.d" into ip; false when it is not one. */
static bool
kt_parse_ip(const char *s, uint8_t ip[4])
{
	for (int i = 0; i < 4; i++) {
		unsigned int v = 0, digits = 0;

		while (*s >= '0' && *s <= '9' && digits < 4) {
			v = v * 10 + (unsigned int)(*s++ - '0');
			digits++;
		}
		if (digits == 0 || v > 255 || *s != (i < 3 ? '.' : '\0'))
			return false;
		ip[i] = (uint8_t)v;
		if (i < 3)
			s++;
	}
	return true;
}

static bool
kt_ip_option(const char *key, const char *def, uint8_t ip[4])
{
	char buf[32];
	const char *line = cmdline_boot();

	if (line == NULL || !cmdline_get(line, key, buf, sizeof(buf)))
		return kt_parse_ip(def, ip);
	return kt_parse_ip(buf, ip);
}

static uint16_t
kt_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* The class calls this from the driver's thread, one frame at a time. */
static void
kt_arp_rx(void *arg, const void *frame, size_t len)
{
	struct kt_arp_state *st = arg;
	const uint8_t *f = frame, *a = f + PV_NET_HDR_LEN;
	static const uint8_t zero[PV_NET_ADDR_LEN], bcast[PV_NET_ADDR_LEN] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	st->ka_frames++;
	if (len < PV_NET_HDR_LEN + KT_ARP_LEN || kt_be16(f + 12) != KT_ETH_ARP)
		return;
	st->ka_arps++;
	/* Ethernet/IPv4, a reply, from the gateway's address. */
	if (kt_be16(a) != 1 || kt_be16(a + 2) != 0x0800 || a[4] != 6 ||
	    a[5] != 4 || kt_be16(a + 6) != 2 || memcmp(a + 14, st->ka_gw, 4) != 0)
		return;
	if (memcmp(a + 8, zero, 6) == 0 || memcmp(a + 8, bcast, 6) == 0 ||
	    (a[8] & 1))
		return;		/* not a station's address */
	/* Answered to us: our MAC as the frame's and the ARP target. */
	if (memcmp(f, st->ka_mac, PV_NET_ADDR_LEN) != 0 ||
	    memcmp(a + 18, st->ka_mac, PV_NET_ADDR_LEN) != 0)
		return;
	if (st->ka_got)
		return;
	memcpy(st->ka_gw_mac, a + 8, PV_NET_ADDR_LEN);
	__atomic_store_n(&st->ka_got, true, __ATOMIC_RELEASE);
}

KTEST_MANUAL(net, arp)
{
	static struct kt_arp_state st;
	uint8_t ip[4], mac[PV_NET_ADDR_LEN], frame[KT_FRAME_MIN], *a;
	struct pv_iov iov[2];
	struct pv_net *n;
	pv_net_rx_fn old_rx;
	void *old_arg;
	uint64_t t0;
	int error, tries;
	bool xen = pv_hv_type() == PV_HV_XEN;

	memset(&st, 0, sizeof(st));
	KT_ASSERT(kt_ip_option("ktest.ip", xen ? "10.99.0.2" : "10.0.2.15",
	    ip));
	KT_ASSERT(kt_ip_option("ktest.gw", xen ? "10.99.0.1" : "10.0.2.2",
	    st.ka_gw));
	n = pv_net_get(0);
	KT_ASSERT(n != NULL);
	KT_ASSERT(strcmp(pv_net_name(n), "net0") == 0);
	KT_ASSERT(pv_net_mtu(n) >= 68 && pv_net_mtu(n) <= 65535);
	pv_net_addr(n, mac);
	KT_ASSERT(!(mac[0] & 1));		/* a station's address */
	memcpy(st.ka_mac, mac, PV_NET_ADDR_LEN);
	/* The link comes up within a generous bound. */
	for (t0 = pv_clock_ns(); !pv_net_link_up(n) &&
	    pv_clock_ns() - t0 < 10000000000ULL;)
		thread_sleep_ns(10000000);
	KT_ASSERT(pv_net_link_up(n));

	/* The class refuses what a driver must never see. */
	memset(frame, 0, sizeof(frame));
	iov[0] = (struct pv_iov){ frame, PV_NET_HDR_LEN - 1 };
	KT_ASSERT_EQ(pv_net_send(n, iov, 1), -EINVAL);
	KT_ASSERT_EQ(pv_net_send(n, iov, 0), -EINVAL);

	/* who-has gw tell ip, in two pieces: the header, then the rest. */
	memset(frame, 0xff, 6);
	memcpy(frame + 6, mac, 6);
	frame[12] = KT_ETH_ARP >> 8;
	frame[13] = KT_ETH_ARP & 0xff;
	a = frame + PV_NET_HDR_LEN;
	a[0] = 0; a[1] = 1;		/* Ethernet */
	a[2] = 0x08; a[3] = 0x00;	/* IPv4 */
	a[4] = 6; a[5] = 4;
	a[6] = 0; a[7] = 1;		/* request */
	memcpy(a + 8, mac, 6);
	memcpy(a + 14, ip, 4);
	memset(a + 18, 0, 6);
	memcpy(a + 24, st.ka_gw, 4);
	iov[0] = (struct pv_iov){ frame, PV_NET_HDR_LEN };
	iov[1] = (struct pv_iov){ frame + PV_NET_HDR_LEN,
	    sizeof(frame) - PV_NET_HDR_LEN };

	/*
	 * Borrow the receive path (lwIP's interface on net0 has it), and
	 * give it back however the test ends.
	 */
	pv_net_get_rx(n, &old_rx, &old_arg);
	pv_net_set_rx(n, kt_arp_rx, &st);
	/* Up to 10 tries a second apart; the answer usually takes ms. */
	error = 0;
	for (tries = 0; tries < 10 && !__atomic_load_n(&st.ka_got,
	    __ATOMIC_ACQUIRE); tries++) {
		error = pv_net_send(n, iov, 2);
		if (error != 0 && error != -EAGAIN)
			break;
		error = 0;
		for (t0 = pv_clock_ns(); pv_clock_ns() - t0 < 1000000000ULL &&
		    !__atomic_load_n(&st.ka_got, __ATOMIC_ACQUIRE);)
			thread_sleep_ns(10000000);
	}
	pv_net_set_rx(n, old_rx, old_arg);
	KT_ASSERT_EQ(error, 0);
	printk(LOG_INFO, "ktest: net.arp: %u.%u.%u.%u is at "
	    "%02x:%02x:%02x:%02x:%02x:%02x (%s %d tries, %u frames received, "
	    "%u ARP)\n", st.ka_gw[0], st.ka_gw[1], st.ka_gw[2], st.ka_gw[3],
	    st.ka_gw_mac[0], st.ka_gw_mac[1], st.ka_gw_mac[2], st.ka_gw_mac[3],
	    st.ka_gw_mac[4], st.ka_gw_mac[5], pv_net_name(n), tries,
	    st.ka_frames, st.ka_arps);
	KT_ASSERT(st.ka_got);
	KT_ASSERT(st.ka_frames >= 1 && st.ka_arps >= 1);
}
