/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Split virtqueues (virtio 1.x, "Split Virtqueues"), apart from any
 * transport: no MMIO here, only the three rings in memory shared with the
 * device, so host unit tests can play the device.
 *
 * The device is not trusted.  What the driver needs to remember about a
 * buffer (the chain's links, its cookie, how much of it the device may
 * write) is kept in private memory, never read back from the shared
 * descriptor table; every shared field is read once; and a used entry
 * naming a descriptor that is not the head of a chain in flight, a
 * length past what was posted as device-writable, or a used index that
 * runs ahead of what was posted is rejected and counted, never followed.
 * A used index that jumps breaks the queue for good (virtq_broken).
 *
 * Not thread-safe: one queue is driven by one thread at a time (the
 * driver's lock).
 */
#ifndef PV_VIRTIO_VIRTQ_H
#define PV_VIRTIO_VIRTQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VIRTQ_SIZE_MAX	256	/* entries this driver uses at most */

#define VIRTQ_DESC_F_NEXT	1
#define VIRTQ_DESC_F_WRITE	2
#define VIRTQ_AVAIL_F_NO_INTERRUPT 1
#define VIRTQ_USED_F_NO_NOTIFY	1

/* The shared layout (little-endian; x86 is). */
struct virtq_desc {
	uint64_t	addr;
	uint32_t	len;
	uint16_t	flags;
	uint16_t	next;
};

struct virtq_used_elem {
	uint32_t	id;
	uint32_t	len;
};

/* A piece of a buffer as the device sees it (a bus address). */
struct virtq_sg {
	uint64_t	sg_addr;
	uint32_t	sg_len;
};

/* Why the device's answers were refused, per queue. */
struct virtq_errors {
	uint64_t	ve_bad_id;	/* used id >= queue size */
	uint64_t	ve_not_inflight; /* id not the head of a chain out */
	uint64_t	ve_bad_len;	/* longer than the writable part */
	uint64_t	ve_idx_jump;	/* used idx ahead of what was posted */
};

struct virtq_slot {
	void		*vs_cookie;	/* the caller's, for the chain's head */
	uint32_t	 vs_wlen;	/* device-writable bytes posted */
	uint16_t	 vs_ndesc;	/* descriptors in the chain */
	bool		 vs_inflight;	/* a head posted and not yet used */
};

struct virtq {
	uint16_t		 vq_size;	/* entries, a power of two */
	uint16_t		 vq_index;	/* the queue's number */
	bool			 vq_event_idx;	/* VIRTIO_F_RING_EVENT_IDX */
	bool			 vq_broken;
	/* the shared rings */
	struct virtq_desc	*vq_desc;
	uint16_t		*vq_avail;	/* flags, idx, ring[size], used_event */
	uint16_t		*vq_used_hdr;	/* flags, idx */
	struct virtq_used_elem	*vq_used_ring;	/* [size], then avail_event */
	uint64_t		 vq_desc_pa, vq_avail_pa, vq_used_pa;
	uint32_t		 vq_notify_off;	/* the transport's doorbell */
	/* private */
	uint16_t		 vq_free_head;	/* free descriptors, linked by vq_next */
	uint16_t		 vq_nfree;
	uint16_t		 vq_avail_idx;	/* next avail slot (shadow) */
	uint16_t		 vq_avail_pub;	/* avail idx at the last publish */
	uint16_t		 vq_avail_kick;	/* avail idx at the last kick */
	uint16_t		 vq_last_used;	/* next used entry to take */
	uint16_t		 vq_inflight;	/* chains posted, not yet used */
	uint16_t		 vq_next[VIRTQ_SIZE_MAX];
	struct virtq_slot	 vq_slot[VIRTQ_SIZE_MAX];
	struct virtq_errors	 vq_err;
};

/*
 * Bytes of shared memory a queue of size entries needs, laid out from a
 * page-aligned base: descriptors, the available ring (at *avail_off),
 * the used ring (at *used_off, 4-aligned; the spec's legacy 4096
 * alignment is not needed by modern devices, but we keep the used ring
 * on its own page anyway so the device's writes never share a page with
 * ours).  0 for a size that is not a power of two in 1..VIRTQ_SIZE_MAX.
 */
size_t	virtq_mem_size(unsigned int size, size_t *avail_off, size_t *used_off);

/*
 * Set vq up over mem (virtq_mem_size bytes, zeroed, at bus address pa).
 * 0 or -EINVAL (bad size).
 */
int	virtq_init(struct virtq *vq, unsigned int index, unsigned int size,
	    void *mem, uint64_t pa, bool event_idx);

/*
 * Queue one chain: nout device-readable pieces then nin device-writable
 * ones, taking the descriptors from the free list and filling the next
 * available slot (not yet visible: see virtq_publish).  cookie (not
 * NULL) comes back from virtq_get_used.  0, -EINVAL (no pieces, a zero
 * length or NULL cookie), -ENOSPC (not enough free descriptors), -EIO
 * (the queue is broken).
 */
int	virtq_add(struct virtq *vq, const struct virtq_sg *sg,
	    unsigned int nout, unsigned int nin, void *cookie);

/*
 * Make the chains added since the last publish visible to the device
 * (a release barrier, then the available index), then a full barrier and
 * the notification decision: true when the device asked to be told
 * (its avail_event, with event indices, else the used ring's
 * NO_NOTIFY flag), counting from the last time this returned true.
 */
bool	virtq_publish(struct virtq *vq);

/* Chains added but not published. */
static inline unsigned int
virtq_unpublished(const struct virtq *vq)
{
	return (uint16_t)(vq->vq_avail_idx - vq->vq_avail_pub);
}

enum virtq_used_result {
	VIRTQ_USED_NONE = 0,	/* nothing new */
	VIRTQ_USED_OK,		/* *cookie, *len: a chain is back */
	VIRTQ_USED_BAD_LEN,	/* *cookie is back, but its length is a
				 * lie (counted): drop what it holds */
	VIRTQ_USED_BROKEN,	/* the used index jumped; queue stopped */
};

/*
 * Take the next used entry.  Entries with an id that is out of range or
 * not in flight are skipped (counted).  The chain's descriptors go back
 * to the free list.
 */
enum virtq_used_result virtq_get_used(struct virtq *vq, void **cookie,
	    uint32_t *len);

/*
 * Ask for an interrupt when the next used entry comes (used_event with
 * event indices, else clear NO_INTERRUPT), then a full barrier; true when
 * entries are already waiting (the caller goes round again rather than
 * sleep).
 */
bool	virtq_enable_cb(struct virtq *vq);
/* Ask for no interrupts (a hint the device may ignore). */
void	virtq_disable_cb(struct virtq *vq);

/* Are used entries waiting? */
bool	virtq_has_used(const struct virtq *vq);

/*
 * The event-index rule (virtio 1.x 2.7.10): with the other side's event
 * index ev, and our index moving from old to new, was ev crossed?
 */
static inline bool
virtq_need_event(uint16_t ev, uint16_t new_idx, uint16_t old)
{
	return (uint16_t)(new_idx - ev - 1) < (uint16_t)(new_idx - old);
}

#endif /* PV_VIRTIO_VIRTQ_H */
