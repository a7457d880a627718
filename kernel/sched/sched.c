/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The scheduler (see sched.h): run queue, sleepers, switches, the timer
 * tick and preemption.  One CPU today, but the state is gathered in
 * struct sched_cpu so that SMP gives each CPU its own.  Everything that
 * touches run queues runs with interrupts off.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/timer_hw.h>
#include <arch/x86_64/include/trap.h>
#include <arch/x86_64/include/user.h>
#include <pv/common/pv_hv.h>
#include <kernel/log/panic.h>
#include <kernel/log/printk.h>
#include <kernel/sched/sched.h>
#include <kernel/sched/sched_load.h>
#include <kernel/sched/sched_priv.h>
#include <kernel/sched/thread.h>
#include <kernel/sched/waitq.h>

#define SCHED_SLICE_NS	10000000	/* 10 ms */

void	sched_switch(uint64_t *save_rsp, uint64_t new_rsp, uint64_t new_cr3);

extern char boot_stack_top[];

struct sched_cpu sched_cpu0;
struct thread sched_main_thread;

/* t's load as of now (the running thread's includes its current run). */
static uint64_t
sched_load_now(const struct sched_cpu *sc, const struct thread *t,
    uint64_t now)
{
	uint64_t load = sched_load_decay(t->t_load, now - t->t_load_ns);

	if (t == sc->sc_current)
		load += now - t->t_slice_start;
	return load;
}

void
sched_enqueue(struct sched_cpu *sc, struct thread *t)
{
	t->t_state = THREAD_RUNNABLE;
	t->t_rq_next = NULL;
	if (sc->sc_rq_tail != NULL)
		sc->sc_rq_tail->t_rq_next = t;
	else
		sc->sc_rq_head = t;
	sc->sc_rq_tail = t;
	/* A waking thread that has run less lately takes the CPU soon. */
	if (t != sc->sc_current && sc->sc_current != NULL) {
		uint64_t now = pv_clock_ns();

		if (sc->sc_current == sc->sc_idle ||
		    sched_load_now(sc, t, now) < sched_load_now(sc,
		    sc->sc_current, now))
			sc->sc_need_resched = true;
	}
}

/* Take the runnable thread with the least recent CPU use. */
static struct thread *
sched_dequeue(struct sched_cpu *sc)
{
	struct thread **best = NULL, *t;
	uint64_t now = pv_clock_ns(), best_load = UINT64_MAX;

	for (struct thread **pp = &sc->sc_rq_head; *pp != NULL;
	    pp = &(*pp)->t_rq_next) {
		uint64_t load = sched_load_now(sc, *pp, now);

		if (load < best_load) {
			best_load = load;
			best = pp;
		}
	}
	if (best == NULL)
		return NULL;
	t = *best;
	*best = t->t_rq_next;
	if (sc->sc_rq_tail == t) {
		sc->sc_rq_tail = NULL;
		for (struct thread *x = sc->sc_rq_head; x != NULL;
		    x = x->t_rq_next)
			sc->sc_rq_tail = x;
	}
	t->t_rq_next = NULL;
	return t;
}

/* Pick the next thread and switch to it.  Interrupts off. */
void
schedule(void)
{
	struct sched_cpu *sc = sched_this_cpu();
	struct thread *prev = sc->sc_current, *next;
	uint64_t now = pv_clock_ns();

	sc->sc_need_resched = false;
	/* Charge prev for its run so far, decayed to now. */
	prev->t_load = sched_load_decay(prev->t_load, now - prev->t_load_ns) +
	    (now - prev->t_slice_start);
	prev->t_load_ns = now;
	prev->t_runtime_ns += now - prev->t_slice_start;
	prev->t_slice_start = now;
	if (prev->t_state == THREAD_RUNNING && prev != sc->sc_idle)
		sched_enqueue(sc, prev);
	next = sched_dequeue(sc);
	if (next == NULL)
		next = prev->t_state == THREAD_RUNNING ? prev : sc->sc_idle;
	if (next == prev) {
		prev->t_state = THREAD_RUNNING;
		return;
	}
	next->t_state = THREAD_RUNNING;
	next->t_slice_start = now;
	sc->sc_current = next;
	sc->sc_stats.ss_switches++;
	/* Still runnable: preempted; else it blocked (or ended). */
	if (prev->t_state == THREAD_RUNNABLE)
		prev->t_counts.tc_nivcsw++;
	else
		prev->t_counts.tc_nvcsw++;
	if (prev->t_state == THREAD_DEAD && prev->t_detached)
		sc->sc_reap = prev;
	/* Ring-3 entries of next land on its stack, in its address space. */
	user_set_kstack(next->t_stack_top);
	if (prev->t_ustate != NULL && prev->t_state != THREAD_DEAD)
		user_state_save(prev->t_ustate);
	if (next->t_ustate != NULL)
		user_state_load(next->t_ustate);
	user_set_ring0(next->t_ring0);
	sched_switch(&prev->t_rsp, next->t_rsp, paging_root_of(next->t_space));
	/* Back on prev's stack, some time later. */
	if (sc->sc_reap != NULL && sc->sc_reap != sc->sc_current) {
		struct thread *dead = sc->sc_reap;

		sc->sc_reap = NULL;
		thread_free(dead);
	}
}

