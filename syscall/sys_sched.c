/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * The scheduler's system calls: policies and priorities
 * (sched_setscheduler, sched_setparam, sched_setattr and their getters,
 * sched_rr_get_interval, the priority ranges) and CPU affinity (one CPU).
 * Each acts on one thread, named by its tid (0: the caller), as on
 * Linux; the checks are Linux's, in its order.  The rules themselves
 * are kernel/sched/sched_policy.h, the scheduler that honours them
 * kernel/sched/sched.c.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/cap.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/user.h>
#include <kernel/sched/sched.h>
#include <kernel/sched/sched_policy.h>
#include <kernel/sched/thread.h>
#include <kernel/proc/proc.h>
#include <syscall/sys.h>

/* The thread pid names (0: the caller), or NULL.  Interrupts off. */
static struct thread *
sys_sched_thread(int pid)
{
	return pid == 0 ? thread_current() : proc_find_thread(pid);
}

/* Is t the caller's own (its euid is t's uid or euid)? */
static bool
sys_sched_same_owner(const struct thread *t)
{
	const struct proc_cred *me = &proc_current()->p_cred;
	const struct proc_cred *c = &t->t_proc->p_cred;

	return me->pc_euid == c->pc_euid || me->pc_euid == c->pc_uid;
}

/*
 * Set the scheduling of thread pid from a (policy -1: keep it).  legacy:
 * sched_setscheduler/sched_setparam, which keep the nice value;
 * keep_params: sched_setattr's SCHED_FLAG_KEEP_PARAMS.
 */
static long
sys_sched_set(int pid, int64_t policy, struct sched_attr *a, bool legacy)
{
	struct sched_policy new;
	struct thread *t;
	struct proc *p;
	bool on = intr_save();
	long error;

	if ((t = sys_sched_thread(pid)) == NULL || t->t_proc == NULL) {
		error = -ESRCH;
		goto out;
	}
	p = t->t_proc;
	if (legacy)
		a->sched_nice = t->t_sp.sp_nice;
	if (a->sched_flags & SCHED_FLAG_KEEP_PARAMS) {
		a->sched_nice = t->t_sp.sp_nice;
		a->sched_priority = t->t_sp.sp_rtprio;
		a->sched_runtime = t->t_sp.sp_dl_runtime;
		a->sched_deadline = t->t_sp.sp_dl_deadline;
		a->sched_period = t->t_sp.sp_dl_period;
	}
	error = sched_policy_make(&t->t_sp, policy, a->sched_flags,
	    a->sched_nice, a->sched_priority, a->sched_runtime,
	    a->sched_deadline, a->sched_period, &new);
	if (error != 0)
		goto out;
	if (!proc_capable(CAP_SYS_NICE) && sched_policy_needs_cap(&t->t_sp,
	    &new, p->p_rlimit[RLIMIT_NICE].rl_cur,
	    p->p_rlimit[RLIMIT_RTPRIO].rl_cur, sys_sched_same_owner(t))) {
		error = -EPERM;
		goto out;
	}
	if (a->sched_flags & SCHED_FLAG_SUGOV) {
		error = -EINVAL;
		goto out;
	}
	if (a->sched_flags & SCHED_FLAG_UTIL_CLAMP) {
		error = -EOPNOTSUPP;	/* no utilization clamping */
		goto out;
	}
	error = sched_thread_set_policy(t, &new);
out:
	intr_restore(on);
	return error;
}

/* sched_setscheduler and sched_setparam (policy -1). */
static long
sys_sched_setparam_common(int64_t pid, int64_t policy, uint64_t uparam)
{
	struct sched_attr a;
	int32_t prio;

	if (uparam == 0 || pid < 0)
		return -EINVAL;
	if (copy_from_user(&prio, (const void *)uparam, sizeof(prio)) != 0)
		return -EFAULT;
	memset(&a, 0, sizeof(a));
	a.sched_priority = (uint32_t)prio;
	if (policy >= 0 && (policy & SCHED_RESET_ON_FORK)) {
		a.sched_flags = SCHED_FLAG_RESET_ON_FORK;
		policy &= ~(int64_t)SCHED_RESET_ON_FORK;
	}
	return sys_sched_set((int)pid, policy, &a, true);
}

long
sys_sched_setscheduler(struct trap_frame *tf)
{
	int policy = (int)tf->rsi;

	if (policy < 0)
		return -EINVAL;
	return sys_sched_setparam_common((int)tf->rdi, policy, tf->rdx);
}

