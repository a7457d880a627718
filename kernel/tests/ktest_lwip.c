/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * In-kernel tests of lwIP on Jiny's threads (net/lwip), over 127.0.0.1
 * with lwIP's netconn API: a TCP listener and a client in two kernel
 * threads exchange 1 MiB each way, every byte a known pattern and the
 * whole checksummed; UDP datagrams from 1 byte to the largest go out and
 * come back unchanged with the right source.  Every wait is bounded
 * (receive and send timeouts), generously: a stuck stack fails the test
 * instead of hanging the run.  And the interface over a net-class
 * device (net/lwip/netif_pv.c), on a fake device whose frames the test
 * reads and writes itself: ARP both ways, a ping answered, a long pbuf
 * chain sent whole, a runt frame dropped.
 *
 * net.dhcp (manual: it needs a network device and a DHCP server): the
 * interface on net0 gets its address by DHCP (no ip= on the command
 * line), within 30 s of the guest's clock; the address, mask, gateway
 * (when the network gives one) and the DHCP server are checked against
 * each other.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/cmdline.h>
#include <lib/compiler.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <pv/common/pv_hv.h>
#include <pv/common/pv_net_drv.h>
#include <kernel/log/printk.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/thread.h>
#include <net/lwip/ip_param.h>
#include <net/lwip/net_lwip.h>
#include <net/lwip/netif_pv.h>
#include <kernel/tests/ktest.h>

#include "lwip/api.h"
#include "lwip/dhcp.h"
#include "lwip/inet_chksum.h"
#include "lwip/ip_addr.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/sys.h"
#include "lwip/tcpip.h"

#define KL_BYTES	(1u << 20)	/* each way */
#define KL_CHUNK	4096
#define KL_TIMEOUT_MS	60000		/* any single wait */
#define KL_TCP_PORT	4242
#define KL_UDP_PORT_A	4243
#define KL_UDP_PORT_B	4244

static const ip_addr_t kl_lo = IPADDR4_INIT_BYTES(127, 0, 0, 1);

/* Byte off of the stream seeded seed. */
static uint8_t
kl_pattern(uint32_t seed, uint32_t off)
{
	uint32_t x = (off + seed) * 2654435761u;

	return (uint8_t)(x >> 24 ^ off >> 12);
}

static void
kl_fill(uint8_t *buf, uint32_t seed, uint32_t off, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++)
		buf[i] = kl_pattern(seed, off + i);
}

/* FNV-1a, 64 bits, continued from h. */
static uint64_t
kl_fnv(uint64_t h, const uint8_t *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}
#define KL_FNV_INIT	0xcbf29ce484222325ull

/*
 * Write all of buf to c.  With a send timeout set, lwIP writes what it
 * can within the timeout and says how much; no progress in one timeout
 * is ERR_WOULDBLOCK.
 */
static err_t
kl_write_all(struct netconn *c, const void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		size_t n = 0;
		err_t err = netconn_write_partly(c, (const uint8_t *)buf + done,
		    len - done, NETCONN_COPY, &n);

		if (err != ERR_OK)
			return err;
		done += n;
	}
	return ERR_OK;
}

/*
 * Write len bytes of the pattern seeded seed to c, in chunks.  0, or the
 * lwIP error.
 */
static err_t
kl_send_stream(struct netconn *c, uint32_t seed, uint32_t len, uint64_t *sum)
{
	uint8_t *buf = kmalloc(KL_CHUNK);
	err_t err = ERR_OK;

	if (buf == NULL)
		return ERR_MEM;
	*sum = KL_FNV_INIT;
	for (uint32_t off = 0; off < len && err == ERR_OK; off += KL_CHUNK) {
		uint32_t n = len - off < KL_CHUNK ? len - off : KL_CHUNK;

		kl_fill(buf, seed, off, n);
		*sum = kl_fnv(*sum, buf, n);
		err = kl_write_all(c, buf, n);
	}
	kfree(buf);
	return err;
}

