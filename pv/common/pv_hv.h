/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The hypervisor as the rest of the kernel sees it: which one we run on,
 * and its machine-wide services (console, clock, shutdown).  Devices are
 * pv_dev.h's; vCPU and memory control come with the elastic policies.  Back ends live in pv/xen and pv/kvm and plug in
 * through pv_hv_drv.h; nothing here names them.
 */
#ifndef PV_COMMON_PV_HV_H
#define PV_COMMON_PV_HV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/boot_info.h>
#include <lib/compiler.h>

enum pv_hv_type {
	PV_HV_NONE = 0,		/* no back end in this image matched */
	PV_HV_QEMU,		/* plain QEMU (TCG) or unknown hypervisor */
	PV_HV_KVM,
	PV_HV_XEN,
};

enum pv_shutdown_reason {
	PV_SHUTDOWN_POWEROFF,	/* clean stop; code is the exit status */
	PV_SHUTDOWN_CRASH,	/* panic */
	PV_SHUTDOWN_REBOOT,
};

/*
 * Identify the hypervisor from the CPUID 0x40000000.. signatures and pick
 * its back end (or, with no match, the plain-QEMU one if the image has
 * it).  Touches nothing else, so it runs first in kmain; afterwards
 * pv_hv_name() and pv_shutdown() work, even before pv_hv_init().
 */
void	pv_hv_detect(void);

/*
 * Start the back end picked by pv_hv_detect (hypercall page, console,
 * clock).  Returns 0, -ENODEV when the image has no back end for this
 * hypervisor, or the back end's error.
 */
int	pv_hv_init(const struct boot_info *bi);

enum pv_hv_type	pv_hv_type(void);
/* "xen", "kvm", "qemu" or "none": the hv= field of the boot line. */
const char	*pv_hv_name(void);

/*
 * The back end's console output (the PV console ring on Xen), for
 * kmain to hand to kernel/log's console after pv_hv_init; NULL when the
 * back end has none (QEMU and KVM: their console is the UART).
 */
typedef void (*pv_console_write_fn)(const char *, size_t);
pv_console_write_fn pv_console_writer(void);

/*
 * Console input received so far, up to len bytes, without waiting (COM1
 * on QEMU/KVM, the PV console ring on Xen).  0 when none.
 */
size_t	pv_console_read(char *buf, size_t len);

/* Monotonic nanoseconds since pv_hv_init; IRQ-safe. */
uint64_t	pv_clock_ns(void);
/* "kvmclock", "xen-pvclock", "tsc-hpet"...: the clock= field. */
const char	*pv_clock_name(void);
/* TSC frequency in Hz as the clock sees it (0 if unknown). */
uint64_t	pv_clock_tsc_hz(void);
/*
 * How often the source stepped back below a time already handed out
 * (the kernel's clock then goes on from where it was), and by how many ns
 * in all: /proc/cpus' clock: line.
 */
void	pv_clock_step_stats(uint64_t *steps, uint64_t *stepped_ns);

/*
 * Wall-clock time, ns since 1970 (UTC): the hypervisor's (Xen's wall
 * clock, or the RTC QEMU emulates) read at boot, advanced by the clock
 * above; boot time counts as 1970 when there was none.
 */
uint64_t	pv_clock_wall_ns(void);

/* The local APIC timer's rate when the hypervisor fixes it; 0: unknown. */
uint64_t	pv_clock_lapic_hz(void);

/*
 * Start prepared CPU n (smp.h), the MADT's (acpi_uid, apic_id): through
 * the hypervisor where it starts vCPUs itself (Xen PVH), else by
 * INIT-SIPI-SIPI through a trampoline at tramp_pa (a free RAM page below
 * 1 MiB; 0: none).  0 once started (smp_cpu_wait_online says whether it
 * came), or -errno.
 */
int	pv_cpu_start(unsigned int n, uint32_t acpi_uid, uint32_t apic_id,
	    uint64_t tramp_pa);

/*
 * Rest the calling CPU, the MADT's acpi_uid, until pv_cpu_wake names it
 * (Xen: VCPUOP_down on itself, and Xen deschedules it; back after
 * VCPUOP_up).  -EOPNOTSUPP where the hypervisor has no such thing: the
 * caller then halts with no timer armed.
 */
int	pv_cpu_rest(uint32_t acpi_uid);
/* Bring a rested CPU back: 0, -EOPNOTSUPP (it halts: an IPI wakes it). */
int	pv_cpu_wake(uint32_t acpi_uid);
/*
 * Give this vCPU's time to the hypervisor, if it has a call for it (Xen:
 * SCHEDOP_yield); else nothing (KVM: PAUSE loops exit by themselves).
 */
void	pv_cpu_yield(void);
/*
 * Be told when the host asks for a vCPU online or offline (thread
 * context); NULL to stop.
 */
void	pv_cpu_on_host_request(void (*fn)(uint32_t acpi_uid, bool online));

/* Stop the guest; never returns.  code is reported where the host can. */
__noreturn void	pv_shutdown(enum pv_shutdown_reason reason, int code);

#endif /* PV_COMMON_PV_HV_H */
