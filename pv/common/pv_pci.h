/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The PCI bus as pv/ sees it: the walk of a function's capability list
 * and the MSI-X checks, apart from configuration access so that host
 * unit tests can feed them any configuration space.  The bus itself
 * (PV_BUS) is in pv_pci.c; access is arch/x86_64/pci_cfg.c's.
 */
#ifndef PV_COMMON_PV_PCI_H
#define PV_COMMON_PV_PCI_H

#include <stdint.h>

#include <pv/common/pv_dev.h>

/* Read a 1, 2 or 4-byte field of one function's configuration space. */
typedef uint32_t (*pv_pci_read_fn)(void *ctx, unsigned int off,
	    unsigned int width);

/*
 * Walk the capability list into pi->pi_caps (at most PV_PCI_CAPS kept;
 * the walk goes on past them) and, for an MSI-X capability, pi->pi_msix.
 * Stops at a loop, a pointer into the header or past the space's end, or
 * a capability whose body does not fit, setting pi_caps_broken and
 * returning -EINVAL or -ELOOP; else the number of capabilities seen.
 * pi->pi_bars must be filled first: an MSI-X table or PBA that does not
 * lie inside an implemented memory BAR is not taken (pm_size stays 0).
 */
int	pv_pci_caps_walk(pv_pci_read_fn rd, void *ctx, unsigned int cfg_size,
	    struct pv_pci_info *pi);

/*
 * The PCI bus's columns of a device's line (pv_bus.h's pb_ident and
 * pb_resources): "vvvv:dddd  cccccc", and " barN=io|mem|mem64:base+size"
 * for each implemented BAR, " msix=N@barB", " caps=broken".
 */
int	pv_pci_ident(const struct pv_dev *d, char *buf, unsigned int size);
int	pv_pci_resources(const struct pv_dev *d, char *buf, unsigned int size);

/* The offset of the first capability id at or after index *from, or 0. */
unsigned int pv_pci_cap_find(const struct pv_pci_info *pi, uint8_t id,
	    unsigned int *from);

#endif /* PV_COMMON_PV_PCI_H */