/*
 * Read exactly len bytes from c, checking each against the pattern
 * seeded seed.  0; -1 a byte differs (*bad its offset); or the lwIP
 * error (a timeout, the peer closing early).
 */
static int
kl_recv_stream(struct netconn *c, uint32_t seed, uint32_t len, uint64_t *sum,
    uint32_t *bad)
{
	uint32_t off = 0;

	*sum = KL_FNV_INIT;
	while (off < len) {
		struct netbuf *nb;
		err_t err = netconn_recv(c, &nb);

		if (err != ERR_OK)
			return err;
		do {
			void *data;
			u16_t n;

			netbuf_data(nb, &data, &n);
			for (u16_t i = 0; i < n; i++)
				if (off + i >= len ||
				    ((uint8_t *)data)[i] != kl_pattern(seed, off + i)) {
					*bad = off + i;
					netbuf_delete(nb);
					return -1;
				}
			*sum = kl_fnv(*sum, data, n);
			off += n;
		} while (netbuf_next(nb) >= 0);
		netbuf_delete(nb);
	}
	return 0;
}

struct kl_server {
	struct netconn	*ks_listen;
	int		 ks_err;	/* 0, or where it failed */
	int		 ks_lwerr;	/* the lwIP error there */
	uint64_t	 ks_rx_sum, ks_tx_sum;
	uint32_t	 ks_bad;
};

/*
 * The listener's side: accept one connection, read the client's 1 MiB
 * (checking every byte), send back its checksum, then 1 MiB of its own.
 */
static void
kl_server(void *arg)
{
	struct kl_server *ks = arg;
	struct netconn *c = NULL;
	err_t err;
	int r;

	if ((err = netconn_accept(ks->ks_listen, &c)) != ERR_OK) {
		ks->ks_err = 1, ks->ks_lwerr = err;
		return;
	}
	netconn_set_recvtimeout(c, KL_TIMEOUT_MS);
	netconn_set_sendtimeout(c, KL_TIMEOUT_MS);
	r = kl_recv_stream(c, 1, KL_BYTES, &ks->ks_rx_sum, &ks->ks_bad);
	if (r != 0) {
		ks->ks_err = 2, ks->ks_lwerr = r;
	} else if ((err = kl_write_all(c, &ks->ks_rx_sum,
	    sizeof(ks->ks_rx_sum))) != ERR_OK) {
		ks->ks_err = 3, ks->ks_lwerr = err;
	} else if ((err = kl_send_stream(c, 2, KL_BYTES, &ks->ks_tx_sum)) !=
	    ERR_OK) {
		ks->ks_err = 4, ks->ks_lwerr = err;
	}
	netconn_close(c);
	netconn_delete(c);
}

