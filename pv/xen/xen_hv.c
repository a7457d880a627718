/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The Xen back end for PVH guests: hypercall page, shared_info, the
 * pvclock in vcpu_info[0].time, the PV console, SCHEDOP_shutdown.
 *
 * Presented by: xl create with  type = "pvh"  kernel = "build/jiny.elf".
 * Debian's Xen refuses HYPERVISOR_console_io to a domU, so early output
 * uses port 0xe9 and the PV console ring only.
 */
#include <stdbool.h>
#include <stdint.h>

#include <xen/xen.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include <xen/event_channel.h>
#include <xen/memory.h>
#include <xen/sched.h>

#include <kernel/boot_info.h>
#include <kernel/compiler.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/paging.h>
#include <pv/common/pv_clock.h>
#include <pv/common/pv_hv_drv.h>

#include "xen_hv.h"
#include "xen_hypercall.h"

_Static_assert(sizeof(struct vcpu_time_info) ==
    sizeof(struct pvclock_time_info), "Xen time record is a pvclock record");
_Static_assert(offsetof(struct vcpu_time_info, tsc_to_system_mul) ==
    offsetof(struct pvclock_time_info, tsc_to_system_mul), "pvclock mul");

/* Xen overwrites this page with hypercall stubs; it must be executable. */
__asm__(".pushsection .text.xen_hypercall, \"ax\"\n"
	".balign 4096\n"
	".globl xen_hypercall_page\n"
	"xen_hypercall_page:\n"
	".skip 4096, 0xcc\n"
	".popsection\n");

/* The RAM behind this page is traded for the shared_info frame. */
static struct shared_info xen_shared_info __aligned(4096);
static uint32_t xen_cpuid_base;
static bool xen_hypercalls_ready;

static uint32_t
xen_hv_find_base(void)
{
	struct cpuid_regs r;

	cpuid(1, 0, &r);
	if (!((r.ecx >> 31) & 1))
		return 0;
	for (uint32_t leaf = 0x40000000; leaf < 0x40010000; leaf += 0x100) {
		cpuid(leaf, 0, &r);
		if (r.ebx == 0x566e6558 && r.ecx == 0x65584d4d &&
		    r.edx == 0x4d4d566e)	/* "XenVMMXenVMM" */
			return leaf;
	}
	return 0;
}

int
xen_hv_hypercall_init(void)
{
	struct cpuid_regs r;

	if (xen_hypercalls_ready)
		return 0;
	if (xen_cpuid_base == 0 && (xen_cpuid_base = xen_hv_find_base()) == 0)
		return -ENODEV;
	cpuid(xen_cpuid_base + 2, 0, &r);
	if (r.eax < 1)
		return -ENODEV;
	wrmsr(r.ebx, paging_kimg_pa(xen_hypercall_page));
	xen_hypercalls_ready = true;
	return 0;
}

int
xen_hv_memory_map(struct boot_info *bi)
{
	static struct {
		uint64_t	addr;
		uint64_t	size;
		uint32_t	type;
	} __attribute__((packed)) map[BOOT_MEM_MAX];
	struct xen_memory_map mm = { .nr_entries = BOOT_MEM_MAX };
	long rc;

	if (xen_hv_hypercall_init() != 0)
		return -ENOENT;
	set_xen_guest_handle(mm.buffer, map);
	rc = xen_hypercall2(__HYPERVISOR_memory_op, XENMEM_memory_map,
	    (uintptr_t)&mm);
	if (rc != 0 || mm.nr_entries > BOOT_MEM_MAX)
		return -ENOENT;
	for (unsigned int i = 0; i < mm.nr_entries; i++)
		(void)boot_info_add_mem(bi, map[i].addr, map[i].size,
		    map[i].type);	/* e820 numbering = ours */
	return 0;
}

int
xen_hv_get_param(uint32_t index, uint64_t *value)
{
	struct xen_hvm_param p = { .domid = DOMID_SELF, .index = index };
	long rc = xen_hypercall2(__HYPERVISOR_hvm_op, HVMOP_get_param,
	    (uintptr_t)&p);

	if (rc != 0)
		return (int)rc;
	*value = p.value;
	return 0;
}

void
xen_hv_evtchn_send(uint32_t port)
{
	struct evtchn_send s = { .port = port };

	(void)xen_hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_send,
	    (uintptr_t)&s);	/* nothing to do if the backend is gone */
}

