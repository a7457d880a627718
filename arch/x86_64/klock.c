/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The kernel lock (see klock.h).
 */
#include <stdbool.h>
#include <stdint.h>

#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/klock.h>
#include <arch/x86_64/include/smp.h>
#include <arch/x86_64/include/timer_hw.h>
#include <arch/x86_64/include/trap.h>
#include <kernel/log/panic.h>

bool klock_on;
bool klock_may_halt = true;
void (*klock_yield_hook)(void);

/* 0: free; else the holder's CPU index + 1. */
static volatile uint32_t klock_owner;
/* CPUs halted waiting for it (bit = CPU index), and where waking looks
 * first, so that every waiter gets its turn. */
static volatile uint64_t klock_halters;
static unsigned int klock_wake_next;
static struct klock_stats klock_counts;

/*
 * Wait halted until the lock may be free: IRQ_VEC_KLOCK_WAKE from its
 * releaser, or a shootdown to answer.  The mark, then the look at the
 * owner (both full barriers), pair with klock_release's store, then
 * look at the marks: either this CPU sees the lock free, or the
 * releaser sees the mark and sends the IPI, which "sti; hlt" cannot
 * miss (an interrupt is taken only after the hlt begins).
 */
static void
klock_halt(struct cpu_local *cl)
{
	uint64_t bit = (uint64_t)1 << cl->cl_index;
	bool on = intr_save();

	__atomic_or_fetch(&klock_halters, bit, __ATOMIC_SEQ_CST);
	if (__atomic_load_n(&klock_owner, __ATOMIC_SEQ_CST) != 0) {
		uint32_t tpr = lapic_tpr_swap(IRQ_VEC_LOCKFREE_CLASS - 0x10);

		__atomic_add_fetch(&klock_counts.ks_halts, 1,
		    __ATOMIC_RELAXED);
		__asm__ volatile("sti; hlt; cli" ::: "memory");
		(void)lapic_tpr_swap(tpr);
	}
	__atomic_and_fetch(&klock_halters, ~bit, __ATOMIC_SEQ_CST);
	intr_restore(on);
}

/* Wake one halted waiter (not this CPU: it is letting the lock go). */
static void
klock_wake_one(uint64_t halters)
{
	unsigned int start = klock_wake_next, n;

	for (unsigned int i = 0; i < SMP_MAX_CPUS; i++) {
		n = (start + i) % SMP_MAX_CPUS;
		if ((halters >> n) & 1) {
			/* Its mark goes with the wake-up: the next release
			 * wakes another, unless it halts again. */
			__atomic_and_fetch(&klock_halters,
			    ~((uint64_t)1 << n), __ATOMIC_SEQ_CST);
			klock_wake_next = n + 1;
			__atomic_add_fetch(&klock_counts.ks_wakes, 1,
			    __ATOMIC_RELAXED);
			lapic_send_ipi(smp_cpu_local(n)->cl_apic_id,
			    IRQ_VEC_KLOCK_WAKE);
			return;
		}
	}
}

void
klock_acquire_slow(struct cpu_local *cl)
{
	uint32_t me = cl->cl_index + 1, free = 0;
	uint64_t spins = 0;

	/* Taking it twice would wait forever: a depth went wrong. */
	if (__atomic_load_n(&klock_owner, __ATOMIC_RELAXED) == me)
		panic("klock: CPU %u takes the kernel lock it holds (depth %u)",
		    cl->cl_index, cl->cl_kl_depth);

	while (!__atomic_compare_exchange_n(&klock_owner, &free, me, false,
	    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
		free = 0;
		do {
			smp_tlb_service(cl);
			if (++spins % KLOCK_HALT_SPINS != 0) {
				cpu_relax();
			} else if (klock_may_halt) {
				klock_halt(cl);
			} else if (klock_yield_hook != NULL) {
				klock_yield_hook();
				klock_counts.ks_yields++;	/* racy: a hint */
			}
		} while (__atomic_load_n(&klock_owner, __ATOMIC_RELAXED) != 0);
	}
	/* Held now: the counts are ours to write. */
	klock_counts.ks_taken++;
	if (spins != 0) {
		klock_counts.ks_waited++;
		klock_counts.ks_spins += spins;
	}
}

void
klock_release(void)
{
	uint64_t halters;

	/* The exchange is a full barrier: the marks are read after it. */
	(void)__atomic_exchange_n(&klock_owner, 0, __ATOMIC_SEQ_CST);
	halters = __atomic_load_n(&klock_halters, __ATOMIC_SEQ_CST);
	if (halters != 0)
		klock_wake_one(halters);
}

void
klock_enter_first(struct cpu_local *cl)
{
	bool on = intr_save();

	klock_acquire_slow(cl);
	cl->cl_kl_depth = 1;
	intr_restore(on);
}

void
klock_exit_last(struct cpu_local *cl)
{
	bool on = intr_save();

	cl->cl_kl_depth = 0;
	klock_release();
	intr_restore(on);
}

unsigned int
klock_drop(void)
{
	struct cpu_local *cl;
	unsigned int depth;
	bool on;

	if (!klock_on)
		return 0;
	on = intr_save();
	cl = cpu_this();
	depth = cl->cl_kl_depth;
	if (depth != 0) {
		cl->cl_kl_depth = 0;
		klock_release();
	}
	intr_restore(on);
	return depth;
}

void
klock_retake(unsigned int depth)
{
	struct cpu_local *cl;
	bool on;

	if (!klock_on || depth == 0)
		return;
	on = intr_save();
	cl = cpu_this();
	klock_acquire_slow(cl);
	cl->cl_kl_depth = depth;
	intr_restore(on);
}

bool
klock_owned_here(void)
{
	return klock_on && __atomic_load_n(&klock_owner, __ATOMIC_RELAXED) ==
	    cpu_this()->cl_index + 1;
}

void
klock_start(void)
{
	struct cpu_local *cl = cpu_this();

	cl->cl_kl_depth = 1;
	klock_acquire_slow(cl);
	__atomic_store_n(&klock_on, true, __ATOMIC_SEQ_CST);
}

void
klock_user_leave(void)
{
	if (klock_on)
		(void)klock_drop();
}

bool
klock_halted(unsigned int n)
{
	return n < SMP_MAX_CPUS &&
	    ((__atomic_load_n(&klock_halters, __ATOMIC_SEQ_CST) >> n) & 1);
}

void
klock_stats(struct klock_stats *ks)
{
	*ks = klock_counts;
}
