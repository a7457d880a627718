/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Starting the CPUs the MADT lists (see cpus.h).
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/boot_info.h>
#include <lib/errno.h>
#include <lib/fmt.h>
#include <lib/madt.h>
#include <arch/x86_64/include/acpi.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/klock.h>
#include <arch/x86_64/include/smp.h>
#include <arch/x86_64/include/timer_hw.h>
#include <arch/x86_64/include/trap.h>
#include <pv/common/pv_hv.h>
#include <kernel/log/printk.h>
#include <kernel/mm/page_alloc.h>
#include <kernel/sched/cpus.h>
#include <kernel/sched/sched.h>
#include <kernel/sched/thread.h>

/* How long a starting CPU may take to report in (a loaded host's TCG). */
#define CPUS_START_TIMEOUT_NS	30000000000ULL

/* Bounds for a CPU to rest or come back: a lost request, not a speed. */
#define CPUS_REST_TIMEOUT_NS	20000000000ULL

/*
 * What the kernel knows of each CPU up.  cc_want_rest is the request
 * (cpus_set_rest); cc_rested says the CPU has seen it and rests.
 */
struct cpus_cpu {
	uint32_t	cc_uid;		/* the MADT's processor id */
	bool		cc_want_rest;
	bool		cc_rested;
	bool		cc_elastic;	/* the policy's rest (cpus_rest_elastic) */
	bool		cc_host_off;	/* the host took it (xl vcpu-set) */
	uint64_t	cc_rests;	/* times it rested */
};
static struct cpus_cpu cpus_tab[SMP_MAX_CPUS];

static unsigned int cpus_up = 1;
static bool cpus_threads_go;	/* the APs enter the scheduler */
static unsigned int cpus_enabled = 1;
static unsigned int cpus_max = 1;

static void	cpus_host_request(uint32_t uid, bool online);

/* CPU n's area if it is up, else NULL. */
static struct cpu_local *
cpus_local(unsigned int n)
{
	return n < cpus_up ? smp_cpu_local(n) : NULL;
}

/* An IPI to CPU n (up): out of its hlt, its count moves. */
static void
cpus_kick(unsigned int n)
{
	lapic_send_ipi(smp_cpu_local(n)->cl_apic_id, IRQ_VEC_IPI);
}

static uint64_t
cpus_alloc_page(void)
{
	return page_alloc(0);
}

static void
cpus_ipi(void *arg, struct trap_frame *tf)
{
	(void)arg;
	(void)tf;
	lapic_eoi();
	__atomic_add_fetch(&cpu_this()->cl_ipis, 1, __ATOMIC_RELAXED);
}

/*
 * An application processor once up: it waits, halted, for interrupts,
 * and rests when asked (cpus_set_rest): through the hypervisor where it
 * can (Xen takes the vCPU away), else halted until told to come back.
 */
static void
cpus_ap_main(unsigned int n)
{
	struct cpus_cpu *c = &cpus_tab[n];

	for (;;) {
		intr_disable();
		if (__atomic_load_n(&cpus_threads_go, __ATOMIC_ACQUIRE))
			sched_ap_enter(n);
		if (!__atomic_load_n(&c->cc_want_rest, __ATOMIC_ACQUIRE)) {
			cpu_idle();	/* sti; hlt */
			continue;
		}
		__atomic_store_n(&c->cc_rested, true, __ATOMIC_RELEASE);
		__atomic_add_fetch(&c->cc_rests, 1, __ATOMIC_RELAXED);
		if (pv_cpu_rest(c->cc_uid) != 0)
			while (__atomic_load_n(&c->cc_want_rest,
			    __ATOMIC_ACQUIRE)) {
				cpu_idle();	/* an IPI ends it */
				intr_disable();
			}
		__atomic_store_n(&c->cc_rested, false, __ATOMIC_RELEASE);
	}
}

/*
 * A page for the INIT-SIPI trampoline: RAM below 640 KiB (a SIPI names a
 * page below 1 MiB; above 640 KiB is the BIOS's) that the boot
 * information and the RSDP do not use.  0 when there is none.
 */
static uint64_t
cpus_tramp_page(const struct boot_info *bi)
{
	for (uint64_t pa = 0x1000; pa < 0xa0000; pa += 0x1000) {
		if (!boot_info_is_ram(bi, pa, pa + 0x1000))
			continue;
		if (bi->bi_start_info < pa + 0x1000 &&
		    pa < bi->bi_start_info + bi->bi_start_info_size)
			continue;
		if (bi->bi_rsdp + 36 > pa && bi->bi_rsdp < pa + 0x1000)
			continue;
		return pa;
	}
	return 0;
}

