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
#include <lib/fmt.h>
#include <lib/string.h>

#include <xen/xen.h>
#include <xen/hvm/params.h>
#include <xen/io/xs_wire.h>

#include <pv/common/pv_env.h>
#include <pv/common/pv_hv.h>
#include <kernel/log/printk.h>

#include "xen_evtchn.h"
#include "xen_hv.h"
#include "xen_store.h"
#include "xen_store_parse.h"

_Static_assert(XS_WATCH_EVENT == XS_P_WATCH_EVENT, "xs_wire numbering");
_Static_assert(XS_ERROR == XS_P_ERROR, "xs_wire numbering");
_Static_assert(XENSTORE_PAYLOAD_MAX == XS_P_PAYLOAD_MAX, "xs_wire payload");

static volatile struct xenstore_domain_interface *xen_store_ring;
static uint32_t xen_store_port;
static uint32_t xen_store_req_id;
static bool xen_store_broken;
static bool xen_store_events;		/* the port is bound */
static struct pv_event xen_store_ev;	/* xenstored signalled us */
static struct xen_store_stats xen_store_st;
static struct xen_store_watch *xen_store_watches[XEN_STORE_WATCHES];
/* The watch event being taken in (under xen_store_busy). */
static char xen_store_wbuf[XENSTORE_PAYLOAD_MAX + 1];
/*
 * One reader of the ring at a time; a second caller waits by yielding
 * (to other threads once the kernel's services are there, else to Xen).
 */
static int xen_store_busy;

static void
xen_store_intr(uint32_t port, void *arg)
{
	(void)port;
	(void)arg;
	pv_event_signal(&xen_store_ev);
}

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
	if (xen_evtchn_ready() && pv_env_ready()) {
		if ((error = xen_evtchn_bind(xen_store_port, xen_store_intr,
		    NULL)) == 0)
			xen_store_events = true;
		else
			pr_warn("xenstore: event channel %u not bound (%d); "
			    "polling\n", xen_store_port, error);
	}
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

/*
 * Wait for the peer after looking at the ring at generation gen, or give
 * up at the deadline.
 */
static int
xen_store_wait(uint32_t gen, uint64_t deadline)
{
	uint64_t now = pv_clock_ns(), until;

	if (now > deadline)
		return -ETIMEDOUT;
	if (!xen_store_events) {
		xen_hv_yield();
		return 0;
	}
	until = now + XEN_STORE_SLICE_NS < deadline ?
	    now + XEN_STORE_SLICE_NS : deadline;
	(void)pv_event_wait(&xen_store_ev, gen, until);
	return 0;
}

static void
xen_store_lock(void)
{
	while (__atomic_exchange_n(&xen_store_busy, 1, __ATOMIC_ACQUIRE) != 0) {
		if (pv_env_ready())
			pv_yield();
		else
			xen_hv_yield();
	}
}

static bool
xen_store_trylock(void)
{
	return __atomic_exchange_n(&xen_store_busy, 1, __ATOMIC_ACQUIRE) == 0;
}

static void
xen_store_unlock(void)
{
	__atomic_store_n(&xen_store_busy, 0, __ATOMIC_RELEASE);
}

