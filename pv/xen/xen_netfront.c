/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * netfront: the Xen PV network device (xenbus type "vif") as a driver
 * of the net class.
 *
 * One page each for the tx and rx shared rings, granted to the backend
 * with an event channel; the keys are written as Linux's netfront writes
 * its minimum (tx-ring-ref, rx-ring-ref, event-channel, request-rx-copy,
 * feature-rx-notify, feature-sg=0), plus feature-no-csum-offload so that
 * frames arrive with their checksums complete.  A frame to send is
 * copied into a page of our own, granted read-only for the one request;
 * receive buffers are pages granted writable, XNF_RX_BUFS of them kept
 * posted.  A buffer is reused only after its grant ended: a grant the
 * backend still maps stays out and is retried (xen_gnttab_end_later).
 *
 * The backend is untrusted: each response is copied once out of the
 * shared page and judged by xen_netfront_ring.c (ids, statuses, lengths,
 * producer indices); rejections are counted, and a producer index past
 * the ring takes the link down.  The interrupt only wakes the driver's
 * thread, which does the ring work: tx completion, receive, refill.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xen/xen.h>
#include <xen/grant_table.h>
#include <xen/io/netif.h>

#include <lib/errno.h>
#include <lib/fmt.h>
#include <lib/string.h>
#include <arch/x86_64/include/spinlock.h>
#include <pv/common/pv_driver.h>
#include <pv/common/pv_env.h>
#include <pv/common/pv_hv.h>
#include <pv/common/pv_net_drv.h>
#include <kernel/log/printk.h>

#include "xen_bus.h"
#include "xen_evtchn.h"
#include "xen_gnttab.h"
#include "xen_netfront_ring.h"
#include "xen_store_parse.h"

#define XNF_TX_RING	__CONST_RING_SIZE(netif_tx, 4096)
#define XNF_RX_RING	__CONST_RING_SIZE(netif_rx, 4096)
#define XNF_TX_BUFS	64	/* frames in flight */
#define XNF_RX_BUFS	64	/* receive buffers posted */
#define XNF_MAX		2	/* vifs driven */
#define XNF_POLL_NS	(1000ULL * 1000000ULL)	/* look even unsignalled */

_Static_assert(XNF_TX_BUFS <= XNF_TX_RING && XNF_TX_BUFS <= NF_RING_MAX,
    "tx ids fit the ring");
_Static_assert(XNF_RX_BUFS <= XNF_RX_RING && XNF_RX_BUFS <= NF_RING_MAX,
    "rx ids fit the ring");

struct xnf_softc {
	struct pv_net		 sc_net;
	struct pv_dev		*sc_dev;
	uint16_t		 sc_backend;	/* its domain */
	uint32_t		 sc_port;
	struct pv_event		 sc_ev;
	volatile struct netif_tx_sring *sc_txs;
	volatile struct netif_rx_sring *sc_rxs;
	uint32_t		 sc_tx_ring_ref, sc_rx_ring_ref;
	struct spinlock		 sc_tx_lock;
	struct nf_ring		 sc_tx;
	struct nf_ring		 sc_rx;
	void			*sc_tx_buf[XNF_TX_BUFS];
	uint32_t		 sc_tx_gref[XNF_TX_BUFS];
	void			*sc_rx_buf[XNF_RX_BUFS];
	uint32_t		 sc_rx_gref[XNF_RX_BUFS];
	bool			 sc_rx_parked[XNF_RX_BUFS]; /* grant still out */
	bool			 sc_tx_parked[XNF_TX_BUFS];
	uint64_t		 sc_tx_frames, sc_rx_frames;
	uint64_t		 sc_tx_busy;	/* ends refused, retried */
	bool			 sc_broken;
};

static struct xnf_softc xnf_softcs[XNF_MAX];
static unsigned int xnf_count;

/* ---- interrupt ---- */

static void
xnf_intr(uint32_t port, void *arg)
{
	struct xnf_softc *sc = arg;

	(void)port;
	pv_event_signal(&sc->sc_ev);
}

