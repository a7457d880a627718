/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Local APIC, in x2APIC mode (MSRs 0x800 + reg/16) when CPUID.1:ECX[21]
 * says so, else xAPIC through an uncached MMIO window; and the 8259 PIC,
 * which we only remap and mask.
 */
#include <stdbool.h>
#include <stdint.h>

#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/timer_hw.h>
#include <arch/x86_64/include/trap.h>
#include <kernel/log/printk.h>

#define LAPIC_ID	0x020
#define LAPIC_TPR	0x080
#define LAPIC_EOI	0x0b0
#define LAPIC_SVR	0x0f0
#define LAPIC_ICR_LO	0x300
#define LAPIC_ICR_HI	0x310
#define ICR_INIT	0x00000500
#define ICR_STARTUP	0x00000600
#define ICR_PENDING	(1u << 12)	/* xAPIC: not yet delivered */
#define ICR_ASSERT	(1u << 14)
#define LAPIC_LVT_TIMER	0x320
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR	0x390
#define LAPIC_TIMER_DIV	0x3e0
#define LVT_MASKED	(1u << 16)
#define LVT_PERIODIC	(1u << 17)

static bool lapic_x2;
static volatile uint32_t *lapic_mmio;

static uint32_t
lapic_read(uint32_t reg)
{
	if (lapic_x2)
		return (uint32_t)rdmsr(0x800 + (reg >> 4));
	return lapic_mmio[reg / 4];
}

static void
lapic_write(uint32_t reg, uint32_t v)
{
	if (lapic_x2)
		wrmsr(0x800 + (reg >> 4), v);
	else
		lapic_mmio[reg / 4] = v;
}

void
pic_disable(void)
{
	/* ICW1..4: cascade, vectors 0x20/0x28, 8086 mode; then mask all. */
	outb(0x20, 0x11);
	outb(0xa0, 0x11);
	outb(0x21, IRQ_VEC_PIC_BASE);
	outb(0xa1, IRQ_VEC_PIC_BASE + 8);
	outb(0x21, 4);
	outb(0xa1, 2);
	outb(0x21, 1);
	outb(0xa1, 1);
	outb(0x21, 0xff);
	outb(0xa1, 0xff);
}

void
lapic_init(void)
{
	struct cpuid_regs r;
	uint64_t base = rdmsr(MSR_APIC_BASE);

	cpuid(1, 0, &r);
	lapic_x2 = (r.ecx >> 21) & 1;
	if (lapic_x2) {
		wrmsr(MSR_APIC_BASE, base | (1u << 11) | (1u << 10));
	} else {
		wrmsr(MSR_APIC_BASE, base | (1u << 11));
		if (lapic_mmio == NULL)
			lapic_mmio = paging_map_mmio(base & PG_ADDR, 4096);
		if (lapic_mmio == NULL) {
			pr_err("lapic: cannot map registers at 0x%lx\n",
			    base & PG_ADDR);
			return;
		}
	}
	lapic_write(LAPIC_SVR, 0x100 | IRQ_VEC_SPURIOUS);
}

bool
lapic_is_x2apic(void)
{
	return lapic_x2;
}

uint32_t
lapic_id(void)
{
	uint32_t id = lapic_read(LAPIC_ID);

	return lapic_x2 ? id : id >> 24;	/* xAPIC: bits 31..24 */
}

void
lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

uint32_t
lapic_tpr_swap(uint32_t tpr)
{
	uint32_t old = lapic_read(LAPIC_TPR) & 0xff;

	lapic_write(LAPIC_TPR, tpr & 0xff);
	return old;
}

uint64_t
lapic_timer_start(unsigned int hz, uint64_t known_hz, uint64_t (*now_ns)(void))
{
	uint64_t t0, t1, t2, cur, count, freq = known_hz;
	unsigned long spins = 0;

	lapic_write(LAPIC_TIMER_DIV, 0xb);	/* divide by 1 */
	if (freq != 0)
		goto start;
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | IRQ_VEC_TIMER);
	lapic_write(LAPIC_TIMER_INIT, 0xffffffff);
	t0 = now_ns();
	/*
	 * 100 us is short enough to keep boot cheap under an instruction
	 * clock and long enough for a 1% figure at any APIC rate we meet.
	 * The count is read between two clock reads, and the window is their
	 * midpoint, so a vCPU preempted around the read skews little.
	 */
	do {
		cpu_relax();
		t1 = now_ns();
		if (++spins > 100000000UL)
			return 0;	/* the clock does not advance */
	} while (t1 - t0 < 100000);
	cur = lapic_read(LAPIC_TIMER_CUR);
	t2 = now_ns();
	count = 0xffffffffu - cur;
	if (count == 0)
		return 0;
	freq = count * 1000000000UL / ((t1 + t2) / 2 - t0);
start:
	if (freq / hz == 0 || freq / hz > 0xffffffffUL)
		return 0;
	lapic_write(LAPIC_TIMER_INIT, 0);
	lapic_write(LAPIC_LVT_TIMER, LVT_PERIODIC | IRQ_VEC_TIMER);
	lapic_write(LAPIC_TIMER_INIT, (uint32_t)(freq / hz));
	return freq;
}

void
lapic_timer_stop(void)
{
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | IRQ_VEC_TIMER);
	lapic_write(LAPIC_TIMER_INIT, 0);
}

/*
 * Write the interrupt command.  x2APIC: one MSR write with the
 * destination in its high half.  xAPIC: the destination register first,
 * and with interrupts off so that no handler's IPI slips in between;
 * then wait for the previous command to leave.
 */
static void
lapic_icr(uint32_t apic_id, uint32_t lo)
{
	bool on;

	if (lapic_x2) {
		wrmsr(0x800 + (LAPIC_ICR_LO >> 4), ((uint64_t)apic_id << 32) | lo);
		return;
	}
	on = intr_save();
	while (lapic_read(LAPIC_ICR_LO) & ICR_PENDING)
		cpu_relax();
	lapic_write(LAPIC_ICR_HI, apic_id << 24);
	lapic_write(LAPIC_ICR_LO, lo);
	intr_restore(on);
}

void
lapic_send_ipi(uint32_t apic_id, uint8_t vector)
{
	lapic_icr(apic_id, ICR_ASSERT | vector);
}

void
lapic_send_init(uint32_t apic_id)
{
	lapic_icr(apic_id, ICR_ASSERT | ICR_INIT);
}

void
lapic_send_sipi(uint32_t apic_id, uint8_t page)
{
	lapic_icr(apic_id, ICR_ASSERT | ICR_STARTUP | page);
}
