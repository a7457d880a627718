/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Threads (see thread.h): creation with a guarded kernel stack, the first
 * run, exit and join.  The scheduler proper is sched.c.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/klock.h>
#include <arch/x86_64/include/layout.h>
#include <arch/x86_64/include/paging.h>
#include <kernel/log/panic.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/mm/page_alloc.h>
#include <kernel/sched/sched.h>
#include <kernel/sched/sched_priv.h>
#include <kernel/sched/thread.h>
#include <kernel/sched/waitq.h>

#define KSTACK_ORDER	2		/* 16 KiB = KSTACK_SIZE */
#define KSTACK_SLOTS	4096

_Static_assert((PAGE_SIZE << KSTACK_ORDER) == KSTACK_SIZE, "stack order");

void	sched_thread_entry(void);
__noreturn void thread_start(struct thread *t);

static int sched_next_tid = 1;
static uint8_t sched_slot_used[KSTACK_SLOTS];

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

void
thread_free(struct thread *t)
{
	struct user_iomap *m = t->t_ustate != NULL ? t->t_ustate->ucs_iomap :
	    NULL;

	if (m != NULL &&
	    __atomic_sub_fetch(&m->um_refs, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(m);
	kfree(t->t_ustate);
	thread_stack_free(t);
	kfree(t);
	sched_cpus[0].sc_stats.ss_threads--;	/* the count of all */
}

static struct thread *thread_create_sp(const char *name, void (*fn)(void *),
	    void *arg, bool detached, const struct sched_policy *pol,
	    const struct thread *model);

struct thread *
thread_create(const char *name, void (*fn)(void *), void *arg, bool detached)
{
	return thread_create_sp(name, fn, arg, detached, NULL, NULL);
}

struct thread *
thread_create_from(const char *name, void (*fn)(void *), void *arg,
    bool detached, const struct thread *model)
{
	struct sched_policy sp = model->t_sp;

	/* Reset-on-fork: the child starts as SCHED_OTHER, nice >= 0. */
	if (sp.sp_reset_on_fork || sp.sp_policy == SCHED_DEADLINE) {
		if (sp.sp_policy != SCHED_OTHER && sp.sp_policy !=
		    SCHED_BATCH && sp.sp_policy != SCHED_IDLE) {
			sp.sp_policy = SCHED_OTHER;
			sp.sp_rtprio = 0;
			sp.sp_nice = 0;
		} else if (sp.sp_nice < 0) {
			sp.sp_nice = 0;
		}
		sp.sp_reset_on_fork = false;
	}
	sp.sp_dl_runtime = sp.sp_dl_deadline = sp.sp_dl_period = 0;
	return thread_create_sp(name, fn, arg, detached, &sp, model);
}

static struct thread *
thread_create_sp(const char *name, void (*fn)(void *), void *arg,
    bool detached, const struct sched_policy *pol, const struct thread *model)
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
	if (pol != NULL)
		t->t_sp = *pol;
	/* A program's thread (fork, clone) may run anywhere it was let. */
	t->t_user = model != NULL && (model->t_proc != NULL || model->t_user);
	t->t_affinity = model != NULL ? model->t_affinity : ~(uint64_t)0;
	t->t_kl_depth = 1;	/* it starts in the kernel's code */
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
	sched_cpus[0].sc_stats.ss_threads++;	/* the count of all */
	if (fn != sched_idle)
		sched_wake(t);
	intr_restore(on);
	return t;
}

void
thread_start(struct thread *t)
{
	struct sched_cpu *sc = sched_this_cpu();

	/* First run: finish what schedule() would after sched_switch. */
	if (klock_on)
		klock_set_depth(t->t_kl_depth);
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
	sched_thread_gone(t);
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
