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
#include <kernel/log/panic.h>

bool klock_on;
void (*klock_yield_hook)(void);

/* 0: free; else the holder's CPU index + 1. */
static volatile uint32_t klock_owner;
static struct klock_stats klock_counts;

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
			cpu_relax();
			if (++spins % KLOCK_YIELD_SPINS == 0 &&
			    klock_yield_hook != NULL) {
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
	__atomic_store_n(&klock_owner, 0, __ATOMIC_RELEASE);
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

void
klock_stats(struct klock_stats *ks)
{
	*ks = klock_counts;
}
