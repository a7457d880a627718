/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The xenstore ring (see xen_store.h).  The ring page is shared with
 * xenstored: its indices are read once per look, checked (a producer
 * more than a ring ahead of its consumer is a broken peer, and the ring
 * is then given up), and data is read only after the index that covers
 * it.  Answers are copied out a piece at a time, since one may be larger
 * than the ring.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>

#include <xen/xen.h>
#include <xen/hvm/params.h>
#include <xen/io/xs_wire.h>

#include <pv/common/pv_hv.h>
#include <kernel/log/printk.h>

#include "xen_hv.h"
#include "xen_store.h"
#include "xen_store_parse.h"

static volatile struct xenstore_domain_interface *xen_store_ring;
static uint32_t xen_store_port;
static uint32_t xen_store_req_id;
static bool xen_store_broken;
/*
 * One request at a time; the holder polls with interrupts on, and a
 * second caller waits by yielding the vCPU (no scheduler call from pv/).
 */
static int xen_store_busy;

int
xen_store_init(void)
{
	volatile void *ring;
	int error;

	if (xen_store_ring != NULL)
		return 0;
	if ((error = xen_hv_map_ring(HVM_PARAM_STORE_PFN,
	    HVM_PARAM_STORE_EVTCHN, &ring, &xen_store_port)) != 0)
		return error;
	xen_store_ring = ring;
	return 0;
}

static int
xen_store_fail(const char *what)
{
	if (!xen_store_broken)
		pr_err("xenstore: %s; giving the ring up\n", what);
	xen_store_broken = true;
	return -EIO;
}

/* Wait for the peer, or give up at the deadline. */
static int
xen_store_wait(uint64_t deadline)
{
	if (pv_clock_ns() > deadline)
		return -ETIMEDOUT;
	xen_hv_yield();
	return 0;
}

static int
xen_store_put(const void *data, size_t len, uint64_t deadline)
{
	volatile struct xenstore_domain_interface *r = xen_store_ring;
	const char *p = data;

	while (len > 0) {
		XENSTORE_RING_IDX cons = r->req_cons, prod = r->req_prod;
		size_t room, chunk;
		int error;

		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (prod - cons > XENSTORE_RING_SIZE)
			return xen_store_fail("request ring indices out of range");
		room = XENSTORE_RING_SIZE - (prod - cons);
		if (room == 0) {
			xen_hv_evtchn_send(xen_store_port);
			if ((error = xen_store_wait(deadline)) != 0)
				return error;
			continue;
		}
		chunk = XENSTORE_RING_SIZE - MASK_XENSTORE_IDX(prod);
		if (chunk > room)
			chunk = room;
		if (chunk > len)
			chunk = len;
		memcpy((char *)&r->req[MASK_XENSTORE_IDX(prod)], p, chunk);
		__atomic_thread_fence(__ATOMIC_RELEASE);
		r->req_prod = prod + (XENSTORE_RING_IDX)chunk;
		p += chunk;
		len -= chunk;
	}
	return 0;
}

/* Take len answer bytes into out (NULL: drop them). */
static int
xen_store_get(void *out, size_t len, uint64_t deadline)
{
	volatile struct xenstore_domain_interface *r = xen_store_ring;
	char *p = out;

	while (len > 0) {
		XENSTORE_RING_IDX cons = r->rsp_cons, prod = r->rsp_prod;
		size_t avail, chunk;
		int error;

		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (prod - cons > XENSTORE_RING_SIZE)
			return xen_store_fail("answer ring indices out of range");
		if ((avail = prod - cons) == 0) {
			if ((error = xen_store_wait(deadline)) != 0)
				return error;
			continue;
		}
		chunk = XENSTORE_RING_SIZE - MASK_XENSTORE_IDX(cons);
		if (chunk > avail)
			chunk = avail;
		if (chunk > len)
			chunk = len;
		if (p != NULL) {
			memcpy(p, (const char *)&r->rsp[MASK_XENSTORE_IDX(cons)],
			    chunk);
			p += chunk;
		}
		__atomic_thread_fence(__ATOMIC_RELEASE);
		r->rsp_cons = cons + (XENSTORE_RING_IDX)chunk;
		len -= chunk;
		xen_hv_evtchn_send(xen_store_port);	/* room for more */
	}
	return 0;
}

/*
 * One request of type with a NUL-terminated path, its answer into buf:
 * the answer's length, or -errno.
 */
static int
xen_store_request(uint32_t type, const char *path, char *buf, size_t size)
{
	struct xsd_sockmsg m = { .type = type, .tx_id = 0 };
	uint64_t deadline = pv_clock_ns() + XEN_STORE_TIMEOUT_NS;
	size_t plen = strlen(path) + 1;
	int error;

	if (xen_store_ring == NULL)
		return -ENODEV;
	if (plen > XENSTORE_PAYLOAD_MAX)
		return -ENAMETOOLONG;
	while (__atomic_exchange_n(&xen_store_busy, 1, __ATOMIC_ACQUIRE) != 0)
		xen_hv_yield();
	if (xen_store_broken) {
		error = -EIO;
		goto out;
	}
	m.req_id = ++xen_store_req_id;
	m.len = (uint32_t)plen;
	if ((error = xen_store_put(&m, sizeof(m), deadline)) != 0 ||
	    (error = xen_store_put(path, plen, deadline)) != 0)
		goto out;
	xen_hv_evtchn_send(xen_store_port);
	for (;;) {
		struct xsd_sockmsg a;
		uint32_t len;

		if ((error = xen_store_get(&a, sizeof(a), deadline)) != 0)
			goto out;
		len = a.len;		/* read once */
		if (len > XENSTORE_PAYLOAD_MAX) {
			error = xen_store_fail("answer longer than allowed");
			goto out;
		}
		if (a.type == XS_WATCH_EVENT || a.req_id != m.req_id) {
			/* Not ours (we set no watches): drop it. */
			if ((error = xen_store_get(NULL, len, deadline)) != 0)
				goto out;
			continue;
		}
		if (a.type == XS_ERROR) {
			char e[16];
			size_t keep = len < sizeof(e) ? len : sizeof(e);

			if ((error = xen_store_get(e, keep, deadline)) != 0 ||
			    (error = xen_store_get(NULL, len - keep,
			    deadline)) != 0)
				goto out;
			error = xs_error_errno(e, keep);
			goto out;
		}
		if (a.type != type) {
			error = xen_store_fail("answer of another type");
			goto out;
		}
		if (len > size) {
			error = xen_store_get(NULL, len, deadline);
			if (error == 0)
				error = -E2BIG;
			goto out;
		}
		if ((error = xen_store_get(buf, len, deadline)) == 0)
			error = (int)len;
		goto out;
	}
out:
	__atomic_store_n(&xen_store_busy, 0, __ATOMIC_RELEASE);
	return error;
}

int
xen_store_read(const char *path, char *buf, size_t size)
{
	return xen_store_request(XS_READ, path, buf, size);
}

int
xen_store_directory(const char *path, char *buf, size_t size)
{
	return xen_store_request(XS_DIRECTORY, path, buf, size);
}