long
sys_sched_setparam(struct trap_frame *tf)
{
	return sys_sched_setparam_common((int)tf->rdi, -1, tf->rsi);
}

long
sys_sched_getscheduler(struct trap_frame *tf)
{
	int pid = (int)tf->rdi;
	struct thread *t;
	long ret;
	bool on;

	if (pid < 0)
		return -EINVAL;
	on = intr_save();
	if ((t = sys_sched_thread(pid)) == NULL)
		ret = -ESRCH;
	else
		ret = t->t_sp.sp_policy | (t->t_sp.sp_reset_on_fork ?
		    SCHED_RESET_ON_FORK : 0);
	intr_restore(on);
	return ret;
}

long
sys_sched_getparam(struct trap_frame *tf)
{
	int pid = (int)tf->rdi;
	struct thread *t;
	int32_t prio = 0;
	bool on;

	if (tf->rsi == 0 || pid < 0)
		return -EINVAL;
	on = intr_save();
	t = sys_sched_thread(pid);
	if (t != NULL && sched_policy_is_rt(t->t_sp.sp_policy))
		prio = t->t_sp.sp_rtprio;
	intr_restore(on);
	if (t == NULL)
		return -ESRCH;
	return copy_to_user((void *)tf->rsi, &prio, sizeof(prio));
}

long
sys_sched_get_priority_max(struct trap_frame *tf)
{
	int64_t policy = (int)tf->rdi;

	if (!sched_policy_valid(policy))
		return -EINVAL;
	return sched_policy_is_rt((int)policy) ? SCHED_RT_PRIO_MAX : 0;
}

long
sys_sched_get_priority_min(struct trap_frame *tf)
{
	int64_t policy = (int)tf->rdi;

	if (!sched_policy_valid(policy))
		return -EINVAL;
	return sched_policy_is_rt((int)policy) ? 1 : 0;
}

long
sys_sched_rr_get_interval(struct trap_frame *tf)
{
	int pid = (int)tf->rdi;
	struct thread *t;
	int64_t ts[2];
	uint64_t ns = 0;
	bool on;

	if (pid < 0)
		return -EINVAL;
	on = intr_save();
	if ((t = sys_sched_thread(pid)) != NULL)
		ns = sched_thread_rr_interval(t);
	intr_restore(on);
	if (t == NULL)
		return -ESRCH;
	ts[0] = (int64_t)(ns / 1000000000);
	ts[1] = (int64_t)(ns % 1000000000);
	return copy_to_user((void *)tf->rsi, ts, sizeof(ts));
}

/*
 * Read a struct sched_attr of the size its first field gives: a larger
 * one is accepted when the part this kernel does not know is zeros.
 * Linux writes its own size back when refusing a size (-E2BIG).
 */
static long
sys_sched_copy_attr(uint64_t uattr, struct sched_attr *a)
{
	uint32_t size;
	long usize;

	if (copy_from_user(&size, (const void *)uattr, sizeof(size)) != 0)
		return -EFAULT;
	if ((usize = sched_attr_usize(size)) < 0)
		goto too_big;
	memset(a, 0, sizeof(*a));
	if (copy_from_user(a, (const void *)uattr, (size_t)usize <
	    sizeof(*a) ? (size_t)usize : sizeof(*a)) != 0)
		return -EFAULT;
	for (size_t off = sizeof(*a); off < (size_t)usize;) {
		uint8_t buf[64];
		size_t n = (size_t)usize - off < sizeof(buf) ?
		    (size_t)usize - off : sizeof(buf);

		if (copy_from_user(buf, (const void *)(uattr + off), n) != 0)
			return -EFAULT;
		for (size_t i = 0; i < n; i++)
			if (buf[i] != 0)
				goto too_big;
		off += n;
	}
	if ((a->sched_flags & SCHED_FLAG_UTIL_CLAMP) &&
	    usize < SCHED_ATTR_SIZE_VER1)
		return -EINVAL;
	return 0;
too_big:
	size = sizeof(*a);
	if (copy_to_user((void *)uattr, &size, sizeof(size)) != 0)
		return -EFAULT;
	return -E2BIG;
}