static void
xnf_broken(struct xnf_softc *sc, const char *what)
{
	if (!sc->sc_broken)
		pr_err("netfront: %s: %s; link down\n",
		    pv_net_name(&sc->sc_net), what);
	sc->sc_broken = true;
	sc->sc_net.n_link_up = false;
}

/* Publish requests up to prod; notify if the backend asked to be. */
static void
xnf_push(struct xnf_softc *sc, volatile RING_IDX *req_prod,
    volatile RING_IDX *req_event, RING_IDX old, RING_IDX prod)
{
	RING_IDX ev;

	__atomic_thread_fence(__ATOMIC_RELEASE);
	*req_prod = prod;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	ev = *req_event;
	if ((RING_IDX)(prod - ev) < (RING_IDX)(prod - old))
		xen_evtchn_send(sc->sc_port);
}

/* ---- transmit ---- */

static int
xnf_send(struct pv_net *n, const struct pv_iov *iov, unsigned int niov,
    size_t len)
{
	struct xnf_softc *sc = n->n_softc;
	volatile struct netif_tx_request *req;
	uint32_t gref;
	size_t off = 0;
	bool on;
	int id, error;

	if (sc->sc_broken)
		return -ENETDOWN;
	on = spin_lock_irqsave(&sc->sc_tx_lock);
	if ((id = nf_ring_id_get(&sc->sc_tx, (uint16_t)len)) < 0) {
		spin_unlock_irqrestore(&sc->sc_tx_lock, on);
		pv_event_signal(&sc->sc_ev);	/* reap completions */
		return -EAGAIN;
	}
	for (unsigned int i = 0; i < niov; i++) {
		memcpy((char *)sc->sc_tx_buf[id] + off, iov[i].iov_base,
		    iov[i].iov_len);
		off += iov[i].iov_len;
	}
	if ((error = xen_gnttab_grant(sc->sc_backend,
	    xen_gnttab_gfn(sc->sc_tx_buf[id]), true, &gref)) != 0) {
		(void)nf_ring_id_put(&sc->sc_tx, (uint16_t)id);
		spin_unlock_irqrestore(&sc->sc_tx_lock, on);
		return -EAGAIN;
	}
	sc->sc_tx_gref[id] = gref;
	req = &sc->sc_txs->ring[sc->sc_tx.nr_req_prod & (XNF_TX_RING - 1)].req;
	req->gref = gref;
	req->offset = 0;
	req->flags = 0;
	req->id = (uint16_t)id;
	req->size = (uint16_t)len;
	sc->sc_tx.nr_req_prod++;
	xnf_push(sc, &sc->sc_txs->req_prod, &sc->sc_txs->req_event,
	    sc->sc_tx.nr_req_prod - 1, sc->sc_tx.nr_req_prod);
	sc->sc_tx_frames++;
	spin_unlock_irqrestore(&sc->sc_tx_lock, on);
	return 0;
}

/* End id's grant and free it, or park it until the backend lets go. */
static void
xnf_tx_release(struct xnf_softc *sc, uint16_t id)
{
	if (xen_gnttab_end(sc->sc_tx_gref[id]) == -EBUSY) {
		sc->sc_tx_parked[id] = true;
		sc->sc_tx_busy++;
		return;
	}
	sc->sc_tx_parked[id] = false;
	(void)nf_ring_id_put(&sc->sc_tx, id);
}

