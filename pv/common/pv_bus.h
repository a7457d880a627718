/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * For bus implementations only (the PCI walk in pv/common, xenbus in
 * pv/xen).  A bus is a const struct pv_bus placed in the .pv_buses
 * section by PV_BUS(); pv_probe() asks each to enumerate, and each
 * hands what it finds to pv_dev_add.
 */
#ifndef PV_COMMON_PV_BUS_H
#define PV_COMMON_PV_BUS_H

#include <pv/common/pv_dev.h>

struct pv_bus {
	const char		*pb_name;	/* "pci": log prefix */
	enum pv_bus_kind	 pb_kind;
	/*
	 * Find the bus's devices and pv_dev_add each; -ENODEV when this
	 * machine has no such bus (not an error), other -errno on failure.
	 */
	int			(*pb_enumerate)(const struct pv_bus *);
	/*
	 * A device's identity as two columns, 9 and 6 wide ("1af4:1041
	 * 020000", "vif        -"), and its resources or backend, each
	 * item after a space; both as fmt_snprintf counts.
	 */
	int			(*pb_ident)(const struct pv_dev *, char *,
				    unsigned int);
	int			(*pb_resources)(const struct pv_dev *, char *,
				    unsigned int);
};

#define PV_BUS(b)							\
	static const struct pv_bus *const pv_bus_ent_##b		\
	    __attribute__((used, section(".pv_buses"))) = &(b)

/*
 * Record a found device (copied; dv_driver, dv_softc and dv_next are
 * the registry's; dv_from names the bus).  0, -EINVAL without dv_from,
 * or -ENOSPC past PV_DEV_MAX devices.
 */
#define PV_DEV_MAX	128
int	pv_dev_add(const struct pv_dev *d);

#endif /* PV_COMMON_PV_BUS_H */
