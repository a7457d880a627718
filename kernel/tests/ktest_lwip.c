/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * In-kernel tests of lwIP on Jiny's threads (net/lwip), over 127.0.0.1
 * with lwIP's netconn API: a TCP listener and a client in two kernel
 * threads exchange 1 MiB each way, every byte a known pattern and the
 * whole checksummed; UDP datagrams from 1 byte to the largest go out and
 * come back unchanged with the right source.  Every wait is bounded
 * (receive and send timeouts), generously: a stuck stack fails the test
 * instead of hanging the run.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/string.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/thread.h>
#include <net/lwip/net_lwip.h>
#include <kernel/tests/ktest.h>

#include "lwip/api.h"
#include "lwip/ip_addr.h"
#include "lwip/sys.h"

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
