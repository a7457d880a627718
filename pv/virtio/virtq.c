/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Split virtqueues with an untrusted device (see virtq.h). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <pv/virtio/virtq.h>

#define VIRTQ_PAGE	4096u
#define VIRTQ_NONE	0xffff	/* end of the free list */

/* Full, release and acquire barriers (x86: mfence and compiler ones). */
#define virtq_mb()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define virtq_wmb()	__atomic_thread_fence(__ATOMIC_RELEASE)
#define virtq_rmb()	__atomic_thread_fence(__ATOMIC_ACQUIRE)

/* avail: [0] flags, [1] idx, [2..2+size) ring, [2+size] used_event */
#define AVAIL_FLAGS(vq)		((vq)->vq_avail[0])
#define AVAIL_IDX(vq)		((vq)->vq_avail[1])
#define AVAIL_RING(vq, i)	((vq)->vq_avail[2 + (i)])
#define USED_EVENT(vq)		((vq)->vq_avail[2 + (vq)->vq_size])
/* used: [0] flags, [1] idx, ring after, then avail_event */
#define USED_FLAGS(vq)		((vq)->vq_used_hdr[0])
#define USED_IDX(vq)		((vq)->vq_used_hdr[1])
#define AVAIL_EVENT(vq)	\
	(*(uint16_t *)(void *)&(vq)->vq_used_ring[(vq)->vq_size])

size_t
virtq_mem_size(unsigned int size, size_t *avail_off, size_t *used_off)
{
	size_t a, u;

	if (size == 0 || size > VIRTQ_SIZE_MAX || (size & (size - 1)) != 0)
		return 0;
	a = sizeof(struct virtq_desc) * size;
	u = ALIGN_UP(a + 2 * (3 + (size_t)size), (size_t)VIRTQ_PAGE);
	if (avail_off != NULL)
		*avail_off = a;
	if (used_off != NULL)
		*used_off = u;
	return u + 2 * 3 + sizeof(struct virtq_used_elem) * size;
}

int
virtq_init(struct virtq *vq, unsigned int index, unsigned int size,
    void *mem, uint64_t pa, bool event_idx)
{
	size_t aoff, uoff;

	if (virtq_mem_size(size, &aoff, &uoff) == 0 || mem == NULL)
		return -EINVAL;
	memset(vq, 0, sizeof(*vq));
	vq->vq_size = (uint16_t)size;
	vq->vq_index = (uint16_t)index;
	vq->vq_event_idx = event_idx;
	vq->vq_desc = mem;
	vq->vq_avail = (uint16_t *)(void *)((char *)mem + aoff);
	vq->vq_used_hdr = (uint16_t *)(void *)((char *)mem + uoff);
	vq->vq_used_ring = (struct virtq_used_elem *)(void *)
	    ((char *)mem + uoff + 4);
	vq->vq_desc_pa = pa;
	vq->vq_avail_pa = pa + aoff;
	vq->vq_used_pa = pa + uoff;
	for (unsigned int i = 0; i < size; i++)
		vq->vq_next[i] = (uint16_t)(i + 1 < size ? i + 1 : VIRTQ_NONE);
	vq->vq_free_head = 0;
	vq->vq_nfree = (uint16_t)size;
	return 0;
}

int
virtq_add(struct virtq *vq, const struct virtq_sg *sg, unsigned int nout,
    unsigned int nin, void *cookie)
{
	unsigned int n = nout + nin, i;
	uint16_t head, d;
	uint32_t wlen = 0;

	if (vq->vq_broken)
		return -EIO;
	if (n == 0 || n < nout || cookie == NULL)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		if (sg[i].sg_len == 0)
			return -EINVAL;
		if (i >= nout) {
			if (wlen + sg[i].sg_len < wlen)
				return -EINVAL;
			wlen += sg[i].sg_len;
		}
	}
	if (n > vq->vq_nfree)
		return -ENOSPC;
	head = d = vq->vq_free_head;
	for (i = 0; i < n; i++) {
		struct virtq_desc *dp = &vq->vq_desc[d];

		dp->addr = sg[i].sg_addr;
		dp->len = sg[i].sg_len;
		dp->flags = (uint16_t)((i >= nout ? VIRTQ_DESC_F_WRITE : 0) |
		    (i + 1 < n ? VIRTQ_DESC_F_NEXT : 0));
		dp->next = i + 1 < n ? vq->vq_next[d] : 0;
		d = vq->vq_next[d];
	}
	vq->vq_free_head = d;
	vq->vq_nfree = (uint16_t)(vq->vq_nfree - n);
	vq->vq_slot[head] = (struct virtq_slot){
		.vs_cookie = cookie, .vs_wlen = wlen, .vs_ndesc = (uint16_t)n,
		.vs_inflight = true,
	};
	vq->vq_inflight++;
	WRITE_ONCE(AVAIL_RING(vq, vq->vq_avail_idx & (vq->vq_size - 1)), head);
	vq->vq_avail_idx++;
	return 0;
}

