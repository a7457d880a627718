/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * virtio-balloon's wire format (virtio 1.x, "Memory Balloon Device"):
 * feature bits, the configuration's fields, the statistics entries and
 * the checks on what the device says, apart from the driver
 * (virtio_balloon.c) so that host unit tests can feed them hostile
 * values.  Frames on the inflate and deflate queues are 32-bit numbers
 * of 4 KiB pages, whatever the guest's page size.
 */
#ifndef PV_VIRTIO_VIRTIO_BALLOON_REG_H
#define PV_VIRTIO_VIRTIO_BALLOON_REG_H

#include <stddef.h>
#include <stdint.h>

#include <pv/common/pv_balloon.h>

#define VIRTIO_ID_BALLOON		5
#define VIRTIO_BALLOON_TRANSITIONAL	0x1002	/* PCI id of a 0.9 device */

#define VIRTIO_BALLOON_F_MUST_TELL_HOST	0
#define VIRTIO_BALLOON_F_STATS_VQ	1
#define VIRTIO_BALLOON_F_DEFLATE_ON_OOM	2

/* struct virtio_balloon_config */
#define VBALLOON_CFG_NUM_PAGES	0	/* le32, set by the device */
#define VBALLOON_CFG_ACTUAL	4	/* le32, set by the driver */

#define VBALLOON_INFLATEQ	0
#define VBALLOON_DEFLATEQ	1
#define VBALLOON_STATSQ		2

/* Statistics tags (struct virtio_balloon_stat). */
#define VBALLOON_S_SWAP_IN	0
#define VBALLOON_S_SWAP_OUT	1
#define VBALLOON_S_MAJFLT	2
#define VBALLOON_S_MINFLT	3
#define VBALLOON_S_MEMFREE	4
#define VBALLOON_S_MEMTOT	5
#define VBALLOON_S_AVAIL	6
#define VBALLOON_S_CACHES	7
#define VBALLOON_NSTATS		8	/* the entries we send */

struct virtio_balloon_stat {
	uint16_t	tag;
	uint64_t	val;
} __attribute__((packed));
_Static_assert(sizeof(struct virtio_balloon_stat) == 10,
    "virtio_balloon_stat is 10 bytes on the wire");

/*
 * Frames as the queues carry them: n 64-bit frame numbers into out as
 * 32-bit ones.  0, or -ERANGE when one does not fit 32 bits (memory past
 * 16 TiB cannot go into this balloon).
 */
int	vballoon_pack(const uint64_t *pfns, unsigned int n, uint32_t *out);

/*
 * The statistics buffer: the entries we send, from st, into out (room
 * for VBALLOON_NSTATS).  Returns the bytes to post.
 */
size_t	vballoon_stats_fill(struct virtio_balloon_stat *out,
	    const struct pv_balloon_stats *st);

#endif /* PV_VIRTIO_VIRTIO_BALLOON_REG_H */
