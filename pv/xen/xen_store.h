/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * A xenstore client over the shared ring (xen/io/xs_wire.h), for the
 * back end's files.  One request at a time.  Once the event channel is
 * bound (xen_evtchn.h) a caller sleeps until xenstored signals it (and
 * looks again at least every XEN_STORE_SLICE_NS in case a signal was
 * missed); before that, or without the kernel's services, it polls,
 * yielding to Xen.  A request gets at most XEN_STORE_TIMEOUT_NS and then
 * fails with -ETIMEDOUT and a log line naming it.  Paths without a
 * leading '/' are relative to this domain's home.
 *
 * Watch events are taken off the ring by whoever reads it (a request in
 * flight, or a thread waiting for its watch) and routed to their watch
 * by token; an answer to no request, a watch event for no watch, or a
 * malformed one is dropped and counted.
 */
#ifndef PV_XEN_XEN_STORE_H
#define PV_XEN_XEN_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define XEN_STORE_TIMEOUT_NS	(30ULL * 1000000000ULL)
#define XEN_STORE_SLICE_NS	(100ULL * 1000000ULL)
#define XEN_STORE_WATCHES	16

/* Map the ring from the HVM parameters; 0 or -errno.  Idempotent. */
int	xen_store_init(void);

/*
 * XS_READ of path into buf (size bytes): the value's length (no NUL is
 * added), -ENOENT and the like from xenstored, -E2BIG when it does not
 * fit, -ETIMEDOUT, or -EIO for a broken ring.  tx: a transaction, or 0.
 */
int	xen_store_read(const char *path, char *buf, size_t size);
int	xen_store_read_tx(uint32_t tx, const char *path, char *buf,
	    size_t size);

/* XS_DIRECTORY of path into buf: as xen_store_read; see xs_dir_split. */
int	xen_store_directory(const char *path, char *buf, size_t size);

/* XS_WRITE of the string value at path: 0 or -errno. */
int	xen_store_write(uint32_t tx, const char *path, const char *value);

/*
 * Transactions: start gives an id for the calls above; end commits (or
 * drops) them: 0, -EAGAIN when xenstored refused the commit because
 * something changed meanwhile (the caller redoes the whole transaction),
 * or another -errno.
 */
int	xen_store_transaction_start(uint32_t *tx);
int	xen_store_transaction_end(uint32_t tx, bool commit);

/*
 * A watch on a path: each change under it (and once when set) marks it
 * fired.  The struct is the caller's and must stay put until unwatched.
 */
struct xen_store_watch {
	char		 sw_path[96];
	char		 sw_token[12];
	uint32_t	 sw_fired;	/* events not yet taken */
	bool		 sw_active;
};

/* XS_WATCH: 0, -ENOSPC (too many watches), -ENAMETOOLONG, or -errno. */
int	xen_store_watch(struct xen_store_watch *w, const char *path);
void	xen_store_unwatch(struct xen_store_watch *w);
/*
 * Wait until w fires (taking the event) or pv_clock_ns() passes
 * deadline: 0, -ETIMEDOUT, or -EIO for a broken ring.
 */
int	xen_store_watch_wait(struct xen_store_watch *w, uint64_t deadline);

/*
 * Follow path for good: watch it and call fn(arg) each time it fires
 * (and once at the start), in the calling thread.  Returns only when the
 * watch cannot be set or xenstore breaks: who says so in the log, with
 * what is no longer followed.
 */
void	xen_store_follow(struct xen_store_watch *w, const char *path,
	    const char *who, void (*fn)(void *), void *arg);

/* This domain's id, from its "domid" key: 0 or -errno. */
int	xen_store_domid(uint16_t *domid);

struct xen_store_stats {
	uint64_t	ss_requests;
	uint64_t	ss_stray;	/* answers to no request in flight */
	uint64_t	ss_bad_watch;	/* watch events malformed or unowned */
	uint64_t	ss_watch_events;
	bool		ss_events;	/* the event channel is in use */
};
void	xen_store_stats(struct xen_store_stats *s);

#endif /* PV_XEN_XEN_STORE_H */