bool
virtq_publish(struct virtq *vq)
{
	uint16_t old = vq->vq_avail_kick, new_idx = vq->vq_avail_idx;
	bool kick;

	/* The descriptors and ring entries before the index. */
	virtq_wmb();
	WRITE_ONCE(AVAIL_IDX(vq), new_idx);
	vq->vq_avail_pub = new_idx;
	/* The index store before we read whether the device sleeps. */
	virtq_mb();
	if (old == new_idx)
		return false;
	if (vq->vq_event_idx)
		kick = virtq_need_event(READ_ONCE(AVAIL_EVENT(vq)), new_idx,
		    old);
	else
		kick = !(READ_ONCE(USED_FLAGS(vq)) & VIRTQ_USED_F_NO_NOTIFY);
	if (kick)
		vq->vq_avail_kick = new_idx;
	return kick;
}

/* Give a chain's descriptors back, following our own links only. */
static void
virtq_free_chain(struct virtq *vq, uint16_t head)
{
	struct virtq_slot *s = &vq->vq_slot[head];
	uint16_t d = head;

	for (unsigned int i = 1; i < s->vs_ndesc; i++)
		d = vq->vq_next[d];
	vq->vq_next[d] = vq->vq_free_head;
	vq->vq_free_head = head;
	vq->vq_nfree = (uint16_t)(vq->vq_nfree + s->vs_ndesc);
	s->vs_inflight = false;
	s->vs_cookie = NULL;
	vq->vq_inflight--;
}

bool
virtq_has_used(const struct virtq *vq)
{
	return READ_ONCE(USED_IDX(vq)) != vq->vq_last_used;
}

enum virtq_used_result
virtq_get_used(struct virtq *vq, void **cookie, uint32_t *len)
{
	for (;;) {
		uint16_t used_idx, ahead;
		struct virtq_used_elem e;
		struct virtq_slot *s;

		if (vq->vq_broken)
			return VIRTQ_USED_BROKEN;
		used_idx = READ_ONCE(USED_IDX(vq));
		if (used_idx == vq->vq_last_used)
			return VIRTQ_USED_NONE;
		/*
		 * The device can have used at most what is in flight; an
		 * index beyond that is a lie about entries never written.
		 */
		ahead = (uint16_t)(used_idx - vq->vq_last_used);
		if (ahead > vq->vq_inflight || ahead > vq->vq_size) {
			vq->vq_err.ve_idx_jump++;
			vq->vq_broken = true;
			return VIRTQ_USED_BROKEN;
		}
		/* The index before the entry it covers. */
		virtq_rmb();
		e.id = READ_ONCE(vq->vq_used_ring[vq->vq_last_used &
		    (vq->vq_size - 1)].id);
		e.len = READ_ONCE(vq->vq_used_ring[vq->vq_last_used &
		    (vq->vq_size - 1)].len);
		vq->vq_last_used++;
		if (e.id >= vq->vq_size) {
			vq->vq_err.ve_bad_id++;
			continue;
		}
		s = &vq->vq_slot[e.id];
		if (!s->vs_inflight) {
			vq->vq_err.ve_not_inflight++;
			continue;
		}
		*cookie = s->vs_cookie;
		virtq_free_chain(vq, (uint16_t)e.id);
		if (e.len > s->vs_wlen) {
			vq->vq_err.ve_bad_len++;
			*len = 0;
			return VIRTQ_USED_BAD_LEN;
		}
		*len = e.len;
		return VIRTQ_USED_OK;
	}
}

bool
virtq_enable_cb(struct virtq *vq)
{
	if (vq->vq_event_idx)
		WRITE_ONCE(USED_EVENT(vq), vq->vq_last_used);
	else
		WRITE_ONCE(AVAIL_FLAGS(vq), 0);
	/* Our store before the device's index is read back. */
	virtq_mb();
	return virtq_has_used(vq);
}

void
virtq_disable_cb(struct virtq *vq)
{
	if (vq->vq_event_idx)
		WRITE_ONCE(USED_EVENT(vq), (uint16_t)(vq->vq_last_used - 1));
	else
		WRITE_ONCE(AVAIL_FLAGS(vq), VIRTQ_AVAIL_F_NO_INTERRUPT);
}
