/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* virtio-pci capability parsing (see virtio_pci_caps.h). */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <pv/virtio/virtio_pci_caps.h>

/* struct virtio_pci_cap: vndr, next, len, cfg_type, bar, id, pad[2],
 * offset, length; the notify one adds notify_off_multiplier. */
#define VCAP_LEN	2
#define VCAP_TYPE	3
#define VCAP_BAR	4
#define VCAP_OFFSET	8
#define VCAP_LENGTH	12
#define VCAP_MULT	16
#define VCAP_SIZE	16
#define VCAP_NOTIFY_SIZE 20

static bool
virtio_pci_in_bar(const struct pv_pci_info *pi, unsigned int bar,
    uint32_t off, uint32_t len)
{
	const struct pv_pci_bar *b;

	if (bar >= PV_PCI_BARS)
		return false;
	b = &pi->pi_bars[bar];
	/* 64-bit sums: off + len cannot wrap. */
	return b->pb_size != 0 && !(b->pb_flags & PV_BAR_IO) &&
	    b->pb_addr != 0 && (uint64_t)off + len <= b->pb_size;
}

int
virtio_pci_caps_parse(pv_pci_read_fn rd, void *ctx,
    const struct pv_pci_info *pi, struct virtio_pci_layout *l)
{
	memset(l, 0, sizeof(*l));
	for (unsigned int i = 0; i < pi->pi_ncaps && i < PV_PCI_CAPS; i++) {
		unsigned int at = pi->pi_caps[i].pc_off;
		struct virtio_pci_region r, *slot;
		unsigned int clen, type, need = 1;

		if (pi->pi_caps[i].pc_id != PCI_CAP_VENDOR)
			continue;
		clen = rd(ctx, at + VCAP_LEN, 1) & 0xff;
		type = rd(ctx, at + VCAP_TYPE, 1) & 0xff;
		switch (type) {
		case VIRTIO_PCI_CAP_COMMON:
			slot = &l->vl_common;
			need = VIRTIO_PCI_COMMON_LEN;
			break;
		case VIRTIO_PCI_CAP_NOTIFY:
			slot = &l->vl_notify;
			need = 2;
			break;
		case VIRTIO_PCI_CAP_ISR:
			slot = &l->vl_isr;
			break;
		case VIRTIO_PCI_CAP_DEVICE:
			slot = &l->vl_device;
			break;
		default:
			continue;	/* PCI_CFG, shared memory...: not used */
		}
		if (slot->vr_len != 0)
			continue;	/* the first usable one is taken */
		if (clen < VCAP_SIZE || at + clen > 256 ||
		    (type == VIRTIO_PCI_CAP_NOTIFY && clen < VCAP_NOTIFY_SIZE)) {
			l->vl_skipped++;
			continue;
		}
		r.vr_bar = (uint8_t)(rd(ctx, at + VCAP_BAR, 1) & 0xff);
		r.vr_off = rd(ctx, at + VCAP_OFFSET, 4);
		r.vr_len = rd(ctx, at + VCAP_LENGTH, 4);
		if (r.vr_len < need ||
		    !virtio_pci_in_bar(pi, r.vr_bar, r.vr_off, r.vr_len)) {
			l->vl_skipped++;
			continue;
		}
		if (type == VIRTIO_PCI_CAP_NOTIFY) {
			uint32_t mult = rd(ctx, at + VCAP_MULT, 4);

			/* 0 (one doorbell for all) or even (a power of 2). */
			if (mult & 1) {
				l->vl_skipped++;
				continue;
			}
			l->vl_notify_mult = mult;
		}
		*slot = r;
	}
	if (l->vl_common.vr_len == 0 || l->vl_notify.vr_len == 0 ||
	    l->vl_isr.vr_len == 0)
		return -ENODEV;
	return 0;
}

bool
virtio_pci_notify_off(const struct virtio_pci_layout *l,
    uint16_t queue_notify_off, uint32_t *off)
{
	uint64_t o = (uint64_t)queue_notify_off * l->vl_notify_mult;

	if (o + 2 > l->vl_notify.vr_len)
		return false;
	*off = (uint32_t)o;
	return true;
}
