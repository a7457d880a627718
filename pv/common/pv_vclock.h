/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The clock page programs read (the vDSO's "vvar" page): the kernel's
 * timeline is the pvclock record's system time minus vc_base
 * (pv_clock_ns()), the wall clock that plus vc_wall_off.  vc_ti is a
 * pvclock record the hypervisor (or, for the TSC fallback, the kernel)
 * keeps current; it is valid only while vc_mode says PV_VCLOCK_PVCLOCK.
 * The kernel changes the other fields with vc_seq odd; readers retry
 * until they saw one even value before and after.  Shared by pv_clock.c
 * and the vDSO (kernel/proc/vdso/), which is why it holds types only.
 */
#ifndef PV_COMMON_PV_VCLOCK_H
#define PV_COMMON_PV_VCLOCK_H

#include <stdint.h>

#include <pv/common/pv_clock.h>

#define PV_VCLOCK_SYSCALL	0	/* no record programs may read */
#define PV_VCLOCK_PVCLOCK	1	/* vc_ti is live */

struct pv_vclock {
	uint32_t	vc_seq;
	uint32_t	vc_mode;	/* PV_VCLOCK_* */
	uint64_t	vc_base;	/* raw ns at the kernel clock's 0 */
	int64_t		vc_wall_off;	/* wall ns - kernel clock ns */
	uint8_t		vc_pad0[40];
	struct pvclock_time_info vc_ti;	/* 64-aligned, as kvmclock asks */
	uint8_t		vc_pad1[4096 - 96];
};
_Static_assert(sizeof(struct pv_vclock) == 4096, "one page");

#endif /* PV_COMMON_PV_VCLOCK_H */
