/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The Xen back end for PVH guests: shared_info, the pvclock in
 * vcpu_info[0].time, the wall clock, SCHEDOP_shutdown; it starts the
 * hypercall page (xen_hypercall.c) and the PV console (xen_console.c).
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
#include <xen/vcpu.h>
#include <xen/hvm/hvm_vcpu.h>

#include <lib/boot_info.h>
#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/paging.h>
#include <pv/common/pv_clock.h>
#include <pv/common/pv_hv_drv.h>
#include <kernel/log/printk.h>

#include "xen_console.h"
#include "xen_evtchn.h"
#include "xen_hv.h"
#include "xen_hypercall.h"

_Static_assert(sizeof(struct vcpu_time_info) ==
    sizeof(struct pvclock_time_info), "Xen time record is a pvclock record");
_Static_assert(offsetof(struct vcpu_time_info, tsc_to_system_mul) ==
    offsetof(struct pvclock_time_info, tsc_to_system_mul), "pvclock mul");

/* The RAM behind this page is traded for the shared_info frame. */
static struct shared_info xen_shared_info __aligned(4096);

struct shared_info *
xen_hv_shared_info(void)
{
	return &xen_shared_info;
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

/*
 * The clock: Xen keeps a second copy of vCPU 0's time record where we
 * register it (VCPUOP_register_vcpu_time_memory_area, by our virtual
 * address, valid in every address space); registered in the page
 * programs read, the kernel and the vDSO read that same record.  Without
 * it (Xen older than 4.3, or still empty) the kernel reads shared_info's
 * and programs make the system call.
 */
static void
xen_hv_clock(void)
{
	volatile struct pvclock_time_info *ti = pv_clock_user_record();
	struct vcpu_register_time_memory_area area = {
		.addr.v = (struct vcpu_time_info *)ti,
	};
	long rc;

	rc = xen_hypercall3(__HYPERVISOR_vcpu_op,
	    VCPUOP_register_vcpu_time_memory_area, 0, (uintptr_t)&area);
	for (int i = 0; rc == 0 && i < 100 && ti->tsc_to_system_mul == 0; i++)
		xen_hv_yield();
	if (rc == 0 && ti->tsc_to_system_mul != 0) {
		pv_clock_set_pvclock(ti, "xen-pvclock");
		return;
	}
	pr_warn("xen: no user time record (%ld); the vDSO makes system "
	    "calls\n", rc);
	pv_clock_set_pvclock((const volatile struct pvclock_time_info *)
	    &xen_shared_info.vcpu_info[0].time, "xen-pvclock");
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
		xen_hv_yield();
	if (xen_shared_info.vcpu_info[0].time.tsc_to_system_mul == 0)
		pr_warn("xen: the vCPU time record is still empty\n");
	xen_hv_clock();
	/* Xen's emulated APIC: one bus cycle per 10 ns (vlapic.c). */
	pv_clock_set_lapic_hz(100000000);
	xen_hv_wall_clock();
	if ((error = xen_console_init()) != 0)
		pr_warn("xen: no PV console (%d); output on port 0xe9 only\n",
		    error);
	if ((error = xen_evtchn_init()) != 0)
		pr_warn("xen: no event-channel upcall (%d); devices poll\n",
		    error);
	pr_info("xen: version %u.%u, cpuid base 0x%x, shared_info at pfn 0x%lx\n",
	    r.eax >> 16, r.eax & 0xffff, base, (uint64_t)xatp.gpfn);
	return 0;
}

/* VCPUOP_down on itself: Xen deschedules it; VCPUOP_up resumes it here. */
static int
xen_hv_cpu_rest(uint32_t vcpu)
{
	return (int)xen_hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_down, vcpu, 0);
}

static int
xen_hv_cpu_wake(uint32_t vcpu)
{
	return (int)xen_hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_up, vcpu, 0);
}

/*
 * A PVH vCPU starts where VCPUOP_initialise says, in the state it gives:
 * 32-bit protected mode, flat 4 GiB segments, paging off, as the PVH
 * boot entry has it.  The MADT's processor id is the vCPU id.
 */
static int
xen_hv_cpu_start(uint32_t vcpu, uint32_t apic_id, uint32_t entry_pa)
{
	static struct vcpu_hvm_context ctx;
	struct vcpu_hvm_x86_32 *r = &ctx.cpu_regs.x86_32;
	long rc;

	(void)apic_id;
	memset(&ctx, 0, sizeof(ctx));
	ctx.mode = VCPU_HVM_MODE_32B;
	r->eip = entry_pa;
	r->eflags = 0x2;
	r->cr0 = 0x11;				/* PE, ET */
	r->cs_limit = r->ds_limit = r->ss_limit = r->es_limit = ~0u;
	r->tr_limit = 0x67;
	r->cs_ar = 0xc9b;			/* 32-bit code, present */
	r->ds_ar = r->ss_ar = r->es_ar = 0xc93;	/* data, present */
	r->tr_ar = 0x8b;			/* busy 32-bit TSS */
	rc = xen_hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_initialise, vcpu,
	    (uintptr_t)&ctx);
	if (rc == -EEXIST)	/* initialised before (a restarted CPU) */
		rc = 0;
	if (rc != 0) {
		pr_err("xen: VCPUOP_initialise of vCPU %u: %ld\n", vcpu, rc);
		return (int)rc;
	}
	if ((rc = xen_hv_cpu_wake(vcpu)) != 0) {
		pr_err("xen: VCPUOP_up of vCPU %u: %ld\n", vcpu, rc);
		return (int)rc;
	}
	return 0;
}

static const struct pv_hv_ops xen_hv_ops = {
	.pho_cpu_start = xen_hv_cpu_start,
	.pho_cpu_rest = xen_hv_cpu_rest,
	.pho_cpu_wake = xen_hv_cpu_wake,
	.pho_cpu_yield = xen_hv_yield,
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
