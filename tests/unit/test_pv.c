/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Host tests of pvclock arithmetic and hypervisor identification. */
#include <stdint.h>

#include <pv/common/pv_clock.h>
#include <pv/common/pv_hv_drv.h>

#include "ut.h"

UT_TEST(pvclock_scale)
{
	/* mul = 2^31, shift 0: half speed. */
	UT_ASSERT_EQ(pvclock_scale(1000, 1u << 31, 0), 500);
	UT_ASSERT_EQ(pvclock_scale(1000, 1u << 31, 1), 1000);
	UT_ASSERT_EQ(pvclock_scale(1000, 1u << 31, -1), 250);
	/* Large deltas must not overflow (128-bit product). */
	UT_ASSERT_EQ(pvclock_scale(1ULL << 60, 0xffffffffu, 0),
	    (uint64_t)(((unsigned __int128)1 << 60) * 0xffffffffu >> 32));
}

UT_TEST(pvclock_tsc_params_roundtrip)
{
	static const uint64_t hz[] = { 1000000, 100000000, 1000000000,
	    2400000000ULL, 3999999999ULL, 10000000000ULL };

	for (unsigned int i = 0; i < sizeof(hz) / sizeof(hz[0]); i++) {
		uint32_t mul;
		int8_t shift;
		uint64_t ns;

		pvclock_tsc_params(hz[i], &mul, &shift);
		UT_ASSERT(mul >= (1u << 31));
		/* One second of ticks is one second, within 1 ppm. */
		ns = pvclock_scale(hz[i], mul, shift);
		UT_ASSERT(ns > 999999000 && ns < 1000001000);
	}
}

static struct pvclock_time_info ut_ti;
static int ut_tsc_calls;

static uint64_t
ut_tsc(void)
{
	/* The "host" updates the record during the first read. */
	if (ut_tsc_calls++ == 0) {
		ut_ti.version++;
		ut_ti.system_time = 5000;
		ut_ti.tsc_timestamp = 100;
		ut_ti.version++;
	}
	return 300;
}

UT_TEST(pvclock_read_retries_on_update)
{
	ut_ti = (struct pvclock_time_info){ .version = 2, .tsc_timestamp = 0,
	    .system_time = 0, .tsc_to_system_mul = 1u << 31, .tsc_shift = 1 };
	ut_tsc_calls = 0;
	/* Second pass sees version 4: 5000 + (300 - 100) * 1. */
	UT_ASSERT_EQ(pvclock_read(&ut_ti, ut_tsc), 5200);
	UT_ASSERT_EQ(ut_tsc_calls, 2);
}

/* A record stamped ahead of the TSC reads earlier, not frozen. */
static uint64_t
ut_tsc_early(void)
{
	return 900;
}

UT_TEST(pvclock_read_before_its_stamp)
{
	ut_ti = (struct pvclock_time_info){ .version = 2,
	    .tsc_timestamp = 1000, .system_time = 5000,
	    .tsc_to_system_mul = 1u << 31, .tsc_shift = 1 };
	UT_ASSERT_EQ(pvclock_read(&ut_ti, ut_tsc_early), 4900);
}

/*
 * Xen's first record of a domain: stamped at the CPU's last calibration,
 * before the domain's TSC started at 0, so the stamp is below zero.
 */
static uint64_t
ut_tsc_after_negative_stamp(void)
{
	return 250;
}

UT_TEST(pvclock_read_negative_stamp)
{
	ut_ti = (struct pvclock_time_info){ .version = 2,
	    .tsc_timestamp = (uint64_t)-150, .system_time = 5000,
	    .tsc_to_system_mul = 1u << 31, .tsc_shift = 1 };
	/* 400 ticks since the stamp, not 2^64 - 400 before it. */
	UT_ASSERT_EQ(pvclock_read(&ut_ti, ut_tsc_after_negative_stamp), 5400);
	/* The same with Xen's scale for a 2.1 GHz TSC (shift -1). */
	ut_ti.tsc_to_system_mul = 4098202084u;
	ut_ti.tsc_shift = -1;
	UT_ASSERT_EQ(pvclock_read(&ut_ti, ut_tsc_after_negative_stamp),
	    5000 + pvclock_scale(400, 4098202084u, -1));
}

