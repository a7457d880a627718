/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Device drivers.  A driver is a const struct pv_driver placed in the
 * .pv_drivers section by PV_DRIVER().  After pv_hv_init(), pv_probe()
 * has every bus present enumerate its devices (pv_bus.h) and offers each
 * device to every driver: the first whose match says yes attaches it.
 * Matching is by what the device is (PCI vendor and device, xenbus
 * type), never by hypervisor, so a virtio driver attaches under QEMU's
 * TCG and under KVM alike.
 *
 * attach runs in thread context with interrupts on.  It sets the device
 * up, registers it with its class (pv_net_register...) and may allocate
 * interrupt vectors (trap_vector_alloc; see trap.h for what a handler
 * may do).  It fails cleanly: on error nothing of it is left behind.
 */
#ifndef PV_COMMON_PV_DRIVER_H
#define PV_COMMON_PV_DRIVER_H

#include <stdbool.h>

#include <pv/common/pv_dev.h>

struct pv_driver {
	const char	*pd_name;	/* "virtio-net": log prefix */
	/* Is d ours?  Reads d only. */
	bool		(*pd_match)(const struct pv_dev *d);
	/* Take d: 0, or -errno (the device then stays unbound). */
	int		(*pd_attach)(struct pv_dev *d);
};

#define PV_DRIVER(d)							\
	static const struct pv_driver *const pv_driver_ent_##d		\
	    __attribute__((used, section(".pv_drivers"))) = &(d)

struct pv_bus;

/*
 * Enumerate every bus and bind drivers.  Returns the number of devices
 * found (bound or not); a bus or driver that fails is reported and
 * skipped.  Call once.
 */
int	pv_probe(void);

/*
 * The same over given tables (for host unit tests): buses [b0, b1),
 * drivers [d0, d1).  Devices found are added to what is there.
 */
int	pv_probe_tables(const struct pv_bus *const *b0,
	    const struct pv_bus *const *b1,
	    const struct pv_driver *const *d0,
	    const struct pv_driver *const *d1);

/* Forget every device (host unit tests only). */
void	pv_dev_reset(void);

/* Number of drivers in this image (for tests and the boot log). */
unsigned int pv_driver_count(void);

#endif /* PV_COMMON_PV_DRIVER_H */
