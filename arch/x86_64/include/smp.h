/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Several CPUs: each one's per-CPU area (%gs points at its struct
 * cpu_local in kernel mode), and starting the application processors.
 *
 * CPU 0 is the boot CPU; the others get indexes in the order they are
 * started.  Each has a CPU area (layout.h) holding its IST stacks, its
 * boot/idle stack, its GDT and TSS and its struct cpu_local, every stack
 * with an unmapped guard page below it.
 *
 * Starting one (smp_cpu_prepare, then a way to wake it, then
 * smp_cpu_wait_online): on bare hardware and QEMU/KVM the INIT-SIPI-SIPI
 * sequence sends it to a real-mode trampoline copied below 1 MiB
 * (smp_sipi_start); a hypervisor that starts vCPUs itself (Xen PVH's
 * VCPUOP_up) enters smp_ap_entry32_pa() in 32-bit protected mode with
 * paging off and flat segments, as the trampoline does.  Either way the
 * CPU reaches long mode on the boot page tables, moves to the kernel's,
 * loads its descriptor tables, enables its local APIC and calls the
 * function given to smp_cpu_prepare with interrupts off.
 */
#ifndef ARCH_X86_64_INCLUDE_SMP_H
#define ARCH_X86_64_INCLUDE_SMP_H

#define CPU_LOCAL_KSTACK	8	/* offsets in struct cpu_local, for asm */
#define CPU_LOCAL_USER_RSP	16
#define CPU_LOCAL_IRET		24
#define CPU_LOCAL_RING0		32
#define CPU_LOCAL_INDEX		40
#define CPU_LOCAL_SCHED		80
#define CPU_LOCAL_CURRENT	88
#define CPU_LOCAL_RESCHED	96

#ifndef __ASSEMBLY__
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#include <arch/x86_64/include/layout.h>

#define SMP_MAX_CPUS	CPUAREA_MAX

struct trap_cpu;

struct cpu_local {
	struct cpu_local	*cl_self;	/* set by trap_cpu_init */
	uint64_t		 cl_kstack_top;	/* set by user_set_kstack */
	uint64_t		 cl_user_rsp;	/* scratch for syscall_entry */
	uint64_t		 cl_iret;	/* set by user_return_full */
	uint64_t		 cl_ring0;	/* set by user_set_ring0: the
						 * running thread is the ring-0
						 * app */
	uint32_t		 cl_index;	/* 0: the boot CPU */
	uint32_t		 cl_apic_id;
	struct trap_cpu		*cl_trap;	/* its GDT and TSS (trap.c) */
	bool			 cl_tsd;	/* CR4.TSD as last written */
	bool			 cl_threads;	/* it runs threads: interrupts
						 * end in the scheduler's hook */
	uint64_t		 cl_ipis;	/* IPIs taken (smp_ipi_count) */
	uint32_t		 cl_kl_depth;	/* kernel entries nested on this
						 * CPU (klock.h) */
	void			*cl_sched;	/* its scheduler (the kernel's
						 * struct sched_cpu) */
	void			*cl_current;	/* its running thread (the
						 * scheduler's sc_current) */
	volatile bool		 cl_resched;	/* a switch is wanted here
						 * (the scheduler's) */
	uint64_t		 cl_cr3;	/* the page tables it runs on,
						 * for shootdowns (smp_set_cr3) */
	volatile uint32_t	 cl_tlb_pending; /* a shootdown to answer */
	volatile bool		 cl_tlb_skip;	/* rested: sent none, flushes
						 * all when it comes back */
};
_Static_assert(offsetof(struct cpu_local, cl_kstack_top) == CPU_LOCAL_KSTACK,
    "asm offset");
_Static_assert(offsetof(struct cpu_local, cl_user_rsp) == CPU_LOCAL_USER_RSP,
    "asm offset");
_Static_assert(offsetof(struct cpu_local, cl_iret) == CPU_LOCAL_IRET,
    "asm offset");
_Static_assert(offsetof(struct cpu_local, cl_ring0) == CPU_LOCAL_RING0,
    "asm offset");
_Static_assert(offsetof(struct cpu_local, cl_index) == CPU_LOCAL_INDEX,
    "asm offset");
_Static_assert(offsetof(struct cpu_local, cl_sched) == CPU_LOCAL_SCHED,
    "asm offset");
_Static_assert(offsetof(struct cpu_local, cl_current) == CPU_LOCAL_CURRENT,
    "asm offset");
_Static_assert(offsetof(struct cpu_local, cl_resched) == CPU_LOCAL_RESCHED,
    "asm offset");

/*
 * This CPU's area; valid in kernel mode from trap_init on.  volatile:
 * a thread may resume on another CPU after any switch, so a compiler
 * must not reuse an earlier read (nor cpu_sched's, cpu_index's).
 */
