/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The QEMU/KVM back ends: "kvm" when CPUID shows KVM's signature, "qemu"
 * (plain QEMU under TCG, or an unknown hypervisor) otherwise.
 *
 * Clock: kvmclock (MSR_KVM_SYSTEM_TIME_NEW, or the old MSR) when KVM
 * offers it, else the TSC calibrated against the HPET or the PIT.
 * Console: COM1 (driven by kernel/log/console.c from the first line on).  Shutdown: QEMU's isa-debug-exit at port 0xf4 when
 * present (-device isa-debug-exit,iobase=0xf4,iosize=0x04: the exit status
 * becomes 2v+1), then ACPI S5, then halt.
 */
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <arch/x86_64/include/acpi.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/rtc.h>
#include <arch/x86_64/include/timer_hw.h>
#include <arch/x86_64/include/uart.h>
#include <pv/common/pv_clock.h>
#include <pv/common/pv_hv_drv.h>
#include <kernel/log/printk.h>

#define KVM_FEATURE_CLOCKSOURCE		0
#define KVM_FEATURE_CLOCKSOURCE2	3
#define MSR_KVM_SYSTEM_TIME		0x12
#define MSR_KVM_SYSTEM_TIME_NEW		0x4b564d01
#define DEBUG_EXIT_PORT			0xf4

static int
kvm_hv_tsc_clock(void)
{
	const char *src;
	uint64_t hz = tsc_calibrate(&src);

	if (hz == 0) {
		pr_err("qemu: no HPET or PIT to calibrate the TSC against\n");
		return -ENODEV;
	}
	pv_clock_set_tsc(hz, src[0] == 'h' ? "tsc-hpet" : "tsc-pit");
	return 0;
}

/* The wall clock from the RTC QEMU emulates (for KVM too). */
static void
kvm_hv_wall_clock(void)
{
	uint64_t sec;

	if (rtc_read(&sec) == 0)
		pv_clock_set_wall(sec * 1000000000UL);
	else
		pr_warn("qemu: no RTC; the wall clock starts at 1970\n");
}

static int
kvm_hv_qemu_init(uint32_t base, const struct boot_info *bi)
{
	int error;

	(void)base;
	(void)bi;
	if ((error = kvm_hv_tsc_clock()) == 0)
		kvm_hv_wall_clock();
	return error;
}

static int
kvm_hv_kvm_init(uint32_t base, const struct boot_info *bi)
{
	volatile struct pvclock_time_info *ti;
	struct cpuid_regs r;
	uint32_t msr = 0;

	(void)bi;
	cpuid(base + 1, 0, &r);
	if ((r.eax >> KVM_FEATURE_CLOCKSOURCE2) & 1)
		msr = MSR_KVM_SYSTEM_TIME_NEW;
	else if ((r.eax >> KVM_FEATURE_CLOCKSOURCE) & 1)
		msr = MSR_KVM_SYSTEM_TIME;
	if (msr == 0) {
		int error = kvm_hv_tsc_clock();

		if (error == 0)
			kvm_hv_wall_clock();
		return error;
	}
	/*
	 * KVM keeps the record where we ask (32 bytes, not across a page):
	 * in the page programs read too, so that the vDSO reads it as well.
	 */
	ti = pv_clock_user_record();
	wrmsr(msr, paging_kimg_pa((const void *)ti) | 1);	/* bit 0: on */
	pv_clock_set_pvclock(ti, "kvmclock");
	kvm_hv_wall_clock();
	return 0;
}

static __noreturn void
kvm_hv_shutdown(enum pv_shutdown_reason reason, int code)
{
	if (reason == PV_SHUTDOWN_REBOOT) {
		outb(0x64, 0xfe);	/* keyboard controller reset line */
		cpu_halt_forever();
	}
	/* Exit status 1: clean, 3: failure code, 5: crash. */
	outl(DEBUG_EXIT_PORT, reason == PV_SHUTDOWN_CRASH ? 2 : code != 0);
	if (acpi_poweroff() == 0) {
		/* S5 takes effect a moment after the write; give it 1 s. */
		uint64_t t0 = pv_clock_ns();

		for (unsigned long i = 0; i < 100000000UL; i++) {
			if (t0 != 0 && pv_clock_ns() - t0 > 1000000000UL)
				break;
			cpu_relax();
		}
	}
	printk(LOG_ERR, "qemu: power-off did not happen; halting\n");
	cpu_halt_forever();
}

/* No console op: COM1 is written by the kernel's console from the start. */
static const struct pv_hv_ops kvm_hv_ops = {
	.pho_console_read = uart_read,
	.pho_shutdown = kvm_hv_shutdown,
};

static const struct pv_hv_backend kvm_hv_kvm = {
	.phb_name = "kvm",
	.phb_type = PV_HV_KVM,
	.phb_signature = "KVMKVMKVM\0\0\0",
	.phb_init = kvm_hv_kvm_init,
	.phb_ops = &kvm_hv_ops,
};
PV_HV(kvm_hv_kvm);

static const struct pv_hv_backend kvm_hv_qemu = {
	.phb_name = "qemu",
	.phb_type = PV_HV_QEMU,
	.phb_signature = "TCGTCGTCGTCG",
	.phb_fallback = true,
	.phb_init = kvm_hv_qemu_init,
	.phb_ops = &kvm_hv_ops,
};
PV_HV(kvm_hv_qemu);
