/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Where a virtio-pci (modern) device keeps its structures: the vendor
 * capabilities of virtio 1.x "Virtio Structure PCI Capabilities" read
 * from configuration space, each checked to lie inside an implemented
 * memory BAR.  Pure (configuration reads go through a callback), so host
 * unit tests can feed it any capability list.
 */
#ifndef PV_VIRTIO_VIRTIO_PCI_CAPS_H
#define PV_VIRTIO_VIRTIO_PCI_CAPS_H

#include <stdbool.h>
#include <stdint.h>

#include <pv/common/pv_dev.h>
#include <pv/common/pv_pci.h>

#define VIRTIO_PCI_CAP_COMMON	1
#define VIRTIO_PCI_CAP_NOTIFY	2
#define VIRTIO_PCI_CAP_ISR	3
#define VIRTIO_PCI_CAP_DEVICE	4

#define VIRTIO_PCI_COMMON_LEN	0x38	/* the 1.0 common structure */

/* One structure: [vr_off, vr_off + vr_len) of memory BAR vr_bar. */
struct virtio_pci_region {
	uint8_t		vr_bar;
	uint32_t	vr_off;
	uint32_t	vr_len;		/* 0: absent */
};

struct virtio_pci_layout {
	struct virtio_pci_region vl_common, vl_notify, vl_isr, vl_device;
	uint32_t	vl_notify_mult;	/* notify_off_multiplier */
	unsigned int	vl_skipped;	/* vendor caps refused (bad BAR, size) */
};

/*
 * Find the common, notify, ISR and device-config structures among pi's
 * recorded capabilities (the first usable of each type wins, as the spec
 * says).  0, or -ENODEV when the common, notify or ISR structure is
 * missing or none usable (a structure outside its BAR, a BAR that is I/O
 * or not implemented, a capability too short, a common structure shorter
 * than 0x38, a notify multiplier that is odd).
 */
int	virtio_pci_caps_parse(pv_pci_read_fn rd, void *ctx,
	    const struct pv_pci_info *pi, struct virtio_pci_layout *l);

/*
 * The offset in the notify structure of a queue's doorbell (queue_notify_off
 * times the multiplier), if its 2 bytes lie inside it: true and *off.
 */
bool	virtio_pci_notify_off(const struct virtio_pci_layout *l,
	    uint16_t queue_notify_off, uint32_t *off);

#endif /* PV_VIRTIO_VIRTIO_PCI_CAPS_H */
