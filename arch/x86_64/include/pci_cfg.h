/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * PCI configuration space access on the PC: ECAM (memory-mapped, from
 * the ACPI MCFG table, as q35 has it) when the firmware describes it,
 * else configuration mechanism #1 (ports 0xcf8/0xcfc, as i440fx has it),
 * else none (a Xen PVH guest has no PCI host).  Only the access lives
 * here; the bus walk is pv/common's.
 */
#ifndef ARCH_X86_64_INCLUDE_PCI_CFG_H
#define ARCH_X86_64_INCLUDE_PCI_CFG_H

#include <stdbool.h>
#include <stdint.h>

/* A function's place: segment 0 only (ECAM beyond it is ignored). */
struct pci_addr {
	uint8_t		pa_bus;
	uint8_t		pa_dev;		/* 0..31 */
	uint8_t		pa_fn;		/* 0..7 */
};

/*
 * Pick the access method (after acpi_init and paging).  Returns true
 * when there is one; *method names it ("ecam", "port").
 */
bool	pci_cfg_init(const char **method);

/*
 * Read or write a naturally aligned 1, 2 or 4-byte field at off (0..255
 * by ports, 0..4095 by ECAM).  Reads of a function or offset that is not
 * there return all ones, as the hardware does.
 */
uint32_t pci_cfg_read(struct pci_addr a, unsigned int off, unsigned int width);
void	pci_cfg_write(struct pci_addr a, unsigned int off, unsigned int width,
	    uint32_t val);

/* Bytes of configuration space per function: 4096 (ECAM) or 256. */
unsigned int pci_cfg_size(void);

#endif /* ARCH_X86_64_INCLUDE_PCI_CFG_H */
