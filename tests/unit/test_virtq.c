/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Host tests of the split virtqueue (pv/virtio/virtq.c), the test playing
 * the device: it reads the available ring and the descriptors, and writes
 * used entries, honestly or not.  Every hostile answer must be refused
 * and counted, and must leave the queue's bookkeeping intact.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lib/errno.h>
#include <pv/virtio/virtq.h>
#include <pv/virtio/virtio_pci_caps.h>

#include "ut.h"

struct ut_vq {
	struct virtq	vq;
	void		*mem;
	uint16_t	dev_avail;	/* the device's next avail entry */
	uint16_t	dev_used;	/* the device's used idx */
};

static bool
ut_vq_setup(struct ut_vq *u, unsigned int size, bool event_idx)
{
	size_t n = virtq_mem_size(size, NULL, NULL);

	memset(u, 0, sizeof(*u));
	if (n == 0 || posix_memalign(&u->mem, 4096, n) != 0)
		return false;
	memset(u->mem, 0, n);
	return virtq_init(&u->vq, 0, size, u->mem, 0x100000, event_idx) == 0;
}

static void
ut_vq_done(struct ut_vq *u)
{
	free(u->mem);
	u->mem = NULL;
}

/* The device takes the next available head; -1 when none. */
static int
ut_dev_take(struct ut_vq *u)
{
	struct virtq *vq = &u->vq;

	if (vq->vq_avail[1] == u->dev_avail)
		return -1;
	return vq->vq_avail[2 + (u->dev_avail++ & (vq->vq_size - 1))];
}

/* The device writes a used entry and moves its index by step. */
static void
ut_dev_used(struct ut_vq *u, uint32_t id, uint32_t len, uint16_t step)
{
	struct virtq *vq = &u->vq;

	vq->vq_used_ring[u->dev_used & (vq->vq_size - 1)].id = id;
	vq->vq_used_ring[u->dev_used & (vq->vq_size - 1)].len = len;
	u->dev_used = (uint16_t)(u->dev_used + step);
	vq->vq_used_hdr[1] = u->dev_used;
}

static void
ut_dev_set_avail_event(struct ut_vq *u, uint16_t ev)
{
	*(uint16_t *)(void *)&u->vq.vq_used_ring[u->vq.vq_size] = ev;
}

UT_TEST(virtq_layout)
{
	size_t a, u;

	UT_ASSERT_EQ(virtq_mem_size(0, NULL, NULL), 0);
	UT_ASSERT_EQ(virtq_mem_size(3, NULL, NULL), 0);
	UT_ASSERT_EQ(virtq_mem_size(VIRTQ_SIZE_MAX * 2, NULL, NULL), 0);
	UT_ASSERT(virtq_mem_size(256, &a, &u) == 8192 + 6 + 8 * 256);
	UT_ASSERT_EQ(a, 4096);
	UT_ASSERT_EQ(u, 8192);
	UT_ASSERT(virtq_mem_size(8, &a, &u) != 0);
	UT_ASSERT_EQ(a, 128);
	UT_ASSERT_EQ(u, 4096);
}

UT_TEST(virtq_need_event)
{
	/* Crossing the event index, including across the 16-bit wrap. */
	UT_ASSERT(virtq_need_event(5, 6, 5));
	UT_ASSERT(!virtq_need_event(5, 5, 4));
	UT_ASSERT(virtq_need_event(5, 10, 2));
	UT_ASSERT(!virtq_need_event(20, 10, 2));
	UT_ASSERT(virtq_need_event(0xffff, 2, 0xfffe));
	UT_ASSERT(!virtq_need_event(3, 2, 0xfffe));
}

