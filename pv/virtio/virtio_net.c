/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * virtio-net over the modern PCI transport (PCI 1af4:1041), offered as a
 * device of the net class (pv_net_drv.h).
 *
 * Two queues, receive (0) and transmit (1), of up to 128 entries, each
 * buffer one descriptor of 2 KiB (a 12-byte virtio_net_hdr, then the
 * frame).  Features: MAC, STATUS (link state), MTU (bounded to 1500,
 * what the buffers hold), event indices.  No checksum offload: the class
 * carries no checksum start and offset for a frame, so the stack above
 * computes every checksum, and without GUEST_CSUM the device hands us
 * frames with whole checksums.
 *
 * Interrupts (MSI-X: configuration, receive, transmit) only acknowledge
 * and wake the driver's thread; without MSI-X the thread polls every
 * 10 ms (INTx needs an IOAPIC route the arch does not offer yet).  The
 * thread passes received frames up, posts their buffers again, reclaims
 * sent ones and rings the transmit doorbell once for every frame queued
 * since it last ran: a burst of sends costs one notification (or one per
 * half ring, when the sender keeps the CPU).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/spinlock.h>
#include <arch/x86_64/include/timer_hw.h>
#include <arch/x86_64/include/trap.h>
#include <pv/common/pv_driver.h>
#include <pv/common/pv_net.h>
#include <pv/common/pv_net_drv.h>
#include <pv/common/pv_env.h>
#include <pv/common/pv_hv.h>
#include <pv/virtio/virtio_pci.h>
#include <pv/virtio/virtq.h>
#include <kernel/log/printk.h>

#define VIRTIO_ID_NET		1

#define VIRTIO_NET_F_MTU	3
#define VIRTIO_NET_F_MAC	5
#define VIRTIO_NET_F_STATUS	16

/* struct virtio_net_config */
#define VNET_CFG_MAC		0
#define VNET_CFG_STATUS		6
#define VNET_CFG_MTU		10
#define VNET_S_LINK_UP		1

#define VNET_HDR		12	/* virtio_net_hdr with VERSION_1 */
#define VNET_BUF		2048
#define VNET_QSIZE		128
#define VNET_MTU_MAX		1500
#define VNET_MTU_MIN		68
#define VNET_RXQ		0
#define VNET_TXQ		1
#define VNET_POLL_NS		10000000ULL	/* without interrupts */
#define VNET_IDLE_NS		1000000000ULL	/* a look at the status */

_Static_assert(VNET_HDR + PV_NET_HDR_LEN + VNET_MTU_MAX <= VNET_BUF,
    "a frame and its header fit a buffer");

struct vnet {
	struct pv_net		 vn_net;
	struct virtio_pci	 vn_vp;
	struct virtq		 vn_rx, vn_tx;
	uint8_t			*vn_rxbuf, *vn_txbuf;
	uint64_t		 vn_rxbuf_pa, vn_txbuf_pa;
	size_t			 vn_rxbytes, vn_txbytes;
	struct spinlock		 vn_txlock;	/* vn_tx, vn_txfree */
	uint16_t		 vn_txfree[VNET_QSIZE];
	unsigned int		 vn_ntxfree;
	struct pv_event		 vn_ev;	/* the interrupts' to the thread */
	volatile bool		 vn_cfg_changed;
	bool			 vn_msix;
	bool			 vn_status;	/* STATUS negotiated */
	volatile bool		 vn_stopped;
	/* counters */
	uint64_t		 vn_rx_frames, vn_rx_short, vn_rx_long;
	uint64_t		 vn_tx_frames, vn_tx_full, vn_tx_kicks;
	uint64_t		 vn_rx_kicks;
};

static void
vnet_irq_config(void *arg, struct trap_frame *tf)
{
	struct vnet *vn = arg;

	(void)tf;
	vn->vn_cfg_changed = true;
	pv_event_signal(&vn->vn_ev);
	lapic_eoi();
}

static void
vnet_irq_queue(void *arg, struct trap_frame *tf)
{
	struct vnet *vn = arg;

	(void)tf;
	pv_event_signal(&vn->vn_ev);
	lapic_eoi();
}

static const char *
vnet_name(const struct vnet *vn)
{
	return vn->vn_vp.vp_dev->dv_name;
}

/* Read the link state; changes after the first are logged. */
static void
vnet_read_link(struct vnet *vn, bool first)
{
	uint16_t st;
	bool up;

	if (!vn->vn_status) {
		vn->vn_net.n_link_up = true;
		return;
	}
	if (virtio_pci_config(&vn->vn_vp, VNET_CFG_STATUS, &st, 2) != 0)
		return;
	up = st & VNET_S_LINK_UP;
	if (!first && up != vn->vn_net.n_link_up)
		pr_info("virtio-net %s: link %s\n", vnet_name(vn),
		    up ? "up" : "down");
	vn->vn_net.n_link_up = up;
}

