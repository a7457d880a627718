/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Device driver registry.  A driver is a const struct pv_driver placed in
 * the .pv_drivers section by PV_DRIVER(); after pv_hv_init(), pv_probe()
 * runs the probe of every driver written for the running hypervisor.  A
 * probe enumerates its own bus (PCI on KVM, xenstore on Xen), attaches
 * what it finds and registers the devices with their class (pv_net,
 * pv_9p, ...).
 */
#ifndef PV_COMMON_PV_DRIVER_H
#define PV_COMMON_PV_DRIVER_H

#include <pv/common/pv_hv.h>

struct pv_driver {
	const char	*pd_name;	/* "virtio-net": log prefix */
	enum pv_hv_type	 pd_hv;		/* hypervisor it drives devices of */
	/* Attach every device found; returns how many, or -errno. */
	int		(*pd_probe)(const struct pv_driver *);
};

#define PV_DRIVER(d)							\
	static const struct pv_driver *const pv_driver_ent_##d		\
	    __attribute__((used, section(".pv_drivers"))) = &(d)

/*
 * Probe every driver for the running hypervisor.  Returns the number of
 * devices attached; a failing driver is reported and skipped.
 */
int	pv_probe(void);

/* Number of drivers in this image (for tests and the boot log). */
unsigned int pv_driver_count(void);

#endif /* PV_COMMON_PV_DRIVER_H */