/* Take tx responses; true if any. */
static bool
xnf_tx_complete(struct xnf_softc *sc)
{
	bool on = spin_lock_irqsave(&sc->sc_tx_lock), any = false;
	RING_IDX prod, cons;
	int n;

	for (uint16_t id = 0; id < XNF_TX_BUFS; id++)
		if (sc->sc_tx_parked[id])
			xnf_tx_release(sc, id);
	do {
		prod = sc->sc_txs->rsp_prod;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if ((n = nf_ring_rsp_ready(&sc->sc_tx, prod)) < 0) {
			spin_unlock_irqrestore(&sc->sc_tx_lock, on);
			xnf_broken(sc, "tx response index out of range");
			return false;
		}
		cons = sc->sc_tx.nr_rsp_cons;
		for (int i = 0; i < n; i++, cons++) {
			struct netif_tx_response rsp;

			/* One copy out of the shared page, then judged. */
			rsp = *(const struct netif_tx_response *)
			    &sc->sc_txs->ring[cons & (XNF_TX_RING - 1)].rsp;
			if (nf_tx_rsp(&sc->sc_tx, rsp.id, rsp.status) >= 0)
				xnf_tx_release(sc, rsp.id);
			any = true;
		}
		sc->sc_tx.nr_rsp_cons = cons;
		sc->sc_txs->rsp_event = cons + 1;
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
	} while (sc->sc_txs->rsp_prod != prod);
	spin_unlock_irqrestore(&sc->sc_tx_lock, on);
	return any;
}

/* ---- receive ---- */

/* Post every free rx id with a granted buffer; notify once. */
static void
xnf_rx_refill(struct xnf_softc *sc)
{
	RING_IDX old = sc->sc_rx.nr_req_prod;

	while (nf_ring_room(&sc->sc_rx) > 0) {
		volatile struct netif_rx_request *req;
		uint32_t gref;
		int id = nf_ring_id_get(&sc->sc_rx, 4096);

		if (id < 0)
			break;
		if (sc->sc_rx_buf[id] == NULL &&
		    (sc->sc_rx_buf[id] = pv_page_alloc()) == NULL) {
			(void)nf_ring_id_put(&sc->sc_rx, (uint16_t)id);
			break;
		}
		if (xen_gnttab_grant(sc->sc_backend,
		    xen_gnttab_gfn(sc->sc_rx_buf[id]), false, &gref) != 0) {
			(void)nf_ring_id_put(&sc->sc_rx, (uint16_t)id);
			break;
		}
		sc->sc_rx_gref[id] = gref;
		req = &sc->sc_rxs->ring[sc->sc_rx.nr_req_prod &
		    (XNF_RX_RING - 1)].req;
		req->id = (uint16_t)id;
		req->gref = gref;
		sc->sc_rx.nr_req_prod++;
	}
	if (sc->sc_rx.nr_req_prod != old)
		xnf_push(sc, &sc->sc_rxs->req_prod, &sc->sc_rxs->req_event,
		    old, sc->sc_rx.nr_req_prod);
}

static bool
xnf_rx(struct xnf_softc *sc)
{
	RING_IDX prod, cons;
	bool any = false;
	int n;

	do {
		prod = sc->sc_rxs->rsp_prod;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if ((n = nf_ring_rsp_ready(&sc->sc_rx, prod)) < 0) {
			xnf_broken(sc, "rx response index out of range");
			return false;
		}
		cons = sc->sc_rx.nr_rsp_cons;
		for (int i = 0; i < n; i++, cons++) {
			struct netif_rx_response rsp;
			int len;

			rsp = *(const struct netif_rx_response *)
			    &sc->sc_rxs->ring[cons & (XNF_RX_RING - 1)].rsp;
			any = true;
			len = nf_rx_rsp(&sc->sc_rx, rsp.id, rsp.offset, rsp.flags,
			    rsp.status);
			if (len == -EINVAL)
				continue;	/* not ours to touch */
			/* The backend must be done with it before we read. */
			if (xen_gnttab_end(sc->sc_rx_gref[rsp.id]) != 0) {
				xen_gnttab_end_later(sc->sc_rx_gref[rsp.id]);
				sc->sc_rx_buf[rsp.id] = NULL;	/* left to it */
				(void)nf_ring_id_put(&sc->sc_rx, rsp.id);
				continue;
			}
			if (len > 0) {
				sc->sc_rx_frames++;
				pv_net_input(&sc->sc_net,
				    (const char *)sc->sc_rx_buf[rsp.id] +
				    rsp.offset, (size_t)len);
			}
			(void)nf_ring_id_put(&sc->sc_rx, rsp.id);
		}
		sc->sc_rx.nr_rsp_cons = cons;
		sc->sc_rxs->rsp_event = cons + 1;
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
	} while (sc->sc_rxs->rsp_prod != prod);
	xnf_rx_refill(sc);
	return any;
}

