/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Xen's balloon target, apart from xenstore and hypercalls so that host
 * unit tests can feed it anything.  Uses no Xen header.
 */
#ifndef PV_XEN_XEN_BALLOON_CALC_H
#define PV_XEN_XEN_BALLOON_CALC_H

#include <stddef.h>
#include <stdint.h>

/*
 * memory/target (len bytes, decimal KiB: the memory the toolstack wants
 * the domain to have) as pages to have given back, counted from base_kb
 * (the target the domain booted with): 0 and *pages, or -EINVAL for a
 * value that is not a decimal number of at most 2^32 - 1 KiB.  A target
 * above base_kb asks for nothing back (the domain cannot grow past what
 * it booted with); a partial page rounds down.
 */
int	xen_balloon_pages(const char *s, size_t len, uint64_t base_kb,
	    uint64_t *pages);

#endif /* PV_XEN_XEN_BALLOON_CALC_H */
