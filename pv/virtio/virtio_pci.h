/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The virtio-pci modern transport (virtio 1.x, "Virtio Over PCI Bus"),
 * for drivers matched by PCI ids (virtio_net.c): the structures found by
 * virtio_pci_caps.c, their BARs mapped, the status dance, feature
 * negotiation (VIRTIO_F_VERSION_1 required), queue setup, doorbells, the
 * device's configuration read consistently, and MSI-X vectors from the
 * arch's allocator.  Legacy (0.9.5, I/O BAR) devices are refused.
 */
#ifndef PV_VIRTIO_VIRTIO_PCI_H
#define PV_VIRTIO_VIRTIO_PCI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <arch/x86_64/include/pci_cfg.h>
#include <arch/x86_64/include/trap.h>
#include <pv/common/pv_dev.h>
#include <pv/virtio/virtio_pci_caps.h>
#include <pv/virtio/virtq.h>

#define VIRTIO_VENDOR		0x1af4
#define VIRTIO_DEV_MODERN_BASE	0x1040	/* + virtio device id */

/* Device status bits. */
#define VIRTIO_S_ACKNOWLEDGE	0x01
#define VIRTIO_S_DRIVER		0x02
#define VIRTIO_S_DRIVER_OK	0x04
#define VIRTIO_S_FEATURES_OK	0x08
#define VIRTIO_S_NEEDS_RESET	0x40
#define VIRTIO_S_FAILED		0x80

/* Transport feature bits. */
#define VIRTIO_F_RING_EVENT_IDX	29
#define VIRTIO_F_VERSION_1	32

#define VIRTIO_MSI_NO_VECTOR	0xffff
#define VIRTIO_PCI_MAPPED_MAX	(16u << 20)	/* largest BAR we map */

struct virtio_pci {
	struct pv_dev		*vp_dev;
	struct pci_addr		 vp_addr;
	struct virtio_pci_layout vp_layout;
	volatile uint8_t	*vp_bar[PV_PCI_BARS];	/* mapped, or NULL */
	volatile uint8_t	*vp_common;
	volatile uint8_t	*vp_notify;
	volatile uint8_t	*vp_isr;
	volatile uint8_t	*vp_device;		/* NULL: no config */
	uint64_t		 vp_features;		/* negotiated */
	/* MSI-X */
	volatile uint32_t	*vp_msix_table;		/* NULL: none used */
	unsigned int		 vp_msix_n;		/* entries programmed */
	int			 vp_vectors[4];		/* CPU vectors, -1 */
	/* queue memory, for teardown */
	void			*vp_qmem[4];
	size_t			 vp_qbytes[4];
};

/*
 * Find and map the structures, enable memory decoding and bus
 * mastering, reset the device and set ACKNOWLEDGE | DRIVER.  0, or
 * -ENODEV (not a usable modern device, logged), -ENOMEM.
 */
int	virtio_pci_init(struct virtio_pci *vp, struct pv_dev *d);

/*
 * Offer wanted & what the device has, VERSION_1 always; set
 * FEATURES_OK and read it back.  0 with vp_features set; -ENODEV
 * (logged) when the device lacks VERSION_1 or refuses the set.
 */
int	virtio_pci_negotiate(struct virtio_pci *vp, uint64_t wanted);

static inline bool
virtio_pci_has(const struct virtio_pci *vp, unsigned int bit)
{
	return (vp->vp_features >> bit) & 1;
}

/*
 * Set up queue index with at most max entries (the device's size,
 * bounded, rounded down to a power of two) over fresh device memory,
 * interrupts to MSI-X entry msix (VIRTIO_MSI_NO_VECTOR: none; a vector
 * the device will not take fails with -EIO).  0, -ENODEV (no such
 * queue, or its doorbell outside the notify structure), -ENOMEM.
 */
int	virtio_pci_queue_setup(struct virtio_pci *vp, unsigned int index,
	    unsigned int max, uint16_t msix, struct virtq *vq);

/*
 * Undo a failed attach: reset the device, turn MSI-X off and give its
 * vectors back, free the queues' memory.  (The BARs' MMIO windows stay
 * mapped: the window allocator does not take space back.)
 */
void	virtio_pci_teardown(struct virtio_pci *vp);

/* Ring queue index's doorbell. */
void	virtio_pci_notify(struct virtio_pci *vp, const struct virtq *vq);

/* Set DRIVER_OK: the device goes live. */
void	virtio_pci_driver_ok(struct virtio_pci *vp);

uint8_t	virtio_pci_status(struct virtio_pci *vp);

/* Tell the device we gave up (FAILED). */
void	virtio_pci_fail(struct virtio_pci *vp);

/*
 * Read len (<= 16) bytes of the device's configuration at off into buf,
 * again while config_generation changes under us (bounded: -EIO after
 * 16 tries); -EINVAL when outside the structure.
 */
int	virtio_pci_config(struct virtio_pci *vp, unsigned int off, void *buf,
	    unsigned int len);

/* Write a 32-bit field of the device's configuration: 0 or -EINVAL. */
int	virtio_pci_config_write32(struct virtio_pci *vp, unsigned int off,
	    uint32_t v);

/* Read and clear the ISR status (INTx): bit 0 queue, bit 1 config. */
uint8_t	virtio_pci_isr(struct virtio_pci *vp);

/*
 * Take n (<= 4) MSI-X entries, each routed to a vector from the
 * allocator calling fn[i](arg); the function is enabled with INTx off.
 * The config change interrupt goes to entry 0.  0, or -ENODEV (no MSI-X,
 * logged by the caller), -ENOSPC.
 */
int	virtio_pci_msix_setup(struct virtio_pci *vp, unsigned int n,
	    trap_irq_fn const *fn, void *arg, const char *const *names);

#endif /* PV_VIRTIO_VIRTIO_PCI_H */