KTEST(lwip, tcp_loopback_1mib)
{
	struct kl_server ks = { 0 };
	struct netconn *c;
	struct thread *th;
	uint64_t tx_sum, rx_sum, peer_sum = 0;
	uint32_t bad = 0;
	uint8_t *p = (uint8_t *)&peer_sum;
	size_t got = 0;
	err_t err;
	int r;

	KT_ASSERT(net_lwip_ready());
	ks.ks_listen = netconn_new(NETCONN_TCP);
	KT_ASSERT(ks.ks_listen != NULL);
	netconn_set_recvtimeout(ks.ks_listen, KL_TIMEOUT_MS);	/* accept */
	KT_ASSERT_EQ(netconn_bind(ks.ks_listen, IP4_ADDR_ANY, KL_TCP_PORT), ERR_OK);
	KT_ASSERT_EQ(netconn_listen(ks.ks_listen), ERR_OK);
	th = thread_create("ktest-lwip-srv", kl_server, &ks, false);
	KT_ASSERT(th != NULL);

	c = netconn_new(NETCONN_TCP);
	KT_ASSERT(c != NULL);
	netconn_set_recvtimeout(c, KL_TIMEOUT_MS);
	netconn_set_sendtimeout(c, KL_TIMEOUT_MS);
	err = netconn_connect(c, &kl_lo, KL_TCP_PORT);
	if (err == ERR_OK)
		err = kl_send_stream(c, 1, KL_BYTES, &tx_sum);
	/* The server's checksum of what it read, then its 1 MiB. */
	while (err == ERR_OK && got < sizeof(peer_sum)) {
		struct netbuf *nb;

		if ((err = netconn_recv(c, &nb)) != ERR_OK)
			break;
		void *data;
		u16_t n;

		netbuf_data(nb, &data, &n);
		KT_ASSERT(n <= sizeof(peer_sum) - got);	/* it waits for ours */
		memcpy(p + got, data, n);
		got += n;
		netbuf_delete(nb);
	}
	r = err == ERR_OK ? kl_recv_stream(c, 2, KL_BYTES, &rx_sum, &bad) : err;
	netconn_close(c);
	netconn_delete(c);
	(void)thread_join(th);
	netconn_delete(ks.ks_listen);

	if (ks.ks_err != 0 || err != ERR_OK || r != 0) {
		ktest_fail(kt, __FILE__, __LINE__, "server step %d error %d "
		    "(byte %u), client error %d, read %d (byte %u)", ks.ks_err,
		    ks.ks_lwerr, ks.ks_bad, err, r, bad);
		return;
	}
	KT_ASSERT_EQ(ks.ks_rx_sum, tx_sum);	/* it read what we sent */
	KT_ASSERT_EQ(peer_sum, tx_sum);		/* and said so */
	KT_ASSERT_EQ(rx_sum, ks.ks_tx_sum);	/* we read what it sent */
}

/* A datagram of len bytes of pattern seed, from a to b's port. */
static err_t
kl_udp_send(struct netconn *a, uint16_t port, uint32_t seed, uint32_t len)
{
	struct netbuf *nb = netbuf_new();
	void *data;
	err_t err;

	if (nb == NULL)
		return ERR_MEM;
	if ((data = netbuf_alloc(nb, (u16_t)len)) == NULL) {
		netbuf_delete(nb);
		return ERR_MEM;
	}
	kl_fill(data, seed, 0, len);
	err = netconn_sendto(a, nb, &kl_lo, port);
	netbuf_delete(nb);
	return err;
}

/*
 * Receive one datagram on c: 0 if it is len bytes of pattern seed from
 * 127.0.0.1:from; else the lwIP error, or -1 (other contents), -2 (other
 * source).
 */
static int
kl_udp_recv(struct netconn *c, uint16_t from, uint32_t seed, uint32_t len)
{
	struct netbuf *nb;
	uint32_t off = 0;
	err_t err;
	int r = 0;

	if ((err = netconn_recv(c, &nb)) != ERR_OK)
		return err;
	if (!ip_addr_cmp(netbuf_fromaddr(nb), &kl_lo) ||
	    netbuf_fromport(nb) != from)
		r = -2;
	if (netbuf_len(nb) != len)
		r = -1;
	do {
		void *data;
		u16_t n;

		netbuf_data(nb, &data, &n);
		for (u16_t i = 0; r == 0 && i < n; i++)
			if (((uint8_t *)data)[i] != kl_pattern(seed, off + i))
				r = -1;
		off += n;
	} while (r == 0 && netbuf_next(nb) >= 0);
	netbuf_delete(nb);
	return r;
}

