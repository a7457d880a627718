/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The scheduler (see sched.h): run queues, sleepers, switches, the timer
 * tick and preemption, one struct sched_cpu per CPU.  Everything that
 * touches run queues runs with interrupts off and the kernel lock held
 * (klock.h).
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/klock.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/smp.h>
#include <arch/x86_64/include/timer_hw.h>
#include <arch/x86_64/include/trap.h>
#include <arch/x86_64/include/user.h>
#include <pv/common/pv_hv.h>
#include <kernel/log/panic.h>
#include <kernel/log/printk.h>
#include <kernel/sched/cpus.h>
#include <kernel/sched/sched.h>
#include <kernel/sched/sched_load.h>
#include <kernel/sched/sched_policy.h>
#include <kernel/sched/sched_priv.h>
#include <kernel/sched/thread.h>
#include <kernel/sched/waitq.h>

#define SCHED_SLICE_NS	10000000	/* 10 ms */

void	sched_switch(uint64_t *save_rsp, uint64_t new_rsp, uint64_t new_cr3);

extern char boot_stack_top[];

struct sched_cpu sched_cpus[SMP_MAX_CPUS];
struct thread sched_main_thread;

/* CPUs running threads: 0 .. sched_n - 1, some of them perhaps resting. */
static unsigned int sched_n = 1;
/* Every timed sleeper, by t_wake_ns: CPU 0's tick wakes them. */
static struct thread *sched_sleepers;
/* SCHED_DEADLINE bandwidth reserved (sched_dl_bw units), all CPUs. */
static uint64_t sched_dl_bw_used;
/* The local APIC timer's rate and the tick, for the other CPUs. */
static uint64_t sched_lapic_hz;
static unsigned int sched_hz;

/* Classes, best last: the order threads of different classes run in. */
enum sched_rank {
	SCHED_RANK_IDLE_THREAD,		/* the CPU's idle thread */
	SCHED_RANK_IDLE,		/* SCHED_IDLE */
	SCHED_RANK_RT_OVER,		/* FIFO/RR past their share */
	SCHED_RANK_FAIR,		/* SCHED_OTHER, SCHED_BATCH */
	SCHED_RANK_RT,			/* SCHED_FIFO, SCHED_RR */
	SCHED_RANK_DL,			/* SCHED_DEADLINE */
	SCHED_RANK_KERNEL,		/* the kernel's own threads */
};

static uint32_t sched_weight[SCHED_NICE_MAX - SCHED_NICE_MIN + 1];

static enum sched_rank
sched_rank(const struct sched_cpu *sc, const struct thread *t)
{
	if (t == sc->sc_idle)
		return SCHED_RANK_IDLE_THREAD;
	/*
	 * The kernel's threads (console input, timer expiries) are what
	 * interrupt handlers are elsewhere: they run first, briefly.
	 */
	if (t->t_proc == NULL)
		return SCHED_RANK_KERNEL;
	switch (t->t_sp.sp_policy) {
	case SCHED_DEADLINE:
		return SCHED_RANK_DL;
	case SCHED_FIFO:
	case SCHED_RR:
		return sc->sc_rt_throttled ? SCHED_RANK_RT_OVER : SCHED_RANK_RT;
	case SCHED_IDLE:
		return SCHED_RANK_IDLE;
	default:
		return SCHED_RANK_FAIR;
	}
}

/* ns of t's run time as its nice weighs it (1024: nice 0). */
static uint64_t
sched_weighed(const struct thread *t, uint64_t ns)
{
	uint32_t w = sched_weight[t->t_sp.sp_nice - SCHED_NICE_MIN];

	return w == 1024 || w == 0 ? ns : ns * 1024 / w;
}

/* t's load as of now (the running thread's includes its current run). */
static uint64_t
sched_load_now(const struct sched_cpu *sc, const struct thread *t,
    uint64_t now)
{
	uint64_t load = sched_load_decay(t->t_load, now - t->t_load_ns);

	if (t == sc->sc_current)
		load += sched_weighed(t, now - t->t_slice_start);
	return load;
}

/* Should a run before b? */
static bool
sched_before(const struct sched_cpu *sc, const struct thread *a,
    const struct thread *b, uint64_t now)
{
	enum sched_rank ra = sched_rank(sc, a), rb = sched_rank(sc, b);

	if (ra != rb)
		return ra > rb;
	switch (ra) {
	case SCHED_RANK_IDLE_THREAD:
		return false;
	case SCHED_RANK_DL:
		return a->t_dl_abs < b->t_dl_abs;
	case SCHED_RANK_RT:
	case SCHED_RANK_RT_OVER:
		return a->t_sp.sp_rtprio > b->t_sp.sp_rtprio;
	default:
		return sched_load_now(sc, a, now) < sched_load_now(sc, b, now);
	}
}

