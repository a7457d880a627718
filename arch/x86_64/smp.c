/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Per-CPU areas and starting application processors (see smp.h).
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/dmap.h>
#include <arch/x86_64/include/layout.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/smp.h>
#include <arch/x86_64/include/timer_hw.h>
#include <arch/x86_64/include/trap.h>
#include <arch/x86_64/include/user.h>

/* What an application processor's CPU area holds besides its stacks. */
struct smp_cpu_data {
	struct cpu_local	 d_local;
	void			(*d_main)(unsigned int);
	char			 d_trap[TRAP_CPU_SIZE] __aligned(16);
};
_Static_assert(sizeof(struct smp_cpu_data) <= CPUAREA_DATA_SIZE,
    "CPUAREA_DATA_SIZE");

struct cpu_local smp_cpu0_local;
static struct cpu_local *smp_cpus[SMP_MAX_CPUS] = { &smp_cpu0_local };
static bool smp_up[SMP_MAX_CPUS];

/* For smp_tramp.S: the starting CPU's stack and page tables, and which
 * CPU it is. */
uintptr_t smp_ap_stack;
uint64_t smp_ap_cr3;
static unsigned int smp_ap_booting;

extern const char smp_tramp[], smp_tramp_end[];
extern const uint32_t smp_tramp_gdtr_off[2];
extern const char smp_ap_start32[];

void	smp_ap_main(void);

static uintptr_t
smp_area(unsigned int n)
{
	return CPUAREA_BASE + (uintptr_t)n * CPUAREA_SIZE;
}

/* Map [off, off + len) of CPU n's area with zeroed pages. */
static int
smp_area_map(unsigned int n, uintptr_t off, size_t len,
    uint64_t (*alloc_page)(void))
{
	for (size_t o = 0; o < len; o += PAGE_SIZE) {
		uint64_t pa = alloc_page();

		if (pa == 0)
			return -ENOMEM;
		memset(phys_to_virt(pa), 0, PAGE_SIZE);
		if (paging_map(smp_area(n) + off + o, pa, PAGE_SIZE,
		    PG_W | PG_NX | PG_G) != 0)
			return -ENOMEM;
	}
	return 0;
}

int
smp_cpu0_prepare(uint64_t (*alloc_page)(void))
{
	int error = smp_area_map(0, CPUAREA_IST_ENTRY, IST_STACK_SIZE,
	    alloc_page);

	if (error == 0)
		trap_cpu_set_entry_stack(smp_area(0) + CPUAREA_IST_ENTRY +
		    IST_STACK_SIZE);
	return error;
}

int
smp_cpu_prepare(unsigned int n, uint32_t apic_id,
    uint64_t (*alloc_page)(void), void (*main)(unsigned int))
{
	static const uintptr_t stacks[] = { CPUAREA_IST_ENTRY, CPUAREA_IST_DF,
	    CPUAREA_IST_NMI, CPUAREA_IST_MC };
	struct smp_cpu_data *d;
	int error;

	if (n == 0 || n >= SMP_MAX_CPUS || smp_cpus[n] != NULL)
		return -EINVAL;
	for (unsigned int i = 0; i < sizeof(stacks) / sizeof(stacks[0]); i++)
		if ((error = smp_area_map(n, stacks[i], IST_STACK_SIZE,
		    alloc_page)) != 0)
			return error;
	if ((error = smp_area_map(n, CPUAREA_STACK, KSTACK_SIZE,
	    alloc_page)) != 0 ||
	    (error = smp_area_map(n, CPUAREA_DATA, CPUAREA_DATA_SIZE,
	    alloc_page)) != 0)
		return error;
	d = (struct smp_cpu_data *)(smp_area(n) + CPUAREA_DATA);
	d->d_local.cl_index = n;
	d->d_local.cl_apic_id = apic_id;
	d->d_main = main;
	smp_cpus[n] = &d->d_local;
	return 0;
}

struct cpu_local *
smp_cpu_local(unsigned int n)
{
	return n < SMP_MAX_CPUS ? smp_cpus[n] : NULL;
}

