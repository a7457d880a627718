/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The xenbus frontend state machine, for the back end's drivers.  A
 * frontend starts Initialising; once its backend is at InitWait (or
 * further) it writes its keys (ring references, event channel,
 * features) and its state Connected in one transaction, redone when
 * xenstored says EAGAIN; then it waits, by a watch on the backend's
 * state, until the backend is Connected.  A backend that closes, or
 * never gets there within the bound, is a clear error.  Shutting down
 * goes Closing, waits for the backend to close, then Closed.
 */
#ifndef PV_XEN_XEN_BUS_H
#define PV_XEN_XEN_BUS_H

#include <stddef.h>
#include <stdint.h>

#include <pv/common/pv_dev.h>

enum xen_bus_state {
	XB_UNKNOWN = 0,
	XB_INITIALISING,
	XB_INITWAIT,
	XB_INITIALISED,
	XB_CONNECTED,
	XB_CLOSING,
	XB_CLOSED,
	XB_RECONFIGURING,
	XB_RECONFIGURED,
};

#define XEN_BUS_CONNECT_NS	(30ULL * 1000000000ULL)

/* node/key as a C string or a number no larger than max: 0 or -errno. */
int	xen_bus_read_str(const char *node, const char *key, char *out,
	    size_t size);
int	xen_bus_read_uint(const char *node, const char *key, uint32_t max,
	    uint32_t *out);
/* Write node/key = value in transaction tx (0: none). */
int	xen_bus_write(uint32_t tx, const char *node, const char *key,
	    const char *value);

/* The backend's state now: 0 and *state, or -errno. */
int	xen_bus_backend_state(const struct pv_xenbus_info *xi, int *state);

/*
 * The handshake above: keys(tx, arg) writes the frontend's keys inside
 * the transaction.  0 once the backend is Connected; -ETIMEDOUT after
 * timeout_ns, -ECONNREFUSED when the backend closes, or -errno (each
 * logged with the device's name).
 */
int	xen_bus_front_connect(struct pv_xenbus_info *xi,
	    int (*keys)(uint32_t tx, void *arg), void *arg,
	    uint64_t timeout_ns);

/* Closing, the backend's close, Closed: 0 or -errno (bounded too). */
int	xen_bus_front_close(struct pv_xenbus_info *xi, uint64_t timeout_ns);

#endif /* PV_XEN_XEN_BUS_H */