/* Charge the running thread's run since sc_acct_ns to its budgets. */
static void
sched_account(struct sched_cpu *sc, uint64_t now)
{
	struct thread *cur = sc->sc_current;
	uint64_t d = now - sc->sc_acct_ns;

	sc->sc_acct_ns = now;
	if (now - sc->sc_rt_period_ns >= SCHED_RT_PERIOD_NS) {
		sc->sc_rt_period_ns = now;
		sc->sc_rt_used_ns = 0;
		if (sc->sc_rt_throttled) {
			sc->sc_rt_throttled = false;
			sc->sc_cl->cl_resched = true;
		}
	}
	if (cur == NULL || cur == sc->sc_idle || cur->t_proc == NULL)
		return;
	switch (cur->t_sp.sp_policy) {
	case SCHED_RR:
		cur->t_rr_used_ns += d;
		/* fall through */
	case SCHED_FIFO:
		sc->sc_rt_used_ns += d;
		if (!sc->sc_rt_throttled &&
		    sc->sc_rt_used_ns >= SCHED_RT_RUNTIME_NS) {
			sc->sc_rt_throttled = true;
			sc->sc_cl->cl_resched = true;
		}
		break;
	case SCHED_DEADLINE:
		cur->t_dl_budget -= (int64_t)d;
		break;
	}
}

/* Put t on the run queue: at the tail, or the head if t_rq_head. */
static void
sched_rq_add(struct sched_cpu *sc, struct thread *t)
{
	t->t_state = THREAD_RUNNABLE;
	t->t_cpu = sc->sc_index;
	sc->sc_nr++;
	if (t->t_rq_head) {
		t->t_rq_head = false;
		t->t_rq_next = sc->sc_rq_head;
		sc->sc_rq_head = t;
		if (sc->sc_rq_tail == NULL)
			sc->sc_rq_tail = t;
		return;
	}
	t->t_rq_next = NULL;
	if (sc->sc_rq_tail != NULL)
		sc->sc_rq_tail->t_rq_next = t;
	else
		sc->sc_rq_head = t;
	sc->sc_rq_tail = t;
}

/* Take t off the run queue, where it is. */
static void
sched_rq_remove(struct sched_cpu *sc, struct thread *t)
{
	struct thread *prev = NULL;

	for (struct thread **pp = &sc->sc_rq_head; *pp != NULL;
	    prev = *pp, pp = &(*pp)->t_rq_next)
		if (*pp == t) {
			*pp = t->t_rq_next;
			if (sc->sc_rq_tail == t)
				sc->sc_rq_tail = prev;
			t->t_rq_next = NULL;
			sc->sc_nr--;
			return;
		}
}

/* Ask for a switch if t, just queued, should run before the current one. */
static void
sched_check_preempt(struct sched_cpu *sc, struct thread *t, uint64_t now)
{
	struct thread *cur = sc->sc_current;

	if (t == cur || cur == NULL)
		return;
	if (cur == sc->sc_idle) {
		sc->sc_cl->cl_resched = true;
		return;
	}
	if (!sched_before(sc, t, cur, now))
		return;
	/* SCHED_BATCH does not take the CPU from its own class at wake-up. */
	if (t->t_sp.sp_policy == SCHED_BATCH &&
	    sched_rank(sc, cur) == SCHED_RANK_FAIR)
		return;
	sc->sc_cl->cl_resched = true;
}

/* A new reservation period for deadline thread t from now on. */
static void
sched_dl_renew(struct thread *t, uint64_t now)
{
	t->t_dl_abs = now + t->t_sp.sp_dl_deadline;
	t->t_dl_budget = (int64_t)t->t_sp.sp_dl_runtime;
}

/*
 * Deadline thread t has used its budget: it waits, off the run queue,
 * for its next period (then the budget is topped up and the deadline
 * moves a period on).  Returns false when that time has come already:
 * t is topped up and may run.
 */
static bool
sched_dl_throttle(struct sched_cpu *sc, struct thread *t, uint64_t now)
{
	uint64_t next = t->t_dl_abs - t->t_sp.sp_dl_deadline +
	    t->t_sp.sp_dl_period;

	if (next > now) {
		t->t_state = THREAD_RUNNABLE;
		t->t_cpu = sc->sc_index;
		t->t_dl_throttled = true;
		t->t_wake_ns = next;
		t->t_rq_next = sc->sc_throttled;
		sc->sc_throttled = t;
		return true;
	}
	while (t->t_dl_budget <= 0) {
		t->t_dl_abs += t->t_sp.sp_dl_period;
		t->t_dl_budget += (int64_t)t->t_sp.sp_dl_runtime;
	}
	if (t->t_dl_abs <= now)
		sched_dl_renew(t, now);
	return false;
}

/* Take t off the throttled list. */
static void
sched_dl_unthrottle(struct sched_cpu *sc, struct thread *t)
{
	for (struct thread **pp = &sc->sc_throttled; *pp != NULL;
	    pp = &(*pp)->t_rq_next)
		if (*pp == t) {
			*pp = t->t_rq_next;
			break;
		}
	t->t_rq_next = NULL;
	t->t_dl_throttled = false;
}

/* Throttled deadline threads whose period has come go back to run. */
static void
sched_dl_replenish(struct sched_cpu *sc, uint64_t now)
{
	for (struct thread **pp = &sc->sc_throttled; *pp != NULL;) {
		struct thread *t = *pp;

		if (t->t_wake_ns > now) {
			pp = &t->t_rq_next;
			continue;
		}
		*pp = t->t_rq_next;
		t->t_dl_throttled = false;
		(void)sched_dl_throttle(sc, t, now);	/* due: tops up */
		sched_rq_add(sc, t);
		sched_check_preempt(sc, t, now);
	}
}