UT_TEST(virtq_normal_flow)
{
	static struct ut_vq u;
	struct virtq_sg sg[3] = {
		{ 0x1000, 12 }, { 0x2000, 100 }, { 0x3000, 2048 },
	};
	int cookie_a, cookie_b;
	void *c;
	uint32_t len;
	int h;

	UT_ASSERT(ut_vq_setup(&u, 8, false));
	struct virtq *vq = &u.vq;

	UT_ASSERT_EQ(virtq_add(vq, sg, 2, 1, &cookie_a), 0);
	UT_ASSERT_EQ(virtq_add(vq, sg + 2, 0, 1, &cookie_b), 0);
	UT_ASSERT_EQ(vq->vq_nfree, 4);
	UT_ASSERT_EQ(virtq_unpublished(vq), 2);
	/* Not visible before publish. */
	UT_ASSERT_EQ(ut_dev_take(&u), -1);
	UT_ASSERT(virtq_publish(vq));		/* no NO_NOTIFY: kick */
	UT_ASSERT(!virtq_publish(vq));		/* nothing new: none */
	UT_ASSERT_EQ(virtq_unpublished(vq), 0);

	/* The device sees the chain as posted. */
	h = ut_dev_take(&u);
	UT_ASSERT(h >= 0);
	UT_ASSERT_EQ(vq->vq_desc[h].addr, 0x1000);
	UT_ASSERT_EQ(vq->vq_desc[h].flags, VIRTQ_DESC_F_NEXT);
	uint16_t d2 = vq->vq_desc[h].next, d3;
	UT_ASSERT_EQ(vq->vq_desc[d2].len, 100);
	d3 = vq->vq_desc[d2].next;
	UT_ASSERT_EQ(vq->vq_desc[d3].flags, VIRTQ_DESC_F_WRITE);
	UT_ASSERT_EQ(vq->vq_desc[d3].addr, 0x3000);
	int h2 = ut_dev_take(&u);
	UT_ASSERT(h2 >= 0 && h2 != h);
	UT_ASSERT_EQ(vq->vq_desc[h2].flags, VIRTQ_DESC_F_WRITE);

	UT_ASSERT(!virtq_has_used(vq));
	UT_ASSERT_EQ(virtq_get_used(vq, &c, &len), VIRTQ_USED_NONE);
	/* Used out of order: b first. */
	ut_dev_used(&u, (uint32_t)h2, 60, 1);
	ut_dev_used(&u, (uint32_t)h, 2048, 1);
	UT_ASSERT(virtq_has_used(vq));
	UT_ASSERT_EQ(virtq_get_used(vq, &c, &len), VIRTQ_USED_OK);
	UT_ASSERT(c == &cookie_b);
	UT_ASSERT_EQ(len, 60);
	UT_ASSERT_EQ(virtq_get_used(vq, &c, &len), VIRTQ_USED_OK);
	UT_ASSERT(c == &cookie_a);
	UT_ASSERT_EQ(len, 2048);
	UT_ASSERT_EQ(virtq_get_used(vq, &c, &len), VIRTQ_USED_NONE);
	UT_ASSERT_EQ(vq->vq_nfree, 8);
	UT_ASSERT_EQ(vq->vq_inflight, 0);

	/* Full: -ENOSPC, nothing changed. */
	for (int i = 0; i < 8; i++)
		UT_ASSERT_EQ(virtq_add(vq, sg + 2, 0, 1, &cookie_a), 0);
	UT_ASSERT_EQ(virtq_add(vq, sg + 2, 0, 1, &cookie_a), -ENOSPC);
	/* Bad arguments. */
	UT_ASSERT_EQ(virtq_add(vq, sg, 0, 0, &cookie_a), -EINVAL);
	UT_ASSERT_EQ(virtq_add(vq, sg, 1, 0, NULL), -EINVAL);
	struct virtq_sg zero = { 0x1000, 0 };
	UT_ASSERT_EQ(virtq_add(vq, &zero, 1, 0, &cookie_a), -EINVAL);
	UT_ASSERT_EQ(vq->vq_err.ve_bad_id + vq->vq_err.ve_bad_len +
	    vq->vq_err.ve_not_inflight + vq->vq_err.ve_idx_jump, 0);
	ut_vq_done(&u);
}