/* A fake CPU: signature table keyed by leaf. */
static const char *ut_sig[0x100];
static int ut_hv_bit;

static void
ut_cpuid(uint32_t leaf, uint32_t out[4])
{
	memset(out, 0, 16);
	if (leaf == 1) {
		out[2] = ut_hv_bit ? 1u << 31 : 0;
		return;
	}
	if (leaf >= 0x40000000 && leaf < 0x40010000 && (leaf & 0xff) == 0 &&
	    ut_sig[(leaf - 0x40000000) >> 8] != NULL) {
		out[0] = leaf + 5;
		memcpy(&out[1], ut_sig[(leaf - 0x40000000) >> 8], 12);
	}
}

static int ut_init(uint32_t base, const struct boot_info *bi)
{
	(void)base;
	(void)bi;
	return 0;
}

static const struct pv_hv_backend ut_xen = { "xen", PV_HV_XEN,
    "XenVMMXenVMM", false, ut_init, NULL };
static const struct pv_hv_backend ut_kvm = { "kvm", PV_HV_KVM,
    "KVMKVMKVM\0\0\0", false, ut_init, NULL };
static const struct pv_hv_backend ut_qemu = { "qemu", PV_HV_QEMU,
    "TCGTCGTCGTCG", true, ut_init, NULL };
static const struct pv_hv_backend *const ut_all[] = { &ut_xen, &ut_kvm,
    &ut_qemu };

UT_TEST(pv_identify_table)
{
	uint32_t base = 1;

	memset(ut_sig, 0, sizeof(ut_sig));
	ut_hv_bit = 1;
	/* Xen behind Viridian: Hyper-V's signature first, Xen's at +0x100. */
	ut_sig[0] = "Microsoft Hv";
	ut_sig[1] = "XenVMMXenVMM";
	UT_ASSERT(pv_hv_identify(ut_all, ut_all + 3, ut_cpuid, &base) == &ut_xen);
	UT_ASSERT_EQ(base, 0x40000100);

	memset(ut_sig, 0, sizeof(ut_sig));
	ut_sig[0] = "KVMKVMKVM\0\0\0";
	UT_ASSERT(pv_hv_identify(ut_all, ut_all + 3, ut_cpuid, &base) == &ut_kvm);
	UT_ASSERT_EQ(base, 0x40000000);

	/* A signature deep in the range is still found. */
	memset(ut_sig, 0, sizeof(ut_sig));
	ut_sig[0xff] = "KVMKVMKVM\0\0\0";
	UT_ASSERT(pv_hv_identify(ut_all, ut_all + 3, ut_cpuid, &base) == &ut_kvm);
	UT_ASSERT_EQ(base, 0x4000ff00);

	/* Unknown hypervisor, or none: the fallback. */
	memset(ut_sig, 0, sizeof(ut_sig));
	ut_sig[0] = "VMwareVMware";
	UT_ASSERT(pv_hv_identify(ut_all, ut_all + 3, ut_cpuid, &base) == &ut_qemu);
	UT_ASSERT_EQ(base, 0);
	ut_hv_bit = 0;
	ut_sig[0] = "XenVMMXenVMM";	/* ignored without the hypervisor bit */
	UT_ASSERT(pv_hv_identify(ut_all, ut_all + 3, ut_cpuid, &base) == &ut_qemu);

	/* An image without the fallback (xen profile) finds nothing. */
	UT_ASSERT(pv_hv_identify(ut_all, ut_all + 2, ut_cpuid, &base) == NULL);
}
