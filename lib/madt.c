/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The CPUs of an ACPI MADT (see madt.h). */
#include <lib/errno.h>
#include <lib/madt.h>
#include <lib/string.h>

#define MADT_HEADER	44	/* the ACPI header, local APIC address, flags */
#define MADT_LAPIC	0
#define MADT_X2APIC	9
#define MADT_F_ENABLED		0x1
#define MADT_F_ONLINE_CAPABLE	0x2

static uint32_t
madt_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static void
madt_add(struct madt_info *out, uint32_t apic_id, uint32_t uid,
    uint32_t flags)
{
	for (unsigned int i = 0; i < out->mi_ncpus; i++)
		if (out->mi_cpus[i].mc_apic_id == apic_id) {
			out->mi_dropped++;
			return;
		}
	if (out->mi_ncpus == MADT_CPUS_MAX) {
		out->mi_dropped++;
		return;
	}
	out->mi_cpus[out->mi_ncpus++] = (struct madt_cpu){
		.mc_apic_id = apic_id,
		.mc_acpi_uid = uid,
		.mc_enabled = (flags & MADT_F_ENABLED) != 0,
		.mc_online_capable = (flags & MADT_F_ONLINE_CAPABLE) != 0,
	};
}

int
madt_parse(const void *table, size_t len, struct madt_info *out)
{
	const uint8_t *t = table;
	uint32_t total;
	size_t off;

	memset(out, 0, sizeof(*out));
	if (table == NULL || len < MADT_HEADER || memcmp(t, "APIC", 4) != 0)
		return -EINVAL;
	total = madt_le32(t + 4);
	if (total < MADT_HEADER || total > len)
		return -EINVAL;
	out->mi_lapic_base = madt_le32(t + 36);
	for (off = MADT_HEADER; off < total; ) {
		uint8_t type, elen;

		if (total - off < 2)
			return -EINVAL;
		type = t[off];
		elen = t[off + 1];
		if (elen < 2 || elen > total - off)
			return -EINVAL;	/* would loop, or run past the end */
		if (type == MADT_LAPIC) {
			if (elen < 8)
				return -EINVAL;
			madt_add(out, t[off + 3], t[off + 2],
			    madt_le32(t + off + 4));
		} else if (type == MADT_X2APIC) {
			if (elen < 16)
				return -EINVAL;
			madt_add(out, madt_le32(t + off + 4),
			    madt_le32(t + off + 12), madt_le32(t + off + 8));
		}
		off += elen;
	}
	return 0;
}

unsigned int
madt_enabled_count(const struct madt_info *mi)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < mi->mi_ncpus; i++)
		n += mi->mi_cpus[i].mc_enabled;
	return n;
}
