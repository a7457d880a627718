/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Host tests of the MADT reader (lib/madt.c), well-formed and hostile. */
#include <stdint.h>
#include <string.h>

#include <lib/errno.h>
#include <lib/madt.h>

#include "ut.h"

static uint8_t ut_madt[512];
static size_t ut_madt_len;
static struct madt_info ut_mi;

static void
ut_madt_begin(void)
{
	memset(ut_madt, 0, sizeof(ut_madt));
	memcpy(ut_madt, "APIC", 4);
	ut_madt[36] = 0x00;
	ut_madt[37] = 0x00;
	ut_madt[38] = 0xe0;
	ut_madt[39] = 0xfe;		/* 0xfee00000 */
	ut_madt_len = 44;
}

static void
ut_madt_put32(size_t off, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		ut_madt[off + i] = (uint8_t)(v >> (8 * i));
}

static void
ut_madt_end(void)
{
	ut_madt_put32(4, (uint32_t)ut_madt_len);
}

/*
 * An entry of type whose header says len bytes, given room bytes of the
 * table (a hostile entry's len and room differ).
 */
static uint8_t *
ut_madt_entry(uint8_t type, uint8_t len, size_t room)
{
	uint8_t *e = ut_madt + ut_madt_len;

	e[0] = type;
	e[1] = len;
	ut_madt_len += room;
	return e;
}

static void
ut_madt_lapic(uint8_t uid, uint8_t apic, uint32_t flags)
{
	size_t off = ut_madt_len;
	uint8_t *e = ut_madt_entry(0, 8, 8);

	e[2] = uid;
	e[3] = apic;
	ut_madt_put32(off + 4, flags);
}

static void
ut_madt_x2apic(uint32_t apic, uint32_t flags, uint32_t uid)
{
	size_t off = ut_madt_len;

	(void)ut_madt_entry(9, 16, 16);
	ut_madt_put32(off + 4, apic);
	ut_madt_put32(off + 8, flags);
	ut_madt_put32(off + 12, uid);
}

UT_TEST(madt_cpus_listed)
{
	ut_madt_begin();
	ut_madt_lapic(0, 0, 1);
	ut_madt_lapic(1, 1, 1);
	/* An I/O APIC entry (type 1, 12 bytes) between: skipped. */
	(void)ut_madt_entry(1, 12, 12);
	ut_madt_lapic(2, 2, 2);		/* online capable, not enabled */
	ut_madt_x2apic(300, 1, 3);
	ut_madt_end();
	UT_ASSERT_EQ(madt_parse(ut_madt, sizeof(ut_madt), &ut_mi), 0);
	UT_ASSERT_EQ(ut_mi.mi_lapic_base, 0xfee00000u);
	UT_ASSERT_EQ(ut_mi.mi_ncpus, 4);
	UT_ASSERT_EQ(ut_mi.mi_cpus[1].mc_apic_id, 1);
	UT_ASSERT(!ut_mi.mi_cpus[2].mc_enabled);
	UT_ASSERT(ut_mi.mi_cpus[2].mc_online_capable);
	UT_ASSERT_EQ(ut_mi.mi_cpus[3].mc_apic_id, 300);
	UT_ASSERT_EQ(ut_mi.mi_cpus[3].mc_acpi_uid, 3);
	UT_ASSERT_EQ(madt_enabled_count(&ut_mi), 3);
}

UT_TEST(madt_hostile)
{
	/* Not a MADT; shorter than its header; a length past the mapping. */
	ut_madt_begin();
	ut_madt_end();
	UT_ASSERT_EQ(madt_parse(ut_madt, 43, &ut_mi), -EINVAL);
	UT_ASSERT_EQ(madt_parse(NULL, 64, &ut_mi), -EINVAL);
	ut_madt[0] = 'X';
	UT_ASSERT_EQ(madt_parse(ut_madt, sizeof(ut_madt), &ut_mi), -EINVAL);
	ut_madt_begin();
	ut_madt_put32(4, 600);
	UT_ASSERT_EQ(madt_parse(ut_madt, sizeof(ut_madt), &ut_mi), -EINVAL);
	ut_madt_put32(4, 20);		/* shorter than the MADT's header */
	UT_ASSERT_EQ(madt_parse(ut_madt, sizeof(ut_madt), &ut_mi), -EINVAL);

	/* An entry of length 0 (would never advance) and of length 1. */
	for (uint8_t bad = 0; bad < 2; bad++) {
		ut_madt_begin();
		ut_madt_lapic(0, 0, 1);
		(void)ut_madt_entry(0, bad, 8);
		ut_madt_end();
		UT_ASSERT_EQ(madt_parse(ut_madt, sizeof(ut_madt), &ut_mi),
		    -EINVAL);
		UT_ASSERT_EQ(ut_mi.mi_ncpus, 1);	/* what came before */
	}
	/* An entry running past the table; a local APIC entry too short
	 * for its fields; a lone byte at the end. */
	ut_madt_begin();
	ut_madt_lapic(0, 0, 1);
	(void)ut_madt_entry(9, 16, 8);
	ut_madt_end();
	UT_ASSERT_EQ(madt_parse(ut_madt, sizeof(ut_madt), &ut_mi), -EINVAL);
	ut_madt_begin();
	(void)ut_madt_entry(0, 4, 4);
	ut_madt_end();
	UT_ASSERT_EQ(madt_parse(ut_madt, sizeof(ut_madt), &ut_mi), -EINVAL);
	ut_madt_begin();
	ut_madt_len += 1;
	ut_madt_end();
	UT_ASSERT_EQ(madt_parse(ut_madt, sizeof(ut_madt), &ut_mi), -EINVAL);

	/* The same APIC id twice counts once. */
	ut_madt_begin();
	ut_madt_lapic(0, 5, 1);
	ut_madt_x2apic(5, 1, 9);
	ut_madt_end();
	UT_ASSERT_EQ(madt_parse(ut_madt, sizeof(ut_madt), &ut_mi), 0);
	UT_ASSERT_EQ(ut_mi.mi_ncpus, 1);
	UT_ASSERT_EQ(ut_mi.mi_dropped, 1);
}
