/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * ACPI table discovery and S5 power-off (see acpi.h).  Every table is
 * checksummed and length-checked before use; firmware from a hostile or
 * buggy host is read, never trusted.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/madt.h>
#include <lib/string.h>
#include <arch/x86_64/include/acpi.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/dmap.h>
#include <arch/x86_64/include/layout.h>
#include <arch/x86_64/include/paging.h>
#include <kernel/log/printk.h>

struct acpi_rsdp {
	char		sig[8];
	uint8_t		checksum;
	char		oem_id[6];
	uint8_t		revision;
	uint32_t	rsdt;
	uint32_t	length;		/* revision >= 2 from here */
	uint64_t	xsdt;
	uint8_t		xchecksum;
	uint8_t		reserved[3];
} __attribute__((packed));
_Static_assert(sizeof(struct acpi_rsdp) == 36, "RSDP layout");

#define ACPI_MAX_TABLES	64

static const struct acpi_header *acpi_root;
static bool acpi_root_is_xsdt;
/* Resolved by acpi_init, so power-off (a panic path) takes no lock. */
static uint16_t acpi_pm1a_cnt;
static int acpi_slp_typa = -1;

static bool
acpi_sum_ok(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	for (size_t i = 0; i < len; i++)
		sum += b[i];
	return sum == 0;
}

/* Map a table: through the direct map when it is there, else a window. */
static const void *
acpi_map(uint64_t pa, size_t len)
{
	if (paging_is_mapped(DMAP_BASE + pa) &&
	    paging_is_mapped(DMAP_BASE + pa + len - 1))
		return phys_to_virt(pa);
	return paging_map_ram(pa, len);
}

static const struct acpi_header *
acpi_map_table(uint64_t pa)
{
	const struct acpi_header *h = acpi_map(pa, sizeof(*h));

	if (h == NULL || h->length < sizeof(*h) || h->length > (1u << 20))
		return NULL;
	h = acpi_map(pa, h->length);
	if (h == NULL || !acpi_sum_ok(h, h->length))
		return NULL;
	return h;
}

static const struct acpi_rsdp *
acpi_rsdp_check(uint64_t pa)
{
	const struct acpi_rsdp *r = acpi_map(pa, sizeof(*r));

	if (r == NULL || memcmp(r->sig, "RSD PTR ", 8) != 0 ||
	    !acpi_sum_ok(r, 20))
		return NULL;
	if (r->revision >= 2 && !acpi_sum_ok(r, sizeof(*r)))
		return NULL;
	return r;
}

static uint64_t
acpi_rsdp_search(void)
{
	const uint16_t *ebda_seg = phys_to_virt(0x40e);
	uint64_t ebda = (uint64_t)*ebda_seg << 4;

	if (ebda >= 0x80000 && ebda < 0xa0000)
		for (uint64_t pa = ebda; pa < ebda + 1024; pa += 16)
			if (acpi_rsdp_check(pa) != NULL)
				return pa;
	for (uint64_t pa = 0xe0000; pa < 0x100000; pa += 16)
		if (acpi_rsdp_check(pa) != NULL)
			return pa;
	return 0;
}

static void acpi_s5_resolve(void);

int
acpi_init(uint64_t rsdp_pa)
{
	const struct acpi_rsdp *r;

	if (rsdp_pa == 0)
		rsdp_pa = acpi_rsdp_search();
	if (rsdp_pa == 0 || (r = acpi_rsdp_check(rsdp_pa)) == NULL)
		return -ENOENT;
	if (r->revision >= 2 && r->xsdt != 0 &&
	    (acpi_root = acpi_map_table(r->xsdt)) != NULL)
		acpi_root_is_xsdt = true;
	else
		acpi_root = acpi_map_table(r->rsdt);
	if (acpi_root == NULL)
		return -ENOENT;
	acpi_s5_resolve();
	return 0;
}

const struct acpi_header *
acpi_find(const char sig[4])
{
	size_t esize, n;
	const uint8_t *ents;

	if (acpi_root == NULL)
		return NULL;
	esize = acpi_root_is_xsdt ? 8 : 4;
	n = (acpi_root->length - sizeof(*acpi_root)) / esize;
	if (n > ACPI_MAX_TABLES)
		n = ACPI_MAX_TABLES;
	ents = (const uint8_t *)(acpi_root + 1);
	for (size_t i = 0; i < n; i++) {
		uint64_t pa = 0;
		const struct acpi_header *h;

		memcpy(&pa, ents + i * esize, esize);
		h = acpi_map_table(pa);
		if (h != NULL && memcmp(h->sig, sig, 4) == 0)
			return h;
	}
	return NULL;
}

