/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Waiting for files to become ready (poll, select and their variants).
 * A file whose readiness may have changed (a pipe written, read or
 * closed; terminal input) calls poll_notify(), which wakes every thread
 * sleeping in poll_sleep(); those scan their descriptors again.  A
 * generation count closes the window between a scan and the sleep.
 */
#ifndef KERNEL_SCHED_POLL_H
#define KERNEL_SCHED_POLL_H

#include <stdint.h>

/* The current generation, to read before scanning. */
uint64_t poll_generation(void);

/*
 * Sleep until deadline (ns on pv_clock_ns; UINT64_MAX: none), a signal,
 * or a poll_notify() — returns at once if one came since generation gen.
 * May sleep.
 */
void	poll_sleep(uint64_t gen, uint64_t deadline);

/* Readiness of some file may have changed: wake the pollers.  IRQ-safe. */
void	poll_notify(void);

#endif /* KERNEL_SCHED_POLL_H */