static void
vnet_stop(struct vnet *vn, const char *why)
{
	pr_err("virtio-net %s: %s; the device is stopped\n", vnet_name(vn),
	    why);
	vn->vn_stopped = true;
	vn->vn_net.n_link_up = false;
}

static int
vnet_rx_post(struct vnet *vn, uint8_t *buf)
{
	struct virtq_sg sg = {
		vn->vn_rxbuf_pa + (uint64_t)(buf - vn->vn_rxbuf), VNET_BUF,
	};

	return virtq_add(&vn->vn_rx, &sg, 0, 1, buf);
}

/* Pass received frames up and post their buffers again. */
static void
vnet_rx(struct vnet *vn)
{
	unsigned int n = 0;
	void *cookie;
	uint32_t len;

	for (;;) {
		enum virtq_used_result r = virtq_get_used(&vn->vn_rx, &cookie,
		    &len);
		uint8_t *buf = cookie;

		if (r == VIRTQ_USED_NONE)
			break;
		if (r == VIRTQ_USED_BROKEN) {
			vnet_stop(vn, "receive queue's used index jumped");
			return;
		}
		if (r == VIRTQ_USED_OK) {
			if (len < VNET_HDR + PV_NET_HDR_LEN) {
				vn->vn_rx_short++;
			} else if (len - VNET_HDR > PV_NET_HDR_LEN +
			    pv_net_mtu(&vn->vn_net)) {
				vn->vn_rx_long++;
			} else {
				vn->vn_rx_frames++;
				pv_net_input(&vn->vn_net, buf + VNET_HDR,
				    len - VNET_HDR);
			}
		}
		(void)vnet_rx_post(vn, buf);	/* its slot just came back */
		n++;
	}
	if (n != 0 && virtq_publish(&vn->vn_rx)) {
		vn->vn_rx_kicks++;
		virtio_pci_notify(&vn->vn_vp, &vn->vn_rx);
	}
}

/* Under vn_txlock: publish what is queued, ring once if asked. */
static void
vnet_tx_kick_locked(struct vnet *vn)
{
	if (virtq_unpublished(&vn->vn_tx) == 0)
		return;
	if (virtq_publish(&vn->vn_tx)) {
		vn->vn_tx_kicks++;
		virtio_pci_notify(&vn->vn_vp, &vn->vn_tx);
	}
}

/* Take back sent buffers and ring for anything queued. */
static void
vnet_tx(struct vnet *vn)
{
	bool on = spin_lock_irqsave(&vn->vn_txlock);
	void *cookie;
	uint32_t len;

	for (;;) {
		enum virtq_used_result r = virtq_get_used(&vn->vn_tx, &cookie,
		    &len);

		if (r == VIRTQ_USED_NONE)
			break;
		if (r == VIRTQ_USED_BROKEN) {
			spin_unlock_irqrestore(&vn->vn_txlock, on);
			vnet_stop(vn, "transmit queue's used index jumped");
			return;
		}
		/* OK or a bad length (counted): the buffer is ours again. */
		vn->vn_txfree[vn->vn_ntxfree++] = (uint16_t)
		    (((uint8_t *)cookie - vn->vn_txbuf) / VNET_BUF);
	}
	vnet_tx_kick_locked(vn);
	spin_unlock_irqrestore(&vn->vn_txlock, on);
}

static int
vnet_send(struct pv_net *n, const struct pv_iov *iov, unsigned int niov,
    size_t len)
{
	struct vnet *vn = n->n_softc;
	struct virtq_sg sg;
	uint8_t *buf, *p;
	uint16_t slot;
	bool on, now;
	int error;

	if (vn->vn_stopped)
		return -ENETDOWN;
	on = spin_lock_irqsave(&vn->vn_txlock);
	if (vn->vn_ntxfree == 0) {
		vn->vn_tx_full++;
		spin_unlock_irqrestore(&vn->vn_txlock, on);
		pv_event_signal(&vn->vn_ev);	/* reclaim */
		return -EAGAIN;
	}
	slot = vn->vn_txfree[--vn->vn_ntxfree];
	buf = p = vn->vn_txbuf + (size_t)slot * VNET_BUF;
	memset(p, 0, VNET_HDR);		/* no offloads */
	p += VNET_HDR;
	for (unsigned int i = 0; i < niov; i++) {
		memcpy(p, iov[i].iov_base, iov[i].iov_len);
		p += iov[i].iov_len;
	}
	sg.sg_addr = vn->vn_txbuf_pa + (size_t)slot * VNET_BUF;
	sg.sg_len = (uint32_t)(VNET_HDR + len);
	if ((error = virtq_add(&vn->vn_tx, &sg, 1, 0, buf)) != 0) {
		vn->vn_txfree[vn->vn_ntxfree++] = slot;
		spin_unlock_irqrestore(&vn->vn_txlock, on);
		return error == -ENOSPC ? -EAGAIN : -EIO;
	}
	vn->vn_tx_frames++;
	/* A sender that keeps the CPU still rings every half ring. */
	now = virtq_unpublished(&vn->vn_tx) >= vn->vn_tx.vq_size / 2;
	if (now)
		vnet_tx_kick_locked(vn);
	spin_unlock_irqrestore(&vn->vn_txlock, on);
	if (!now)
		pv_event_signal(&vn->vn_ev);	/* the thread rings */
	return 0;
}

