/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Just enough ACPI to find tables (RSDP -> XSDT/RSDT), power off through
 * the FADT's PM1a control block with the DSDT's \_S5 sleep type, and find
 * the HPET and the CPUs.  No AML interpreter: \_S5 is found by its byte
 * pattern, as every small kernel does.
 */
#ifndef ARCH_X86_64_INCLUDE_ACPI_H
#define ARCH_X86_64_INCLUDE_ACPI_H

#include <stdint.h>

struct acpi_header {
	char		sig[4];
	uint32_t	length;
	uint8_t		revision;
	uint8_t		checksum;
	char		oem_id[6];
	char		oem_table_id[8];
	uint32_t	oem_revision;
	uint32_t	creator_id;
	uint32_t	creator_revision;
} __attribute__((packed));
_Static_assert(sizeof(struct acpi_header) == 36, "ACPI table header");

/*
 * Find the root tables from rsdp_pa (0: search the BIOS areas).
 * Returns 0 or -ENOENT when there is no valid RSDP.
 */
int	acpi_init(uint64_t rsdp_pa);

/* The first table with signature sig (checksum verified), or NULL. */
const struct acpi_header *acpi_find(const char sig[4]);

struct madt_info;

/*
 * The CPUs the MADT lists (lib/madt.h): 0, -ENOENT without a MADT, or
 * -EINVAL for a malformed one.
 */
int	acpi_madt(struct madt_info *out);

/* Physical address of the HPET registers from the HPET table, or 0. */
uint64_t acpi_hpet_base(void);

/*
 * The ECAM window of PCI segment 0 from the MCFG table: its physical
 * base (1 MiB aligned) and bus range.  0, or -ENOENT with no usable one.
 */
int	acpi_mcfg_ecam(uint64_t *base, uint8_t *bus_first, uint8_t *bus_last);

/*
 * Request S5 through the FADT's PM1a control block with the \_S5 sleep
 * type.  Returns 0 once the request is written (the machine stops a moment
 * later), -ENOTSUP when the tables do not allow it.
 */
int	acpi_poweroff(void);

#endif /* ARCH_X86_64_INCLUDE_ACPI_H */
