/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Threads and the scheduler (see thread.h).  One CPU today, but the state
 * is gathered in struct sched_cpu so that SMP gives each CPU its own.
 * Everything that touches run queues runs with interrupts off.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/layout.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/timer_hw.h>
#include <arch/x86_64/include/trap.h>
#include <arch/x86_64/include/user.h>
#include <pv/common/pv_hv.h>
#include <kernel/log/panic.h>
#include <kernel/log/printk.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/mm/page_alloc.h>
#include <kernel/sched/sched_load.h>
#include <kernel/sched/thread.h>
#include <kernel/proc/signal.h>

#define SCHED_SLICE_NS	10000000	/* 10 ms */
#define KSTACK_ORDER	2		/* 16 KiB = KSTACK_SIZE */
#define KSTACK_SLOTS	4096

_Static_assert((PAGE_SIZE << KSTACK_ORDER) == KSTACK_SIZE, "stack order");

void	sched_switch(uint64_t *save_rsp, uint64_t new_rsp, uint64_t new_cr3);
void	sched_thread_entry(void);
__noreturn void thread_start(struct thread *t);

extern char boot_stack_top[];

struct sched_cpu sched_cpu0;
static struct thread sched_main_thread;
static int sched_next_tid = 1;
static uint8_t sched_slot_used[KSTACK_SLOTS];

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

static void
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

static void thread_free(struct thread *t);

/* Pick the next thread and switch to it.  Interrupts off. */
static void
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

static void
sched_irq_exit(struct trap_frame *tf)
{
	if (sched_this_cpu()->sc_need_resched) {
		sched_this_cpu()->sc_stats.ss_preemptions++;
		schedule();
	}
	/* Back to ring 3: signals sent meanwhile take effect now. */
	if ((tf->cs & 3) == 3)
		signal_deliver(tf);
}

/* Take t off the wait queue it sleeps on; interrupts off. */
static void
waitq_unlink(struct thread *t)
{
	for (struct thread **pp = &t->t_waitq->wq_head; *pp != NULL;
	    pp = &(*pp)->t_wq_next)
		if (*pp == t) {
			*pp = t->t_wq_next;
			break;
		}
	t->t_waitq = NULL;
}

/* Take t off the sleepers' list if it is on it; interrupts off. */
static void
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

static void
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

static int
thread_stack_alloc(struct thread *t)
{
	uint64_t pa;
	uintptr_t va;
	unsigned int slot;
	bool on = intr_save();

	for (slot = 0; slot < KSTACK_SLOTS && sched_slot_used[slot]; slot++)
		;
	if (slot == KSTACK_SLOTS) {
		intr_restore(on);
		return -ENOMEM;
	}
	sched_slot_used[slot] = 1;
	intr_restore(on);
	/* Each slot: one guard page, then the stack. */
	va = KSTACK_BASE + (uintptr_t)slot * (KSTACK_SIZE + PAGE_SIZE) +
	    PAGE_SIZE;
	if ((pa = page_alloc(KSTACK_ORDER)) == 0)
		goto fail;
	if (paging_map(va, pa, KSTACK_SIZE, PG_W | PG_NX | PG_G) != 0) {
		page_free(pa, KSTACK_ORDER);
		goto fail;
	}
	t->t_stack_slot = slot;
	t->t_stack_top = va + KSTACK_SIZE;
	return 0;
fail:
	sched_slot_used[slot] = 0;
	return -ENOMEM;
}

static void
thread_stack_free(struct thread *t)
{
	uintptr_t va = t->t_stack_top - KSTACK_SIZE;
	uint64_t pa = paging_virt_to_phys(va);

	paging_unmap(va, KSTACK_SIZE);
	page_free(pa, KSTACK_ORDER);
	sched_slot_used[t->t_stack_slot] = 0;
}

static void
thread_free(struct thread *t)
{
	kfree(t->t_ustate);
	thread_stack_free(t);
	kfree(t);
	sched_this_cpu()->sc_stats.ss_threads--;
}