/* Many rounds through a small queue: both 16-bit indices wrap. */
UT_TEST(virtq_wraparound)
{
	static struct ut_vq u;
	struct virtq_sg sg = { 0x5000, 1500 };
	static int cookies[4];
	unsigned int rounds = 70000;

	UT_ASSERT(ut_vq_setup(&u, 4, true));
	struct virtq *vq = &u.vq;

	for (unsigned int r = 0; r < rounds; r++) {
		void *c;
		uint32_t len;
		int h[3];

		for (int i = 0; i < 3; i++)
			UT_ASSERT_EQ(virtq_add(vq, &sg, 0, 1, &cookies[i]), 0);
		/* The device wants to hear of the first new entry. */
		ut_dev_set_avail_event(&u, u.dev_avail);
		UT_ASSERT(virtq_publish(vq));
		for (int i = 0; i < 3; i++) {
			h[i] = ut_dev_take(&u);
			UT_ASSERT(h[i] >= 0);
		}
		UT_ASSERT_EQ(ut_dev_take(&u), -1);
		for (int i = 2; i >= 0; i--)
			ut_dev_used(&u, (uint32_t)h[i], (uint32_t)(r % 1500), 1);
		for (int i = 2; i >= 0; i--) {
			UT_ASSERT_EQ(virtq_get_used(vq, &c, &len),
			    VIRTQ_USED_OK);
			UT_ASSERT(c == &cookies[i]);
			UT_ASSERT_EQ(len, r % 1500);
		}
		UT_ASSERT_EQ(virtq_get_used(vq, &c, &len), VIRTQ_USED_NONE);
		UT_ASSERT_EQ(vq->vq_nfree, 4);
	}
	UT_ASSERT(u.dev_used == (uint16_t)(rounds * 3));
	UT_ASSERT(vq->vq_avail[1] == (uint16_t)(rounds * 3));
	UT_ASSERT_EQ(vq->vq_err.ve_bad_id + vq->vq_err.ve_idx_jump, 0);
	ut_vq_done(&u);
}

/* Event indices: notify only when the device's avail_event is crossed. */
UT_TEST(virtq_event_idx_suppression)
{
	static struct ut_vq u;
	struct virtq_sg sg = { 0x5000, 64 };
	int ck;
	void *c;
	uint32_t len;

	UT_ASSERT(ut_vq_setup(&u, 16, true));
	struct virtq *vq = &u.vq;

	/* The device asks for a kick at entry 0: the first batch kicks. */
	ut_dev_set_avail_event(&u, 0);
	UT_ASSERT_EQ(virtq_add(vq, &sg, 1, 0, &ck), 0);
	UT_ASSERT_EQ(virtq_add(vq, &sg, 1, 0, &ck), 0);
	UT_ASSERT(virtq_publish(vq));
	/* Busy device (event still 0): later batches do not kick. */
	UT_ASSERT_EQ(virtq_add(vq, &sg, 1, 0, &ck), 0);
	UT_ASSERT(!virtq_publish(vq));
	UT_ASSERT_EQ(virtq_add(vq, &sg, 1, 0, &ck), 0);
	UT_ASSERT(!virtq_publish(vq));
	/* It sleeps again, wanting to hear of entry 4 onwards. */
	ut_dev_set_avail_event(&u, 4);
	UT_ASSERT_EQ(virtq_add(vq, &sg, 1, 0, &ck), 0);
	UT_ASSERT(virtq_publish(vq));
	/* An event far ahead (not yet reached) stays quiet. */
	ut_dev_set_avail_event(&u, 100);
	UT_ASSERT_EQ(virtq_add(vq, &sg, 1, 0, &ck), 0);
	UT_ASSERT(!virtq_publish(vq));

	/* Without event indices: the NO_NOTIFY flag decides. */
	ut_vq_done(&u);
	UT_ASSERT(ut_vq_setup(&u, 16, false));
	vq = &u.vq;
	vq->vq_used_hdr[0] = VIRTQ_USED_F_NO_NOTIFY;
	UT_ASSERT_EQ(virtq_add(vq, &sg, 1, 0, &ck), 0);
	UT_ASSERT(!virtq_publish(vq));
	vq->vq_used_hdr[0] = 0;
	UT_ASSERT_EQ(virtq_add(vq, &sg, 1, 0, &ck), 0);
	UT_ASSERT(virtq_publish(vq));

	/* Used-event: enable_cb asks for the next entry, says if one waits. */
	ut_vq_done(&u);
	UT_ASSERT(ut_vq_setup(&u, 16, true));
	vq = &u.vq;
	UT_ASSERT_EQ(virtq_add(vq, &sg, 0, 1, &ck), 0);
	UT_ASSERT_EQ(virtq_add(vq, &sg, 0, 1, &ck), 0);
	(void)virtq_publish(vq);
	UT_ASSERT(!virtq_enable_cb(vq));
	UT_ASSERT_EQ(vq->vq_avail[2 + 16], 0);		/* used_event */
	int h = ut_dev_take(&u);
	ut_dev_used(&u, (uint32_t)h, 10, 1);
	UT_ASSERT_EQ(virtq_get_used(vq, &c, &len), VIRTQ_USED_OK);
	virtq_disable_cb(vq);
	UT_ASSERT(vq->vq_avail[2 + 16] != 1);
	h = ut_dev_take(&u);
	ut_dev_used(&u, (uint32_t)h, 10, 1);
	/* An entry came while disabled: enable says so (no lost wake-up). */
	UT_ASSERT(virtq_enable_cb(vq));
	UT_ASSERT_EQ(vq->vq_avail[2 + 16], 1);
	ut_vq_done(&u);
}