KTEST(lwip, udp_loopback_round_trip)
{
	static const uint32_t sizes[] = { 1, 100, 1472, 1473, 8192, 65507 };
	struct netconn *a, *b;
	int r = 0;

	KT_ASSERT(net_lwip_ready());
	a = netconn_new(NETCONN_UDP);
	b = netconn_new(NETCONN_UDP);
	KT_ASSERT(a != NULL && b != NULL);
	netconn_set_recvtimeout(a, KL_TIMEOUT_MS);
	netconn_set_recvtimeout(b, KL_TIMEOUT_MS);
	KT_ASSERT_EQ(netconn_bind(a, &kl_lo, KL_UDP_PORT_A), ERR_OK);
	KT_ASSERT_EQ(netconn_bind(b, &kl_lo, KL_UDP_PORT_B), ERR_OK);
	for (unsigned int i = 0; r == 0 && i < sizeof(sizes) / sizeof(sizes[0]);
	    i++) {
		uint32_t seed = 10 + i;

		/* a to b, b checks; b answers with the next seed, a checks. */
		if ((r = kl_udp_send(a, KL_UDP_PORT_B, seed, sizes[i])) == 0 &&
		    (r = kl_udp_recv(b, KL_UDP_PORT_A, seed, sizes[i])) == 0 &&
		    (r = kl_udp_send(b, KL_UDP_PORT_A, seed + 100, sizes[i])) == 0)
			r = kl_udp_recv(a, KL_UDP_PORT_B, seed + 100, sizes[i]);
		if (r != 0)
			ktest_fail(kt, __FILE__, __LINE__,
			    "datagram of %u bytes: %d", sizes[i], r);
	}
	netconn_delete(a);
	netconn_delete(b);
}

/* The fake device: every frame sent is kept (up to KF_MAX) for the test. */
#define KF_MAX		8
#define KF_LEN		1600

struct kl_fake {
	struct pv_net	kf_net;
	uint8_t		kf_frame[KF_MAX][KF_LEN];
	size_t		kf_len[KF_MAX];
	unsigned int	kf_niov[KF_MAX];
	unsigned int	kf_count;
};

static int
kl_fake_send(struct pv_net *n, const struct pv_iov *iov, unsigned int niov,
    size_t len)
{
	struct kl_fake *f = container_of(n, struct kl_fake, kf_net);
	bool on = intr_save();

	if (f->kf_count < KF_MAX && len <= KF_LEN) {
		size_t off = 0;

		for (unsigned int i = 0; i < niov; i++) {
			memcpy(f->kf_frame[f->kf_count] + off, iov[i].iov_base,
			    iov[i].iov_len);
			off += iov[i].iov_len;
		}
		f->kf_len[f->kf_count] = len;
		f->kf_niov[f->kf_count] = niov;
	}
	f->kf_count++;
	intr_restore(on);
	return 0;
}

static const struct pv_net_ops kl_fake_ops = { .no_send = kl_fake_send };

static const uint8_t kl_mac_us[6] = { 0x02, 0, 0, 0, 0x4a, 0x01 };
static const uint8_t kl_mac_peer[6] = { 0x02, 0, 0, 0, 0x4a, 0x02 };
static const uint8_t kl_ip_us[4] = { 10, 9, 0, 2 };
static const uint8_t kl_ip_peer[4] = { 10, 9, 0, 1 };

/* Wait (bounded) until the device has been handed n frames. */
static bool
kl_wait_frames(struct kl_fake *f, unsigned int n)
{
	uint64_t deadline = pv_clock_ns() + 20ull * 1000000000;

	while (__atomic_load_n(&f->kf_count, __ATOMIC_ACQUIRE) < n) {
		if (pv_clock_ns() > deadline)
			return false;
		thread_sleep_ns(1000000);
	}
	return true;
}

static void
kl_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static uint16_t
kl_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* An Ethernet header from src to dst of type. */
static void
kl_eth(uint8_t *f, const uint8_t *dst, const uint8_t *src, uint16_t type)
{
	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	kl_put16(f + 12, type);
}

/* Is f (len bytes) an ARP op from us asking or telling about target? */
static bool
kl_is_arp(const uint8_t *f, size_t len, uint16_t op, const uint8_t *target)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	return len >= 42 && memcmp(f, bcast, 6) == 0 &&
	    memcmp(f + 6, kl_mac_us, 6) == 0 && kl_get16(f + 12) == 0x0806 &&
	    kl_get16(f + 14) == 1 && kl_get16(f + 16) == 0x0800 &&
	    f[18] == 6 && f[19] == 4 && kl_get16(f + 20) == op &&
	    memcmp(f + 22, kl_mac_us, 6) == 0 &&
	    memcmp(f + 28, kl_ip_us, 4) == 0 && memcmp(f + 38, target, 4) == 0;
}

