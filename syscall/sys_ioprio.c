/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * ioprio_get and ioprio_set: a thread's I/O scheduling class and level,
 * kept per thread and inherited by the threads and processes it makes,
 * as Linux keeps them in its io_context.  Jiny's filesystems live in
 * memory and queue no I/O, so nothing orders requests by them yet (as
 * on Linux with the "none" I/O scheduler); what programs set, they read
 * back, with Linux 6.1's rules: which thread, group or user, who may
 * set whose (the same real uid, or CAP_SYS_NICE), the real-time class
 * only with CAP_SYS_NICE or CAP_SYS_ADMIN, and for a group or a user
 * the best priority among their threads.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/cap.h>
#include <lib/errno.h>
#include <kernel/sched/thread.h>
#include <kernel/proc/proc.h>
#include <syscall/sys.h>

#define IOPRIO_WHO_PROCESS	1
#define IOPRIO_WHO_PGRP		2
#define IOPRIO_WHO_USER		3
#define IOPRIO_CLASS_SHIFT	13
#define IOPRIO_CLASS_NONE	0
#define IOPRIO_CLASS_RT		1
#define IOPRIO_CLASS_BE		2
#define IOPRIO_CLASS_IDLE	3
#define IOPRIO_DATA_MASK	((1U << IOPRIO_CLASS_SHIFT) - 1)
#define IOPRIO_LEVELS		8
#define IOPRIO_BE_NORM		4
#define IOPRIO_VALUE(c, d)	(((c) << IOPRIO_CLASS_SHIFT) | (d))

/* What one call does to every thread it names. */
struct sys_ioprio {
	int		si_which, si_who;
	bool		si_set;
	uint16_t	si_value;	/* to set */
	long		si_result;	/* -ESRCH until a thread matched */
};

/* Is ioprio a value this caller may set?  0, -EINVAL or -EPERM. */
static long
sys_ioprio_check(uint32_t ioprio)
{
	uint32_t data = ioprio & IOPRIO_DATA_MASK;

	switch (ioprio >> IOPRIO_CLASS_SHIFT) {
	case IOPRIO_CLASS_RT:
		if (!proc_capable(CAP_SYS_NICE) &&
		    !proc_capable(CAP_SYS_ADMIN))
			return -EPERM;
		/* FALLTHROUGH */
	case IOPRIO_CLASS_BE:
		return data >= IOPRIO_LEVELS ? -EINVAL : 0;
	case IOPRIO_CLASS_IDLE:
		return 0;
	case IOPRIO_CLASS_NONE:
		return data != 0 ? -EINVAL : 0;
	default:
		return -EINVAL;
	}
}

/* The higher of two priorities; unset ones count as best effort, 4. */
static uint16_t
sys_ioprio_best(uint16_t a, uint16_t b)
{
	if (a >> IOPRIO_CLASS_SHIFT == IOPRIO_CLASS_NONE)
		a = IOPRIO_VALUE(IOPRIO_CLASS_BE, IOPRIO_BE_NORM);
	if (b >> IOPRIO_CLASS_SHIFT == IOPRIO_CLASS_NONE)
		b = IOPRIO_VALUE(IOPRIO_CLASS_BE, IOPRIO_BE_NORM);
	return a < b ? a : b;
}

/* Read or set one thread t of process p. */
static void
sys_ioprio_thread(struct sys_ioprio *a, struct proc *p, struct thread *t)
{
	const struct proc_cred *me = &proc_current()->p_cred;

	if (!a->si_set) {
		a->si_result = a->si_result == -ESRCH ? t->t_ioprio :
		    sys_ioprio_best((uint16_t)a->si_result, t->t_ioprio);
		return;
	}
	if (a->si_result != -ESRCH && a->si_result != 0)
		return;			/* Linux stops at the first error */
	if (p->p_cred.pc_uid != me->pc_euid &&
	    p->p_cred.pc_uid != me->pc_uid && !proc_capable(CAP_SYS_NICE)) {
		a->si_result = -EPERM;
		return;
	}
	t->t_ioprio = a->si_value;
	a->si_result = 0;
}

static void
sys_ioprio_proc(struct proc *p, void *arg)
{
	struct sys_ioprio *a = arg;

	if (p->p_zombie)
		return;
	if ((a->si_which == IOPRIO_WHO_PGRP && p->p_pgid != a->si_who) ||
	    (a->si_which == IOPRIO_WHO_USER &&
	    p->p_cred.pc_uid != (uint32_t)a->si_who))
		return;
	for (struct thread *t = p->p_threads; t != NULL; t = t->t_peer_next)
		sys_ioprio_thread(a, p, t);
}

static long
sys_ioprio(int which, int who, bool set, uint32_t value)
{
	struct proc *self = proc_current();
	struct sys_ioprio a = { which, who, set, (uint16_t)value, -ESRCH };
	struct thread *t;
	long error;

	if (set && (error = sys_ioprio_check(value)) != 0)
		return error;
	switch (which) {
	case IOPRIO_WHO_PROCESS:
		t = who == 0 ? thread_current() : proc_find_thread(who);
		if (t == NULL || t->t_proc == NULL)
			return -ESRCH;
		sys_ioprio_thread(&a, t->t_proc, t);
		return a.si_result;
	case IOPRIO_WHO_PGRP:
		if (a.si_who == 0)
			a.si_who = self->p_pgid;
		break;
	case IOPRIO_WHO_USER:
		if (a.si_who == 0)
			a.si_who = (int)self->p_cred.pc_uid;
		break;
	default:
		return -EINVAL;
	}
	proc_foreach(sys_ioprio_proc, &a);
	return a.si_result;
}

long
sys_ioprio_set(struct trap_frame *tf)
{
	return sys_ioprio((int)tf->rdi, (int)tf->rsi, true, (uint32_t)tf->rdx);
}

long
sys_ioprio_get(struct trap_frame *tf)
{
	return sys_ioprio((int)tf->rdi, (int)tf->rsi, false, 0);
}
