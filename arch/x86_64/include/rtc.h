/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* The CMOS real-time clock (PC and QEMU): wall time at boot. */
#ifndef ARCH_X86_64_INCLUDE_RTC_H
#define ARCH_X86_64_INCLUDE_RTC_H

#include <stdint.h>

/* Seconds since 1970 (UTC, as QEMU keeps it), or -ENODEV for no clock. */
int	rtc_read(uint64_t *epoch_sec);

/* Days from 1970-01-01 to year-month-day (proleptic Gregorian). */
int64_t	rtc_days(int64_t year, unsigned int month, unsigned int day);

#endif /* ARCH_X86_64_INCLUDE_RTC_H */
