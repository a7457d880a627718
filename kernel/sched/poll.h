/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Waiting for files to become ready (poll, select, epoll and their
 * variants).  A file whose readiness may have changed (a pipe written,
 * read or closed; terminal input; an eventfd, a timer) calls poll_wake()
 * on its poll head with the readiness bits concerned.  That runs the
 * callback of every watch on the head (epoll's registrations), then
 * poll_notify(), which wakes every thread sleeping in poll_sleep(); those
 * scan their descriptors again.  A generation count closes the window
 * between a scan and the sleep.
 */
#ifndef KERNEL_SCHED_POLL_H
#define KERNEL_SCHED_POLL_H

#include <stdbool.h>
#include <stdint.h>

struct poll_watch;

/*
 * Called by poll_wake with interrupts off, possibly from an interrupt:
 * must not sleep.  key: the FILE_POLL* bits that may have changed (0:
 * any).
 */
typedef bool (*poll_watch_fn)(struct poll_watch *, short key);

/* One watcher of a poll head; the watcher's memory (epoll's items). */
struct poll_watch {
	struct poll_watch	*pw_next;	/* set by poll_watch_add */
	struct poll_watch	**pw_pprev;	/* NULL: on no head */
	poll_watch_fn		 pw_fn;		/* set by the watcher */
	/*
	 * Exclusive (epoll's EPOLLEXCLUSIVE): of the exclusive watches on
	 * a head, a wake runs callbacks only until one returns true (it
	 * woke a waiter); the others' return values do not count.
	 */
	bool			 pw_exclusive;
};

/* What a file's readiness changes are announced on (kept by its kind). */
struct poll_head {
	struct poll_watch	*ph_first;
};

/* Put w (not on a head) on h / take it off its head.  IRQ-safe. */
void	poll_watch_add(struct poll_head *h, struct poll_watch *w);
void	poll_watch_del(struct poll_watch *w);

/*
 * Readiness behind h may have changed for the bits of key: run the
 * watches' callbacks (the exclusive ones until one woke a waiter), then
 * poll_notify().  IRQ-safe.
 */
void	poll_wake(struct poll_head *h, short key);

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
