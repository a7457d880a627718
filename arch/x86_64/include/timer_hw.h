/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Platform timers: the local APIC (xAPIC or x2APIC) with its timer, the
 * legacy PIC (only to be silenced), and the reference clocks used to
 * calibrate the TSC when no hypervisor clock exists (HPET, else PIT).
 */
#ifndef ARCH_X86_64_INCLUDE_TIMER_HW_H
#define ARCH_X86_64_INCLUDE_TIMER_HW_H

#include <stdbool.h>
#include <stdint.h>

/* Remap the 8259 pair away from exception vectors and mask every line. */
void	pic_disable(void);

/* Enable this CPU's local APIC (x2APIC mode when the CPU has it). */
void	lapic_init(void);
bool	lapic_is_x2apic(void);
void	lapic_eoi(void);
/* Set this CPU's task priority (interrupts of a class at or below it
 * wait); returns the one it had. */
uint32_t lapic_tpr_swap(uint32_t tpr);
/* This CPU's APIC id (an MSI's destination). */
uint32_t lapic_id(void);

/* Send a fixed interrupt at vector to the CPU with this APIC id. */
void	lapic_send_ipi(uint32_t apic_id, uint8_t vector);
/* INIT, and a start-up IPI to the real-mode page vector (smp.c). */
void	lapic_send_init(uint32_t apic_id);
void	lapic_send_sipi(uint32_t apic_id, uint8_t page);

/*
 * Measure the APIC timer against now_ns (a running nanosecond clock) over
 * about 100 us, or take known_hz when it is not 0, and start it periodic
 * at hz on IRQ_VEC_TIMER.  Returns the timer frequency in Hz (0: the
 * timer did not run).
 */
uint64_t lapic_timer_start(unsigned int hz, uint64_t known_hz,
	    uint64_t (*now_ns)(void));

/* Stop this CPU's APIC timer (masked, count 0). */
void	lapic_timer_stop(void);

/*
 * TSC frequency in Hz, measured against the HPET (ACPI HPET table) or,
 * failing that, PIT channel 2.  *source names the reference used.
 * Returns 0 if neither reference works.
 */
uint64_t tsc_calibrate(const char **source);

#endif /* ARCH_X86_64_INCLUDE_TIMER_HW_H */
