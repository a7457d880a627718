/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/* Poll wake-ups (see poll.h).  One CPU: interrupts off guard the table. */
#include <stdbool.h>
#include <stdint.h>

#include <arch/x86_64/include/cpu.h>
#include <pv/common/pv_hv.h>
#include <kernel/sched/poll.h>
#include <kernel/sched/thread.h>

/*
 * Threads asleep in poll_sleep.  When it is full a poller falls back to
 * waking every POLL_RESCAN_NS on its own.
 */
#define POLL_SLOTS	64
#define POLL_RESCAN_NS	10000000UL	/* 10 ms */

static struct thread *poll_sleepers[POLL_SLOTS];
static unsigned int poll_nsleepers;	/* slots in use: 0 skips the scan */
static uint64_t poll_gen;

uint64_t
poll_generation(void)
{
	return __atomic_load_n(&poll_gen, __ATOMIC_RELAXED);
}

void
poll_sleep(uint64_t gen, uint64_t deadline)
{
	struct thread *t = thread_current();
	bool on = intr_save();
	uint64_t now = pv_clock_ns(), ns;
	int slot;

	if (gen != poll_gen || now >= deadline) {
		intr_restore(on);
		return;
	}
	for (slot = 0; slot < POLL_SLOTS && poll_sleepers[slot] != NULL;
	    slot++)
		;
	ns = deadline - now;
	if (slot < POLL_SLOTS) {
		poll_sleepers[slot] = t;
		poll_nsleepers++;
	} else if (ns > POLL_RESCAN_NS) {
		ns = POLL_RESCAN_NS;
	}
	thread_sleep_ns(ns);
	if (slot < POLL_SLOTS) {
		poll_sleepers[slot] = NULL;
		poll_nsleepers--;
	}
	intr_restore(on);
}

void
poll_watch_add(struct poll_head *h, struct poll_watch *w)
{
	bool on = intr_save();

	w->pw_next = h->ph_first;
	if (w->pw_next != NULL)
		w->pw_next->pw_pprev = &w->pw_next;
	w->pw_pprev = &h->ph_first;
	h->ph_first = w;
	intr_restore(on);
}

void
poll_watch_del(struct poll_watch *w)
{
	bool on = intr_save();

	if (w->pw_pprev != NULL) {
		*w->pw_pprev = w->pw_next;
		if (w->pw_next != NULL)
			w->pw_next->pw_pprev = w->pw_pprev;
		w->pw_pprev = NULL;
		w->pw_next = NULL;
	}
	intr_restore(on);
}

void
poll_wake(struct poll_head *h, short key)
{
	bool on, woke = false;

	/*
	 * Every pipe read and write comes here: most often nothing
	 * watches.  (Unlocked peek: a watch added meanwhile is added by a
	 * caller that polls the file itself right after.)
	 */
	if (__atomic_load_n(&h->ph_first, __ATOMIC_RELAXED) == NULL) {
		poll_notify();
		return;
	}
	on = intr_save();
	/* A callback never takes a watch off a head: the walk is safe. */
	for (struct poll_watch *w = h->ph_first; w != NULL; w = w->pw_next) {
		if (w->pw_exclusive && woke)
			continue;	/* one exclusive waiter is enough */
		if (w->pw_fn(w, key) && w->pw_exclusive)
			woke = true;
	}
	poll_notify();
	intr_restore(on);
}

void
poll_notify(void)
{
	bool on = intr_save();

	poll_gen++;
	/* Every pipe read and write comes here: most often nobody polls. */
	for (int i = 0; poll_nsleepers != 0 && i < POLL_SLOTS; i++)
		if (poll_sleepers[i] != NULL)
			thread_interrupt(poll_sleepers[i]);
	intr_restore(on);
}