#define KL_PING_DATA	1000

/* The peer's echo request (id 0x4a4a, seq 7) to us, into f: its length. */
static size_t
kl_ping(uint8_t *f)
{
	uint8_t *ip = f + 14, *icmp = ip + 20;
	size_t len = 14 + 20 + 8 + KL_PING_DATA;

	memset(f, 0, len);
	kl_eth(f, kl_mac_us, kl_mac_peer, 0x0800);
	ip[0] = 0x45;
	kl_put16(ip + 2, 20 + 8 + KL_PING_DATA);
	kl_put16(ip + 4, 0x77);
	ip[8] = 64;
	ip[9] = 1;			/* ICMP */
	memcpy(ip + 12, kl_ip_peer, 4);
	memcpy(ip + 16, kl_ip_us, 4);
	kl_put16(ip + 10, lwip_ntohs(inet_chksum(ip, 20)));
	icmp[0] = 8;			/* echo request */
	kl_put16(icmp + 4, 0x4a4a);
	kl_put16(icmp + 6, 7);
	kl_fill(icmp + 8, 77, 0, KL_PING_DATA);
	kl_put16(icmp + 2, lwip_ntohs(inet_chksum(icmp, 8 + KL_PING_DATA)));
	return len;
}

/* Is f our echo reply to kl_ping, with good checksums? */
static bool
kl_is_pong(const uint8_t *f, size_t len)
{
	const uint8_t *ip = f + 14, *icmp = ip + 20;

	return len == 14 + 20 + 8 + KL_PING_DATA &&
	    memcmp(f, kl_mac_peer, 6) == 0 && memcmp(f + 6, kl_mac_us, 6) == 0 &&
	    kl_get16(f + 12) == 0x0800 && ip[0] == 0x45 && ip[9] == 1 &&
	    kl_get16(ip + 2) == 20 + 8 + KL_PING_DATA &&
	    memcmp(ip + 12, kl_ip_us, 4) == 0 &&
	    memcmp(ip + 16, kl_ip_peer, 4) == 0 && inet_chksum(ip, 20) == 0 &&
	    icmp[0] == 0 && icmp[1] == 0 && kl_get16(icmp + 4) == 0x4a4a &&
	    kl_get16(icmp + 6) == 7 && inet_chksum(icmp, 8 + KL_PING_DATA) == 0;
}

static bool
kl_pong_data_ok(const uint8_t *f)
{
	for (uint32_t i = 0; i < KL_PING_DATA; i++)
		if (f[14 + 20 + 8 + i] != kl_pattern(77, i))
			return false;
	return true;
}

/* A chain of a 14-byte header and 9 pieces of 100 bytes; NULL if none. */
static struct pbuf *
kl_long_chain(void)
{
	struct pbuf *head = pbuf_alloc(PBUF_RAW, 14, PBUF_RAM);

	if (head == NULL)
		return NULL;
	kl_eth(head->payload, kl_mac_peer, kl_mac_us, 0x88b5);
	for (uint32_t i = 0; i < 9; i++) {
		struct pbuf *q = pbuf_alloc(PBUF_RAW, 100, PBUF_RAM);

		if (q == NULL) {
			pbuf_free(head);
			return NULL;
		}
		kl_fill(q->payload, 88, i * 100, 100);
		pbuf_cat(head, q);
	}
	return head;
}

