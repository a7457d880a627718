/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Hypervisor identification and the service wrappers (see pv_hv.h).
 *
 * Identification is a table: each back end in the .pv_hvs section names
 * its CPUID signature.  Hypervisors may stack several interfaces (Xen with
 * Viridian puts Hyper-V's at 0x40000000 and its own at 0x40000100), so
 * every leaf 0x40000000 + k * 0x100 is tried, first match wins, and a
 * signature no back end claims is skipped.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <pv/common/pv_hv.h>
#include <pv/common/pv_hv_drv.h>
#ifndef JINY_HOST
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/smp.h>
#include <kernel/log/printk.h>
#endif

const struct pv_hv_backend *
pv_hv_identify(const struct pv_hv_backend *const *first,
    const struct pv_hv_backend *const *last, pv_cpuid_fn cpuid_fn,
    uint32_t *base)
{
	const struct pv_hv_backend *const *b;
	uint32_t r[4];

	cpuid_fn(1, r);
	if ((r[2] >> 31) & 1) {		/* CPUID.1:ECX.hypervisor */
		for (uint32_t leaf = 0x40000000; leaf < 0x40010000;
		    leaf += 0x100) {
			char sig[12];

			cpuid_fn(leaf, r);
			memcpy(sig, &r[1], 4);
			memcpy(sig + 4, &r[2], 4);
			memcpy(sig + 8, &r[3], 4);
			for (b = first; b < last; b++)
				if ((*b)->phb_signature != NULL &&
				    memcmp((*b)->phb_signature, sig, 12) == 0) {
					*base = leaf;
					return *b;
				}
		}
	}
	for (b = first; b < last; b++)
		if ((*b)->phb_fallback) {
			*base = 0;
			return *b;
		}
	return NULL;
}

#ifndef JINY_HOST
extern const struct pv_hv_backend *const __start_pv_hvs[], *const __stop_pv_hvs[];

static const struct pv_hv_backend *pv_hv;
static uint32_t pv_hv_base;

static void
pv_hv_cpuid(uint32_t leaf, uint32_t out[4])
{
	struct cpuid_regs r;

	cpuid(leaf, 0, &r);
	out[0] = r.eax;
	out[1] = r.ebx;
	out[2] = r.ecx;
	out[3] = r.edx;
}

void
pv_hv_detect(void)
{
	pv_hv = pv_hv_identify(__start_pv_hvs, __stop_pv_hvs, pv_hv_cpuid,
	    &pv_hv_base);
}

int
pv_hv_init(const struct boot_info *bi)
{
	int error;

	if (pv_hv == NULL) {
		pr_err("pv: no back end in this image for this hypervisor\n");
		return -ENODEV;
	}
	if ((error = pv_hv->phb_init(pv_hv_base, bi)) != 0) {
		pr_err("pv: %s back end failed to start: %d\n", pv_hv->phb_name,
		    error);
		return error;
	}
	return 0;
}

enum pv_hv_type
pv_hv_type(void)
{
	return pv_hv != NULL ? pv_hv->phb_type : PV_HV_NONE;
}

const char *
pv_hv_name(void)
{
	return pv_hv != NULL ? pv_hv->phb_name : "none";
}

void
pv_shutdown(enum pv_shutdown_reason reason, int code)
{
	if (pv_hv != NULL)
		pv_hv->phb_ops->pho_shutdown(reason, code);
	printk(LOG_ERR, "pv: no way to stop this machine; halting\n");
	cpu_halt_forever();
}

int
pv_cpu_start(unsigned int n, uint32_t acpi_uid, uint32_t apic_id,
    uint64_t tramp_pa)
{
	if (pv_hv != NULL && pv_hv->phb_ops->pho_cpu_start != NULL) {
		smp_cpu_starting(n);
		return pv_hv->phb_ops->pho_cpu_start(acpi_uid, apic_id,
		    smp_ap_entry32_pa());
	}
	if (tramp_pa == 0)
		return -ENOMEM;
	return smp_sipi_start(n, tramp_pa, pv_clock_ns);
}

int
pv_cpu_rest(uint32_t acpi_uid)
{
	if (pv_hv == NULL || pv_hv->phb_ops->pho_cpu_rest == NULL)
		return -EOPNOTSUPP;
	return pv_hv->phb_ops->pho_cpu_rest(acpi_uid);
}

int
pv_cpu_wake(uint32_t acpi_uid)
{
	if (pv_hv == NULL || pv_hv->phb_ops->pho_cpu_wake == NULL)
		return -EOPNOTSUPP;
	return pv_hv->phb_ops->pho_cpu_wake(acpi_uid);
}

void
pv_cpu_yield(void)
{
	if (pv_hv != NULL && pv_hv->phb_ops->pho_cpu_yield != NULL)
		pv_hv->phb_ops->pho_cpu_yield();
}

static void (*pv_cpu_request_fn)(uint32_t, bool);

void
pv_cpu_on_host_request(void (*fn)(uint32_t acpi_uid, bool online))
{
	__atomic_store_n(&pv_cpu_request_fn, fn, __ATOMIC_RELEASE);
}

void
pv_cpu_host_wants(uint32_t acpi_uid, bool online)
{
	void (*fn)(uint32_t, bool) = __atomic_load_n(&pv_cpu_request_fn,
	    __ATOMIC_ACQUIRE);

	if (fn != NULL)
		fn(acpi_uid, online);
}

pv_console_write_fn
pv_console_writer(void)
{
	return pv_hv != NULL ? pv_hv->phb_ops->pho_console_write : NULL;
}

size_t
pv_console_read(char *buf, size_t len)
{
	if (pv_hv == NULL || pv_hv->phb_ops->pho_console_read == NULL)
		return 0;
	return pv_hv->phb_ops->pho_console_read(buf, len);
}

#endif /* !JINY_HOST */