void
sched_enqueue(struct sched_cpu *sc, struct thread *t)
{
	uint64_t now = pv_clock_ns();

	if (t->t_sp.sp_policy == SCHED_DEADLINE && t->t_proc != NULL) {
		/* Out of budget before its deadline: wait for the period. */
		if (t->t_dl_budget <= 0 && now < t->t_dl_abs &&
		    sched_dl_throttle(sc, t, now))
			return;
		/* The constant-bandwidth rule: keep what is left only if
		 * that stays within the reserved bandwidth. */
		if (sched_dl_cbs_renew(t->t_dl_budget > 0 ?
		    (uint64_t)t->t_dl_budget : 0, t->t_dl_abs, now,
		    t->t_sp.sp_dl_runtime, t->t_sp.sp_dl_deadline))
			sched_dl_renew(t, now);
	}
	sched_rq_add(sc, t);
	sched_check_preempt(sc, t, now);
}

/* Take the runnable thread that should run first (sched_before). */
static struct thread *
sched_dequeue(struct sched_cpu *sc)
{
	struct thread *best = sc->sc_rq_head;
	uint64_t now = pv_clock_ns();

	if (best == NULL)
		return NULL;
	/* Strictly before: among equals the one nearest the head wins. */
	for (struct thread *t = best->t_rq_next; t != NULL; t = t->t_rq_next)
		if (sched_before(sc, t, best, now))
			best = t;
	sched_rq_remove(sc, best);
	return best;
}

/* Charge t, the running thread, for its run so far. */
static void
sched_charge(struct thread *t, uint64_t now)
{
	t->t_load = sched_load_decay(t->t_load, now - t->t_load_ns) +
	    sched_weighed(t, now - t->t_slice_start);
	t->t_load_ns = now;
	t->t_slice_start = now;
}

/*
 * prev leaves this CPU for next: prev's run is added to its runtime and
 * next's starts.  The clock is read inside the odd section, so that a
 * reader on another CPU that saw prev running at an instant gets no
 * more than prev's runtime is after it (thread_cpu_ns stays monotonic).
 * Interrupts off.
 */
static void
sched_run_switch(struct thread *prev, struct thread *next)
{
	uint64_t now;

	WRITE_ONCE(prev->t_run_seq, prev->t_run_seq + 1);
	WRITE_ONCE(next->t_run_seq, next->t_run_seq + 1);
	barrier();
	now = pv_clock_ns();
	if (prev->t_run_on && now > prev->t_run_mark_ns)
		prev->t_runtime_ns += now - prev->t_run_mark_ns;
	prev->t_run_mark_ns = now;
	prev->t_run_on = false;
	next->t_run_mark_ns = now;
	next->t_run_on = true;
	barrier();
	WRITE_ONCE(next->t_run_seq, next->t_run_seq + 1);
	WRITE_ONCE(prev->t_run_seq, prev->t_run_seq + 1);
}

uint64_t
thread_cpu_ns(const struct thread *t)
{
	uint64_t run, mark, now;
	uint32_t seq;
	bool on;

	/* x86 keeps loads in order and stores in order: a compiler
	 * barrier is enough around the fields. */
	do {
		while ((seq = READ_ONCE(t->t_run_seq)) & 1)
			cpu_relax();
		barrier();
		run = t->t_runtime_ns;
		mark = t->t_run_mark_ns;
		on = t->t_run_on;
		now = on ? pv_clock_ns() : 0;
		barrier();
	} while (READ_ONCE(t->t_run_seq) != seq);
	return on && now > mark ? run + (now - mark) : run;
}

static void	sched_tickless_update(struct sched_cpu *sc);

/* Elastically resting CPUs that a thread could not run without. */
static uint64_t sched_wanted;

static uint64_t
sched_elastic_mask(void)
{
	uint64_t m = 0;

	for (unsigned int n = 1; n < sched_n; n++)
		if (sched_cpus[n].sc_resting && sched_cpus[n].sc_elastic)
			m |= (uint64_t)1 << n;
	return m;
}

void
sched_charge_user(uint64_t ns)
{
	sched_this_cpu()->sc_user_ns += ns;
}

void
sched_thread_prefer_cpu(struct thread *t, unsigned int n)
{
	bool on = intr_save();

	if (n < sched_n && t->t_state == THREAD_RUNNABLE &&
	    !t->t_dl_throttled && t->t_cpu < sched_n && t->t_cpu != n) {
		sched_rq_remove(&sched_cpus[t->t_cpu], t);
		t->t_cpu = n;
		sched_wake(t);
	}
	intr_restore(on);
}

uint64_t
sched_take_wanted(void)
{
	return __atomic_exchange_n(&sched_wanted, 0, __ATOMIC_RELAXED) &
	    sched_elastic_mask();
}

/* May t run on CPU sc? */
static bool
sched_allowed(const struct sched_cpu *sc, const struct thread *t)
{
	if (!sc->sc_online || sc->sc_resting)
		return false;
	/* The kernel's own threads stay on CPU 0, as do the boot thread
	 * and whatever runs before there are programs. */
	if (t->t_proc == NULL && !t->t_user)
		return sc->sc_index == 0;
	return (t->t_affinity >> sc->sc_index) & 1;
}

/*
 * May idle CPU self take t from another CPU's queue?  CPU 0 leaves the
 * ring-0 app where placement put it (a CPU of its own, where it can run
 * without a tick); any other CPU may take it.
 */
static bool
sched_stealable(const struct sched_cpu *self, const struct thread *t)
{
	return sched_allowed(self, t) && !(t->t_ring0 && self->sc_index == 0);
}

