/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Grant tables, version 1, for the back end's drivers: give another
 * domain (a backend) access to one of our frames, and take it back.  No
 * Xen header, so a ktest may include it.
 *
 * The table's frames are mapped over pages of the image with
 * XENMEM_add_to_physmap (XENMAPSPACE_grant_table), as many as
 * GNTTABOP_query_size allows up to XEN_GNTTAB_FRAMES.  References below
 * 8 are the toolstack's (console, xenstore); the rest are on a free
 * list.  Ending access is checked: while the backend still has the
 * frame mapped (GTF_reading/GTF_writing) the entry is neither cleared
 * nor freed; xen_gnttab_end says -EBUSY and the caller tries again
 * later, or xen_gnttab_end_later keeps it on a list retried with every
 * grant.  A frame must not be reused before its grant has ended.
 */
#ifndef PV_XEN_XEN_GNTTAB_H
#define PV_XEN_XEN_GNTTAB_H

#include <stdbool.h>
#include <stdint.h>

#define XEN_GNTTAB_FRAMES	4	/* at most; 512 entries each */

/* Map the table (idempotent; the first grant does it): 0 or -errno. */
int	xen_gnttab_init(void);

/*
 * Let domid access frame gfn (read-only or writable): 0 and the
 * reference in *ref, or -ENOSPC (no free reference), -ENODEV.
 */
int	xen_gnttab_grant(uint16_t domid, uint64_t gfn, bool readonly,
	    uint32_t *ref);

/*
 * Take access back: 0 (the reference is free again), -EBUSY (the
 * backend still maps the frame: nothing changed, try later), -EINVAL (not
 * a granted reference).
 */
int	xen_gnttab_end(uint32_t ref);

/* End now if the backend let go, else remember and retry later. */
void	xen_gnttab_end_later(uint32_t ref);

struct xen_gnttab_stats {
	unsigned int	gs_frames;	/* mapped */
	unsigned int	gs_free;	/* references free */
	unsigned int	gs_deferred;	/* waiting for the backend to unmap */
	uint64_t	gs_busy;	/* ends refused: still mapped */
};
void	xen_gnttab_stats(struct xen_gnttab_stats *s);

/* The guest frame number of a page of kernel memory (direct map). */
uint64_t xen_gnttab_gfn(const void *va);

#endif /* PV_XEN_XEN_GNTTAB_H */
