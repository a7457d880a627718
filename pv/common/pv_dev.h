/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The device model.  Buses (PCI, xenbus) find devices; each found device
 * is a struct pv_dev that says where it sits and what it is; drivers
 * (pv_driver.h) match devices by what they are, whatever the hypervisor,
 * and attach; an attached driver offers its device upward through a
 * device class (pv_net.h, pv_p9.h, pv_shmem.h, pv_balloon.h), whose
 * callers never see the driver.
 *
 * Everything a device reports is untrusted: a bus records only what it
 * checked (capability lists walked with loop and bound checks, BAR ranges
 * that hold the tables they are said to hold, xenstore strings that are
 * terminated and fit).
 */
#ifndef PV_COMMON_PV_DEV_H
#define PV_COMMON_PV_DEV_H

#include <stdbool.h>
#include <stdint.h>

enum pv_bus_kind {
	PV_BUS_PCI = 1,
	PV_BUS_XENBUS,
};

#define PV_PCI_BARS	6
#define PV_PCI_CAPS	16	/* capabilities remembered per function */

#define PV_BAR_IO	0x1	/* I/O ports, else memory */
#define PV_BAR_64	0x2	/* a 64-bit memory BAR (uses two slots) */
#define PV_BAR_PREFETCH	0x4

struct pv_pci_bar {
	uint64_t	pb_addr;	/* bus address */
	uint64_t	pb_size;	/* 0: not implemented */
	uint8_t		pb_flags;	/* PV_BAR_* */
};

struct pv_pci_cap {
	uint8_t		pc_id;		/* PCI_CAP_* */
	uint8_t		pc_off;		/* in configuration space */
};

#define PCI_CAP_MSI	0x05
#define PCI_CAP_VENDOR	0x09	/* virtio's structures are these */
#define PCI_CAP_PCIE	0x10
#define PCI_CAP_MSIX	0x11

/* MSI-X, when the capability and the BARs it names agree. */
struct pv_pci_msix {
	uint16_t	pm_size;	/* table entries; 0: no MSI-X */
	uint8_t		pm_cap;		/* capability offset */
	uint8_t		pm_table_bar;
	uint8_t		pm_pba_bar;
	uint32_t	pm_table_off;
	uint32_t	pm_pba_off;
};

struct pv_pci_info {
	uint8_t		pi_bus, pi_dev, pi_fn;
	uint8_t		pi_revision;
	uint16_t	pi_vendor, pi_device;
	uint16_t	pi_subvendor, pi_subdevice;
	uint32_t	pi_class;	/* base << 16 | sub << 8 | prog-if */
	uint8_t		pi_header;	/* header type, without the MF bit */
	uint8_t		pi_irq_pin;	/* 0: none, 1..4: INTA..INTD */
	uint8_t		pi_ncaps;	/* pi_caps used */
	bool		pi_caps_broken;	/* the walk stopped on bad input */
	struct pv_pci_bar pi_bars[PV_PCI_BARS];
	struct pv_pci_cap pi_caps[PV_PCI_CAPS];
	struct pv_pci_msix pi_msix;
};

#define PV_XEN_TYPE_MAX		16
#define PV_XEN_PATH_MAX		96

struct pv_xenbus_info {
	char		xi_type[PV_XEN_TYPE_MAX];	/* "vif" */
	char		xi_node[PV_XEN_PATH_MAX];	/* "device/vif/0" */
	char		xi_backend[PV_XEN_PATH_MAX];
	uint16_t	xi_backend_id;			/* its domain */
	int		xi_state;	/* XenbusState 0..8, -1: unread */
};

struct pv_driver;
struct pv_bus;

struct pv_dev {
	const struct pv_bus	*dv_from;	/* the bus that found it */
	char			 dv_name[24];	/* "00:03.0", "vif/0" */
	union {
		struct pv_pci_info	dv_pci;
		struct pv_xenbus_info	dv_xen;
	};
	const struct pv_driver	*dv_driver;	/* bound, or NULL */
	void			*dv_softc;	/* the driver's */
	struct pv_dev		*dv_next;
};

/* The kind of bus d sits on (what a driver's match looks at first). */
enum pv_bus_kind pv_dev_bus(const struct pv_dev *d);

/* Devices every bus found, in order; for the boot log and /proc. */
unsigned int pv_dev_count(void);
void	pv_dev_foreach(void (*fn)(const struct pv_dev *, void *), void *arg);

/*
 * One line about d (identity, resources, driver) into buf, without a
 * newline; the boot log and /proc/pvbus print it.
 */
int	pv_dev_describe(const struct pv_dev *d, char *buf, unsigned int size);

#endif /* PV_COMMON_PV_DEV_H */