static void
xnf_thread(void *arg)
{
	struct xnf_softc *sc = arg;

	for (;;) {
		uint32_t gen = pv_event_gen(&sc->sc_ev);
		bool any;

		if (sc->sc_broken) {
			(void)pv_event_wait(&sc->sc_ev, gen, UINT64_MAX);
			continue;
		}
		any = xnf_tx_complete(sc);
		any |= xnf_rx(sc);
		if (!any)
			(void)pv_event_wait(&sc->sc_ev, gen,
			    pv_clock_ns() + XNF_POLL_NS);
	}
}

/* ---- attach ---- */

static int
xnf_keys(uint32_t tx, void *arg)
{
	struct xnf_softc *sc = arg;
	const char *node = sc->sc_dev->dv_xen.xi_node;
	char v[16];
	int error;

	fmt_snprintf(v, sizeof(v), "%u", sc->sc_tx_ring_ref);
	if ((error = xen_bus_write(tx, node, "tx-ring-ref", v)) != 0)
		return error;
	fmt_snprintf(v, sizeof(v), "%u", sc->sc_rx_ring_ref);
	if ((error = xen_bus_write(tx, node, "rx-ring-ref", v)) != 0)
		return error;
	fmt_snprintf(v, sizeof(v), "%u", sc->sc_port);
	if ((error = xen_bus_write(tx, node, "event-channel", v)) != 0 ||
	    (error = xen_bus_write(tx, node, "request-rx-copy", "1")) != 0 ||
	    (error = xen_bus_write(tx, node, "feature-rx-notify", "1")) != 0 ||
	    (error = xen_bus_write(tx, node, "feature-sg", "0")) != 0 ||
	    (error = xen_bus_write(tx, node, "feature-no-csum-offload",
	    "1")) != 0)
		return error;
	return 0;
}

static const struct pv_net_ops xnf_ops = {
	.no_send = xnf_send,
};

static bool
xnf_match(const struct pv_dev *d)
{
	return pv_dev_bus(d) == PV_BUS_XENBUS &&
	    strcmp(d->dv_xen.xi_type, "vif") == 0;
}

/*
 * Free a page granted as ref, unless the backend still maps it: then the
 * grant is left to end later and the page to the backend (leaked, never
 * reused).
 */
static void
xnf_free_granted(void *page, uint32_t ref, bool granted)
{
	if (page == NULL)
		return;
	if (granted && xen_gnttab_end(ref) != 0) {
		xen_gnttab_end_later(ref);
		return;
	}
	pv_page_free(page);
}

/* Undo what attach did (before the backend connected). */
static void
xnf_release(struct xnf_softc *sc)
{
	if (sc->sc_port != 0)
		(void)xen_evtchn_close(sc->sc_port);
	xnf_free_granted((void *)sc->sc_txs, sc->sc_tx_ring_ref,
	    sc->sc_tx_ring_ref != 0);
	xnf_free_granted((void *)sc->sc_rxs, sc->sc_rx_ring_ref,
	    sc->sc_rx_ring_ref != 0);
	for (unsigned int i = 0; i < XNF_RX_BUFS; i++)
		xnf_free_granted(sc->sc_rx_buf[i], sc->sc_rx_gref[i],
		    sc->sc_rx.nr_state[i] != NF_ID_FREE);
	for (unsigned int i = 0; i < XNF_TX_BUFS; i++)
		pv_page_free(sc->sc_tx_buf[i]);	/* never granted yet */
	memset(sc, 0, sizeof(*sc));
}