static bool
sched_cpu_idle(const struct sched_cpu *sc)
{
	return sc->sc_current == sc->sc_idle && sc->sc_nr == 0;
}

/*
 * Where t should run: its last CPU if that is idle, else an idle CPU it
 * may use, else the one with the fewest threads (its last one on a tie).
 * A thread whose allowed CPUs are all resting or gone runs on CPU 0, as
 * Linux breaks affinity rather than lose a thread.
 */
static struct sched_cpu *
sched_place(const struct thread *t)
{
	struct sched_cpu *last, *best = NULL;
	unsigned int best_load = ~0u;

	if (sched_n == 1)
		return &sched_cpus[0];
	last = &sched_cpus[t->t_cpu < sched_n ? t->t_cpu : 0];
	if (sched_allowed(last, t) && sched_cpu_idle(last))
		return last;
	for (unsigned int n = 0; n < sched_n; n++) {
		struct sched_cpu *sc = &sched_cpus[n];
		unsigned int load;

		if (!sched_allowed(sc, t))
			continue;
		if (sched_cpu_idle(sc))
			return sc;
		load = sc->sc_nr + (sc->sc_current != sc->sc_idle);
		if (load < best_load || (load == best_load && sc == last)) {
			best = sc;
			best_load = load;
		}
	}
	if (best == NULL)	/* the policy brings one of them back */
		__atomic_or_fetch(&sched_wanted, t->t_affinity &
		    sched_elastic_mask(), __ATOMIC_RELAXED);
	return best != NULL ? best : &sched_cpus[0];
}

/* An IPI to CPU sc: it leaves its halt or its program, and switches. */
static void
sched_kick(struct sched_cpu *sc)
{
	if (sc == sched_this_cpu())
		return;
	sc->sc_kicks++;
	lapic_send_ipi(smp_cpu_local(sc->sc_index)->cl_apic_id, IRQ_VEC_IPI);
}

void
sched_kick_thread(struct thread *t)
{
	if (t->t_state == THREAD_RUNNING && t->t_cpu < sched_n &&
	    &sched_cpus[t->t_cpu] != sched_this_cpu())
		sched_kick(&sched_cpus[t->t_cpu]);
}

void
sched_wake(struct thread *t)
{
	struct sched_cpu *sc = sched_place(t);

	sched_enqueue(sc, t);
	if (sc->sc_cl->cl_resched)
		sched_kick(sc);
}

/*
 * The CPU an idle CPU self should take a waiting thread from: the one
 * with the most waiting that has one self may run; NULL when none has.
 */
static struct sched_cpu *
sched_steal_from(struct sched_cpu *self)
{
	struct sched_cpu *from = NULL;

	for (unsigned int n = 0; n < sched_n; n++) {
		struct sched_cpu *sc = &sched_cpus[n];

		if (sc == self || sc->sc_nr == 0 ||
		    (from != NULL && sc->sc_nr <= from->sc_nr))
			continue;
		for (struct thread *t = sc->sc_rq_head; t != NULL;
		    t = t->t_rq_next)
			if (sched_stealable(self, t)) {
				from = sc;
				break;
			}
	}
	return from;
}

/* Take a waiting thread from another CPU's queue.  Interrupts off. */
static struct thread *
sched_steal(struct sched_cpu *self)
{
	struct sched_cpu *from = sched_steal_from(self);

	if (from == NULL)
		return NULL;
	for (struct thread *t = from->sc_rq_head; t != NULL; t = t->t_rq_next)
		if (sched_stealable(self, t)) {
			sched_rq_remove(from, t);
			self->sc_steals++;
			return t;
		}
	return NULL;
}

/* Pick the next thread and switch to it.  Interrupts off. */
void
schedule(void)
{
	struct sched_cpu *sc = sched_this_cpu();
	struct thread *prev = sc->sc_current, *next;
	uint64_t now = pv_clock_ns();
	uint64_t root;
	bool to_tail;

	sc->sc_cl->cl_resched = false;
	sched_account(sc, now);
	sched_charge(prev, now);
	/* A yield or a spent RR slice goes to the back of its priority. */
	to_tail = sc->sc_yield || prev->t_rr_used_ns >= SCHED_RR_SLICE_NS;
	sc->sc_yield = false;
	if (prev->t_rr_used_ns >= SCHED_RR_SLICE_NS)
		prev->t_rr_used_ns = 0;
	if (prev->t_state == THREAD_RUNNING && prev != sc->sc_idle) {
		if (prev->t_sp.sp_policy == SCHED_DEADLINE &&
		    prev->t_proc != NULL && prev->t_dl_budget <= 0 &&
		    sched_dl_throttle(sc, prev, now)) {
			/* it waits on sc_throttled for its next period */
		} else if (!sched_allowed(sc, prev)) {
			/* This CPU rests, or prev may no longer run here. */
			prev->t_state = THREAD_RUNNABLE;
			sched_wake(prev);
		} else {
			/* A preempted FIFO/RR thread keeps its place. */
			prev->t_rq_head = !to_tail &&
			    sched_policy_is_rt(prev->t_sp.sp_policy);
			sched_rq_add(sc, prev);
		}
	}
	next = sched_dequeue(sc);
	if (next == NULL && sched_n > 1 && !sc->sc_resting &&
	    (prev == sc->sc_idle || prev->t_state != THREAD_RUNNING))
		next = sched_steal(sc);
	if (next == NULL)
		next = prev->t_state == THREAD_RUNNING ? prev : sc->sc_idle;
	if (next == prev) {
		prev->t_state = THREAD_RUNNING;
		sched_tickless_update(sc);
		return;
	}
	next->t_state = THREAD_RUNNING;
	next->t_slice_start = now;
	next->t_cpu = sc->sc_index;
	sched_run_switch(prev, next);
	if (prev != sc->sc_idle)
		sc->sc_busy_ns += now - sc->sc_switch_ns;
	sc->sc_switch_ns = now;
	sc->sc_current = next;
	sc->sc_cl->cl_current = next;
	sc->sc_stats.ss_switches++;
	sched_tickless_update(sc);
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
	/* Shootdowns for next's page tables reach this CPU from now on. */
	root = paging_root_of(next->t_space);
	cpu_this()->cl_cr3 = root;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	/* Before the lock is on, every thread keeps the 1 it was made with
	 * (it is in the kernel's code; its interrupts took no lock). */
	if (klock_on)
		prev->t_kl_depth = klock_depth();
	sched_switch(&prev->t_rsp, next->t_rsp, root);
	/* Back on prev's stack, some time later, perhaps on another CPU. */
	if (klock_on)
		klock_set_depth(prev->t_kl_depth);
	sc = sched_this_cpu();
	if (sc->sc_reap != NULL && sc->sc_reap != sc->sc_current) {
		struct thread *dead = sc->sc_reap;

		sc->sc_reap = NULL;
		thread_free(dead);
	}
}