void
sched_irq_exit(struct trap_frame *tf)
{
	(void)tf;
	if (sched_this_cpu()->sc_need_resched) {
		sched_this_cpu()->sc_stats.ss_preemptions++;
		schedule();
	}
}

/* Take t off the sleepers' list if it is on it; interrupts off. */
void
sched_unsleep(struct sched_cpu *sc, struct thread *t)
{
	for (struct thread **pp = &sc->sc_sleepers; *pp != NULL;
	    pp = &(*pp)->t_sleep_next)
		if (*pp == t) {
			*pp = t->t_sleep_next;
			break;
		}
}

void
sched_preempt_slow(void)
{
	bool on = intr_save();

	if (sched_this_cpu()->sc_need_resched) {
		sched_this_cpu()->sc_stats.ss_preemptions++;
		schedule();
	}
	intr_restore(on);
}

void
sched_tick(void)
{
	struct sched_cpu *sc = sched_this_cpu();
	uint64_t now = pv_clock_ns();

	sc->sc_stats.ss_ticks++;
	while (sc->sc_sleepers != NULL && sc->sc_sleepers->t_wake_ns <= now) {
		struct thread *t = sc->sc_sleepers;

		sc->sc_sleepers = t->t_sleep_next;
		if (t->t_waitq != NULL) {	/* a timed wait ran out */
			waitq_unlink(t);
			t->t_timed_out = true;
		}
		sched_enqueue(sc, t);
	}
	if (sc->sc_rq_head != NULL && (sc->sc_current == sc->sc_idle ||
	    now - sc->sc_current->t_slice_start >= SCHED_SLICE_NS))
		sc->sc_need_resched = true;
}

static void
sched_timer_irq(void *arg, struct trap_frame *tf)
{
	(void)arg;
	(void)tf;
	lapic_eoi();
	sched_tick();
}

void
sched_idle(void *arg)
{
	(void)arg;
	for (;;) {
		intr_disable();
		if (sched_this_cpu()->sc_rq_head != NULL) {
			schedule();
			intr_enable();
			continue;
		}
		cpu_idle();	/* sti; hlt: no wakeup is lost in between */
	}
}

void
sched_init(void)
{
	struct sched_cpu *sc = sched_this_cpu();
	struct thread *m = &sched_main_thread;

	m->t_state = THREAD_RUNNING;
	m->t_tid = 0;
	m->t_stack_top = (uintptr_t)boot_stack_top;
	memcpy(m->t_name, "main", 5);
	m->t_slice_start = pv_clock_ns();
	sc->sc_current = m;
	sc->sc_stats.ss_threads = 1;
	sc->sc_idle = thread_create("idle", sched_idle, NULL, false);
	if (sc->sc_idle == NULL)
		panic("sched: cannot create the idle thread");
	/* The idle thread runs only when nothing else can. */
	sc->sc_rq_head = sc->sc_rq_tail = NULL;
	sc->sc_idle->t_state = THREAD_RUNNABLE;
	trap_set_handler(IRQ_VEC_TIMER, sched_timer_irq, NULL, "LAPIC-timer");
	trap_irq_exit_hook = sched_irq_exit;
}

int
sched_start_timer(unsigned int hz)
{
	uint64_t freq;

	if (hz < 10 || hz > 1000)
		return -EINVAL;
	freq = lapic_timer_start(hz, pv_clock_lapic_hz(), pv_clock_ns);
	if (freq == 0)
		return -ENODEV;
	sched_this_cpu()->sc_stats.ss_hz = hz;
	pr_info("sched: lapic timer %lu kHz, %u Hz tick, %s mode\n",
	    freq / 1000, hz, lapic_is_x2apic() ? "x2apic" : "xapic");
	return 0;
}

uint64_t
thread_runtime_ns(void)
{
	struct thread *t = thread_current();
	bool on = intr_save();
	/* With interrupts off: a switch in between would lose a run. */
	uint64_t ns = t->t_runtime_ns + (pv_clock_ns() - t->t_slice_start);

	intr_restore(on);
	return ns;
}

void
thread_yield(void)
{
	bool on = intr_save();

	schedule();
	intr_restore(on);
}

/* Queue t on the sleepers' list by its t_wake_ns; interrupts off. */
void
sched_sleep_insert(struct sched_cpu *sc, struct thread *t)
{
	struct thread **pp;

	for (pp = &sc->sc_sleepers; *pp != NULL &&
	    (*pp)->t_wake_ns <= t->t_wake_ns; pp = &(*pp)->t_sleep_next)
		;
	t->t_sleep_next = *pp;
	*pp = t;
}

void
thread_sleep_ns(uint64_t ns)
{
	struct sched_cpu *sc = sched_this_cpu();
	struct thread *t = thread_current();
	bool on = intr_save();

	t->t_wake_ns = pv_clock_ns() + ns;
	if (t->t_wake_ns < ns)
		t->t_wake_ns = UINT64_MAX;	/* "forever", not the past */
	sched_sleep_insert(sc, t);
	t->t_state = THREAD_BLOCKED;
	schedule();
	intr_restore(on);
}

void
sched_stats(struct sched_stats *ss)
{
	bool on = intr_save();

	*ss = sched_this_cpu()->sc_stats;
	intr_restore(on);
}