static inline struct cpu_local *
cpu_this(void)
{
	struct cpu_local *cl;

	__asm__ volatile("movq %%gs:0, %0" : "=r"(cl));
	return cl;
}

/* This CPU's scheduler (cl_sched), in one load. */
static inline void *
cpu_sched(void)
{
	void *sc;

	__asm__ volatile("movq %%gs:%c1, %0" : "=r"(sc) :
	    "i"(CPU_LOCAL_SCHED));
	return sc;
}

/* This CPU's running thread (cl_current), in one load. */
static inline void *
cpu_current(void)
{
	void *t;

	__asm__ volatile("movq %%gs:%c1, %0" : "=r"(t) :
	    "i"(CPU_LOCAL_CURRENT));
	return t;
}

/* Is a switch wanted on this CPU (cl_resched)? */
static inline bool
cpu_resched(void)
{
	bool r;

	__asm__ volatile("movb %%gs:%c1, %0" : "=q"(r) :
	    "i"(CPU_LOCAL_RESCHED));
	return r;
}

static inline unsigned int
cpu_index(void)
{
	unsigned int i;

	__asm__ volatile("movl %%gs:%c1, %0" : "=r"(i) : "i"(CPU_LOCAL_INDEX));
	return i;
}

/* The boot CPU's per-CPU area (static: it exists before any allocator). */
extern struct cpu_local smp_cpu0_local;

/* CPU n's area, or NULL when n was never prepared. */
struct cpu_local *smp_cpu_local(unsigned int n);

/*
 * Map CPU n's area (n > 0: all of it; n == 0: the boot CPU's entry IST
 * stack only, its other state being static) with pages from alloc_page
 * (a physical address, 0: none left).  For n > 0, main(n) is what the CPU
 * runs once up, on its area's stack, interrupts off; it must not return.
 * Returns 0 or -ENOMEM (what was mapped stays, for a later try).
 */
int	smp_cpu_prepare(unsigned int n, uint32_t apic_id,
	    uint64_t (*alloc_page)(void), void (*main)(unsigned int n));

/* The boot CPU: map its entry IST stack and give it to its TSS. */
int	smp_cpu0_prepare(uint64_t (*alloc_page)(void));

/* Where a hypervisor-started CPU enters, 32-bit protected mode. */
uint32_t smp_ap_entry32_pa(void);

/*
 * Start prepared CPU n by INIT-SIPI-SIPI, through a trampoline at
 * tramp_pa (a free page below 1 MiB, RAM).  Returns 0 once the IPIs are
 * sent (smp_cpu_wait_online says whether it came), or -errno.
 */
int	smp_sipi_start(unsigned int n, uint64_t tramp_pa,
	    uint64_t (*now_ns)(void));

/*
 * CPU n (prepared) is about to be started, by the hypervisor at
 * smp_ap_entry32_pa() or by smp_sipi_start (which calls this itself):
 * the entry must know which it is.
 */
void	smp_cpu_starting(unsigned int n);

/*
 * Wait until CPU n reports in, polling now_ns() up to timeout_ns: true
 * when it did.  Only one CPU starts at a time.
 */
bool	smp_cpu_wait_online(unsigned int n, uint64_t (*now_ns)(void),
	    uint64_t timeout_ns);

/*
 * TLB shootdowns.  Page tables rooted at root (SMP_TLB_KERNEL: the
 * kernel's half, which every CPU holds) changed at va
 * (SMP_TLB_ALL: anywhere): every other CPU running threads on them
 * flushes before this returns; none is sent to a CPU on other page
 * tables (its next switch loads them afresh) or resting (cl_tlb_skip).
 * One request covers a whole batch of changes.  Callable with the kernel
 * lock held; a CPU waiting for that lock still answers.
 */
#define SMP_TLB_KERNEL	0
#define SMP_TLB_ALL	UINT64_MAX
void	smp_tlb_shoot(uint64_t root, uint64_t va);
/* Answer a pending shootdown, if any (the IPI, lock waits). */
void	smp_tlb_service(struct cpu_local *cl);
/* Flush everything here, global pages too (a CPU back from rest). */
void	smp_tlb_flush_local_all(void);
/* Load cr3 (if it differs) and say so for shootdowns. */
void	smp_set_cr3(uint64_t root);
/* Shootdowns count: sent (IPIs) and taken here. */
uint64_t smp_tlb_sent(void);
/* Start shooting: more than one CPU runs threads now. */
void	smp_tlb_start(unsigned int ncpus);

#endif /* !__ASSEMBLY__ */
#endif /* ARCH_X86_64_INCLUDE_SMP_H */