/*
 * An interrupt ends: switch if a more deserving thread woke.  Not when
 * it interrupted a program's system call in the kernel's code: the
 * kernel's structures (directories, lists of processes, mappings) are
 * kept consistent by running each call to its end or its next wait on
 * this CPU, as a Linux built without kernel preemption does; that call
 * switches on its way out (sched_preempt_point) or when it blocks.
 * Ring 3, an app's code at CPL0 (the ring-0 app) and the kernel's own
 * threads, which take their own care, are preempted.
 */
/*
 * The ring-0 app alone on a CPU other than 0 takes no tick there: no
 * thread waits to share the CPU, and CPU 0's tick serves the timed
 * sleepers.  The tick comes back when a thread is queued there (its
 * wake-up IPI ends in sched_irq_exit) or the app leaves the CPU
 * (schedule).  On this CPU, interrupts off.
 */
static void
sched_tickless_update(struct sched_cpu *sc)
{
	const struct thread *cur = sc->sc_current;
	bool alone = sc->sc_index != 0 && sched_hz != 0 && cur->t_ring0 &&
	    sc->sc_nr == 0 && sc->sc_throttled == NULL && !sc->sc_resting &&
	    cur->t_sp.sp_policy != SCHED_DEADLINE;

	if (alone == sc->sc_tickless)
		return;
	sc->sc_tickless = alone;
	if (alone) {
		lapic_timer_stop();
		sc->sc_tickless_stops++;
	} else {
		(void)lapic_timer_start(sched_hz, sched_lapic_hz, pv_clock_ns);
	}
}

void
sched_irq_exit(struct trap_frame *tf)
{
	struct thread *cur = sched_this_cpu()->sc_current;

	if (sched_this_cpu()->sc_tickless)
		sched_tickless_update(sched_this_cpu());

	if (cur->t_proc != NULL && trap_in_kernel_code(tf))
		return;
	if (sched_this_cpu()->sc_cl->cl_resched) {
		sched_this_cpu()->sc_stats.ss_preemptions++;
		schedule();
	}
}

