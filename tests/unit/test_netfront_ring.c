/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * netfront's ring bookkeeping against hostile backends: producer indices
 * that jump ahead, ids out of range, twice, or never posted, statuses and
 * lengths past what was granted, flags for slots never offered.
 */
#include <errno.h>

#include <pv/xen/xen_netfront_ring.h>

#include "ut.h"

/* Post n requests as the driver does; their ids into ids[]. */
static void
ut_nf_post(struct nf_ring *r, unsigned int n, uint16_t granted, int *ids)
{
	for (unsigned int i = 0; i < n; i++) {
		ids[i] = nf_ring_id_get(r, granted);
		r->nr_req_prod++;
	}
}

UT_TEST(netfront_ring_ids)
{
	static struct nf_ring r;
	int ids[NF_RING_MAX];

	nf_ring_init(&r, 256);
	UT_ASSERT_EQ(nf_ring_room(&r), 256);
	ut_nf_post(&r, 256, 1514, ids);
	for (int i = 0; i < 256; i++)
		UT_ASSERT(ids[i] >= 0 && ids[i] < 256);
	UT_ASSERT_EQ(nf_ring_id_get(&r, 1514), -ENOSPC);
	UT_ASSERT_EQ(nf_ring_room(&r), 0);
	UT_ASSERT_EQ(nf_ring_rsp_ready(&r, 256), 256);
	UT_ASSERT_EQ(nf_tx_rsp(&r, (uint16_t)ids[5], NF_RSP_OKAY), 0);
	/* The same id again: no longer in flight. */
	UT_ASSERT_EQ(nf_tx_rsp(&r, (uint16_t)ids[5], NF_RSP_OKAY), -EINVAL);
	UT_ASSERT_EQ(r.nr_counts.rc_bad_id, 1);
	/* Answered, but not free until the driver ended its grant. */
	UT_ASSERT_EQ(nf_ring_room(&r), 0);
	UT_ASSERT(nf_ring_id_put(&r, (uint16_t)ids[5]));
	UT_ASSERT(!nf_ring_id_put(&r, (uint16_t)ids[5]));	/* twice */
	UT_ASSERT_EQ(nf_tx_rsp(&r, (uint16_t)ids[5], NF_RSP_OKAY), -EINVAL);
	UT_ASSERT_EQ(r.nr_counts.rc_bad_id, 2);
	/* Out of range. */
	UT_ASSERT_EQ(nf_tx_rsp(&r, 256, NF_RSP_OKAY), -EINVAL);
	UT_ASSERT_EQ(nf_tx_rsp(&r, 0xffff, NF_RSP_OKAY), -EINVAL);
	UT_ASSERT_EQ(r.nr_counts.rc_bad_id, 4);
	UT_ASSERT_EQ(nf_ring_room(&r), 1);
	/* Backend failures free the id and count. */
	UT_ASSERT_EQ(nf_tx_rsp(&r, (uint16_t)ids[6], NF_RSP_ERROR), 1);
	UT_ASSERT_EQ(nf_tx_rsp(&r, (uint16_t)ids[7], NF_RSP_DROPPED), 1);
	UT_ASSERT_EQ(nf_tx_rsp(&r, (uint16_t)ids[8], 1), 1);	/* RSP_NULL */
	UT_ASSERT_EQ(nf_tx_rsp(&r, (uint16_t)ids[9], -7), 1);
	UT_ASSERT_EQ(r.nr_counts.rc_errors, 2);
	UT_ASSERT_EQ(r.nr_counts.rc_bad_status, 2);
	UT_ASSERT_EQ(nf_ring_room(&r), 1);
	for (int i = 6; i <= 9; i++)
		UT_ASSERT(nf_ring_id_put(&r, (uint16_t)ids[i]));
	UT_ASSERT_EQ(nf_ring_room(&r), 5);
	UT_ASSERT_EQ(r.nr_inflight, 251);
}

