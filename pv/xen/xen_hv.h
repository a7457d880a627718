/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Internal interface of the Xen back end, shared by its files only.
 */
#ifndef PV_XEN_XEN_HV_H
#define PV_XEN_XEN_HV_H

#include <stdint.h>

#include <lib/boot_info.h>
#include <lib/errno.h>

#if CONFIG_XEN
/*
 * Set up the hypercall page if CPUID shows Xen; idempotent, usable before
 * paging_init.  Returns 0 or -ENODEV when not on Xen.
 */
int	xen_hv_hypercall_init(void);

/* Fill bi's memory map with XENMEM_memory_map; 0 or -ENOENT. */
int	xen_hv_memory_map(struct boot_info *bi);

/* Read an HVM parameter (HVMOP_get_param); 0 or negative errno. */
int	xen_hv_get_param(uint32_t index, uint64_t *value);

/*
 * Map a shared ring page named by two HVM parameters (its frame and its
 * event channel), as the console and xenstore rings are: 0, or -errno
 * (-ENODEV when either is unset or out of range).
 */
int	xen_hv_map_ring(uint32_t pfn_param, uint32_t port_param,
	    volatile void **ring, uint32_t *port);

/* Signal an event channel (EVTCHNOP_send). */
void	xen_hv_evtchn_send(uint32_t port);

/* The shared_info page (mapped by xen_hv_init). */
struct shared_info;
struct shared_info *xen_hv_shared_info(void);

/* SCHEDOP_yield: let Xen run someone else (dom0's daemons) a while. */
void	xen_hv_yield(void);
#else
static inline int
xen_hv_memory_map(struct boot_info *bi)
{
	(void)bi;
	return -ENOENT;
}
#endif

#endif /* PV_XEN_XEN_HV_H */
