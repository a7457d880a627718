/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * A xenstore client over the shared ring (xen/io/xs_wire.h), for the
 * back end's files.  One request at a time; the answer is waited for by
 * polling the ring, yielding to Xen between looks, for at most
 * XEN_STORE_TIMEOUT_NS (no event-channel upcall yet).  Paths without a
 * leading '/' are relative to this domain's home.
 */
#ifndef PV_XEN_XEN_STORE_H
#define PV_XEN_XEN_STORE_H

#include <stddef.h>
#include <stdint.h>

#define XEN_STORE_TIMEOUT_NS	(10ULL * 1000000000ULL)

/* Map the ring from the HVM parameters; 0 or -errno.  Idempotent. */
int	xen_store_init(void);

/*
 * XS_READ of path into buf (size bytes): the value's length (no NUL is
 * added), -ENOENT and the like from xenstored, -E2BIG when it does not
 * fit, -ETIMEDOUT, or -EIO for a broken ring.
 */
int	xen_store_read(const char *path, char *buf, size_t size);

/* XS_DIRECTORY of path into buf: as xen_store_read; see xs_dir_split. */
int	xen_store_directory(const char *path, char *buf, size_t size);

#endif /* PV_XEN_XEN_STORE_H */
