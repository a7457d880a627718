/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * xenbus: the devices the toolstack wrote under this domain's
 * device/<type>/<id> in xenstore, each with its backend's path, domain
 * and state.  A node with no backend is not a device (libxl keeps
 * device/suspend/event-channel there) and is passed over.  Only what parses cleanly is taken; a type or device that
 * does not is reported and skipped.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/fmt.h>
#include <lib/string.h>
#include <pv/common/pv_bus.h>
#include <pv/common/pv_hv.h>
#include <kernel/log/printk.h>

#include "xen_bus.h"
#include "xen_store.h"
#include "xen_store_parse.h"
#include "xen_vcpu.h"

#define XEN_BUS_TYPES	16	/* device types read */
#define XEN_BUS_IDS	32	/* devices of one type read */
#define XEN_BUS_NAME	15	/* longest type or id taken */
#define XEN_BUS_STATE_MAX 8	/* XenbusStateReconfigured */

/* The value of node/key into val (size bytes): its length, or -errno. */
static int
xen_bus_read(const char *node, const char *key, char *val, size_t size)
{
	char path[PV_XEN_PATH_MAX + 16];

	fmt_snprintf(path, sizeof(path), "%s/%s", node, key);
	return xen_store_read(path, val, size);
}

int
xen_bus_read_str(const char *node, const char *key, char *out, size_t size)
{
	char val[PV_XEN_PATH_MAX];
	int n = xen_bus_read(node, key, val, sizeof(val));

	return n < 0 ? n : xs_take_string(val, (size_t)n, out, size);
}

int
xen_bus_read_uint(const char *node, const char *key, uint32_t max,
    uint32_t *out)
{
	char val[16];
	int n = xen_bus_read(node, key, val, sizeof(val));

	return n < 0 ? n : xs_parse_uint(val, (size_t)n, max, out);
}

int
xen_bus_write(uint32_t tx, const char *node, const char *key,
    const char *value)
{
	char path[PV_XEN_PATH_MAX + 32];

	fmt_snprintf(path, sizeof(path), "%s/%s", node, key);
	return xen_store_write(tx, path, value);
}

static int
xen_bus_set_state(uint32_t tx, struct pv_xenbus_info *xi, int state)
{
	char v[4];
	int error;

	fmt_snprintf(v, sizeof(v), "%d", state);
	if ((error = xen_bus_write(tx, xi->xi_node, "state", v)) == 0 &&
	    tx == 0)
		xi->xi_state = state;
	return error;
}

int
xen_bus_backend_state(const struct pv_xenbus_info *xi, int *state)
{
	uint32_t v;
	int error;

	if (xi->xi_backend[0] == '\0')
		return -ENODEV;
	if ((error = xen_bus_read_uint(xi->xi_backend, "state",
	    XEN_BUS_STATE_MAX, &v)) != 0)
		return error;
	*state = (int)v;
	return 0;
}

/*
 * Wait, by a watch on the backend's state, until it is at least want:
 * 0 and *state; -ECONNREFUSED when it is Closing or Closed (and want is
 * below that), -ETIMEDOUT at the deadline.
 */
static int
xen_bus_wait_backend(const struct pv_xenbus_info *xi, int want,
    uint64_t deadline, int *state)
{
	static struct xen_store_watch w;	/* probing is one thread */
	char path[PV_XEN_PATH_MAX + 8];
	int error;

	fmt_snprintf(path, sizeof(path), "%s/state", xi->xi_backend);
	if ((error = xen_store_watch(&w, path)) != 0)
		return error;
	for (;;) {
		error = xen_bus_backend_state(xi, state);
		if (error == 0 && *state >= want && *state <= XB_CONNECTED)
			break;
		if (error == 0 && *state >= want && want >= XB_CLOSING)
			break;
		if (error == 0 && (*state == XB_CLOSING ||
		    *state == XB_CLOSED) && want < XB_CLOSING) {
			error = -ECONNREFUSED;
			break;
		}
		if (error != 0 && error != -ENOENT)
			break;
		if ((error = xen_store_watch_wait(&w, deadline)) != 0)
			break;
	}
	xen_store_unwatch(&w);
	return error;
}

