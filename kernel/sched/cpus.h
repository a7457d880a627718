/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The CPUs the guest was given (cpus.c): started at boot from the ACPI
 * MADT's list, through pv_cpu_start (Xen's VCPUOP_up, or INIT-SIPI-SIPI).
 *
 * Threads still run on CPU 0 only: the others come up, take
 * interrupts (IPIs) and otherwise wait halted, with no timer armed, or
 * rest when asked (by the kernel, or by the host: xl vcpu-set).  The
 * scheduler's per-CPU run queues are the next step (docs/status.md).
 */
#ifndef KERNEL_SCHED_CPUS_H
#define KERNEL_SCHED_CPUS_H

#include <stdbool.h>
#include <stdint.h>

struct boot_info;

/*
 * Start every enabled CPU the MADT lists, at most max in all (the boot
 * CPU counts), one at a time; log what came up.  Returns how many are up.
 */
unsigned int cpus_boot(const struct boot_info *bi, unsigned int max);

/*
 * Let every CPU up run threads (after cpus_boot, sched_init and the
 * tick; before any program): the kernel lock goes on.
 */
void	cpus_threads_start(void);
/* Do CPUs other than 0 run threads? */
bool	cpus_threads(void);
/* For CPU n's idle thread when it is asked to rest (sched.c). */
void	cpus_rest_here(unsigned int n);

/* CPUs up (CPU 0 included); they are numbered 0 .. cpus_online() - 1. */
unsigned int cpus_online(void);

/* CPUs up as a mask, bit n CPU n. */
uint64_t cpus_up_mask(void);

/*
 * CPUs that should be up: those the MADT lists as enabled (1 without a
 * MADT), at most maxcpus= and SMP_MAX_CPUS.
 */
unsigned int cpus_expected(void);

/* IPIs CPU n has taken (IRQ_VEC_IPI), or 0 for a CPU that is not up. */
uint64_t cpus_ipi_count(unsigned int n);

/*
 * Interrupt CPU n (up, not this one) and wait up to timeout_ns for it to
 * have taken the IPI: 0, -EINVAL (no such CPU), -EHOSTDOWN (it rests)
 * or -ETIMEDOUT.
 */
int	cpus_ping(unsigned int n, uint64_t timeout_ns);

/*
 * Rest CPU n (not 0), or bring it back, and wait (sleeping) until it
 * has: 0, -EINVAL, or -ETIMEDOUT after 20 s.  A rested CPU is given back
 * to the hypervisor where it can take it (Xen: VCPUOP_down, so xl
 * vcpu-list shows it offline), else halted with no timer armed.  The
 * host asks the same through xl vcpu-set (pv_cpu_on_host_request).
 * Thread context.
 */
int	cpus_set_rest(unsigned int n, bool rest);
bool	cpus_rested(unsigned int n);
/*
 * The elastic CPU policy's rest (cpu_elastic.c): threads may still ask
 * for the CPU, which then comes back.  -EBUSY when the CPU is not the
 * policy's to change: the host took it, something else rested it, or it
 * changed meanwhile.  cpus_host_off: the host's ceiling excludes it.
 */
int	cpus_rest_elastic(unsigned int n, bool rest);
bool	cpus_rested_elastic(unsigned int n);
bool	cpus_host_off(unsigned int n);
/* Times CPU n has rested; its MADT processor id (UINT32_MAX: none). */
uint64_t cpus_rest_count(unsigned int n);
uint32_t cpus_acpi_uid(unsigned int n);

#endif /* KERNEL_SCHED_CPUS_H */