uint32_t
smp_ap_entry32_pa(void)
{
	return (uint32_t)((uintptr_t)smp_ap_start32 - KERNEL_VMA);
}

/* Name CPU n as the one starting next: its stack, for smp_tramp.S. */
void
smp_cpu_starting(unsigned int n)
{
	smp_ap_booting = n;
	smp_ap_stack = smp_area(n) + CPUAREA_STACK + KSTACK_SIZE;
	smp_ap_cr3 = paging_root_of(0);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/* The application processor's first C, on its area's stack. */
void
smp_ap_main(void)
{
	unsigned int n = __atomic_load_n(&smp_ap_booting, __ATOMIC_ACQUIRE);
	uintptr_t a = smp_area(n);
	struct smp_cpu_data *d = (struct smp_cpu_data *)(a + CPUAREA_DATA);
	const uintptr_t tops[3] = { a + CPUAREA_IST_DF + IST_STACK_SIZE,
	    a + CPUAREA_IST_NMI + IST_STACK_SIZE,
	    a + CPUAREA_IST_MC + IST_STACK_SIZE };

	write_cr4(read_cr4() | CR4_PGE);
	trap_cpu_init((struct trap_cpu *)d->d_trap, &d->d_local, tops);
	trap_cpu_set_entry_stack(a + CPUAREA_IST_ENTRY + IST_STACK_SIZE);
	user_cpu_init();
	lapic_init();
	d->d_local.cl_apic_id = lapic_id();
	d->d_local.cl_cr3 = read_cr3();
	__atomic_store_n(&smp_up[n], true, __ATOMIC_RELEASE);
	d->d_main(n);
	cpu_halt_forever();
}

bool
smp_cpu_wait_online(unsigned int n, uint64_t (*now_ns)(void),
    uint64_t timeout_ns)
{
	uint64_t t0 = now_ns();

	if (n >= SMP_MAX_CPUS)
		return false;
	while (!__atomic_load_n(&smp_up[n], __ATOMIC_ACQUIRE)) {
		if (now_ns() - t0 > timeout_ns)
			return false;
		cpu_relax();
	}
	return true;
}

/* Spin for ns on now_ns. */
static void
smp_delay(uint64_t (*now_ns)(void), uint64_t ns)
{
	uint64_t t0 = now_ns();

	while (now_ns() - t0 < ns)
		cpu_relax();
}

int
smp_sipi_start(unsigned int n, uint64_t tramp_pa, uint64_t (*now_ns)(void))
{
	size_t len = (size_t)(smp_tramp_end - smp_tramp);
	uint8_t *page;
	uint32_t gdt_pa;

	if (n == 0 || n >= SMP_MAX_CPUS || smp_cpus[n] == NULL)
		return -EINVAL;
	if (tramp_pa == 0 || (tramp_pa & (PAGE_SIZE - 1)) != 0 ||
	    tramp_pa >= 0x100000 || len > PAGE_SIZE)
		return -EINVAL;
	page = phys_to_virt(tramp_pa);
	memcpy(page, smp_tramp, len);
	gdt_pa = (uint32_t)tramp_pa + smp_tramp_gdtr_off[1];
	memcpy(page + smp_tramp_gdtr_off[0] + 2, &gdt_pa, sizeof(gdt_pa));
	smp_cpu_starting(n);
	/* INIT, then two SIPIs 200 us apart, as the MP specification has it. */
	lapic_send_init(smp_cpus[n]->cl_apic_id);
	smp_delay(now_ns, 10000000);
	for (int i = 0; i < 2; i++) {
		if (__atomic_load_n(&smp_up[n], __ATOMIC_ACQUIRE))
			break;
		lapic_send_sipi(smp_cpus[n]->cl_apic_id,
		    (uint8_t)(tramp_pa >> 12));
		smp_delay(now_ns, 200000);
	}
	return 0;
}

/*
 * TLB shootdowns (smp.h).  One request at a time (smp_tlb_lock): its
 * root and address sit in smp_tlb_req; each target's cl_tlb_pending is
 * set, the target flushes and clears it.  The shooter waits for every
 * target, answering any request aimed at itself meanwhile.
 */
static volatile uint32_t smp_tlb_lock;
static struct {
	uint64_t	root;
	uint64_t	va;
} smp_tlb_req;
static unsigned int smp_tlb_ncpus;	/* 0: one CPU, nothing to send */
static uint64_t smp_tlb_ipis;

static void
smp_tlb_flush(uint64_t root, uint64_t va)
{
	if (root == SMP_TLB_KERNEL) {
		if (va == SMP_TLB_ALL)
			smp_tlb_flush_local_all();
		else
			invlpg(va);
		return;
	}
	if (read_cr3() != root)
		return;		/* switched since: the load flushed */
	if (va == SMP_TLB_ALL)
		write_cr3(root);
	else
		invlpg(va);
}

void
smp_tlb_flush_local_all(void)
{
	uint64_t cr4 = read_cr4();

	/* Clearing PGE drops the global entries as well. */
	write_cr4(cr4 & ~(uint64_t)CR4_PGE);
	write_cr4(cr4);
}

void
smp_tlb_service(struct cpu_local *cl)
{
	if (__atomic_load_n(&cl->cl_tlb_pending, __ATOMIC_ACQUIRE) == 0)
		return;
	smp_tlb_flush(smp_tlb_req.root, smp_tlb_req.va);
	__atomic_store_n(&cl->cl_tlb_pending, 0, __ATOMIC_RELEASE);
}

void
smp_set_cr3(uint64_t root)
{
	cpu_this()->cl_cr3 = root;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (read_cr3() != root)
		write_cr3(root);
}

void
smp_tlb_start(unsigned int ncpus)
{
	smp_cpu0_local.cl_cr3 = read_cr3();
	__atomic_store_n(&smp_tlb_ncpus, ncpus, __ATOMIC_SEQ_CST);
}

uint64_t
smp_tlb_sent(void)
{
	return __atomic_load_n(&smp_tlb_ipis, __ATOMIC_RELAXED);
}

void
smp_tlb_shoot(uint64_t root, uint64_t va)
{
	struct cpu_local *self, *cl;
	uint32_t want = 0;
	bool sent[SMP_MAX_CPUS];
	unsigned int n, ncpus = __atomic_load_n(&smp_tlb_ncpus,
	    __ATOMIC_ACQUIRE);
	bool on;

	if (ncpus <= 1)
		return;
	on = intr_save();
	self = cpu_this();
	while (!__atomic_compare_exchange_n(&smp_tlb_lock, &want, 1, false,
	    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
		want = 0;
		smp_tlb_service(self);
		cpu_relax();
	}
	smp_tlb_req.root = root;
	smp_tlb_req.va = va;
	/* The page tables changed before any target's cl_cr3 is read. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	for (n = 0; n < ncpus; n++) {
		sent[n] = false;
		cl = smp_cpus[n];
		if (cl == NULL || cl == self || (n != 0 && !smp_up[n]) ||
		    __atomic_load_n(&cl->cl_tlb_skip, __ATOMIC_ACQUIRE))
			continue;
		if (root != SMP_TLB_KERNEL &&
		    __atomic_load_n(&cl->cl_cr3, __ATOMIC_RELAXED) != root)
			continue;
		__atomic_store_n(&cl->cl_tlb_pending, 1, __ATOMIC_RELEASE);
		lapic_send_ipi(cl->cl_apic_id, IRQ_VEC_TLB);
		sent[n] = true;
		__atomic_add_fetch(&smp_tlb_ipis, 1, __ATOMIC_RELAXED);
	}
	for (n = 0; n < ncpus; n++)
		while (sent[n] && __atomic_load_n(&smp_cpus[n]->cl_tlb_pending,
		    __ATOMIC_ACQUIRE) != 0) {
			/* A CPU that went to rest after the send answers
			 * nothing; it flushes all when it comes back. */
			if (__atomic_load_n(&smp_cpus[n]->cl_tlb_skip,
			    __ATOMIC_ACQUIRE))
				break;
			smp_tlb_service(self);
			cpu_relax();
		}
	__atomic_store_n(&smp_tlb_lock, 0, __ATOMIC_RELEASE);
	intr_restore(on);
}