struct thread *
thread_create(const char *name, void (*fn)(void *), void *arg, bool detached)
{
	struct thread *t = kzalloc(sizeof(*t));
	uint64_t *sp;
	size_t n;
	bool on;

	if (t == NULL)
		return NULL;
	if (thread_stack_alloc(t) != 0) {
		kfree(t);
		return NULL;
	}
	n = strnlen(name, sizeof(t->t_name) - 1);
	memcpy(t->t_name, name, n);
	t->t_fn = fn;
	t->t_arg = arg;
	t->t_detached = detached;
	/* The frame sched_switch pops: r15 r14 r13 r12 rbx rbp, then ret. */
	/*
	 * After the pops and ret, %rsp = top (16-aligned), so the call in
	 * sched_thread_entry enters thread_start as the ABI wants.
	 */
	sp = (uint64_t *)t->t_stack_top;
	*--sp = (uint64_t)sched_thread_entry;
	*--sp = 0;				/* rbp */
	*--sp = 0;				/* rbx */
	*--sp = (uint64_t)t;			/* r12 */
	*--sp = 0;				/* r13 */
	*--sp = 0;				/* r14 */
	*--sp = 0;				/* r15 */
	t->t_rsp = (uint64_t)sp;

	on = intr_save();
	t->t_tid = sched_next_tid++;
	sched_this_cpu()->sc_stats.ss_threads++;
	if (fn != sched_idle)
		sched_enqueue(sched_this_cpu(), t);
	intr_restore(on);
	return t;
}

void
thread_start(struct thread *t)
{
	struct sched_cpu *sc = sched_this_cpu();

	/* First run: finish what schedule() would after sched_switch. */
	if (sc->sc_reap != NULL && sc->sc_reap != t) {
		struct thread *dead = sc->sc_reap;

		sc->sc_reap = NULL;
		thread_free(dead);
	}
	intr_enable();
	t->t_fn(t->t_arg);
	thread_exit(0);
}

void
thread_exit(int value)
{
	struct thread *t = thread_current();

	intr_disable();
	if (t == &sched_main_thread || t == sched_this_cpu()->sc_idle)
		panic("thread: %s may not exit", t->t_name);
	t->t_exit = value;
	t->t_state = THREAD_DEAD;
	waitq_wake_all(&t->t_joiners);
	schedule();
	panic("thread: dead thread %s was scheduled", t->t_name);
}

int
thread_join(struct thread *t)
{
	int value;
	bool on;

	if (t->t_detached)
		panic("thread: join of detached thread %s", t->t_name);
	on = intr_save();
	while (t->t_state != THREAD_DEAD)
		waitq_wait_locked(&t->t_joiners);
	value = t->t_exit;
	thread_free(t);
	intr_restore(on);
	return value;
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
static void
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
waitq_wait_locked(struct waitq *wq)
{
	struct thread *t = thread_current();

	t->t_wq_next = wq->wq_head;
	wq->wq_head = t;
	t->t_waitq = wq;
	t->t_state = THREAD_BLOCKED;
	schedule();
	t->t_waitq = NULL;
}

void
waitq_wait_until_locked(struct waitq *wq, uint64_t deadline_ns)
{
	struct thread *t = thread_current();

	t->t_timed_out = false;
	if (deadline_ns != UINT64_MAX) {
		if (deadline_ns <= pv_clock_ns()) {
			t->t_timed_out = true;
			return;
		}
		t->t_wake_ns = deadline_ns;
		sched_sleep_insert(sched_this_cpu(), t);
	}
	waitq_wait_locked(wq);
}

void
thread_interrupt(struct thread *t)
{
	struct sched_cpu *sc = sched_this_cpu();
	bool on = intr_save();

	if (t->t_state != THREAD_BLOCKED) {
		intr_restore(on);
		return;
	}
	if (t->t_waitq != NULL)
		waitq_unlink(t);
	sched_unsleep(sc, t);
	sched_enqueue(sc, t);
	intr_restore(on);
}

void
waitq_wake_all(struct waitq *wq)
{
	bool on = intr_save();

	while (wq->wq_head != NULL) {
		struct thread *t = wq->wq_head;

		wq->wq_head = t->t_wq_next;
		t->t_waitq = NULL;
		if (t->t_state == THREAD_BLOCKED) {
			sched_unsleep(sched_this_cpu(), t);	/* timed wait */
			sched_enqueue(sched_this_cpu(), t);
		}
	}
	intr_restore(on);
}

void
sched_stats(struct sched_stats *ss)
{
	bool on = intr_save();

	*ss = sched_this_cpu()->sc_stats;
	intr_restore(on);
}
