/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The PC's CMOS real-time clock, read once at boot for the wall clock
 * (see rtc.h).  Registers may be BCD or binary and the hour 12- or
 * 24-hour, as status register B says; a read is repeated until two agree
 * so that an update in the middle cannot tear it.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/rtc.h>

#define RTC_INDEX	0x70
#define RTC_DATA	0x71
#define RTC_NMI_OFF	0x80		/* keep NMIs masked while we look */
#define RTC_STATUS_A	0x0a
#define RTC_STATUS_B	0x0b
#define RTC_UIP		0x80		/* A: update in progress */
#define RTC_BINARY	0x04		/* B: values not in BCD */
#define RTC_24H		0x02		/* B: 24-hour clock */

struct rtc_time {
	unsigned int	sec, min, hour, day, mon, year;
};

static unsigned int
rtc_reg(unsigned int r)
{
	outb(RTC_INDEX, (uint8_t)(RTC_NMI_OFF | r));
	return inb(RTC_DATA);
}

static void
rtc_sample(struct rtc_time *t)
{
	unsigned int spins = 0;

	while ((rtc_reg(RTC_STATUS_A) & RTC_UIP) && ++spins < 100000)
		cpu_relax();
	t->sec = rtc_reg(0x00);
	t->min = rtc_reg(0x02);
	t->hour = rtc_reg(0x04);
	t->day = rtc_reg(0x07);
	t->mon = rtc_reg(0x08);
	t->year = rtc_reg(0x09);
}

static unsigned int
rtc_bcd(unsigned int v)
{
	return (v & 0x0f) + (v >> 4) * 10;
}

int64_t
rtc_days(int64_t y, unsigned int m, unsigned int d)
{
	y -= m <= 2;
	int64_t era = y / 400, yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

int
rtc_read(uint64_t *epoch_sec)
{
	struct rtc_time a, b;
	unsigned int fmt, tries = 0;
	bool pm;

	do {
		rtc_sample(&a);
		rtc_sample(&b);
	} while ((a.sec != b.sec || a.min != b.min || a.hour != b.hour ||
	    a.day != b.day || a.mon != b.mon || a.year != b.year) &&
	    ++tries < 10);
	fmt = rtc_reg(RTC_STATUS_B);
	pm = (a.hour & 0x80) != 0;
	a.hour &= 0x7f;
	if (!(fmt & RTC_BINARY)) {
		a.sec = rtc_bcd(a.sec);
		a.min = rtc_bcd(a.min);
		a.hour = rtc_bcd(a.hour);
		a.day = rtc_bcd(a.day);
		a.mon = rtc_bcd(a.mon);
		a.year = rtc_bcd(a.year);
	}
	if (!(fmt & RTC_24H))
		a.hour = a.hour % 12 + (pm ? 12 : 0);
	/* Nothing there (all ones) or nonsense: no clock. */
	if (a.sec > 59 || a.min > 59 || a.hour > 23 || a.day < 1 ||
	    a.day > 31 || a.mon < 1 || a.mon > 12 || a.year > 99)
		return -ENODEV;
	/* Two-digit years: the CMOS century byte is not standard. */
	*epoch_sec = (uint64_t)(rtc_days(2000 + a.year, a.mon, a.day) * 86400 +
	    a.hour * 3600 + a.min * 60 + a.sec);
	return 0;
}