static const struct pv_net_ops vnet_ops = {
	.no_send = vnet_send,
};

static void
vnet_thread(void *arg)
{
	struct vnet *vn = arg;

	pr_info("virtio-net %s: %s, rx %u and tx %u entries\n", vnet_name(vn),
	    vn->vn_msix ? "MSI-X interrupts" :
	    "no MSI-X: polling every 10 ms (INTx is not routed: no IOAPIC "
	    "support yet)", vn->vn_rx.vq_size, vn->vn_tx.vq_size);
	uint32_t gen = pv_event_gen(&vn->vn_ev);

	for (;;) {
		/* A signal after gen was read ends the wait at once. */
		bool signalled = pv_event_wait(&vn->vn_ev, gen, pv_clock_ns() +
		    (vn->vn_msix ? VNET_IDLE_NS : VNET_POLL_NS)) == 0;
		bool more;

		gen = pv_event_gen(&vn->vn_ev);

		if (!vn->vn_msix && (virtio_pci_isr(&vn->vn_vp) & 2))
			vn->vn_cfg_changed = true;
		if (vn->vn_cfg_changed || !signalled) {
			uint8_t st = virtio_pci_status(&vn->vn_vp);

			if (st & VIRTIO_S_NEEDS_RESET) {
				vnet_stop(vn, "the device needs a reset");
				return;
			}
			if (vn->vn_cfg_changed) {
				vn->vn_cfg_changed = false;
				vnet_read_link(vn, false);
			}
		}
		do {
			vnet_rx(vn);
			vnet_tx(vn);
			if (vn->vn_stopped)
				return;
			more = virtq_enable_cb(&vn->vn_rx);
			more |= virtq_enable_cb(&vn->vn_tx);
		} while (more);
	}
}

static bool
vnet_match(const struct pv_dev *d)
{
	return pv_dev_bus(d) == PV_BUS_PCI &&
	    d->dv_pci.pi_vendor == VIRTIO_VENDOR &&
	    d->dv_pci.pi_device == VIRTIO_DEV_MODERN_BASE + VIRTIO_ID_NET;
}

static void
vnet_free(struct vnet *vn)
{
	pv_dma_free(vn->vn_rxbuf, vn->vn_rxbytes);
	pv_dma_free(vn->vn_txbuf, vn->vn_txbytes);
	pv_dma_free(vn, sizeof(*vn));
}

