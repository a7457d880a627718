/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Spinlocks that also disable interrupts on this CPU, so that a holder is
 * never interrupted by a handler wanting the same lock.  Host unit tests
 * build with JINY_HOST, where interrupts cannot be touched and the lock is
 * only an atomic flag.
 */
#ifndef ARCH_X86_64_INCLUDE_SPINLOCK_H
#define ARCH_X86_64_INCLUDE_SPINLOCK_H

#include <stdbool.h>

#ifndef JINY_HOST
#include <arch/x86_64/include/cpu.h>
#endif

struct spinlock {
	volatile int	sl_locked;	/* 0 free, 1 held */
};

#define SPINLOCK_INIT	{ .sl_locked = 0 }

/* Take the lock with interrupts off; returns the previous interrupt state. */
static inline bool
spin_lock_irqsave(struct spinlock *l)
{
#ifndef JINY_HOST
	bool on = intr_save();
#else
	bool on = false;
#endif
	/* xchg is a full barrier: the critical section cannot move above. */
	while (__atomic_exchange_n(&l->sl_locked, 1, __ATOMIC_ACQUIRE) != 0)
		while (l->sl_locked)
			__builtin_ia32_pause();
	return on;
}

static inline void
spin_unlock_irqrestore(struct spinlock *l, bool on)
{
	__atomic_store_n(&l->sl_locked, 0, __ATOMIC_RELEASE);
#ifndef JINY_HOST
	intr_restore(on);
#else
	(void)on;
#endif
}

#endif /* ARCH_X86_64_INCLUDE_SPINLOCK_H */