/* "APIC ids 0,2,4" for the log, cut with ",..." where it must be. */
static void
cpus_list_ids(const struct madt_info *mi, char *buf, size_t size)
{
	size_t off = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < mi->mi_ncpus && off + 16 < size; i++)
		off += (size_t)fmt_snprintf(buf + off, size - off, "%s%u",
		    i == 0 ? "" : ",", mi->mi_cpus[i].mc_apic_id);
	if (i < mi->mi_ncpus)
		fmt_snprintf(buf + off, size - off, ",...");
}

unsigned int
cpus_boot(const struct boot_info *bi, unsigned int max)
{
	static struct madt_info mi;
	uint32_t self = lapic_id();
	uint64_t tramp;
	char ids[96];
	int error;

	smp_cpu0_local.cl_apic_id = self;
	cpus_max = max;
	trap_set_handler(IRQ_VEC_IPI, cpus_ipi, NULL, "IPI");
	if ((error = smp_cpu0_prepare(cpus_alloc_page)) != 0)
		pr_warn("cpu: no entry stack for CPU 0 (%d)\n", error);
	error = acpi_madt(&mi);
	if (error == -ENOENT) {
		pr_info("cpu: no MADT; 1 CPU up\n");
		return 1;
	}
	if (error != 0)
		pr_warn("cpu: malformed MADT (%d), read as far as it goes\n",
		    error);
	cpus_enabled = madt_enabled_count(&mi);
	if (cpus_enabled == 0)
		cpus_enabled = 1;
	tramp = cpus_tramp_page(bi);	/* pv_cpu_start's, if it needs one */
	for (unsigned int i = 0; i < mi.mi_ncpus && cpus_up < max; i++) {
		const struct madt_cpu *mc = &mi.mi_cpus[i];
		unsigned int n = cpus_up;

		if (mc->mc_apic_id == self)
			cpus_tab[0].cc_uid = mc->mc_acpi_uid;
		if (!mc->mc_enabled || mc->mc_apic_id == self)
			continue;
		if (n >= SMP_MAX_CPUS) {
			pr_warn("cpu: only %u CPUs fit; the rest stay down\n",
			    SMP_MAX_CPUS);
			break;
		}
		if ((error = smp_cpu_prepare(n, mc->mc_apic_id,
		    cpus_alloc_page, cpus_ap_main)) != 0) {
			pr_warn("cpu: no memory for CPU %u (%d); the rest stay "
			    "down\n", n, error);
			break;
		}
		if ((error = pv_cpu_start(n, mc->mc_acpi_uid, mc->mc_apic_id,
		    tramp)) != 0) {
			pr_warn("cpu: cannot start APIC id %u (%d); the rest "
			    "stay down\n", mc->mc_apic_id, error);
			break;
		}
		if (!smp_cpu_wait_online(n, pv_clock_ns,
		    CPUS_START_TIMEOUT_NS)) {
			pr_warn("cpu: APIC id %u did not come up; the rest "
			    "stay down\n", mc->mc_apic_id);
			break;
		}
		cpus_tab[n].cc_uid = mc->mc_acpi_uid;
		cpus_up++;
	}
	cpus_list_ids(&mi, ids, sizeof(ids));
	pr_info("cpu: the MADT lists %u (%u enabled; APIC ids %s); %u up "
	    "(maxcpus=%u)\n", mi.mi_ncpus, cpus_enabled,
	    ids, cpus_up, max);
	pv_cpu_on_host_request(cpus_host_request);
	return cpus_up;
}

/*
 * Spin until done(arg) or timeout_ns pass, the kernel lock let go
 * meanwhile (what is awaited takes it: an IPI's handler, a CPU entering
 * the scheduler) and interrupts off.  True if done.
 */
static bool
cpus_wait_unlocked(bool (*done)(const void *), const void *arg,
    uint64_t timeout_ns)
{
	uint64_t t0 = pv_clock_ns();
	bool on = intr_save(), ok;
	unsigned int depth = klock_drop();

	while (!(ok = done(arg)) && pv_clock_ns() - t0 <= timeout_ns)
		cpu_relax();
	klock_retake(depth);
	intr_restore(on);
	return ok;
}

uint64_t
cpus_up_mask(void)
{
	return cpus_up >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << cpus_up) - 1;
}

static bool
cpus_all_scheduling(const void *unused)
{
	(void)unused;
	return sched_online_mask() == cpus_up_mask();
}

