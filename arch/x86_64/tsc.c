/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * TSC calibration for machines without a hypervisor clock (plain QEMU
 * under TCG).  The HPET main counter is the reference when the ACPI HPET
 * table names one (QEMU's ticks at 100 MHz); else PIT channel 2 counts
 * down at 1.193182 MHz with its gate on port 0x61.
 */
#include <stdint.h>

#include <arch/x86_64/include/acpi.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/timer_hw.h>
#include <kernel/log/printk.h>

#define HPET_CAP	0x000
#define HPET_CONFIG	0x010
#define HPET_COUNTER	0x0f0
#define PIT_HZ		1193182UL

static uint64_t
tsc_by_hpet(void)
{
	uint64_t base = acpi_hpet_base(), period_fs, c0, c1, t0, t1, want;
	volatile uint64_t *hpet;

	if (base == 0 || (hpet = paging_map_mmio(base, 1024)) == NULL)
		return 0;
	period_fs = hpet[HPET_CAP / 8] >> 32;
	if (period_fs == 0 || period_fs > 100000000)	/* spec: <= 100 ns */
		return 0;
	hpet[HPET_CONFIG / 8] |= 1;			/* ENABLE_CNF */
	want = 100000000000UL / period_fs;		/* 100 us of ticks */
	c0 = hpet[HPET_COUNTER / 8];
	t0 = rdtsc();
	for (unsigned long i = 0;; i++) {
		c1 = hpet[HPET_COUNTER / 8];
		if (c1 - c0 >= want || c1 < c0)
			break;
		if (i > 100000000UL)
			return 0;	/* a counter that does not count */
	}
	t1 = rdtsc();
	if (c1 <= c0)
		return 0;
	/* TSC Hz = TSC ticks * HPET Hz / HPET ticks, kept within 64 bits. */
	return (t1 - t0) * (1000000000000000UL / period_fs) / (c1 - c0);
}

static uint64_t
tsc_by_pit(void)
{
	const uint64_t ticks = PIT_HZ / 200;	/* 5 ms */
	uint64_t t0, t1;
	uint8_t gate = inb(0x61);

	outb(0x61, (gate & ~0x02) | 0x01);	/* gate on, speaker off */
	outb(0x43, 0xb0);			/* ch 2, lo/hi, mode 0 */
	outb(0x42, ticks & 0xff);
	outb(0x42, ticks >> 8);
	/* Output 2 is low right after programming; 0xff means no PIT. */
	if (inb(0x61) & 0x20)
		return 0;
	t0 = rdtsc();
	for (uint64_t i = 0; !(inb(0x61) & 0x20); i++)
		if (i > 100000000)
			return 0;
	t1 = rdtsc();
	outb(0x61, gate);
	return (t1 - t0) * PIT_HZ / ticks;
}

/* Anything outside 100 MHz .. 20 GHz is a broken measurement. */
static uint64_t
tsc_sane(uint64_t hz)
{
	return hz >= 100000000UL && hz <= 20000000000UL ? hz : 0;
}

uint64_t
tsc_calibrate(const char **source)
{
	uint64_t hz = tsc_sane(tsc_by_hpet());

	if (hz != 0) {
		*source = "hpet";
		return hz;
	}
	*source = "pit";
	return tsc_sane(tsc_by_pit());
}