/* Take t off the sleepers' list if it is on it; interrupts off. */
void
sched_unsleep(struct thread *t)
{
	for (struct thread **pp = &sched_sleepers; *pp != NULL;
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

	if (sched_this_cpu()->sc_cl->cl_resched) {
		sched_this_cpu()->sc_stats.ss_preemptions++;
		schedule();
	}
	intr_restore(on);
}

void
sched_tick(void)
{
	struct sched_cpu *sc = sched_this_cpu();
	struct thread *cur = sc->sc_current;
	uint64_t now = pv_clock_ns();

	sc->sc_stats.ss_ticks++;
	while (sc->sc_index == 0 && sched_sleepers != NULL &&
	    sched_sleepers->t_wake_ns <= now) {
		struct thread *t = sched_sleepers;

		sched_sleepers = t->t_sleep_next;
		if (t->t_waitq != NULL) {	/* a timed wait ran out */
			waitq_unlink(t);
			t->t_timed_out = true;
		}
		sched_wake(t);
	}
	sched_account(sc, now);
	if (sc->sc_throttled != NULL)
		sched_dl_replenish(sc, now);
	/* Threads wait here while a CPU idles: it comes to take one. */
	if (sc->sc_nr != 0 && sched_n > 1)
		for (unsigned int n = 0; n < sched_n; n++)
			if (sched_cpu_idle(&sched_cpus[n]) &&
			    sched_cpus[n].sc_online &&
			    !sched_cpus[n].sc_resting) {
				sched_kick(&sched_cpus[n]);
				break;
			}
	if (sc->sc_rq_head == NULL && !(cur->t_sp.sp_policy ==
	    SCHED_DEADLINE && cur->t_dl_budget <= 0 && cur->t_proc != NULL))
		return;
	switch (sched_rank(sc, cur)) {
	case SCHED_RANK_IDLE_THREAD:
		sc->sc_cl->cl_resched = true;
		break;
	case SCHED_RANK_DL:		/* runs until its budget is spent */
		if (cur->t_dl_budget <= 0)
			sc->sc_cl->cl_resched = true;
		break;
	case SCHED_RANK_RT:		/* FIFO runs until it blocks or
					 * yields; RR for its slice */
		if (cur->t_rr_used_ns >= SCHED_RR_SLICE_NS)
			sc->sc_cl->cl_resched = true;
		break;
	default:
		if (now - cur->t_slice_start >= SCHED_SLICE_NS)
			sc->sc_cl->cl_resched = true;
		break;
	}
}

static void
sched_timer_irq(void *arg, struct trap_frame *tf)
{
	(void)arg;
	(void)tf;
	lapic_eoi();
	sched_tick();
	sched_tickless_update(sched_this_cpu());
}

/*
 * A CPU's idle thread: it runs what is queued here, or what it can take
 * from a busier CPU, or rests when asked to, or halts without the kernel
 * lock until an interrupt (a kick from a waker, its tick).
 */
void
sched_idle(void *arg)
{
	(void)arg;
	for (;;) {
		struct sched_cpu *sc;
		unsigned int depth;

		intr_disable();
		sc = sched_this_cpu();
		if (sc->sc_rq_head != NULL || sc->sc_cl->cl_resched ||
		    (sched_n > 1 && !sc->sc_resting && sched_steal_from(sc) != NULL)) {
			schedule();
			intr_enable();
			continue;
		}
		if (sc->sc_resting) {
			cpus_rest_here(sc->sc_index);
			intr_enable();
			continue;
		}
		depth = klock_drop();
		cpu_idle();	/* sti; hlt: no wakeup is lost in between */
		intr_disable();
		klock_retake(depth);
		intr_enable();
	}
}

void
sched_init(void)
{
	struct sched_cpu *sc = &sched_cpus[0];
	struct thread *m = &sched_main_thread;

	cpu_this()->cl_sched = sc;
	sc->sc_cl = cpu_this();
	sc->sc_online = true;
	m->t_kl_depth = 1;
	m->t_affinity = ~(uint64_t)0;

	m->t_state = THREAD_RUNNING;
	m->t_tid = 0;
	m->t_stack_top = (uintptr_t)boot_stack_top;
	memcpy(m->t_name, "main", 5);
	m->t_slice_start = pv_clock_ns();
	m->t_run_mark_ns = m->t_slice_start;
	m->t_run_on = true;
	sc->sc_acct_ns = sc->sc_rt_period_ns = m->t_slice_start;
	sc->sc_switch_ns = m->t_slice_start;
	for (int n = SCHED_NICE_MIN; n <= SCHED_NICE_MAX; n++)
		sched_weight[n - SCHED_NICE_MIN] = sched_nice_weight(n);
	sc->sc_current = m;
	sc->sc_cl->cl_current = m;
	sc->sc_stats.ss_threads = 1;
	sc->sc_idle = thread_create("idle", sched_idle, NULL, false);
	if (sc->sc_idle == NULL)
		panic("sched: cannot create the idle thread");
	/* The idle thread runs only when nothing else can. */
	sc->sc_rq_head = sc->sc_rq_tail = NULL;
	sc->sc_idle->t_state = THREAD_RUNNABLE;
	trap_set_handler(IRQ_VEC_TIMER, sched_timer_irq, NULL, "LAPIC-timer");
	trap_irq_exit_hook = sched_irq_exit;
	cpu_this()->cl_threads = true;	/* interrupts here end in it */
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
	sched_lapic_hz = freq;
	sched_hz = hz;
	sched_this_cpu()->sc_stats.ss_hz = hz;
	pr_info("sched: lapic timer %lu kHz, %u Hz tick, %s mode\n",
	    freq / 1000, hz, lapic_is_x2apic() ? "x2apic" : "xapic");
	return 0;
}

uint64_t
thread_runtime_ns(void)
{
	return thread_cpu_ns(thread_current());
}

void
thread_yield(void)
{
	struct sched_cpu *sc = sched_this_cpu();
	struct thread *t = sc->sc_current;
	bool on = intr_save();

	/* To the back of its priority; a deadline thread gives up the
	 * rest of its budget until its next period, as on Linux. */
	sc->sc_yield = true;
	if (t->t_sp.sp_policy == SCHED_DEADLINE && t->t_proc != NULL)
		t->t_dl_budget = 0;
	schedule();
	intr_restore(on);
}

/* Queue t on the sleepers' list by its t_wake_ns; interrupts off. */
void
sched_sleep_insert(struct thread *t)
{
	struct thread **pp;

	for (pp = &sched_sleepers; *pp != NULL &&
	    (*pp)->t_wake_ns <= t->t_wake_ns; pp = &(*pp)->t_sleep_next)
		;
	t->t_sleep_next = *pp;
	*pp = t;
}

void
thread_sleep_ns(uint64_t ns)
{
	struct thread *t = thread_current();
	bool on = intr_save();

	t->t_wake_ns = pv_clock_ns() + ns;
	if (t->t_wake_ns < ns)
		t->t_wake_ns = UINT64_MAX;	/* "forever", not the past */
	sched_sleep_insert(t);
	t->t_state = THREAD_BLOCKED;
	schedule();
	intr_restore(on);
}

void
sched_stats(struct sched_stats *ss)
{
	bool on = intr_save();

	*ss = sched_cpus[0].sc_stats;
	for (unsigned int n = 1; n < sched_n; n++) {
		ss->ss_ticks += sched_cpus[n].sc_stats.ss_ticks;
		ss->ss_switches += sched_cpus[n].sc_stats.ss_switches;
		ss->ss_preemptions += sched_cpus[n].sc_stats.ss_preemptions;
	}
	intr_restore(on);
}

int
sched_thread_set_policy(struct thread *t, const struct sched_policy *sp)
{
	bool on = intr_save();
	struct sched_cpu *sc = &sched_cpus[t->t_cpu < sched_n ? t->t_cpu : 0];
	const struct sched_policy *old = &t->t_sp;
	uint64_t now = pv_clock_ns();
	uint64_t old_bw = 0, new_bw = 0;
	bool queued, moved, lowered;

	if (old->sp_policy == SCHED_DEADLINE)
		old_bw = sched_dl_bw(old->sp_dl_runtime, old->sp_dl_period);
	if (sp->sp_policy == SCHED_DEADLINE)
		new_bw = sched_dl_bw(sp->sp_dl_runtime, sp->sp_dl_period);
	if (new_bw > old_bw && sched_dl_bw_used - old_bw + new_bw >
	    SCHED_DL_BW_LIMIT) {
		intr_restore(on);
		return -EBUSY;
	}
	sched_dl_bw_used = sched_dl_bw_used - old_bw + new_bw;
	/* Charge the running thread under what it was until now. */
	sched_account(sc, now);
	if (t == sc->sc_current)
		sched_charge(t, now);
	if (t->t_dl_throttled) {
		sched_dl_unthrottle(sc, t);
		t->t_state = THREAD_RUNNABLE;
		queued = false;
	} else {
		queued = t->t_state == THREAD_RUNNABLE;
	}
	/* Where a FIFO/RR thread goes: a change of priority moves it,
	 * to the head when lowered; the same priority keeps its place. */
	lowered = sched_policy_is_rt(old->sp_policy) &&
	    (!sched_policy_is_rt(sp->sp_policy) ||
	    sp->sp_rtprio < old->sp_rtprio);
	moved = !queued || old->sp_policy != sp->sp_policy ||
	    old->sp_rtprio != sp->sp_rtprio;
	if (queued && moved)
		sched_rq_remove(sc, t);
	if (sp->sp_policy == SCHED_DEADLINE &&
	    (old->sp_policy != SCHED_DEADLINE ||
	    old->sp_dl_runtime != sp->sp_dl_runtime ||
	    old->sp_dl_deadline != sp->sp_dl_deadline ||
	    old->sp_dl_period != sp->sp_dl_period)) {
		t->t_sp = *sp;
		sched_dl_renew(t, now);
	}
	t->t_sp = *sp;
	if (sp->sp_policy != SCHED_RR)
		t->t_rr_used_ns = 0;
	if (t == sc->sc_current) {
		/* Something queued may now come first. */
		for (struct thread *x = sc->sc_rq_head; x != NULL;
		    x = x->t_rq_next)
			if (sched_before(sc, x, t, now)) {
				sc->sc_cl->cl_resched = true;
				break;
			}
	} else if (t->t_state == THREAD_RUNNABLE && moved) {
		t->t_rq_head = lowered;
		sched_rq_add(sc, t);
		sched_check_preempt(sc, t, now);
	}
	if (sc->sc_cl->cl_resched)
		sched_kick(sc);
	intr_restore(on);
	return 0;
}

uint64_t
sched_thread_rr_interval(const struct thread *t)
{
	switch (t->t_sp.sp_policy) {
	case SCHED_RR:
		return SCHED_RR_SLICE_NS;
	case SCHED_FIFO:
	case SCHED_DEADLINE:
		return 0;
	default:
		return SCHED_SLICE_NS;
	}
}

/* t ends (thread_exit): its deadline reservation is given back. */
void
sched_thread_gone(struct thread *t)
{
	if (t->t_sp.sp_policy == SCHED_DEADLINE)
		sched_dl_bw_used -= sched_dl_bw(t->t_sp.sp_dl_runtime,
		    t->t_sp.sp_dl_period);
	t->t_sp.sp_policy = SCHED_OTHER;
}

/* ---- several CPUs ---- */

unsigned int
sched_ncpus(void)
{
	return sched_n;
}

uint64_t
sched_online_mask(void)
{
	uint64_t m = 0;

	for (unsigned int n = 0; n < sched_n; n++)
		if (sched_cpus[n].sc_online && (!sched_cpus[n].sc_resting ||
		    sched_cpus[n].sc_elastic))
			m |= (uint64_t)1 << n;
	return m;
}

void
sched_smp_start(unsigned int ncpus)
{
	bool on = intr_save();

	if (ncpus > SMP_MAX_CPUS)
		ncpus = SMP_MAX_CPUS;
	for (unsigned int n = 1; n < ncpus; n++) {
		struct sched_cpu *sc = &sched_cpus[n];
		char name[16] = "idle";

		name[4] = (char)('0' + n / 10 % 10);
		name[5] = (char)('0' + n % 10);
		sc->sc_index = n;
		sc->sc_idle = thread_create(name, sched_idle, NULL, false);
		if (sc->sc_idle == NULL)
			panic("sched: no idle thread for CPU %u", n);
		sc->sc_idle->t_state = THREAD_RUNNABLE;
		sc->sc_idle->t_cpu = n;
		sc->sc_current = sc->sc_idle;
		sc->sc_cl = smp_cpu_local(n);
		sc->sc_cl->cl_current = sc->sc_idle;
	}
	klock_start();		/* this CPU holds it: in the kernel */
	smp_tlb_start(ncpus);
	sched_n = ncpus;	/* their scheduler state is complete */
	intr_restore(on);
}

void
sched_ap_enter(unsigned int n)
{
	struct sched_cpu *sc = &sched_cpus[n];
	struct cpu_local *cl = cpu_this();
	uint64_t unused, now;

	cl->cl_sched = sc;
	klock_acquire_slow(cl);		/* depth: the idle thread's own */
	now = pv_clock_ns();
	sc->sc_acct_ns = sc->sc_rt_period_ns = sc->sc_switch_ns = now;
	sc->sc_idle->t_slice_start = now;
	sc->sc_idle->t_run_mark_ns = now;
	sc->sc_idle->t_run_on = true;
	sc->sc_idle->t_state = THREAD_RUNNING;
	if (sched_hz != 0 && lapic_timer_start(sched_hz, sched_lapic_hz,
	    pv_clock_ns) == 0)
		pr_warn("sched: CPU %u: its local APIC timer does not run\n",
		    n);
	sc->sc_stats.ss_hz = sched_hz;
	sc->sc_online = true;
	cl->cl_threads = true;	/* interrupts here end in the scheduler */
	user_set_kstack(sc->sc_idle->t_stack_top);
	cl->cl_cr3 = paging_root_of(0);
	sched_switch(&unused, sc->sc_idle->t_rsp, paging_root_of(0));
	panic("sched: CPU %u came back from its idle thread", n);
}

void
sched_cpu_set_resting(unsigned int n, bool rest, bool elastic)
{
	struct sched_cpu *sc;
	bool on;

	if (n == 0 || n >= sched_n)
		return;
	on = intr_save();
	sc = &sched_cpus[n];
	sc->sc_resting = rest;
	sc->sc_elastic = rest && elastic;
	if (rest) {
		/* Its queue moves now, its running thread at its switch. */
		while (sc->sc_rq_head != NULL) {
			struct thread *t = sc->sc_rq_head;

			sched_rq_remove(sc, t);
			sched_wake(t);
		}
		while (sc->sc_throttled != NULL) {
			struct thread *t = sc->sc_throttled;

			sched_dl_unthrottle(sc, t);
			sched_wake(t);
		}
		sc->sc_cl->cl_resched = true;
	}
	sched_kick(sc);
	intr_restore(on);
}

void
sched_cpu_times(unsigned int n, struct sched_cpu_times *ct)
{
	struct sched_cpu *sc = &sched_cpus[n];
	bool on = intr_save();
	uint64_t now = pv_clock_ns();

	ct->ct_online = n < sched_n && sc->sc_online;
	ct->ct_busy_ns = sc->sc_busy_ns;
	if (ct->ct_online && sc->sc_current != sc->sc_idle &&
	    now > sc->sc_switch_ns)
		ct->ct_busy_ns += now - sc->sc_switch_ns;
	ct->ct_idle_ns = now > ct->ct_busy_ns ? now - ct->ct_busy_ns : 0;
	ct->ct_user_ns = sc->sc_user_ns < ct->ct_busy_ns ? sc->sc_user_ns :
	    ct->ct_busy_ns;
	ct->ct_switches = sc->sc_stats.ss_switches;
	ct->ct_kicks = sc->sc_kicks;
	ct->ct_steals = sc->sc_steals;
	ct->ct_queued = sc->sc_nr;
	ct->ct_tickless = sc->sc_tickless;
	ct->ct_tickless_stops = sc->sc_tickless_stops;
	ct->ct_nr = sc->sc_nr + (sc->sc_current != NULL &&
	    sc->sc_current != sc->sc_idle);
	intr_restore(on);
}

int
sched_thread_set_affinity(struct thread *t, uint64_t mask)
{
	bool on = intr_save();
	struct sched_cpu *sc;

	mask &= sched_online_mask() | (sched_n == 1 ? 1 : 0);
	if (mask == 0) {
		intr_restore(on);
		return -EINVAL;
	}
	t->t_affinity = mask;
	sc = &sched_cpus[t->t_cpu < sched_n ? t->t_cpu : 0];
	if (!((mask >> sc->sc_index) & 1)) {
		if (t->t_state == THREAD_RUNNABLE && !t->t_dl_throttled) {
			sched_rq_remove(sc, t);
			sched_wake(t);
		} else if (t->t_state == THREAD_RUNNING) {
			/* schedule() there moves it (sched_allowed). */
			sc->sc_cl->cl_resched = true;
			sched_kick(sc);
		}
	}
	intr_restore(on);
	return 0;
}

void
sched_timer_local(bool on)
{
	if (!on)
		lapic_timer_stop();
	else if (sched_hz != 0)
		(void)lapic_timer_start(sched_hz, sched_lapic_hz, pv_clock_ns);
}