int
xen_bus_front_connect(struct pv_xenbus_info *xi,
    int (*keys)(uint32_t tx, void *arg), void *arg, uint64_t timeout_ns)
{
	uint64_t deadline = pv_clock_ns() + timeout_ns;
	int state = XB_UNKNOWN, error, tries = 0;
	uint32_t tx;

	if ((error = xen_bus_set_state(0, xi, XB_INITIALISING)) != 0)
		goto fail;
	if ((error = xen_bus_wait_backend(xi, XB_INITWAIT, deadline,
	    &state)) != 0)
		goto fail;
	do {
		if ((error = xen_store_transaction_start(&tx)) != 0)
			goto fail;
		if ((error = keys(tx, arg)) != 0 ||
		    (error = xen_bus_set_state(tx, xi, XB_CONNECTED)) != 0) {
			(void)xen_store_transaction_end(tx, false);
			goto fail;
		}
		error = xen_store_transaction_end(tx, true);
	} while (error == -EAGAIN && ++tries < 10);
	if (error != 0)
		goto fail;
	xi->xi_state = XB_CONNECTED;
	if ((error = xen_bus_wait_backend(xi, XB_CONNECTED, deadline,
	    &state)) != 0)
		goto fail;
	return 0;
fail:
	if (error == -ETIMEDOUT)
		pr_err("xenbus: %s: backend %s did not connect within %lu s "
		    "(its state: %d)\n", xi->xi_node, xi->xi_backend,
		    (uint64_t)(timeout_ns / 1000000000ULL), state);
	else
		pr_err("xenbus: %s: cannot connect to backend %s (%d, its "
		    "state: %d)\n", xi->xi_node, xi->xi_backend, error, state);
	return error;
}

int
xen_bus_front_close(struct pv_xenbus_info *xi, uint64_t timeout_ns)
{
	uint64_t deadline = pv_clock_ns() + timeout_ns;
	int state = XB_UNKNOWN, error;

	if ((error = xen_bus_set_state(0, xi, XB_CLOSING)) != 0)
		return error;
	error = xen_bus_wait_backend(xi, XB_CLOSING, deadline, &state);
	if (error != 0)
		pr_warn("xenbus: %s: backend did not close (%d, state %d)\n",
		    xi->xi_node, error, state);
	return xen_bus_set_state(0, xi, XB_CLOSED);
}

static const struct pv_bus xen_bus;

static int
xen_bus_take(const char *type, const char *id)
{
	struct pv_dev d = { .dv_from = &xen_bus };
	struct pv_xenbus_info *xi = &d.dv_xen;
	uint32_t v;
	int error;

	fmt_snprintf(xi->xi_type, sizeof(xi->xi_type), "%s", type);
	fmt_snprintf(xi->xi_node, sizeof(xi->xi_node), "device/%s/%s", type,
	    id);
	fmt_snprintf(d.dv_name, sizeof(d.dv_name), "%s/%s", type, id);
	xi->xi_state = -1;
	error = xen_bus_read_str(xi->xi_node, "backend", xi->xi_backend,
	    sizeof(xi->xi_backend));
	if (error == -ENOENT)
		return 0;	/* not a device (device/suspend/event-channel) */
	if (error != 0)
		pr_warn("xenbus: %s: no usable backend path (%d)\n",
		    xi->xi_node, error);
	if ((error = xen_bus_read_uint(xi->xi_node, "backend-id", 0x7fef,
	    &v)) == 0)
		xi->xi_backend_id = (uint16_t)v;
	else
		pr_warn("xenbus: %s: no usable backend-id (%d)\n",
		    xi->xi_node, error);
	if (xen_bus_read_uint(xi->xi_node, "state", XEN_BUS_STATE_MAX,
	    &v) == 0)
		xi->xi_state = (int)v;
	return pv_dev_add(&d);
}

