/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The one pvclock implementation (see pv_clock.h) shared by kvmclock and
 * Xen, and the TSC-only fallback expressed as the same arithmetic.
 * pv_clock_ns() never goes backwards: a reading below the last one
 * returned (a host adjusting the record) returns the last one.
 */
#include <stdint.h>

#include <lib/compiler.h>
#include <pv/common/pv_clock.h>
#include <pv/common/pv_hv.h>
#include <pv/common/pv_vclock.h>
#include <kernel/log/printk.h>
#ifndef JINY_HOST
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/spinlock.h>
#endif


void
pvclock_tsc_params(uint64_t hz, uint32_t *mul, int8_t *shift)
{
	/* mul * 2^shift / 2^32 == 1e9 / hz, with mul in [2^31, 2^32). */
	uint64_t f = (1000000000UL << 32) / hz;	/* < 2^62 for hz >= 1 */
	int s = 0;

	while (f >= (1UL << 32)) {
		f >>= 1;
		s++;
	}
	while (f < (1UL << 31) && s > -31) {
		f <<= 1;
		s--;
	}
	*mul = (uint32_t)f;
	*shift = (int8_t)s;
}

#ifndef JINY_HOST
static const volatile struct pvclock_time_info *pv_clock_ti;
/* The user page: a page of its own, since programs see all of it. */
static struct pv_vclock pv_vclock __aligned(4096) __section(".data.vclock");
static const char *pv_clock_src = "none";
static uint64_t pv_clock_base;			/* ns at selection */
static uint64_t pv_clock_last;
static uint64_t pv_clock_hz;
static uint64_t pv_clock_lapic;			/* 0: calibrate it */
static int64_t pv_clock_wall_off;		/* wall ns - pv_clock_ns() */
/*
 * Held to move pv_clock_base or the wall offset and to publish them:
 * several CPUs publishing at once could leave vc_seq odd, and the vDSO's
 * readers would wait for it forever.
 */
static struct spinlock pv_clock_lock = SPINLOCK_INIT;
static uint64_t pv_clock_steps;			/* base moves (/proc) */
static uint64_t pv_clock_stepped_ns;		/* and their sum */

static uint64_t
pv_clock_rdtsc(void)
{
	return rdtsc();
}

static uint64_t
pv_clock_raw(void)
{
	return pvclock_read(pv_clock_ti, pv_clock_rdtsc);
}

/*
 * Publish the base, the wall offset and the mode to the user page; the
 * caller holds pv_clock_lock.
 */
static void
pv_clock_publish(void)
{
	struct pv_vclock *vc = &pv_vclock;

	WRITE_ONCE(vc->vc_seq, vc->vc_seq + 1);		/* odd: changing */
	barrier();
	vc->vc_base = pv_clock_base;
	vc->vc_wall_off = pv_clock_wall_off;
	vc->vc_mode = pv_clock_ti == &pv_vclock.vc_ti ? PV_VCLOCK_PVCLOCK :
	    PV_VCLOCK_SYSCALL;
	barrier();
	WRITE_ONCE(vc->vc_seq, vc->vc_seq + 1);
}

volatile struct pvclock_time_info *
pv_clock_user_record(void)
{
	return &pv_vclock.vc_ti;
}

uint64_t
pv_clock_user_page(void)
{
	return paging_kimg_pa(&pv_vclock);
}

void
pv_clock_set_pvclock(const volatile struct pvclock_time_info *ti,
    const char *name)
{
	uint32_t mul = ti->tsc_to_system_mul;
	int8_t shift = ti->tsc_shift;
	bool on;

	pv_clock_ti = ti;
	pv_clock_src = name;
	/* Invert the scale: hz = 2^32 * 1e9 / (mul * 2^shift). */
	if (mul != 0) {
		uint64_t hz = (1000000000UL << 32) / mul;

		pv_clock_hz = shift >= 0 ? hz >> shift : hz << -shift;
	}
	on = spin_lock_irqsave(&pv_clock_lock);
	pv_clock_base = pv_clock_raw();
	pv_clock_last = 0;
	pv_clock_publish();
	spin_unlock_irqrestore(&pv_clock_lock, on);
	if (ti == &pv_vclock.vc_ti)
		pr_info("clock: programs read %s themselves%s\n", name,
		    (ti->flags & PVCLOCK_TSC_STABLE) ? "" : " once the host "
		    "marks the TSC stable (it does not now: system calls)");
}

