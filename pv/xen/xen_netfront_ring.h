/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The bookkeeping of one netfront ring (tx or rx), apart from the shared
 * page so that host unit tests can play a hostile backend.  No Xen
 * header.  The driver copies each response out of the shared ring once
 * and hands the copy here; what the backend wrote is never trusted:
 *   - a response producer more responses ahead than requests are out
 *     (or than the ring holds) breaks the ring;
 *   - an id out of range or not in flight is rejected (nothing freed);
 *   - a status that is no NETIF_RSP_* value, or (rx) a length or offset
 *     past the buffer granted, or flags asking for pieces or extra slots
 *     that were never offered, is rejected; the id counts as answered,
 *     since the backend gave it back.
 * An answered id is free again only when the driver says so
 * (nf_ring_id_put), after it ended the grant of its buffer: an id whose
 * buffer the backend still maps is never handed out.  Every rejection is
 * counted.
 */
#ifndef PV_XEN_XEN_NETFRONT_RING_H
#define PV_XEN_XEN_NETFRONT_RING_H

#include <stdbool.h>
#include <stdint.h>

#define NF_RING_MAX	256	/* ids of one ring (one page of tx or rx) */

#define NF_ID_FREE	0
#define NF_ID_OUT	1	/* posted, not answered */
#define NF_ID_ANSWERED	2	/* answered, not yet put back */

#define NF_RSP_DROPPED	(-2)	/* NETIF_RSP_* */
#define NF_RSP_ERROR	(-1)
#define NF_RSP_OKAY	0
#define NF_RXF_MORE	(1u << 2)	/* NETRXF_more_data */
#define NF_RXF_EXTRA	(1u << 3)	/* NETRXF_extra_info */

struct nf_ring_counts {
	uint64_t	rc_bad_prod;	/* producer index out of range */
	uint64_t	rc_bad_id;	/* out of range or not in flight */
	uint64_t	rc_bad_status;	/* no such status */
	uint64_t	rc_bad_len;	/* past the buffer granted */
	uint64_t	rc_bad_flags;	/* pieces or extras never offered */
	uint64_t	rc_errors;	/* the backend said error/dropped */
};

struct nf_ring {
	uint32_t	nr_size;	/* entries, a power of two */
	uint32_t	nr_req_prod;	/* ours, private */
	uint32_t	nr_rsp_cons;	/* ours, private */
	uint32_t	nr_inflight;	/* ids posted and not answered */
	uint16_t	nr_free[NF_RING_MAX];	/* stack of free ids */
	uint32_t	nr_nfree;
	uint8_t		nr_state[NF_RING_MAX];	/* NF_ID_* */
	uint16_t	nr_granted[NF_RING_MAX];	/* bytes the id covers */
	bool		nr_broken;
	struct nf_ring_counts nr_counts;
};

/* size entries (a power of two, at most NF_RING_MAX). */
void	nf_ring_init(struct nf_ring *r, uint32_t size);

/*
 * A free id for a request covering granted bytes (marked in flight), or
 * -ENOSPC.  The caller then fills slot nr_req_prod and increments it.
 */
int	nf_ring_id_get(struct nf_ring *r, uint16_t granted);

/*
 * Give back an answered id (or one taken but never posted): true, or
 * false when id is neither.
 */
bool	nf_ring_id_put(struct nf_ring *r, uint16_t id);

/* Slots free for new requests. */
uint32_t nf_ring_room(const struct nf_ring *r);

/*
 * How many responses the backend's producer value (read once) makes
 * ready, or -EIO (and the ring is broken) when it runs ahead of the
 * requests made or of the ring.
 */
int	nf_ring_rsp_ready(struct nf_ring *r, uint32_t rsp_prod);

/*
 * A tx response: 0 sent, 1 the backend failed it (counted), both
 * marking id answered; -EINVAL for an id not in flight (nothing done).
 */
int	nf_tx_rsp(struct nf_ring *r, uint16_t id, int16_t status);

/*
 * An rx response: the frame's length (> 0) at offset in the buffer, or
 * -EIO (backend error or empty), -EMSGSIZE, -EPROTO (bad flags or
 * status), all marking id answered; -EINVAL for an id not in flight.
 */
int	nf_rx_rsp(struct nf_ring *r, uint16_t id, uint16_t offset,
	    uint16_t flags, int16_t status);

#endif /* PV_XEN_XEN_NETFRONT_RING_H */