static int
xnf_attach(struct pv_dev *d)
{
	struct pv_xenbus_info *xi = &d->dv_xen;
	struct xnf_softc *sc;
	char mac[32];
	int error;

	if (!xen_evtchn_ready() || !pv_env_ready())
		return -ENODEV;
	if (xnf_count == XNF_MAX)
		return -ENOSPC;
	sc = &xnf_softcs[xnf_count];
	memset(sc, 0, sizeof(*sc));
	sc->sc_dev = d;
	sc->sc_backend = xi->xi_backend_id;
	sc->sc_tx_lock = (struct spinlock)SPINLOCK_INIT;
	if ((error = xen_bus_read_str(xi->xi_node, "mac", mac,
	    sizeof(mac))) != 0 ||
	    (error = xs_parse_mac(mac, strlen(mac), sc->sc_net.n_addr)) != 0) {
		pr_err("netfront: %s: no usable mac (%d)\n", xi->xi_node,
		    error);
		return error == -ENOENT ? -ENODEV : -EINVAL;
	}
	nf_ring_init(&sc->sc_tx, XNF_TX_BUFS);
	nf_ring_init(&sc->sc_rx, XNF_RX_BUFS);
	error = -ENOMEM;
	if ((sc->sc_txs = pv_page_alloc()) == NULL ||
	    (sc->sc_rxs = pv_page_alloc()) == NULL)
		goto fail;
	for (unsigned int i = 0; i < XNF_TX_BUFS; i++)
		if ((sc->sc_tx_buf[i] = pv_page_alloc()) == NULL)
			goto fail;
	/* The shared rings' indices start at 0, events at 1. */
	sc->sc_txs->req_event = sc->sc_txs->rsp_event = 1;
	sc->sc_rxs->req_event = sc->sc_rxs->rsp_event = 1;
	if ((error = xen_gnttab_grant(sc->sc_backend,
	    xen_gnttab_gfn((void *)sc->sc_txs), false,
	    &sc->sc_tx_ring_ref)) != 0 ||
	    (error = xen_gnttab_grant(sc->sc_backend,
	    xen_gnttab_gfn((void *)sc->sc_rxs), false,
	    &sc->sc_rx_ring_ref)) != 0)
		goto fail;
	if ((error = xen_evtchn_alloc_unbound(sc->sc_backend,
	    &sc->sc_port)) != 0)
		goto fail;
	if ((error = xen_evtchn_bind(sc->sc_port, xnf_intr, sc)) != 0)
		goto fail;
	xnf_rx_refill(sc);
	if ((error = xen_bus_front_connect(xi, xnf_keys, sc,
	    XEN_BUS_CONNECT_NS)) != 0)
		goto fail;
	sc->sc_net.n_ops = &xnf_ops;
	sc->sc_net.n_softc = sc;
	sc->sc_net.n_mtu = 1500;
	sc->sc_net.n_link_up = true;
	if ((error = pv_thread_start("netfront", xnf_thread, sc)) != 0)
		goto fail_close;
	if ((error = pv_net_register(&sc->sc_net, d)) != 0)
		goto fail_close;	/* the thread then waits forever */
	xnf_count++;
	pv_event_signal(&sc->sc_ev);
	pr_info("netfront: %s: %s mac %02x:%02x:%02x:%02x:%02x:%02x, "
	    "backend %s, event channel %u\n", pv_net_name(&sc->sc_net),
	    xi->xi_node, sc->sc_net.n_addr[0], sc->sc_net.n_addr[1],
	    sc->sc_net.n_addr[2], sc->sc_net.n_addr[3], sc->sc_net.n_addr[4],
	    sc->sc_net.n_addr[5], xi->xi_backend, sc->sc_port);
	return 0;
fail_close:
	sc->sc_broken = true;
	sc->sc_net.n_link_up = false;
	(void)xen_bus_front_close(xi, XEN_BUS_CONNECT_NS);
	xnf_count++;		/* its thread may run: keep the softc */
	return error;
fail:
	xnf_release(sc);
	return error;
}

static const struct pv_driver xnf_driver = {
	.pd_name = "netfront",
	.pd_match = xnf_match,
	.pd_attach = xnf_attach,
};
PV_DRIVER(xnf_driver);