/* Features, interrupts, queues, buffers, configuration: up to DRIVER_OK. */
static int
vnet_setup(struct vnet *vn)
{
	static const trap_irq_fn fns[3] = {
		vnet_irq_config, vnet_irq_queue, vnet_irq_queue,
	};
	static const char *const names[3] = {
		"virtio-net-config", "virtio-net-rx", "virtio-net-tx",
	};
	struct virtio_pci *vp = &vn->vn_vp;
	uint16_t mtu;
	int error;

	error = virtio_pci_negotiate(vp, (1ULL << VIRTIO_NET_F_MAC) |
	    (1ULL << VIRTIO_NET_F_STATUS) | (1ULL << VIRTIO_NET_F_MTU) |
	    (1ULL << VIRTIO_F_RING_EVENT_IDX));
	if (error != 0)
		return error;
	vn->vn_msix = virtio_pci_msix_setup(vp, 3, fns, vn, names) == 0;
	error = virtio_pci_queue_setup(vp, VNET_RXQ, VNET_QSIZE,
	    vn->vn_msix ? 1 : VIRTIO_MSI_NO_VECTOR, &vn->vn_rx);
	if (error == 0)
		error = virtio_pci_queue_setup(vp, VNET_TXQ, VNET_QSIZE,
		    vn->vn_msix ? 2 : VIRTIO_MSI_NO_VECTOR, &vn->vn_tx);
	if (error != 0)
		return error;
	vn->vn_rxbytes = (size_t)vn->vn_rx.vq_size * VNET_BUF;
	vn->vn_txbytes = (size_t)vn->vn_tx.vq_size * VNET_BUF;
	vn->vn_rxbuf = pv_dma_alloc(vn->vn_rxbytes, &vn->vn_rxbuf_pa);
	vn->vn_txbuf = pv_dma_alloc(vn->vn_txbytes, &vn->vn_txbuf_pa);
	if (vn->vn_rxbuf == NULL || vn->vn_txbuf == NULL)
		return -ENOMEM;
	for (unsigned int i = 0; i < vn->vn_tx.vq_size; i++)
		vn->vn_txfree[vn->vn_ntxfree++] = (uint16_t)i;
	for (unsigned int i = 0; i < vn->vn_rx.vq_size; i++)
		(void)vnet_rx_post(vn, vn->vn_rxbuf + (size_t)i * VNET_BUF);

	if (virtio_pci_has(vp, VIRTIO_NET_F_MAC)) {
		if (virtio_pci_config(vp, VNET_CFG_MAC, vn->vn_net.n_addr,
		    PV_NET_ADDR_LEN) != 0)
			return -EIO;
	} else {
		/* Locally administered, from the device's place. */
		static const uint8_t base[PV_NET_ADDR_LEN] = { 0x02, 0x4a,
		    0x69, 0x6e, 0, 0 };

		memcpy(vn->vn_net.n_addr, base, PV_NET_ADDR_LEN);
		vn->vn_net.n_addr[4] = vp->vp_dev->dv_pci.pi_bus;
		vn->vn_net.n_addr[5] = (uint8_t)(vp->vp_dev->dv_pci.pi_dev << 3 |
		    vp->vp_dev->dv_pci.pi_fn);
	}
	vn->vn_net.n_mtu = VNET_MTU_MAX;
	if (virtio_pci_has(vp, VIRTIO_NET_F_MTU) &&
	    virtio_pci_config(vp, VNET_CFG_MTU, &mtu, 2) == 0) {
		if (mtu < VNET_MTU_MIN || mtu > VNET_MTU_MAX)
			pr_info("virtio-net %s: device MTU %u taken as %u\n",
			    vnet_name(vn), mtu, mtu < VNET_MTU_MIN ?
			    VNET_MTU_MIN : VNET_MTU_MAX);
		vn->vn_net.n_mtu = mtu < VNET_MTU_MIN ? VNET_MTU_MIN :
		    mtu > VNET_MTU_MAX ? VNET_MTU_MAX : mtu;
	}
	vn->vn_status = virtio_pci_has(vp, VIRTIO_NET_F_STATUS);
	vnet_read_link(vn, true);
	virtio_pci_driver_ok(vp);
	if (virtq_publish(&vn->vn_rx))
		virtio_pci_notify(vp, &vn->vn_rx);
	return 0;
}

static int
vnet_attach(struct pv_dev *d)
{
	uint64_t pa;
	struct vnet *vn = pv_dma_alloc(sizeof(*vn), &pa);
	int error;

	if (vn == NULL)
		return -ENOMEM;
	vn->vn_txlock = (struct spinlock)SPINLOCK_INIT;
	if ((error = virtio_pci_init(&vn->vn_vp, d)) != 0) {
		vnet_free(vn);
		return error;
	}
	if ((error = vnet_setup(vn)) != 0)
		goto fail;
	vn->vn_net.n_ops = &vnet_ops;
	vn->vn_net.n_softc = vn;
	if ((error = pv_net_register(&vn->vn_net, d)) != 0)
		goto fail;
	if ((error = pv_thread_start("virtio-net", vnet_thread, vn)) != 0) {
		pv_net_unregister(&vn->vn_net);
		goto fail;
	}
	d->dv_softc = vn;
	pr_info("virtio-net %s: %s mac %02x:%02x:%02x:%02x:%02x:%02x mtu %u "
	    "link %s features 0x%lx\n", d->dv_name,
	    pv_net_name(&vn->vn_net), vn->vn_net.n_addr[0],
	    vn->vn_net.n_addr[1], vn->vn_net.n_addr[2], vn->vn_net.n_addr[3],
	    vn->vn_net.n_addr[4], vn->vn_net.n_addr[5], vn->vn_net.n_mtu,
	    vn->vn_net.n_link_up ? "up" : "down", vn->vn_vp.vp_features);
	return 0;
fail:
	pr_warn("virtio-net %s: not attached (%d)\n", d->dv_name, error);
	virtio_pci_fail(&vn->vn_vp);
	virtio_pci_teardown(&vn->vn_vp);
	vnet_free(vn);
	return error;
}

static const struct pv_driver vnet_driver = {
	.pd_name = "virtio-net",
	.pd_match = vnet_match,
	.pd_attach = vnet_attach,
};
PV_DRIVER(vnet_driver);
