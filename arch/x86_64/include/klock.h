/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The kernel lock: with several CPUs running threads, one CPU at a time
 * runs the kernel's code.  A CPU takes it when it enters the kernel (a
 * system call, an exception, an interrupt, the ring-0 app's calls) and
 * gives it back when it leaves for ring 3 or the ring-0 app's own code,
 * or halts idle.  It belongs to the CPU, not to a thread: a thread that
 * blocks in the kernel switches to the next one with the lock held, and
 * the next one leaves the kernel (or halts) and lets it go.  So the
 * kernel's code keeps the rules it had on one CPU (interrupts off around
 * what handlers share; a system call runs to its end or its next wait),
 * while programs' own code runs on every CPU at once.
 *
 * Nested entries (an interrupt in a system call) count in cl_kl_depth;
 * schedule() keeps each thread's depth across a switch (klock_depth,
 * klock_set_depth).  A CPU waiting for the lock spins with PAUSE and
 * answers TLB shootdowns meanwhile (smp_tlb_service); after
 * KLOCK_HALT_SPINS turns it halts instead, so that a holder the
 * hypervisor preempted gets the physical CPU back rather than watch
 * others spin: it marks itself in klock_halters, raises its task
 * priority so that only the lock-free vectors (IRQ_VEC_TLB,
 * IRQ_VEC_KLOCK_WAKE) reach it, and halts; whoever lets the lock go
 * sends one halted waiter IRQ_VEC_KLOCK_WAKE.  Where halting is not
 * allowed (klock_may_halt false: under Xen, see docs/status.md), the
 * waiter gives its time to the hypervisor instead (klock_yield_hook,
 * SCHEDOP_yield) every KLOCK_HALT_SPINS turns.
 *
 * With one CPU running threads (klock_on false) every call here is a
 * test of one flag and nothing else.
 */
#ifndef ARCH_X86_64_INCLUDE_KLOCK_H
#define ARCH_X86_64_INCLUDE_KLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include <arch/x86_64/include/smp.h>

#define KLOCK_HALT_SPINS	2048

extern bool klock_on;
/* Whether waiters halt (else they yield through klock_yield_hook). */
extern bool klock_may_halt;
extern void (*klock_yield_hook)(void);

/* Counters for /proc/cpus. */
struct klock_stats {
	uint64_t	ks_taken;	/* acquisitions */
	uint64_t	ks_waited;	/* of them, after a wait */
	uint64_t	ks_spins;	/* PAUSE turns waiting */
	uint64_t	ks_halts;	/* halts waiting for it */
	uint64_t	ks_wakes;	/* IRQ_VEC_KLOCK_WAKE sent */
	uint64_t	ks_yields;	/* klock_yield_hook calls */
};
void	klock_stats(struct klock_stats *ks);
/* Is CPU n halted waiting for the lock (its wake-up not yet sent)? */
bool	klock_halted(unsigned int n);

void	klock_acquire_slow(struct cpu_local *cl);
void	klock_release(void);

void	klock_enter_first(struct cpu_local *cl);
void	klock_exit_last(struct cpu_local *cl);

/*
 * Enter the kernel: returns whether klock_exit must be called.  The
 * outermost entry and exit change the depth and the lock together with
 * interrupts off (klock_enter_first, klock_exit_last): an interrupt in
 * between would see a depth that does not match the lock.
 */
static inline bool
klock_enter(void)
{
	struct cpu_local *cl;

	if (__builtin_expect(!klock_on, 1))
		return false;
	cl = cpu_this();
	if (cl->cl_kl_depth == 0)
		klock_enter_first(cl);
	else
		cl->cl_kl_depth++;
	return true;
}

static inline void
klock_exit(void)
{
	struct cpu_local *cl = cpu_this();

	if (cl->cl_kl_depth == 1)
		klock_exit_last(cl);
	else
		cl->cl_kl_depth--;
}

/*
 * Give the lock up entirely (idle's halt, a wait on another CPU) and
 * return the depth to hand klock_retake.  Interrupts off.
 */
unsigned int	klock_drop(void);
void		klock_retake(unsigned int depth);

/* This CPU's depth, and setting it (schedule(), a thread's first run). */
static inline unsigned int
klock_depth(void)
{
	return cpu_this()->cl_kl_depth;
}

static inline void
klock_set_depth(unsigned int depth)
{
	cpu_this()->cl_kl_depth = depth;
}

/* Does this CPU own it now (false while klock_on is false)? */
bool	klock_owned_here(void);

/*
 * Turn the lock on, the calling CPU (in the kernel, interrupts off)
 * holding it at depth 1: from now on every CPU takes it to enter.
 */
void	klock_start(void);

/* Leaving for ring 3 for good (user_enter, user_resume): depth 0. */
void	klock_user_leave(void);

#endif /* ARCH_X86_64_INCLUDE_KLOCK_H */