KTEST(lwip, netif_over_a_net_device)
{
	struct kl_fake *f = kzalloc(sizeof(*f));
	struct ip_param ip;
	struct netif_pv *np = NULL;
	struct netif_pv_stats st;
	struct pbuf *chain;
	uint8_t *frame;
	uint64_t dropped;
	size_t len;
	err_t err;

	KT_ASSERT(net_lwip_ready());
	KT_ASSERT(f != NULL);
	frame = kmalloc(KF_LEN);
	KT_ASSERT(frame != NULL);
	f->kf_net.n_ops = &kl_fake_ops;
	memcpy(f->kf_net.n_addr, kl_mac_us, 6);
	f->kf_net.n_link_up = true;
	KT_ASSERT_EQ(pv_net_register(&f->kf_net, NULL), 0);
	KT_ASSERT_EQ(ip_param_parse("10.9.0.2/24:10.9.0.1", &ip), 0);
	KT_ASSERT_EQ(netif_pv_attach(&f->kf_net, &ip, 0, &np), 0);

	/* Up with its address: a gratuitous ARP for it. */
	KT_ASSERT(kl_wait_frames(f, 1));
	KT_ASSERT(kl_is_arp(f->kf_frame[0], f->kf_len[0], 1, kl_ip_us));
	KT_ASSERT_EQ(netif_pv_netif(np)->mtu, 1500);

	/* A ping from the peer: we ask who it is first... */
	len = kl_ping(frame);
	pv_net_input(&f->kf_net, frame, len);
	KT_ASSERT(kl_wait_frames(f, 2));
	KT_ASSERT(kl_is_arp(f->kf_frame[1], f->kf_len[1], 1, kl_ip_peer));
	/* ...and answer once told. */
	memset(frame, 0, 60);
	kl_eth(frame, kl_mac_us, kl_mac_peer, 0x0806);
	kl_put16(frame + 14, 1);
	kl_put16(frame + 16, 0x0800);
	frame[18] = 6;
	frame[19] = 4;
	kl_put16(frame + 20, 2);		/* reply */
	memcpy(frame + 22, kl_mac_peer, 6);
	memcpy(frame + 28, kl_ip_peer, 4);
	memcpy(frame + 32, kl_mac_us, 6);
	memcpy(frame + 38, kl_ip_us, 4);
	pv_net_input(&f->kf_net, frame, 60);
	KT_ASSERT(kl_wait_frames(f, 3));
	KT_ASSERT(kl_is_pong(f->kf_frame[2], f->kf_len[2]));
	KT_ASSERT(kl_pong_data_ok(f->kf_frame[2]));

	/* Ten pieces: more than a send takes, so sent as one copy. */
	chain = kl_long_chain();
	KT_ASSERT(chain != NULL);
	LOCK_TCPIP_CORE();
	err = netif_pv_netif(np)->linkoutput(netif_pv_netif(np), chain);
	UNLOCK_TCPIP_CORE();
	pbuf_free(chain);
	KT_ASSERT_EQ(err, ERR_OK);
	KT_ASSERT(kl_wait_frames(f, 4));
	KT_ASSERT_EQ(f->kf_len[3], 914);
	KT_ASSERT_EQ(f->kf_niov[3], 1);
	KT_ASSERT(memcmp(f->kf_frame[3], kl_mac_peer, 6) == 0);
	for (uint32_t i = 0; i < 900; i++)
		KT_ASSERT_EQ(f->kf_frame[3][14 + i], kl_pattern(88, i));

	/* A runt: the class drops it before the stack sees it. */
	dropped = f->kf_net.n_rx_dropped;
	pv_net_input(&f->kf_net, frame, 10);
	KT_ASSERT_EQ(f->kf_net.n_rx_dropped, dropped + 1);

	netif_pv_stats(np, &st);
	KT_ASSERT_EQ(st.nps_rx, 2);
	KT_ASSERT_EQ(st.nps_tx, 4);
	KT_ASSERT_EQ(st.nps_tx_bounce, 1);
	KT_ASSERT_EQ(st.nps_rx_drop + st.nps_tx_drop, 0);
	netif_pv_detach(np);
	pv_net_unregister(&f->kf_net);
	KT_ASSERT(f->kf_net.n_rx == NULL);
	kfree(frame);
	kfree(f);
}

#define KT_DHCP_WAIT_NS	(30ULL * 1000000000ULL)

struct kt_dhcp_addr {
	bool		kd_bound;	/* DHCP supplied the address */
	uint32_t	kd_addr, kd_mask, kd_gw;	/* host byte order */
	uint32_t	kd_server;	/* the DHCP server that offered it */
};