static __noreturn void
xen_hv_shutdown(enum pv_shutdown_reason reason, int code)
{
	struct sched_shutdown s;

	switch (reason) {
	case PV_SHUTDOWN_CRASH:
		s.reason = SHUTDOWN_crash;
		break;
	case PV_SHUTDOWN_REBOOT:
		s.reason = SHUTDOWN_reboot;
		break;
	default:
		s.reason = SHUTDOWN_poweroff;
		break;
	}
	(void)code;	/* xl has no exit status; the log line carries it */
	(void)xen_hv_hypercall_init();	/* a panic may come before init */
	xen_console_flush();		/* that log line must reach dom0 */
	for (;;) {
		(void)xen_hypercall2(__HYPERVISOR_sched_op, SCHEDOP_shutdown,
		    (uintptr_t)&s);
		cpu_halt_forever();
	}
}

static uint64_t
xen_hv_rdtsc(void)
{
	return rdtsc();
}

/*
 * Xen's wall clock: the time of day at system time 0 (shared_info's wc_*
 * under a version counter that is odd while it changes), plus the system
 * time now.
 */
static void
xen_hv_wall_clock(void)
{
	const volatile struct shared_info *si = &xen_shared_info;
	uint32_t version;
	uint64_t sec, nsec, now;

	do {
		version = si->wc_version;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		sec = ((uint64_t)si->xen_wc_sec_hi << 32) | si->wc_sec;
		nsec = si->wc_nsec;
		now = pvclock_read((const volatile struct pvclock_time_info *)
		    &si->vcpu_info[0].time, xen_hv_rdtsc);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((version & 1) || version != si->wc_version);
	pv_clock_set_wall(sec * 1000000000UL + nsec + now);
}

static int
xen_hv_init(uint32_t base, const struct boot_info *bi)
{
	struct xen_add_to_physmap xatp = {
		.domid = DOMID_SELF,
		.space = XENMAPSPACE_shared_info,
		.idx = 0,
		.gpfn = paging_kimg_pa(&xen_shared_info) >> 12,
	};
	struct cpuid_regs r;
	long rc;
	int error;

	(void)bi;
	xen_cpuid_base = base;
	if ((error = xen_hv_hypercall_init()) != 0)
		return error;
	cpuid(base + 1, 0, &r);
	rc = xen_hypercall2(__HYPERVISOR_memory_op, XENMEM_add_to_physmap,
	    (uintptr_t)&xatp);
	if (rc != 0) {
		pr_err("xen: mapping shared_info failed: %ld\n", rc);
		return (int)rc;
	}
	/*
	 * Xen fills the time record in at its next update of this vCPU; until
	 * then its scale is 0 and the clock stands still (for about a second
	 * after boot, nested).  A yield makes Xen schedule us, and update it.
	 */
	for (int i = 0; i < 100 &&
	    xen_shared_info.vcpu_info[0].time.tsc_to_system_mul == 0; i++)
		(void)xen_hypercall2(__HYPERVISOR_sched_op, SCHEDOP_yield, 0);
	if (xen_shared_info.vcpu_info[0].time.tsc_to_system_mul == 0)
		pr_warn("xen: the vCPU time record is still empty\n");
	pv_clock_set_pvclock((const volatile struct pvclock_time_info *)
	    &xen_shared_info.vcpu_info[0].time, "xen-pvclock");
	/* Xen's emulated APIC: one bus cycle per 10 ns (vlapic.c). */
	pv_clock_set_lapic_hz(100000000);
	xen_hv_wall_clock();
	if ((error = xen_console_init()) != 0)
		pr_warn("xen: no PV console (%d); output on port 0xe9 only\n",
		    error);
	pr_info("xen: version %u.%u, cpuid base 0x%x, shared_info at pfn 0x%lx\n",
	    r.eax >> 16, r.eax & 0xffff, base, (uint64_t)xatp.gpfn);
	return 0;
}

static const struct pv_hv_ops xen_hv_ops = {
	.pho_console_write = xen_console_write,
	.pho_console_read = xen_console_read,
	.pho_shutdown = xen_hv_shutdown,
};

static const struct pv_hv_backend xen_hv_backend = {
	.phb_name = "xen",
	.phb_type = PV_HV_XEN,
	.phb_signature = "XenVMMXenVMM",
	.phb_init = xen_hv_init,
	.phb_ops = &xen_hv_ops,
};
PV_HV(xen_hv_backend);
