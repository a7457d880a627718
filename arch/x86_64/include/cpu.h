/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Inline wrappers for privileged and special x86-64 instructions.
 * Nothing here knows about hypervisors.
 */
#ifndef ARCH_X86_64_INCLUDE_CPU_H
#define ARCH_X86_64_INCLUDE_CPU_H

#include <stdbool.h>
#include <stdint.h>

#define EFLAGS_IF	0x200
#define CR4_OSFXSR	(1u << 9)
#define CR4_OSXMMEXCPT	(1u << 10)
#define CR4_PGE		(1u << 7)
#define CR4_TSD		(1u << 2)	/* rdtsc in ring 3 faults */
#define MSR_EFER	0xc0000080
#define MSR_FS_BASE	0xc0000100
#define MSR_GS_BASE	0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102
#define MSR_APIC_BASE	0x1b

struct cpuid_regs {
	uint32_t	eax, ebx, ecx, edx;
};

static inline void
cpuid(uint32_t leaf, uint32_t subleaf, struct cpuid_regs *r)
{
	__asm__ volatile("cpuid"
	    : "=a"(r->eax), "=b"(r->ebx), "=c"(r->ecx), "=d"(r->edx)
	    : "a"(leaf), "c"(subleaf));
}

static inline uint64_t
rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t
rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void
wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr"
	    : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}

/*
 * rdmsr that survives a #GP (an MSR the CPU or hypervisor lacks): returns
 * 0 and stores the value, or -EIO.  The fault is recovered through the
 * exception table (trap.c).
 */
int	cpu_rdmsr_safe(uint32_t msr, uint64_t *val);

static inline void
outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void
outw(uint16_t port, uint16_t v)
{
	__asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline void
outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t
inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint16_t
inw(uint16_t port)
{
	uint16_t v;

	__asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint32_t
inl(uint16_t port)
{
	uint32_t v;

	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint64_t
read_cr0(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static inline uint64_t
read_cr2(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline uint64_t
read_cr3(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void
write_cr3(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline uint64_t
read_cr4(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline void
write_cr4(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}

static inline void
write_cr0(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}

static inline void
invlpg(uintptr_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline uint64_t
read_rflags(void)
{
	uint64_t v;

	__asm__ volatile("pushfq; popq %0" : "=r"(v));
	return v;
}

static inline void
intr_enable(void)
{
	__asm__ volatile("sti" : : : "memory");
}

static inline void
intr_disable(void)
{
	__asm__ volatile("cli" : : : "memory");
}

/* Disable interrupts and return whether they were on (for intr_restore). */
static inline bool
intr_save(void)
{
	bool on = (read_rflags() & EFLAGS_IF) != 0;

	intr_disable();
	return on;
}

static inline void
intr_restore(bool on)
{
	if (on)
		intr_enable();
}

/* Wait for the next interrupt with interrupts enabled; no lost wakeup. */
static inline void
cpu_idle(void)
{
	__asm__ volatile("sti; hlt" : : : "memory");
}

static inline void
cpu_relax(void)
{
	__asm__ volatile("pause" : : : "memory");
}

static inline __attribute__((noreturn)) void
cpu_halt_forever(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

static inline uintptr_t
cpu_frame_pointer(void)
{
	return (uintptr_t)__builtin_frame_address(0);
}

#endif /* ARCH_X86_64_INCLUDE_CPU_H */