/*
 * The balloon is no xenbus device (it has no backend), but it is found
 * the same way: every domain's memory/target.  Offered as "balloon/0"
 * (node "memory") for xen_balloon.c.
 */
static int
xen_bus_take_balloon(void)
{
	struct pv_dev d = { .dv_from = &xen_bus };
	char v[24];

	if (xen_store_read("memory/target", v, sizeof(v)) <= 0)
		return 0;
	fmt_snprintf(d.dv_xen.xi_type, sizeof(d.dv_xen.xi_type), "balloon");
	fmt_snprintf(d.dv_xen.xi_node, sizeof(d.dv_xen.xi_node), "memory");
	fmt_snprintf(d.dv_name, sizeof(d.dv_name), "balloon/0");
	d.dv_xen.xi_state = -1;
	return pv_dev_add(&d);
}

static int
xen_bus_enumerate(const struct pv_bus *bus)
{
	static char types_buf[1024], ids_buf[1024];
	const char *types[XEN_BUS_TYPES], *ids[XEN_BUS_IDS];
	int ntypes, n, error;

	(void)bus;
	if (pv_hv_type() != PV_HV_XEN)
		return -ENODEV;
	if ((error = xen_store_init()) != 0) {
		pr_err("xenbus: no xenstore ring (%d)\n", error);
		return error;
	}
	/* Not a device, but xenstore's too: the host's vCPU count. */
	if ((error = xen_vcpu_watch_start()) != 0)
		pr_warn("xenbus: cannot follow xl vcpu-set (%d)\n", error);
	if ((error = xen_bus_take_balloon()) != 0)
		return error;
	n = xen_store_directory("device", types_buf, sizeof(types_buf));
	if (n == -ENOENT)
		return 0;		/* no devices at all */
	if (n < 0)
		return n;
	ntypes = xs_dir_split(types_buf, (size_t)n, types, XEN_BUS_TYPES,
	    XEN_BUS_NAME);
	if (ntypes < 0) {
		pr_err("xenbus: device/ lists a bad name (%d)\n", ntypes);
		return ntypes;
	}
	for (int t = 0; t < ntypes; t++) {
		char node[PV_XEN_PATH_MAX];
		int nids;

		fmt_snprintf(node, sizeof(node), "device/%s", types[t]);
		if ((n = xen_store_directory(node, ids_buf,
		    sizeof(ids_buf))) < 0) {
			pr_warn("xenbus: %s: %d\n", node, n);
			continue;
		}
		if ((nids = xs_dir_split(ids_buf, (size_t)n, ids, XEN_BUS_IDS,
		    XEN_BUS_NAME)) < 0) {
			pr_warn("xenbus: %s lists a bad name (%d)\n", node, nids);
			continue;
		}
		for (int i = 0; i < nids; i++)
			if ((error = xen_bus_take(types[t], ids[i])) != 0)
				return error;
	}
	return 0;
}

static int
xen_bus_ident(const struct pv_dev *d, char *buf, unsigned int size)
{
	return fmt_snprintf(buf, size, "%-9s  %-6s", d->dv_xen.xi_type, "-");
}

static int
xen_bus_resources(const struct pv_dev *d, char *buf, unsigned int size)
{
	const struct pv_xenbus_info *xi = &d->dv_xen;

	return fmt_snprintf(buf, size, " backend=%s backend-id=%u state=%d",
	    xi->xi_backend[0] != '\0' ? xi->xi_backend : "?",
	    xi->xi_backend_id, xi->xi_state);
}

static const struct pv_bus xen_bus = {
	.pb_name = "xenbus",
	.pb_kind = PV_BUS_XENBUS,
	.pb_enumerate = xen_bus_enumerate,
	.pb_ident = xen_bus_ident,
	.pb_resources = xen_bus_resources,
};
PV_BUS(xen_bus);
