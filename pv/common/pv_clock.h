/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The clock source behind pv_clock_ns().  KVM's kvmclock and Xen's
 * vcpu_time_info publish the same "pvclock" record: a TSC timestamp, the
 * system time at that stamp and a 32.32 fixed-point scale, guarded by a
 * version counter that is odd while the host updates it.  Back ends hand
 * the record to pv_clock_set_pvclock(); without one, pv_clock_set_tsc()
 * scales the raw TSC by a calibrated frequency.
 */
#ifndef PV_COMMON_PV_CLOCK_H
#define PV_COMMON_PV_CLOCK_H

#include <stdint.h>

#include <lib/compiler.h>

struct pvclock_time_info {
	uint32_t	version;
	uint32_t	pad0;
	uint64_t	tsc_timestamp;
	uint64_t	system_time;
	uint32_t	tsc_to_system_mul;
	int8_t		tsc_shift;
	uint8_t		flags;
	uint8_t		pad[2];
};
_Static_assert(sizeof(struct pvclock_time_info) == 32, "pvclock ABI");

/* flags: the TSC runs at one rate on every CPU (KVM's and Xen's bit 0). */
#define PVCLOCK_TSC_STABLE	0x01

/* delta TSC ticks scaled by (mul, shift) into nanoseconds. */
static inline uint64_t
pvclock_scale(uint64_t delta, uint32_t mul, int8_t shift)
{
	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

/*
 * The host's system time in ns at TSC value tsc, read consistently.
 * Inline: the vDSO (kernel/proc/vdso) reads the clock with this code too.
 */
static inline uint64_t
pvclock_read(const volatile struct pvclock_time_info *ti, uint64_t (*tsc)(void))
{
	uint32_t version;
	uint64_t now, stamp, sys;
	uint32_t mul;
	int8_t shift;

	do {
		version = ti->version;
		barrier();	/* read the record only after the version */
		now = tsc();
		stamp = ti->tsc_timestamp;
		sys = ti->system_time;
		mul = ti->tsc_to_system_mul;
		shift = ti->tsc_shift;
		barrier();	/* and check the version after the record */
	} while ((version & 1) != 0 || version != ti->version);
	/*
	 * The TSC's distance from the stamp is signed.  Xen's first record
	 * of a domain is stamped before the domain's TSC began at 0 (the
	 * CPU's last calibration, shifted by the domain's TSC offset), so
	 * its stamp is "negative"; read as unsigned it would lie 2^64 away.
	 * A stamp truly ahead of this CPU's TSC extrapolates backwards;
	 * pv_clock_ns() keeps what it returns monotonic.
	 */
	if ((int64_t)(now - stamp) < 0)
		return sys - pvclock_scale(stamp - now, mul, shift);
	return sys + pvclock_scale(now - stamp, mul, shift);
}

/* (mul, shift) for a TSC of hz, such that pvclock_scale gives ns. */
void	pvclock_tsc_params(uint64_t hz, uint32_t *mul, int8_t *shift);

/* For back ends: select the clock source (once, from phb_init). */
void	pv_clock_set_pvclock(const volatile struct pvclock_time_info *ti,
	    const char *name);
void	pv_clock_set_tsc(uint64_t hz, const char *name);

/*
 * For back ends whose hypervisor fixes the local APIC timer's rate (Xen's
 * emulated APIC counts at 100 MHz): the kernel then skips calibrating it,
 * which under a loaded nested host can be off by a factor of ten.
 */
void	pv_clock_set_lapic_hz(uint64_t hz);

/*
 * For back ends at start-up, and clock_settime: the wall clock now, in
 * ns since 1970 (UTC).
 */
void	pv_clock_set_wall(uint64_t wall_ns);

/*
 * The clock user space reads without a system call (pv_vclock.h): a
 * page of the kernel image that exec maps read-only into every process.
 * pv_clock_user_record() is the time record inside it, for a back end
 * whose hypervisor can keep a record where the guest asks (kvmclock's
 * MSR, Xen's VCPUOP_register_vcpu_time_memory_area): a back end that
 * selects it with pv_clock_set_pvclock() lets programs read the clock
 * themselves; the TSC fallback always does.  Otherwise the page says
 * "make the system call".  pv_clock_user_page() is its physical address.
 */
volatile struct pvclock_time_info *pv_clock_user_record(void);
uint64_t pv_clock_user_page(void);

#endif /* PV_COMMON_PV_CLOCK_H */
