/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The CPUs an ACPI MADT ("APIC") lists: its processor local APIC (type 0)
 * and local x2APIC (type 9) entries, in table order.  The table is the
 * host's and untrusted: lengths are checked against the table's and each
 * entry's own, an entry shorter than its type needs or running past the
 * end stops the walk with -EINVAL, and a duplicate APIC id is dropped.
 * Pure: the host unit tests run it on hostile tables.
 */
#ifndef LIB_MADT_H
#define LIB_MADT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MADT_CPUS_MAX	256

struct madt_cpu {
	uint32_t	mc_apic_id;
	uint32_t	mc_acpi_uid;	/* processor id (type 0) or UID (9) */
	bool		mc_enabled;	/* usable now */
	bool		mc_online_capable; /* may be hot-added later */
};

struct madt_info {
	uint32_t	mi_lapic_base;	/* the table's local APIC address */
	unsigned int	mi_ncpus;	/* entries in mi_cpus */
	unsigned int	mi_dropped;	/* duplicates and entries past the max */
	struct madt_cpu	mi_cpus[MADT_CPUS_MAX];
};

/*
 * Read the MADT at table, len bytes as mapped (the header's length must
 * fit in it) into *out.  0, or -EINVAL for a malformed table (what was
 * read before the fault stays in *out).
 */
int	madt_parse(const void *table, size_t len, struct madt_info *out);

/* CPUs that are enabled now. */
unsigned int madt_enabled_count(const struct madt_info *);

#endif /* LIB_MADT_H */