/* A hostile device: every kind of lie is refused and counted. */
UT_TEST(virtq_hostile_device)
{
	static struct ut_vq u;
	struct virtq_sg rd = { 0x1000, 14 }, wr = { 0x2000, 1526 };
	struct virtq_sg rw[3] = { rd, wr, wr };
	int ca, cb, cc;
	void *c;
	uint32_t len;

	UT_ASSERT(ut_vq_setup(&u, 8, false));
	struct virtq *vq = &u.vq;

	UT_ASSERT_EQ(virtq_add(vq, &wr, 0, 1, &ca), 0);
	UT_ASSERT_EQ(virtq_add(vq, rw, 1, 1, &cb), 0);	/* rd then wr */
	(void)virtq_publish(vq);
	int ha = ut_dev_take(&u), hb = ut_dev_take(&u);

	/* An id outside the queue: skipped, counted, nothing freed. */
	ut_dev_used(&u, 8, 10, 1);
	ut_dev_used(&u, 0xffffffff, 10, 1);
	UT_ASSERT_EQ(virtq_get_used(vq, &c, &len), VIRTQ_USED_NONE);
	UT_ASSERT_EQ(vq->vq_err.ve_bad_id, 2);
	UT_ASSERT_EQ(vq->vq_nfree, 5);

	/* A descriptor in the middle of b's chain (not a head). */
	uint16_t mid = vq->vq_desc[hb].next;
	ut_dev_used(&u, mid, 10, 1);
	/* A free descriptor. */
	ut_dev_used(&u, 7, 10, 1);
	UT_ASSERT_EQ(virtq_get_used(vq, &c, &len), VIRTQ_USED_NONE);
	UT_ASSERT_EQ(vq->vq_err.ve_not_inflight, 2);
	UT_ASSERT_EQ(vq->vq_nfree, 5);

	/* A length past the writable part: the buffer is back, data not. */
	ut_dev_used(&u, (uint32_t)hb, 1527, 1);
	UT_ASSERT_EQ(virtq_get_used(vq, &c, &len), VIRTQ_USED_BAD_LEN);
	UT_ASSERT(c == &cb);
	UT_ASSERT_EQ(len, 0);
	UT_ASSERT_EQ(vq->vq_err.ve_bad_len, 1);
	UT_ASSERT_EQ(vq->vq_nfree, 7);
	/* The same head again: no longer in flight. */
	ut_dev_used(&u, (uint32_t)hb, 10, 1);
	UT_ASSERT_EQ(virtq_get_used(vq, &c, &len), VIRTQ_USED_NONE);
	UT_ASSERT_EQ(vq->vq_err.ve_not_inflight, 3);

	/* Exactly the writable length is fine. */
	ut_dev_used(&u, (uint32_t)ha, 1526, 1);
	UT_ASSERT_EQ(virtq_get_used(vq, &c, &len), VIRTQ_USED_OK);
	UT_ASSERT(c == &ca);
	UT_ASSERT_EQ(len, 1526);
	UT_ASSERT_EQ(vq->vq_nfree, 8);

	/* A device-readable-only chain has no writable part: len > 0 lies. */
	UT_ASSERT_EQ(virtq_add(vq, &rd, 1, 0, &cc), 0);
	(void)virtq_publish(vq);
	int hc = ut_dev_take(&u);
	ut_dev_used(&u, (uint32_t)hc, 1, 1);
	UT_ASSERT_EQ(virtq_get_used(vq, &c, &len), VIRTQ_USED_BAD_LEN);
	UT_ASSERT(c == &cc);
	UT_ASSERT_EQ(vq->vq_err.ve_bad_len, 2);

	/* The descriptor table rewritten by the device (a loop) changes
	 * nothing: the chain is freed by our own links. */
	UT_ASSERT_EQ(virtq_add(vq, rw, 1, 2, &ca), 0);
	(void)virtq_publish(vq);
	ha = ut_dev_take(&u);
	for (int i = 0; i < 8; i++) {
		vq->vq_desc[i].next = (uint16_t)ha;
		vq->vq_desc[i].flags = VIRTQ_DESC_F_NEXT;
	}
	ut_dev_used(&u, (uint32_t)ha, 0, 1);
	UT_ASSERT_EQ(virtq_get_used(vq, &c, &len), VIRTQ_USED_OK);
	UT_ASSERT_EQ(vq->vq_nfree, 8);
	/* And the free list still hands out 8 distinct descriptors. */
	bool seen[8] = { false };
	for (int i = 0; i < 8; i++) {
		UT_ASSERT_EQ(virtq_add(vq, &rd, 1, 0, &cb), 0);
		uint16_t head = vq->vq_avail[2 + ((vq->vq_avail_idx - 1) & 7)];
		UT_ASSERT(head < 8 && !seen[head]);
		seen[head] = true;
	}
	(void)virtq_publish(vq);
	for (int i = 0; i < 8; i++)
		(void)ut_dev_take(&u);

	/* The used index jumping past what is in flight: queue broken. */
	ut_dev_used(&u, 0, 0, 200);
	UT_ASSERT_EQ(virtq_get_used(vq, &c, &len), VIRTQ_USED_BROKEN);
	UT_ASSERT_EQ(vq->vq_err.ve_idx_jump, 1);
	UT_ASSERT_EQ(virtq_get_used(vq, &c, &len), VIRTQ_USED_BROKEN);
	UT_ASSERT_EQ(virtq_add(vq, &rd, 1, 0, &cb), -EIO);
	ut_vq_done(&u);

	/* A jump of more than the queue size at once, nothing in flight. */
	UT_ASSERT(ut_vq_setup(&u, 8, false));
	ut_dev_used(&u, 0, 0, 9);
	UT_ASSERT_EQ(virtq_get_used(&u.vq, &c, &len), VIRTQ_USED_BROKEN);
	UT_ASSERT_EQ(u.vq.vq_err.ve_idx_jump, 1);
	ut_vq_done(&u);
}

