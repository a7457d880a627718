/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Xen event channels, 2-level ABI, for the back end's drivers (netfront,
 * the xenstore client) and their tests; no Xen header, so a ktest may
 * include it.  Not for pv/common callers.
 *
 * The upcall comes on one vector from trap_vector_alloc, named to Xen by
 * HVM_PARAM_CALLBACK_IRQ (type "vector").  It takes the pending-word
 * selector with one atomic exchange, looks at each selected word once,
 * clears each pending unmasked port's bit and calls that port's handler,
 * with interrupts off: a handler only acknowledges and wakes a thread.
 * At most XEN_EVTCHN_BUDGET ports are handled per upcall; the rest stay
 * pending and come with the next upcall (the scan resumes where it
 * stopped), so a backend that floods a port cannot keep the guest in its
 * interrupt handler.  Every port starts masked; binding a handler
 * unmasks it.
 */
#ifndef PV_XEN_XEN_EVTCHN_H
#define PV_XEN_XEN_EVTCHN_H

#include <stdbool.h>
#include <stdint.h>

#define XEN_EVTCHN_PORTS	1024	/* ports a handler may be bound to */
#define XEN_EVTCHN_BUDGET	64	/* ports handled per upcall */
#define XEN_DOMID_SELF		0x7ff0

/* Called with interrupts off, the port's pending bit already cleared. */
typedef void (*xen_evtchn_fn)(uint32_t port, void *arg);

/* Route the upcall and mask every port (from xen_hv_init): 0 or -errno. */
int	xen_evtchn_init(void);
bool	xen_evtchn_ready(void);

/* A fresh port that remote (a domain id, or XEN_DOMID_SELF) may bind. */
int	xen_evtchn_alloc_unbound(uint16_t remote, uint32_t *port);
/* Bind to remote's unbound port rport: our end in *port. */
int	xen_evtchn_bind_interdomain(uint16_t remote, uint32_t rport,
	    uint32_t *port);
/*
 * Deliver port's events to fn(port, arg) and unmask it: 0, -EINVAL (port
 * out of range, no fn), -EBUSY (it has a handler already).
 */
int	xen_evtchn_bind(uint32_t port, xen_evtchn_fn fn, void *arg);
/* Mask port and forget its handler. */
void	xen_evtchn_unbind(uint32_t port);
void	xen_evtchn_mask(uint32_t port);
/* Unmask; an event that came while masked is delivered then. */
void	xen_evtchn_unmask(uint32_t port);
void	xen_evtchn_send(uint32_t port);
/* EVTCHNOP_close (unbinds first): 0 or -errno. */
int	xen_evtchn_close(uint32_t port);

struct xen_evtchn_stats {
	uint64_t	es_upcalls;
	uint64_t	es_events;	/* handlers called */
	uint64_t	es_stray;	/* pending ports with no handler */
	uint64_t	es_deferred;	/* upcalls that left work for the next */
};
void	xen_evtchn_stats(struct xen_evtchn_stats *s);
/* Log what port's bits and the upcall look like (for a failing test). */
void	xen_evtchn_dump(uint32_t port);

#endif /* PV_XEN_XEN_EVTCHN_H */