long
sys_sched_setattr(struct trap_frame *tf)
{
	int pid = (int)tf->rdi;
	struct sched_attr a;
	int64_t policy;
	long error;

	if (tf->rsi == 0 || pid < 0 || (unsigned int)tf->rdx != 0)
		return -EINVAL;
	if ((error = sys_sched_copy_attr(tf->rsi, &a)) != 0)
		return error;
	if ((int32_t)a.sched_policy < 0)
		return -EINVAL;
	policy = (a.sched_flags & SCHED_FLAG_KEEP_POLICY) ? -1 :
	    (int64_t)a.sched_policy;
	return sys_sched_set(pid, policy, &a, false);
}

long
sys_sched_getattr(struct trap_frame *tf)
{
	int pid = (int)tf->rdi;
	unsigned int usize = (unsigned int)tf->rdx;
	struct sched_attr a;
	struct thread *t;
	bool on;

	if (tf->rsi == 0 || pid < 0 || usize > 4096 ||
	    usize < SCHED_ATTR_SIZE_VER0 || (unsigned int)tf->r10 != 0)
		return -EINVAL;
	memset(&a, 0, sizeof(a));
	on = intr_save();
	if ((t = sys_sched_thread(pid)) != NULL) {
		const struct sched_policy *sp = &t->t_sp;

		a.sched_policy = sp->sp_policy;
		a.sched_flags = sp->sp_reset_on_fork ?
		    SCHED_FLAG_RESET_ON_FORK : 0;
		if (sp->sp_policy == SCHED_DEADLINE) {
			a.sched_runtime = sp->sp_dl_runtime;
			a.sched_deadline = sp->sp_dl_deadline;
			a.sched_period = sp->sp_dl_period;
		} else if (sched_policy_is_rt(sp->sp_policy)) {
			a.sched_priority = sp->sp_rtprio;
		} else {
			a.sched_nice = sp->sp_nice;
		}
	}
	intr_restore(on);
	if (t == NULL)
		return -ESRCH;
	if (usize > sizeof(a))
		usize = sizeof(a);
	a.size = usize;
	return copy_to_user((void *)tf->rsi, &a, usize);
}

long
sys_sched_getaffinity(struct trap_frame *tf)
{
	uint64_t mask = 0;		/* SMP_MAX_CPUS fit in one word */
	int pid = (int)tf->rdi;
	struct thread *t;
	bool on;

	if (tf->rsi < sizeof(mask) || (tf->rsi & 7))
		return -EINVAL;
	if (pid < 0)
		return -ESRCH;
	on = intr_save();
	t = sys_sched_thread(pid);
	/* What it may use of the CPUs that take threads now (Linux: the
	 * mask and the active CPUs). */
	if (t != NULL)
		mask = t->t_affinity & (sched_ncpus() > 1 ?
		    sched_online_mask() : 1);
	intr_restore(on);
	if (t == NULL)
		return -ESRCH;
	if (copy_to_user((void *)tf->rdx, &mask, sizeof(mask)) != 0)
		return -EFAULT;
	return sizeof(mask);
}

long
sys_sched_setaffinity(struct trap_frame *tf)
{
	uint64_t mask = 0;
	size_t n = tf->rsi < sizeof(mask) ? tf->rsi : sizeof(mask);
	int pid = (int)tf->rdi;
	struct thread *t;
	long error = 0;
	bool on;

	/* Linux: the mask first, then the thread, the owner, the CPUs. */
	if (copy_from_user(&mask, (const void *)tf->rdx, n) != 0)
		return -EFAULT;
	if (pid < 0)
		return -ESRCH;
	on = intr_save();
	if ((t = sys_sched_thread(pid)) == NULL || t->t_proc == NULL)
		error = -ESRCH;
	else if (!sys_sched_same_owner(t) && !proc_capable(CAP_SYS_NICE))
		error = -EPERM;
	else	/* -EINVAL when no CPU it names takes threads; the calling
		 * thread moves before it returns (sched_preempt_point) */
		error = sched_thread_set_affinity(t, mask);
	intr_restore(on);
	/*
	 * A CPU the elastic policy rests comes back when asked: meanwhile
	 * the caller waits on CPU 0, and returns once it is where it asked
	 * to be (bounded: the policy looks every 100 ms).
	 */
	for (int ms = 0; error == 0 && t == thread_current() && ms < 5000 &&
	    !((t->t_affinity >> t->t_cpu) & 1); ms++)
		thread_sleep_ns(1000000);
	return error;
}