int
acpi_madt(struct madt_info *out)
{
	const struct acpi_header *h = acpi_find("APIC");

	if (h == NULL)
		return -ENOENT;
	/* acpi_find checked the checksum over h->length bytes, all mapped. */
	return madt_parse(h, h->length, out);
}

uint64_t
acpi_hpet_base(void)
{
	const struct acpi_header *h = acpi_find("HPET");
	uint64_t base;

	/* Generic address structure at 40; its 64-bit address at 44. */
	if (h == NULL || h->length < 52)
		return 0;
	memcpy(&base, (const uint8_t *)h + 44, 8);
	return base;
}

int
acpi_mcfg_ecam(uint64_t *base, uint8_t *bus_first, uint8_t *bus_last)
{
	const struct acpi_header *h = acpi_find("MCFG");
	const uint8_t *p;
	size_t n;

	/* 8 reserved bytes after the header, then 16-byte allocations. */
	if (h == NULL || h->length < sizeof(*h) + 8 + 16)
		return -ENOENT;
	n = (h->length - sizeof(*h) - 8) / 16;
	p = (const uint8_t *)h + sizeof(*h) + 8;
	for (size_t i = 0; i < n; i++, p += 16) {
		uint16_t seg;

		memcpy(base, p, 8);
		memcpy(&seg, p + 8, 2);
		*bus_first = p[10];
		*bus_last = p[11];
		if (seg == 0 && *bus_first <= *bus_last && *base != 0 &&
		    (*base & 0xfffff) == 0)
			return 0;
	}
	return -ENOENT;
}

/* SLP_TYPa from the \_S5 package in the DSDT, or -1. */
static int
acpi_s5_type(const struct acpi_header *dsdt)
{
	const uint8_t *p = (const uint8_t *)dsdt;
	uint32_t len = dsdt->length;

	for (uint32_t i = sizeof(*dsdt); i + 8 < len; i++) {
		uint32_t j;

		if (memcmp(p + i, "_S5_", 4) != 0 || p[i + 4] != 0x12)
			continue;	/* want NameOp "_S5_" PackageOp */
		j = i + 5;
		j += ((p[j] >> 6) & 3) + 1;	/* PkgLength bytes */
		j++;				/* NumElements */
		if (j >= len)
			return -1;
		if (p[j] == 0x0a && j + 1 < len)	/* BytePrefix */
			return p[j + 1];
		if (p[j] == 0x00 || p[j] == 0x01)	/* ZeroOp, OneOp */
			return p[j];
		return -1;
	}
	return -1;
}

/* The PM1a control port and \_S5 sleep type, from the FADT and DSDT. */
static void
acpi_s5_resolve(void)
{
	const struct acpi_header *fadt = acpi_find("FACP");
	const struct acpi_header *dsdt = NULL;
	uint32_t pm1a, dsdt32;
	uint64_t dsdt64 = 0;
	int typ;

	if (fadt == NULL || fadt->length < 68)
		return;
	memcpy(&dsdt32, (const uint8_t *)fadt + 40, 4);
	memcpy(&pm1a, (const uint8_t *)fadt + 64, 4);
	if (fadt->length >= 148)
		memcpy(&dsdt64, (const uint8_t *)fadt + 140, 8);
	dsdt = acpi_map_table(dsdt64 != 0 ? dsdt64 : dsdt32);
	if (pm1a == 0 || pm1a > 0xffff || dsdt == NULL ||
	    (typ = acpi_s5_type(dsdt)) < 0)
		return;
	acpi_pm1a_cnt = (uint16_t)pm1a;
	acpi_slp_typa = typ;
}

int
acpi_poweroff(void)
{
	if (acpi_slp_typa < 0)
		return -ENOTSUP;
	outw(acpi_pm1a_cnt, (uint16_t)((acpi_slp_typa << 10) | (1 << 13)));
	return 0;
}
