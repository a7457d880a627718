/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * timerfd: a timer as a file.  Its expirations are counted; a read (of
 * at least 8 bytes) returns the count and zeroes it, blocking while it
 * is 0; the file is readable while it is not.  Every clock keeps
 * pv_clock_ns()'s timeline (CLOCK_REALTIME is it plus the wall offset),
 * so a timer is kept as a deadline on that timeline.  One kernel thread,
 * started at the first arming, sleeps until the earliest deadline and
 * wakes the timer's readers and watchers, once per expiration.
 */
#ifndef KERNEL_IPC_TIMERFD_H
#define KERNEL_IPC_TIMERFD_H

#include <stdbool.h>
#include <stdint.h>

struct file;

/*
 * A new, disarmed timer on a clock (its number, for the absolute times);
 * flags are O_NONBLOCK (kept in the file).  A file with one reference,
 * or NULL (no memory).
 */
struct file *timerfd_create(int clock, uint32_t flags);

/* Is f a timerfd? */
bool	timerfd_is(const struct file *f);

/* Is clock one timerfd_create takes? */
bool	timerfd_clock_ok(int clock);

/*
 * Arm f (a timerfd) to expire at value_ns (0 disarms) — on its clock if
 * absolute, else from now — then every interval_ns (0: once); an
 * absolute time already past expires at once.  The expiration count
 * starts again from 0.  The previous setting's time left and interval go
 * to *old_value_ns, *old_interval_ns.  Returns 0, or -ENOMEM when the
 * timer thread cannot start.
 */
int	timerfd_settime(struct file *f, bool absolute, uint64_t value_ns,
	    uint64_t interval_ns, uint64_t *old_value_ns,
	    uint64_t *old_interval_ns);

/* The time left (0: disarmed) and interval of f, a timerfd. */
void	timerfd_gettime(struct file *f, uint64_t *value_ns,
	    uint64_t *interval_ns);

#endif /* KERNEL_IPC_TIMERFD_H */