/* ---- virtio-pci capabilities ---- */

static uint8_t ut_cfg[256];

static uint32_t
ut_cfg_rd(void *ctx, unsigned int off, unsigned int width)
{
	uint32_t v = 0;

	(void)ctx;
	for (unsigned int i = 0; i < width && off + i < sizeof(ut_cfg); i++)
		v |= (uint32_t)ut_cfg[off + i] << (8 * i);
	return v;
}

static void
ut_put32(unsigned int at, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		ut_cfg[at + i] = (uint8_t)(v >> (8 * i));
}

/* A vendor capability at at: type, bar, offset, length (mult for notify). */
static void
ut_vcap(struct pv_pci_info *pi, unsigned int at, uint8_t len, uint8_t type,
    uint8_t bar, uint32_t off, uint32_t length, uint32_t mult)
{
	ut_cfg[at] = PCI_CAP_VENDOR;
	ut_cfg[at + 2] = len;
	ut_cfg[at + 3] = type;
	ut_cfg[at + 4] = bar;
	ut_put32(at + 8, off);
	ut_put32(at + 12, length);
	ut_put32(at + 16, mult);
	pi->pi_caps[pi->pi_ncaps++] = (struct pv_pci_cap){ PCI_CAP_VENDOR,
	    (uint8_t)at };
}

static void
ut_qemu_like(struct pv_pci_info *pi)
{
	memset(ut_cfg, 0, sizeof(ut_cfg));
	memset(pi, 0, sizeof(*pi));
	pi->pi_bars[4] = (struct pv_pci_bar){ 0xfe000000, 0x4000, PV_BAR_64 };
	pi->pi_bars[1] = (struct pv_pci_bar){ 0xc000, 0x40, PV_BAR_IO };
	pi->pi_caps[pi->pi_ncaps++] = (struct pv_pci_cap){ PCI_CAP_MSIX, 0x98 };
	ut_vcap(pi, 0x84, 20, VIRTIO_PCI_CAP_COMMON, 4, 0, 0x1000, 0);
	ut_vcap(pi, 0x6c, 20, VIRTIO_PCI_CAP_ISR, 4, 0x1000, 0x1000, 0);
	ut_vcap(pi, 0x58, 20, VIRTIO_PCI_CAP_DEVICE, 4, 0x2000, 0x1000, 0);
	ut_vcap(pi, 0x40, 20, VIRTIO_PCI_CAP_NOTIFY, 4, 0x3000, 0x1000, 4);
}