static int
xen_store_put(const void *data, size_t len, uint64_t deadline)
{
	volatile struct xenstore_domain_interface *r = xen_store_ring;
	const char *p = data;

	while (len > 0) {
		uint32_t gen = pv_event_gen(&xen_store_ev);
		XENSTORE_RING_IDX cons = r->req_cons, prod = r->req_prod;
		size_t room, chunk;
		int error;

		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (prod - cons > XENSTORE_RING_SIZE)
			return xen_store_fail("request ring indices out of range");
		room = XENSTORE_RING_SIZE - (prod - cons);
		if (room == 0) {
			xen_hv_evtchn_send(xen_store_port);
			if ((error = xen_store_wait(gen, deadline)) != 0)
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

/* Answer bytes waiting in the ring now (0 also for a broken ring). */
static size_t
xen_store_avail(void)
{
	XENSTORE_RING_IDX cons = xen_store_ring->rsp_cons;
	XENSTORE_RING_IDX prod = xen_store_ring->rsp_prod;

	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return prod - cons > XENSTORE_RING_SIZE ? 0 : prod - cons;
}

/* Take len answer bytes into out (NULL: drop them). */
static int
xen_store_get(void *out, size_t len, uint64_t deadline)
{
	volatile struct xenstore_domain_interface *r = xen_store_ring;
	char *p = out;

	while (len > 0) {
		uint32_t gen = pv_event_gen(&xen_store_ev);
		XENSTORE_RING_IDX cons = r->rsp_cons, prod = r->rsp_prod;
		size_t avail, chunk;
		int error;

		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (prod - cons > XENSTORE_RING_SIZE)
			return xen_store_fail("answer ring indices out of range");
		if ((avail = prod - cons) == 0) {
			if ((error = xen_store_wait(gen, deadline)) != 0)
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

/* A watch event's payload of len bytes: route it to its watch. */
static int
xen_store_take_watch(uint32_t len, uint64_t deadline)
{
	const char *path, *token;
	int error;

	if ((error = xen_store_get(xen_store_wbuf, len, deadline)) != 0)
		return error;
	xen_store_st.ss_watch_events++;
	if (xs_watch_event_split(xen_store_wbuf, len, &path, &token) != 0) {
		xen_store_st.ss_bad_watch++;
		return 0;
	}
	for (unsigned int i = 0; i < XEN_STORE_WATCHES; i++) {
		struct xen_store_watch *w = xen_store_watches[i];

		if (w != NULL && strcmp(w->sw_token, token) == 0) {
			__atomic_fetch_add(&w->sw_fired, 1, __ATOMIC_RELEASE);
			pv_event_signal(&xen_store_ev);	/* wake its waiter */
			return 0;
		}
	}
	xen_store_st.ss_bad_watch++;	/* a watch we no longer have */
	return 0;
}

/*
 * Take one message header and act on it.  With a request in flight
 * (want_type, req_id), its answer or error is left to the caller:
 * returns 1 with *hdr filled; 0 when the message was something else
 * (taken), or -errno.
 */
static int
xen_store_next(bool in_flight, uint32_t want_type, uint32_t req_id,
    struct xsd_sockmsg *hdr, uint64_t deadline)
{
	struct xsd_sockmsg a;
	int error;

	if ((error = xen_store_get(&a, sizeof(a), deadline)) != 0)
		return error;
	switch (xs_classify(a.type, a.req_id, a.len, in_flight, want_type,
	    req_id)) {
	case XS_MSG_BAD:
		return xen_store_fail("answer longer than allowed");
	case XS_MSG_WATCH:
		return xen_store_take_watch(a.len, deadline);
	case XS_MSG_STRAY:
		xen_store_st.ss_stray++;
		return xen_store_get(NULL, a.len, deadline);
	case XS_MSG_WRONG_TYPE:
		return xen_store_fail("answer of another type");
	case XS_MSG_ERROR:
	case XS_MSG_ANSWER:
		break;
	}
	*hdr = a;
	return 1;
}

struct xs_piece {
	const void	*xp_base;
	size_t		 xp_len;
};

/*
 * One request of type in transaction tx whose payload is the pieces,
 * its answer into buf: the answer's length, or -errno.
 */
static int
xen_store_request(uint32_t type, uint32_t tx, const struct xs_piece *pc,
    unsigned int npc, char *buf, size_t size)
{
	struct xsd_sockmsg m = { .type = type, .tx_id = tx };
	uint64_t deadline = pv_clock_ns() + XEN_STORE_TIMEOUT_NS;
	size_t plen = 0;
	int error;

	if (xen_store_ring == NULL)
		return -ENODEV;
	for (unsigned int i = 0; i < npc; i++)
		plen += pc[i].xp_len;
	if (plen > XENSTORE_PAYLOAD_MAX)
		return -ENAMETOOLONG;
	xen_store_lock();
	if (xen_store_broken) {
		error = -EIO;
		goto out;
	}
	xen_store_st.ss_requests++;
	m.req_id = ++xen_store_req_id;
	m.len = (uint32_t)plen;
	if ((error = xen_store_put(&m, sizeof(m), deadline)) != 0)
		goto out;
	for (unsigned int i = 0; i < npc; i++)
		if ((error = xen_store_put(pc[i].xp_base, pc[i].xp_len,
		    deadline)) != 0)
			goto out;
	xen_hv_evtchn_send(xen_store_port);
	for (;;) {
		struct xsd_sockmsg a;
		uint32_t len;

		if ((error = xen_store_next(true, type, m.req_id, &a,
		    deadline)) < 0)
			goto out;
		if (error == 0)
			continue;
		len = a.len;
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
	xen_store_unlock();
	if (error == -ETIMEDOUT)
		pr_err("xenstore: no answer to request %u (%.*s) within %lu s\n",
		    type, npc > 0 ? (int)pc[0].xp_len : 0,
		    npc > 0 ? (const char *)pc[0].xp_base : "",
		    (uint64_t)(XEN_STORE_TIMEOUT_NS / 1000000000ULL));
	return error;
}

static int
xen_store_path_request(uint32_t type, uint32_t tx, const char *path,
    char *buf, size_t size)
{
	struct xs_piece pc = { path, strlen(path) + 1 };

	return xen_store_request(type, tx, &pc, 1, buf, size);
}

int
xen_store_read(const char *path, char *buf, size_t size)
{
	return xen_store_path_request(XS_READ, 0, path, buf, size);
}

int
xen_store_read_tx(uint32_t tx, const char *path, char *buf, size_t size)
{
	return xen_store_path_request(XS_READ, tx, path, buf, size);
}

int
xen_store_directory(const char *path, char *buf, size_t size)
{
	return xen_store_path_request(XS_DIRECTORY, 0, path, buf, size);
}

int
xen_store_write(uint32_t tx, const char *path, const char *value)
{
	struct xs_piece pc[2] = {
		{ path, strlen(path) + 1 },
		{ value, strlen(value) },	/* the value has no NUL */
	};
	char ok[8];
	int n = xen_store_request(XS_WRITE, tx, pc, 2, ok, sizeof(ok));

	return n < 0 ? n : 0;
}

int
xen_store_transaction_start(uint32_t *tx)
{
	struct xs_piece pc = { "", 1 };
	char id[16];
	int n = xen_store_request(XS_TRANSACTION_START, 0, &pc, 1, id,
	    sizeof(id));

	if (n < 0)
		return n;
	if (xs_parse_uint(id, (size_t)n, UINT32_MAX, tx) != 0 || *tx == 0)
		return -EIO;
	return 0;
}

int
xen_store_transaction_end(uint32_t tx, bool commit)
{
	struct xs_piece pc = { commit ? "T" : "F", 2 };
	char ok[8];
	int n = xen_store_request(XS_TRANSACTION_END, tx, &pc, 1, ok,
	    sizeof(ok));

	return n < 0 ? n : 0;
}

int
xen_store_watch(struct xen_store_watch *w, const char *path)
{
	struct xs_piece pc[2];
	char ok[8];
	int slot = -1, n;

	if (strlen(path) >= sizeof(w->sw_path))
		return -ENAMETOOLONG;
	xen_store_lock();
	for (unsigned int i = 0; i < XEN_STORE_WATCHES; i++)
		if (xen_store_watches[i] == NULL) {
			slot = (int)i;
			break;
		}
	if (slot >= 0) {
		memcpy(w->sw_path, path, strlen(path) + 1);
		fmt_snprintf(w->sw_token, sizeof(w->sw_token), "jw%d", slot);
		w->sw_fired = 0;
		w->sw_active = true;
		xen_store_watches[slot] = w;
	}
	xen_store_unlock();
	if (slot < 0)
		return -ENOSPC;
	pc[0] = (struct xs_piece){ w->sw_path, strlen(w->sw_path) + 1 };
	pc[1] = (struct xs_piece){ w->sw_token, strlen(w->sw_token) + 1 };
	if ((n = xen_store_request(XS_WATCH, 0, pc, 2, ok, sizeof(ok))) < 0) {
		xen_store_lock();
		xen_store_watches[slot] = NULL;
		w->sw_active = false;
		xen_store_unlock();
		return n;
	}
	return 0;
}

void
xen_store_unwatch(struct xen_store_watch *w)
{
	struct xs_piece pc[2] = {
		{ w->sw_path, strlen(w->sw_path) + 1 },
		{ w->sw_token, strlen(w->sw_token) + 1 },
	};
	char ok[8];

	if (!w->sw_active)
		return;
	(void)xen_store_request(XS_UNWATCH, 0, pc, 2, ok, sizeof(ok));
	xen_store_lock();
	for (unsigned int i = 0; i < XEN_STORE_WATCHES; i++)
		if (xen_store_watches[i] == w)
			xen_store_watches[i] = NULL;
	w->sw_active = false;
	xen_store_unlock();
}

/* Take every whole message waiting in the ring (nothing in flight). */
static int
xen_store_drain(uint64_t deadline)
{
	while (!xen_store_broken && xen_store_avail() >=
	    sizeof(struct xsd_sockmsg)) {
		struct xsd_sockmsg a;
		int error = xen_store_next(false, 0, 0, &a, deadline);

		if (error < 0)
			return error;
	}
	return xen_store_broken ? -EIO : 0;
}

int
xen_store_watch_wait(struct xen_store_watch *w, uint64_t deadline)
{
	for (;;) {
		uint32_t gen = pv_event_gen(&xen_store_ev);
		uint32_t f = __atomic_load_n(&w->sw_fired, __ATOMIC_ACQUIRE);
		int error;

		if (f != 0) {
			__atomic_fetch_sub(&w->sw_fired, 1, __ATOMIC_ACQ_REL);
			return 0;
		}
		if (xen_store_broken)
			return -EIO;
		/* Nobody else reading the ring: read it ourselves. */
		if (xen_store_trylock()) {
			error = xen_store_drain(deadline);
			xen_store_unlock();
			if (error < 0)
				return error;
			if (__atomic_load_n(&w->sw_fired, __ATOMIC_ACQUIRE))
				continue;
		}
		if ((error = xen_store_wait(gen, deadline)) != 0)
			return error;
	}
}

int
xen_store_domid(uint16_t *domid)
{
	char v[16];
	uint32_t d;
	int n = xen_store_read("domid", v, sizeof(v));

	if (n < 0)
		return n;
	if (xs_parse_uint(v, (size_t)n, 0x7fef, &d) != 0)
		return -EIO;
	*domid = (uint16_t)d;
	return 0;
}

void
xen_store_stats(struct xen_store_stats *s)
{
	*s = xen_store_st;
	s->ss_events = xen_store_events;
}

/* A wait's bound: the loop just waits again. */
#define XEN_STORE_FOLLOW_NS	(3600ULL * 1000000000ULL)

void
xen_store_follow(struct xen_store_watch *w, const char *path,
    const char *who, void (*fn)(void *), void *arg)
{
	int error;

	if ((error = xen_store_watch(w, path)) != 0) {
		pr_err("%s: no watch on %s (%d); it is not followed\n", who,
		    path, error);
		return;
	}
	for (;;) {
		error = xen_store_watch_wait(w,
		    pv_clock_ns() + XEN_STORE_FOLLOW_NS);
		if (error == -EIO) {
			pr_err("%s: xenstore is broken; %s is no longer "
			    "followed\n", who, path);
			return;
		}
		if (error == 0)
			fn(arg);
	}
}
