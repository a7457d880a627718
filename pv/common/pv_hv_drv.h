/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * For hypervisor back ends only.  A back end describes itself with a
 * struct pv_hv_backend placed in the .pv_hvs linker section by PV_HV();
 * pv_hv_init() picks the one whose CPUID signature it finds.  Its ops
 * are called only by the wrappers in pv_hv.c.
 */
#ifndef PV_COMMON_PV_HV_DRV_H
#define PV_COMMON_PV_HV_DRV_H

#include <stdbool.h>
#include <stdint.h>

#include <lib/boot_info.h>
#include <pv/common/pv_hv.h>

/*
 * pho_shutdown may be called before phb_init (a panic early in boot) and
 * must then still stop the machine if it can.
 */
struct pv_hv_ops {
	void	(*pho_console_write)(const char *, size_t);	/* optional */
	size_t	(*pho_console_read)(char *, size_t);		/* optional */
	__noreturn void (*pho_shutdown)(enum pv_shutdown_reason, int);	/* required */
	/*
	 * Start the vCPU the MADT lists as acpi_uid: it must enter
	 * smp_ap_entry32_pa() in 32-bit protected mode, paging off, flat
	 * segments.  Optional: without it vCPUs start by INIT-SIPI-SIPI.
	 */
	int	(*pho_cpu_start)(uint32_t acpi_uid, uint32_t apic_id,
		    uint32_t entry_pa);
	/*
	 * Rest the calling vCPU (acpi_uid) until pho_cpu_wake names it:
	 * returns then, or at once with -errno.  Optional, with wake: a
	 * vCPU without it rests halted.
	 */
	int	(*pho_cpu_rest)(uint32_t acpi_uid);
	int	(*pho_cpu_wake)(uint32_t acpi_uid);
	/*
	 * Optional: give the calling vCPU's time back to the hypervisor
	 * (a CPU waiting on a lock whose holder may be descheduled).
	 */
	void	(*pho_cpu_yield)(void);
};

/*
 * The host asks that vCPU acpi_uid be online or not (Xen's
 * cpu/N/availability, xl vcpu-set): back ends report it here, from
 * thread context.
 */
void	pv_cpu_host_wants(uint32_t acpi_uid, bool online);

struct pv_hv_backend {
	const char		*phb_name;	/* "xen": the hv= word */
	enum pv_hv_type		 phb_type;
	/* 12-byte CPUID signature (ebx, ecx, edx); NULL: none */
	const char		*phb_signature;
	/* used when no signature matched: plain QEMU */
	bool			 phb_fallback;
	/*
	 * Start the back end; base is the CPUID leaf where the signature was
	 * found (0 for the fallback).  Must set the clock through
	 * pv_clock_set_*() before returning 0.
	 */
	int			(*phb_init)(uint32_t base, const struct boot_info *);
	const struct pv_hv_ops	*phb_ops;
};

#define PV_HV(b)							\
	static const struct pv_hv_backend *const pv_hv_ent_##b		\
	    __attribute__((used, section(".pv_hvs"))) = &(b)

typedef void (*pv_cpuid_fn)(uint32_t leaf, uint32_t out[4]);

/*
 * The detection scan, apart for unit tests: the backend among [first,
 * last) whose signature appears at some leaf 0x40000000 + k * 0x100
 * (k < 0x100), or the fallback; *base gets the leaf.
 */
const struct pv_hv_backend *pv_hv_identify(
	    const struct pv_hv_backend *const *first,
	    const struct pv_hv_backend *const *last,
	    pv_cpuid_fn cpuid, uint32_t *base);

#endif /* PV_COMMON_PV_HV_DRV_H */