UT_TEST(virtio_pci_caps)
{
	static struct pv_pci_info pi;
	struct virtio_pci_layout l;
	uint32_t off;

	ut_qemu_like(&pi);
	UT_ASSERT_EQ(virtio_pci_caps_parse(ut_cfg_rd, NULL, &pi, &l), 0);
	UT_ASSERT_EQ(l.vl_common.vr_bar, 4);
	UT_ASSERT_EQ(l.vl_common.vr_len, 0x1000);
	UT_ASSERT_EQ(l.vl_isr.vr_off, 0x1000);
	UT_ASSERT_EQ(l.vl_device.vr_off, 0x2000);
	UT_ASSERT_EQ(l.vl_notify.vr_off, 0x3000);
	UT_ASSERT_EQ(l.vl_notify_mult, 4);
	UT_ASSERT_EQ(l.vl_skipped, 0);
	UT_ASSERT(virtio_pci_notify_off(&l, 2, &off));
	UT_ASSERT_EQ(off, 8);
	UT_ASSERT(virtio_pci_notify_off(&l, 1023, &off));	/* last 2 bytes */
	UT_ASSERT(!virtio_pci_notify_off(&l, 1024, &off));
	UT_ASSERT(!virtio_pci_notify_off(&l, 0xffff, &off));

	/* A structure past its BAR's end, or whose offset + length wraps. */
	ut_qemu_like(&pi);
	ut_put32(0x84 + 12, 0x4001);
	UT_ASSERT_EQ(virtio_pci_caps_parse(ut_cfg_rd, NULL, &pi, &l), -ENODEV);
	UT_ASSERT_EQ(l.vl_skipped, 1);
	ut_qemu_like(&pi);
	ut_put32(0x84 + 8, 0xfffff000);
	ut_put32(0x84 + 12, 0x2000);
	UT_ASSERT_EQ(virtio_pci_caps_parse(ut_cfg_rd, NULL, &pi, &l), -ENODEV);
	/* In an I/O BAR, an unimplemented BAR, a BAR number past 5. */
	ut_qemu_like(&pi);
	ut_cfg[0x40 + 4] = 1;
	UT_ASSERT_EQ(virtio_pci_caps_parse(ut_cfg_rd, NULL, &pi, &l), -ENODEV);
	ut_cfg[0x40 + 4] = 2;
	UT_ASSERT_EQ(virtio_pci_caps_parse(ut_cfg_rd, NULL, &pi, &l), -ENODEV);
	ut_cfg[0x40 + 4] = 9;
	UT_ASSERT_EQ(virtio_pci_caps_parse(ut_cfg_rd, NULL, &pi, &l), -ENODEV);
	/* A common structure too short; a capability too short. */
	ut_qemu_like(&pi);
	ut_put32(0x84 + 12, 0x37);
	UT_ASSERT_EQ(virtio_pci_caps_parse(ut_cfg_rd, NULL, &pi, &l), -ENODEV);
	ut_qemu_like(&pi);
	ut_cfg[0x40 + 2] = 16;		/* notify needs 20 */
	UT_ASSERT_EQ(virtio_pci_caps_parse(ut_cfg_rd, NULL, &pi, &l), -ENODEV);
	/* An odd multiplier. */
	ut_qemu_like(&pi);
	ut_put32(0x40 + 16, 3);
	UT_ASSERT_EQ(virtio_pci_caps_parse(ut_cfg_rd, NULL, &pi, &l), -ENODEV);
	/* A bad first ISR, a good second one: the second is used. */
	ut_qemu_like(&pi);
	ut_cfg[0x6c + 4] = 1;
	ut_vcap(&pi, 0xb0, 16, VIRTIO_PCI_CAP_ISR, 4, 0x1800, 4, 0);
	UT_ASSERT_EQ(virtio_pci_caps_parse(ut_cfg_rd, NULL, &pi, &l), 0);
	UT_ASSERT_EQ(l.vl_isr.vr_off, 0x1800);
	UT_ASSERT_EQ(l.vl_skipped, 1);
	/* No vendor capabilities at all (a legacy device). */
	memset(&pi, 0, sizeof(pi));
	UT_ASSERT_EQ(virtio_pci_caps_parse(ut_cfg_rd, NULL, &pi, &l), -ENODEV);
}
