/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * ITIMER_REAL for every process (alarm, setitimer): a deadline and a
 * reload interval in struct proc, and one kernel thread, started at the
 * first arming, that sleeps until the earliest deadline and sends
 * SIGALRM.  Resolution is the scheduler tick.
 */
#ifndef KERNEL_PROC_ITIMER_H
#define KERNEL_PROC_ITIMER_H

#include <stdint.h>

struct proc;

/*
 * Arm p's real timer to fire in value_ns (0 disarms), then every
 * interval_ns (0: once).  Reports the time left and the interval of the
 * previous setting in *old_value_ns / *old_interval_ns (either may be
 * NULL).  Returns 0 or -ENOMEM when the timer thread cannot start.
 */
int	itimer_set(struct proc *p, uint64_t value_ns, uint64_t interval_ns,
	    uint64_t *old_value_ns, uint64_t *old_interval_ns);

/* The time left (0: disarmed) and the interval of p's real timer. */
void	itimer_get(struct proc *p, uint64_t *value_ns, uint64_t *interval_ns);

#endif /* KERNEL_PROC_ITIMER_H */