UT_TEST(netfront_ring_producer)
{
	static struct nf_ring r;
	int ids[8];

	nf_ring_init(&r, 256);
	/* Nothing posted: any response is ahead of the requests. */
	UT_ASSERT_EQ(nf_ring_rsp_ready(&r, 0), 0);
	UT_ASSERT_EQ(nf_ring_rsp_ready(&r, 1), -EIO);
	UT_ASSERT(r.nr_broken);
	UT_ASSERT_EQ(r.nr_counts.rc_bad_prod, 1);
	UT_ASSERT_EQ(nf_ring_id_get(&r, 100), -ENOSPC);	/* broken stays so */

	nf_ring_init(&r, 256);
	ut_nf_post(&r, 4, 100, ids);
	UT_ASSERT_EQ(nf_ring_rsp_ready(&r, 4), 4);
	UT_ASSERT_EQ(nf_ring_rsp_ready(&r, 5), -EIO);	/* one more than out */

	/* Wrapped indices: the distance counts, not the values. */
	nf_ring_init(&r, 256);
	r.nr_req_prod = r.nr_rsp_cons = 0xfffffffe;
	ut_nf_post(&r, 4, 100, ids);
	UT_ASSERT_EQ(nf_ring_rsp_ready(&r, 0xffffffff), 1);
	UT_ASSERT_EQ(nf_ring_rsp_ready(&r, 2), 4);
	UT_ASSERT_EQ(nf_ring_rsp_ready(&r, 0xfffffffd), -EIO);	/* behind */

	/* A full ring ahead by more than its size. */
	nf_ring_init(&r, 256);
	ut_nf_post(&r, 8, 100, ids);
	UT_ASSERT_EQ(nf_ring_rsp_ready(&r, 256 + 1), -EIO);
}

UT_TEST(netfront_ring_rx)
{
	static struct nf_ring r;
	int ids[16];

	nf_ring_init(&r, 256);
	ut_nf_post(&r, 16, 4096, ids);
	UT_ASSERT_EQ(nf_rx_rsp(&r, (uint16_t)ids[0], 0, 0, 60), 60);
	UT_ASSERT_EQ(nf_rx_rsp(&r, (uint16_t)ids[1], 10, 0, 4086), 4086);
	/* Past the granted buffer, by length or by offset. */
	UT_ASSERT_EQ(nf_rx_rsp(&r, (uint16_t)ids[2], 10, 0, 4087), -EMSGSIZE);
	UT_ASSERT_EQ(nf_rx_rsp(&r, (uint16_t)ids[3], 4096, 0, 1), -EMSGSIZE);
	UT_ASSERT_EQ(nf_rx_rsp(&r, (uint16_t)ids[4], 0xffff, 0, 0x7fff),
	    -EMSGSIZE);
	UT_ASSERT_EQ(r.nr_counts.rc_bad_len, 3);
	/* Pieces and extra slots were never offered. */
	UT_ASSERT_EQ(nf_rx_rsp(&r, (uint16_t)ids[5], 0, NF_RXF_MORE, 60),
	    -EPROTO);
	UT_ASSERT_EQ(nf_rx_rsp(&r, (uint16_t)ids[6], 0, NF_RXF_EXTRA, 60),
	    -EPROTO);
	UT_ASSERT_EQ(r.nr_counts.rc_bad_flags, 2);
	/* Errors, an empty frame, a status that means nothing. */
	UT_ASSERT_EQ(nf_rx_rsp(&r, (uint16_t)ids[7], 0, 0, NF_RSP_ERROR), -EIO);
	UT_ASSERT_EQ(nf_rx_rsp(&r, (uint16_t)ids[8], 0, 0, 0), -EIO);
	UT_ASSERT_EQ(nf_rx_rsp(&r, (uint16_t)ids[9], 0, 0, -300), -EPROTO);
	UT_ASSERT_EQ(r.nr_counts.rc_bad_status, 1);
	/* An id answered twice, or never posted. */
	UT_ASSERT_EQ(nf_rx_rsp(&r, (uint16_t)ids[0], 0, 0, 60), -EINVAL);
	UT_ASSERT_EQ(nf_rx_rsp(&r, 200, 0, 0, 60), -EINVAL);
	UT_ASSERT_EQ(nf_rx_rsp(&r, 300, 0, 0, 60), -EINVAL);
	UT_ASSERT_EQ(r.nr_counts.rc_bad_id, 3);
	/* Each rejected-but-known id was answered; the bad ones were not. */
	UT_ASSERT_EQ(r.nr_inflight, 6);
	UT_ASSERT_EQ(nf_ring_room(&r), 240);
	for (int i = 0; i < 10; i++)
		UT_ASSERT(nf_ring_id_put(&r, (uint16_t)ids[i]));
	UT_ASSERT_EQ(nf_ring_room(&r), 250);
	/* A taken id never posted goes back too. */
	ids[0] = nf_ring_id_get(&r, 100);
	UT_ASSERT(nf_ring_id_put(&r, (uint16_t)ids[0]));
	UT_ASSERT_EQ(nf_ring_room(&r), 250);
}