void
cpus_threads_start(void)
{
	if (cpus_up < 2)
		return;
	/*
	 * Waiters for the kernel lock halt (klock.h), except under Xen: with
	 * threads on every vCPU there, the nested test Xen's guest failed
	 * when they did, most likely that machine's own fault, which hurts
	 * Linux guests too (docs/status.md); they yield to Xen instead
	 * until a sound Xen can measure halting ones.
	 */
	klock_may_halt = pv_hv_type() != PV_HV_XEN;
	klock_yield_hook = pv_cpu_yield;
	sched_smp_start(cpus_up);
	__atomic_store_n(&cpus_threads_go, true, __ATOMIC_RELEASE);
	for (unsigned int n = 1; n < cpus_up; n++)
		cpus_kick(n);
	/*
	 * Each enters the scheduler once it has the kernel lock, which this
	 * CPU holds: let it go until all are in, so that the first program
	 * already sees every CPU (sched_getaffinity, placement).
	 */
	if (!cpus_wait_unlocked(cpus_all_scheduling, NULL,
	    CPUS_START_TIMEOUT_NS))
		pr_warn("cpu: CPUs %lx did not enter the scheduler\n",
		    cpus_up_mask() & ~sched_online_mask());
	pr_info("cpu: threads run on all %u CPUs\n", cpus_up);
}

bool
cpus_threads(void)
{
	return cpus_threads_go;
}

/*
 * CPU n's idle thread, asked to rest (sched_cpu_set_resting), its queue
 * empty: it stops its tick, leaves the shootdowns' list and the kernel
 * lock, and rests until it is wanted again.  Interrupts off.
 */
void
cpus_rest_here(unsigned int n)
{
	struct cpus_cpu *c = &cpus_tab[n];
	struct cpu_local *cl = cpu_this();
	unsigned int depth;

	if (!__atomic_load_n(&c->cc_want_rest, __ATOMIC_ACQUIRE))
		return;
	sched_timer_local(false);
	__atomic_store_n(&cl->cl_tlb_skip, true, __ATOMIC_SEQ_CST);
	smp_tlb_service(cl);
	__atomic_add_fetch(&c->cc_rests, 1, __ATOMIC_RELAXED);
	__atomic_store_n(&c->cc_rested, true, __ATOMIC_RELEASE);
	depth = klock_drop();
	if (pv_cpu_rest(c->cc_uid) != 0)
		while (__atomic_load_n(&c->cc_want_rest, __ATOMIC_ACQUIRE)) {
			cpu_idle();	/* an IPI ends it */
			intr_disable();
		}
	/* Back: shootdowns reach it again, and what it missed is gone. */
	__atomic_store_n(&cl->cl_tlb_skip, false, __ATOMIC_SEQ_CST);
	smp_tlb_flush_local_all();
	smp_tlb_service(cl);
	klock_retake(depth);
	sched_timer_local(true);
	__atomic_store_n(&c->cc_rested, false, __ATOMIC_RELEASE);
}

unsigned int
cpus_online(void)
{
	return cpus_up;
}

unsigned int
cpus_expected(void)
{
	unsigned int n = cpus_enabled < cpus_max ? cpus_enabled : cpus_max;

	return n < SMP_MAX_CPUS ? n : SMP_MAX_CPUS;
}

uint64_t
cpus_ipi_count(unsigned int n)
{
	struct cpu_local *cl = cpus_local(n);

	return cl != NULL ? __atomic_load_n(&cl->cl_ipis, __ATOMIC_RELAXED) : 0;
}

struct cpus_ping_wait {
	const struct cpu_local	*pw_cl;
	uint64_t		 pw_before;	/* its IPI count before */
};

static bool
cpus_ping_answered(const void *arg)
{
	const struct cpus_ping_wait *w = arg;

	return __atomic_load_n(&w->pw_cl->cl_ipis, __ATOMIC_RELAXED) !=
	    w->pw_before;
}

int
cpus_ping(unsigned int n, uint64_t timeout_ns)
{
	struct cpus_ping_wait w = { cpus_local(n), 0 };

	if (w.pw_cl == NULL || n == cpu_index())
		return -EINVAL;
	if (__atomic_load_n(&cpus_tab[n].cc_want_rest, __ATOMIC_ACQUIRE))
		return -EHOSTDOWN;
	w.pw_before = __atomic_load_n(&w.pw_cl->cl_ipis, __ATOMIC_RELAXED);
	cpus_kick(n);
	return cpus_wait_unlocked(cpus_ping_answered, &w, timeout_ns) ? 0 :
	    -ETIMEDOUT;
}

