/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* netfront ring bookkeeping (see xen_netfront_ring.h). */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>

#include "xen_netfront_ring.h"

void
nf_ring_init(struct nf_ring *r, uint32_t size)
{
	memset(r, 0, sizeof(*r));
	if (size > NF_RING_MAX)
		size = NF_RING_MAX;
	r->nr_size = size;
	for (uint32_t i = size; i-- > 0;)
		r->nr_free[r->nr_nfree++] = (uint16_t)i;
}

int
nf_ring_id_get(struct nf_ring *r, uint16_t granted)
{
	uint16_t id;

	if (r->nr_nfree == 0 || r->nr_broken)
		return -ENOSPC;
	id = r->nr_free[--r->nr_nfree];
	r->nr_state[id] = NF_ID_OUT;
	r->nr_granted[id] = granted;
	r->nr_inflight++;
	return id;
}

uint32_t
nf_ring_room(const struct nf_ring *r)
{
	return r->nr_broken ? 0 : r->nr_nfree;
}

int
nf_ring_rsp_ready(struct nf_ring *r, uint32_t rsp_prod)
{
	uint32_t n = rsp_prod - r->nr_rsp_cons;
	uint32_t out = r->nr_req_prod - r->nr_rsp_cons;

	if (r->nr_broken)
		return -EIO;
	if (n > r->nr_size || n > out) {
		r->nr_counts.rc_bad_prod++;
		r->nr_broken = true;
		return -EIO;
	}
	return (int)n;
}

bool
nf_ring_id_put(struct nf_ring *r, uint16_t id)
{
	if (id >= r->nr_size || r->nr_state[id] == NF_ID_FREE)
		return false;
	if (r->nr_state[id] == NF_ID_OUT)
		r->nr_inflight--;
	r->nr_state[id] = NF_ID_FREE;
	r->nr_free[r->nr_nfree++] = id;
	return true;
}

/* The backend answers id: it must be out. */
static bool
nf_ring_answer(struct nf_ring *r, uint16_t id)
{
	if (id >= r->nr_size || r->nr_state[id] != NF_ID_OUT) {
		r->nr_counts.rc_bad_id++;
		return false;
	}
	r->nr_state[id] = NF_ID_ANSWERED;
	r->nr_inflight--;
	return true;
}

int
nf_tx_rsp(struct nf_ring *r, uint16_t id, int16_t status)
{
	if (!nf_ring_answer(r, id))
		return -EINVAL;
	if (status == NF_RSP_OKAY)
		return 0;
	if (status == NF_RSP_ERROR || status == NF_RSP_DROPPED)
		r->nr_counts.rc_errors++;
	else
		r->nr_counts.rc_bad_status++;
	return 1;
}

int
nf_rx_rsp(struct nf_ring *r, uint16_t id, uint16_t offset, uint16_t flags,
    int16_t status)
{
	uint16_t granted;

	if (!nf_ring_answer(r, id))
		return -EINVAL;
	granted = r->nr_granted[id];
	if (status == NF_RSP_ERROR || status == NF_RSP_DROPPED) {
		r->nr_counts.rc_errors++;
		return -EIO;
	}
	if (status < 0) {
		r->nr_counts.rc_bad_status++;
		return -EPROTO;
	}
	if (flags & (NF_RXF_MORE | NF_RXF_EXTRA)) {
		r->nr_counts.rc_bad_flags++;
		return -EPROTO;
	}
	if (status == 0) {
		r->nr_counts.rc_errors++;
		return -EIO;
	}
	if (offset >= granted || (uint32_t)status > granted - (uint32_t)offset) {
		r->nr_counts.rc_bad_len++;
		return -EMSGSIZE;
	}
	return status;
}