void
pv_clock_set_tsc(uint64_t hz, const char *name)
{
	struct pvclock_time_info *ti = (struct pvclock_time_info *)
	    &pv_vclock.vc_ti;	/* ours: nobody else writes it */
	uint32_t mul;
	int8_t shift;
	bool on;

	pvclock_tsc_params(hz, &mul, &shift);
	ti->version = 1;
	barrier();
	ti->tsc_timestamp = rdtsc();
	ti->system_time = 0;
	ti->tsc_to_system_mul = mul;
	ti->tsc_shift = shift;
	/* One CPU, and a TSC the kernel already trusts for its clock. */
	ti->flags = PVCLOCK_TSC_STABLE;
	barrier();
	ti->version = 2;
	pv_clock_hz = hz;
	pv_clock_ti = ti;
	pv_clock_src = name;
	on = spin_lock_irqsave(&pv_clock_lock);
	pv_clock_base = 0;
	pv_clock_last = 0;
	pv_clock_publish();
	spin_unlock_irqrestore(&pv_clock_lock, on);
}

void
pv_clock_set_wall(uint64_t wall_ns)
{
	uint64_t now = pv_clock_ns();
	bool on = spin_lock_irqsave(&pv_clock_lock);

	pv_clock_wall_off = (int64_t)(wall_ns - now);
	pv_clock_publish();
	spin_unlock_irqrestore(&pv_clock_lock, on);
}

uint64_t
pv_clock_wall_ns(void)
{
	return pv_clock_ns() + (uint64_t)pv_clock_wall_off;
}

void
pv_clock_set_lapic_hz(uint64_t hz)
{
	pv_clock_lapic = hz;
}

uint64_t
pv_clock_lapic_hz(void)
{
	return pv_clock_lapic;
}

/*
 * The source stepped back below a time already handed out (Xen's first
 * time record can run ahead of the ones after it): move the base so that
 * time goes on from there instead of standing still until the source
 * catches up.  Decided again under the lock, from a reading taken after
 * the last time handed out was: a reading taken before it, on a CPU the
 * host then held back, is only late, and moving the base for it would
 * throw the clock forward by the delay (with several CPUs reading the
 * clock, by minutes).
 */
static void
pv_clock_step(void)
{
	bool on = spin_lock_irqsave(&pv_clock_lock);
	uint64_t last = __atomic_load_n(&pv_clock_last, __ATOMIC_ACQUIRE);
	uint64_t raw = pv_clock_raw();
	int64_t delta = (int64_t)(raw - pv_clock_base);

	if (delta < (int64_t)last) {
		pv_clock_steps++;
		pv_clock_stepped_ns += (uint64_t)((int64_t)last - delta);
		WRITE_ONCE(pv_clock_base, raw - last);
		pv_clock_publish();
	}
	spin_unlock_irqrestore(&pv_clock_lock, on);
}

uint64_t
pv_clock_ns(void)
{
	uint64_t now, last, raw;
	int64_t delta;

	if (pv_clock_ti == NULL)
		return 0;
	/* The last time handed out first, then the reading. */
	last = __atomic_load_n(&pv_clock_last, __ATOMIC_ACQUIRE);
	raw = pv_clock_raw();
	delta = (int64_t)(raw - READ_ONCE(pv_clock_base));
	if (delta < (int64_t)last) {
		pv_clock_step();
		last = __atomic_load_n(&pv_clock_last, __ATOMIC_ACQUIRE);
		raw = pv_clock_raw();
		delta = (int64_t)(raw - READ_ONCE(pv_clock_base));
		if (delta < (int64_t)last)
			delta = (int64_t)last;
	}
	now = (uint64_t)delta;
	/* Monotonic across CPUs and host updates. */
	while (now > last &&
	    !__atomic_compare_exchange_n(&pv_clock_last, &last, now, false,
	    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		;
	return now > last ? now : last;
}

void
pv_clock_step_stats(uint64_t *steps, uint64_t *stepped_ns)
{
	bool on = spin_lock_irqsave(&pv_clock_lock);

	*steps = pv_clock_steps;
	*stepped_ns = pv_clock_stepped_ns;
	spin_unlock_irqrestore(&pv_clock_lock, on);
}

const char *
pv_clock_name(void)
{
	return pv_clock_src;
}

uint64_t
pv_clock_tsc_hz(void)
{
	return pv_clock_hz;
}
#endif /* !JINY_HOST */