/* Wait, sleeping, up to CPUS_REST_TIMEOUT_NS for CPU n's cc_rested. */
static int
cpus_wait_rested(unsigned int n, bool rested)
{
	struct cpus_cpu *c = &cpus_tab[n];
	uint64_t t0 = pv_clock_ns();

	while (__atomic_load_n(&c->cc_rested, __ATOMIC_ACQUIRE) != rested) {
		if (pv_clock_ns() - t0 > CPUS_REST_TIMEOUT_NS)
			return -ETIMEDOUT;
		if (!rested && pv_cpu_wake(c->cc_uid) == -EOPNOTSUPP)
			cpus_kick(n);
		thread_sleep_ns(1000000);
	}
	return 0;
}

/*
 * One change at a time: the host's watch, the policy and the tests may
 * ask at once, and a change sleeps until the CPU has seen it.
 */
static bool cpus_changing;

static int
cpus_change(unsigned int n, bool rest, bool elastic)
{
	struct cpus_cpu *c;
	int error;

	if (n == 0 || n >= cpus_up)
		return -EINVAL;
	while (__atomic_exchange_n(&cpus_changing, true, __ATOMIC_ACQUIRE))
		thread_sleep_ns(1000000);
	c = &cpus_tab[n];
	if (elastic && (c->cc_want_rest != !rest || (!rest && !c->cc_elastic) ||
	    c->cc_host_off)) {
		/* Changed meanwhile, or not the policy's to change. */
		__atomic_store_n(&cpus_changing, false, __ATOMIC_RELEASE);
		return -EBUSY;
	}
	c->cc_elastic = rest && elastic;
	__atomic_store_n(&c->cc_want_rest, rest, __ATOMIC_RELEASE);
	if (cpus_threads_go)	/* its threads move first */
		sched_cpu_set_resting(n, rest, rest && elastic);
	else if (rest)		/* out of its hlt, to see the request */
		cpus_kick(n);
	error = cpus_wait_rested(n, rest);
	__atomic_store_n(&cpus_changing, false, __ATOMIC_RELEASE);
	return error;
}

int
cpus_set_rest(unsigned int n, bool rest)
{
	return cpus_change(n, rest, false);
}

int
cpus_rest_elastic(unsigned int n, bool rest)
{
	return cpus_change(n, rest, true);
}

bool
cpus_rested_elastic(unsigned int n)
{
	return n < cpus_up &&
	    __atomic_load_n(&cpus_tab[n].cc_elastic, __ATOMIC_ACQUIRE);
}

bool
cpus_host_off(unsigned int n)
{
	return n < cpus_up &&
	    __atomic_load_n(&cpus_tab[n].cc_host_off, __ATOMIC_ACQUIRE);
}

bool
cpus_rested(unsigned int n)
{
	return n < cpus_up &&
	    __atomic_load_n(&cpus_tab[n].cc_rested, __ATOMIC_ACQUIRE);
}

uint64_t
cpus_rest_count(unsigned int n)
{
	return n < cpus_up ?
	    __atomic_load_n(&cpus_tab[n].cc_rests, __ATOMIC_RELAXED) : 0;
}

uint32_t
cpus_acpi_uid(unsigned int n)
{
	return n < cpus_up ? cpus_tab[n].cc_uid : UINT32_MAX;
}

/* The host's word (xl vcpu-set): a vCPU rests or comes back. */
static void
cpus_host_request(uint32_t uid, bool online)
{
	int error;

	for (unsigned int n = 0; n < cpus_up; n++) {
		if (cpus_tab[n].cc_uid != uid)
			continue;
		if (n == 0) {
			if (!online)
				pr_warn("cpu: the host asks for CPU 0 offline; "
				    "it runs the threads and stays\n");
			return;
		}
		__atomic_store_n(&cpus_tab[n].cc_host_off, !online,
		    __ATOMIC_RELEASE);
		if (online == !__atomic_load_n(&cpus_tab[n].cc_want_rest,
		    __ATOMIC_ACQUIRE) && !cpus_tab[n].cc_elastic)
			return;		/* as asked already */
		error = cpus_set_rest(n, !online);
		pr_info("cpu: the host asks for CPU %u (vCPU %u) %s: %s (%d)\n",
		    n, uid, online ? "online" : "offline",
		    error == 0 ? (online ? "back" : "rested") : "failed", error);
		return;
	}
}