/* What the default interface (net0's) holds now, under the core lock. */
static void
kt_dhcp_read(struct kt_dhcp_addr *d)
{
	struct netif *nif;

	memset(d, 0, sizeof(*d));
	LOCK_TCPIP_CORE();
	nif = netif_default;
	if (nif != NULL && dhcp_supplied_address(nif)) {
		d->kd_bound = true;
		d->kd_addr = lwip_ntohl(ip4_addr_get_u32(netif_ip4_addr(nif)));
		d->kd_mask = lwip_ntohl(ip4_addr_get_u32(
		    netif_ip4_netmask(nif)));
		d->kd_gw = lwip_ntohl(ip4_addr_get_u32(netif_ip4_gw(nif)));
		d->kd_server = lwip_ntohl(ip4_addr_get_u32(ip_2_ip4(
		    &netif_dhcp_data(nif)->server_ip_addr)));
	}
	UNLOCK_TCPIP_CORE();
}

KTEST_MANUAL(net, dhcp)
{
	struct kt_dhcp_addr d;
	uint64_t t0 = pv_clock_ns(), waited;
	const char *line = cmdline_boot();
	char v[32];

	KT_ASSERT(pv_net_get(0) != NULL);
	KT_ASSERT(net_lwip_ready());
	/* DHCP is what the interface runs without ip= (or with ip=dhcp). */
	KT_ASSERT(line == NULL || !cmdline_get(line, "ip", v, sizeof(v)) ||
	    strcmp(v, "dhcp") == 0);
	for (;;) {
		kt_dhcp_read(&d);
		if (d.kd_bound || pv_clock_ns() - t0 >= KT_DHCP_WAIT_NS)
			break;
		thread_sleep_ns(50000000);
	}
	waited = (pv_clock_ns() - t0) / 1000000;
	printk(LOG_INFO, "ktest: net.dhcp: %s after %lu ms: %u.%u.%u.%u "
	    "mask %u.%u.%u.%u gateway %u.%u.%u.%u server %u.%u.%u.%u\n",
	    d.kd_bound ? "bound" : "not bound", waited, d.kd_addr >> 24,
	    d.kd_addr >> 16 & 255, d.kd_addr >> 8 & 255, d.kd_addr & 255,
	    d.kd_mask >> 24, d.kd_mask >> 16 & 255, d.kd_mask >> 8 & 255,
	    d.kd_mask & 255, d.kd_gw >> 24, d.kd_gw >> 16 & 255,
	    d.kd_gw >> 8 & 255, d.kd_gw & 255, d.kd_server >> 24,
	    d.kd_server >> 16 & 255, d.kd_server >> 8 & 255,
	    d.kd_server & 255);
	KT_ASSERT(d.kd_bound);
	KT_ASSERT(d.kd_addr != 0);
	/* A contiguous mask, neither empty nor a single host. */
	KT_ASSERT(d.kd_mask != 0 && d.kd_mask != 0xffffffffu);
	KT_ASSERT(((~d.kd_mask + 1) & ~d.kd_mask) == 0);
	/*
	 * The gateway (the router option) is on the address's subnet; a
	 * network may give none (QEMU's restricted user network does not),
	 * and then the server that offered the address is.
	 */
	KT_ASSERT(d.kd_server != 0 && d.kd_server != d.kd_addr);
	KT_ASSERT((d.kd_addr & d.kd_mask) == (d.kd_server & d.kd_mask));
	if (d.kd_gw != 0) {
		KT_ASSERT(d.kd_gw != d.kd_addr);
		KT_ASSERT((d.kd_addr & d.kd_mask) == (d.kd_gw & d.kd_mask));
	}
	/* Neither the subnet's network nor its broadcast address. */
	KT_ASSERT((d.kd_addr & ~d.kd_mask) != 0 &&
	    (d.kd_addr & ~d.kd_mask) != ~d.kd_mask);
}
