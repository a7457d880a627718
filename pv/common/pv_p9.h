/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The 9P transport class, as its caller (the 9P2000.L client) sees it:
 * find a channel by its mount tag, learn the largest message it carries,
 * and make a request-response exchange.  Drivers (virtio-9p, Xen's 9pfs
 * front) plug in through pv_p9_drv.h.
 */
#ifndef PV_COMMON_PV_P9_H
#define PV_COMMON_PV_P9_H

#include <stddef.h>
#include <stdint.h>

#define PV_P9_TAG_MAX	32	/* mount tag, with its NUL */
#define PV_P9_HDR_LEN	7	/* size[4] type[1] tag[2] */

struct pv_p9;

/* The channel whose mount tag is tag, or NULL. */
struct pv_p9 *pv_p9_find(const char *tag);
unsigned int pv_p9_count(void);
const char *pv_p9_tag(const struct pv_p9 *t);

/* Largest message, request or answer, the channel carries. */
uint32_t pv_p9_msize(const struct pv_p9 *t);

/*
 * Send the request (req_len bytes, a whole 9P message whose size field
 * says req_len) and wait for its answer into rsp (rsp_max bytes).
 * Returns the answer's length, checked against its own size field and
 * rsp_max; -EINVAL for a request that is not a well-formed message or is
 * longer than msize, -EMSGSIZE for an answer that does not fit, -EIO
 * for a malformed answer.  Thread context; may sleep.
 */
long	pv_p9_request(struct pv_p9 *t, const void *req, size_t req_len,
	    void *rsp, size_t rsp_max);

#endif /* PV_COMMON_PV_P9_H */
