/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Signal system calls beyond sigaction/sigprocmask/kill (sys_proc.c):
 * waiting for signals (sigsuspend, pause, sigtimedwait), the pending
 * set, the alternate stack, queued signals and restart_syscall.  The
 * real-time alarm that raises SIGALRM is in sys_time.c.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/errno.h>
#include <lib/timespec.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/user.h>
#include <pv/common/pv_hv.h>
#include <kernel/sched/thread.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/signal.h>
#include <syscall/sys.h>

#define SYS_SIGNAL_UNBLOCKABLE	(SIGNAL_BIT(SIGKILL) | SIGNAL_BIT(SIGSTOP))
#define NS_PER_SEC		1000000000UL

/* Sleep, interrupts off, until a signal is pending or deadline (ns). */
static void
sys_signal_sleep_until(uint64_t deadline)
{
	uint64_t now;

	while (!signal_pending() && (now = pv_clock_ns()) < deadline)
		thread_sleep_ns(deadline - now);
}

long
sys_rt_sigsuspend(struct trap_frame *tf)
{
	struct thread *t = thread_current();
	uint64_t mask;
	bool on;

	if (tf->rsi != 8)
		return -EINVAL;
	if (copy_from_user(&mask, (const void *)tf->rdi, sizeof(mask)) != 0)
		return -EFAULT;
	/* The old mask comes back after the handler (signal.c). */
	t->t_sig.st_saved_mask = t->t_sigmask;
	t->t_sig.st_restore_mask = true;
	on = intr_save();
	t->t_sigmask = mask & ~SYS_SIGNAL_UNBLOCKABLE;
	sys_signal_sleep_until(UINT64_MAX);
	intr_restore(on);
	return -ERESTARTNOHAND;
}

long
sys_pause(struct trap_frame *tf)
{
	bool on = intr_save();

	(void)tf;
	sys_signal_sleep_until(UINT64_MAX);
	intr_restore(on);
	return -ERESTARTNOHAND;
}

long
sys_rt_sigpending(struct trap_frame *tf)
{
	struct thread *t = thread_current();
	uint64_t set = signal_pending_set(t) & t->t_sigmask;

	if (tf->rsi > 8)
		return -EINVAL;
	return copy_to_user((void *)tf->rdi, &set, tf->rsi);
}

long
sys_rt_sigtimedwait(struct trap_frame *tf)
{
	struct thread *t = thread_current();
	struct signal_info info;
	uint64_t set, deadline = UINT64_MAX, saved;
	int64_t ts[2];
	int sig;
	bool on;

	if (tf->r10 != 8)
		return -EINVAL;
	if (copy_from_user(&set, (const void *)tf->rdi, sizeof(set)) != 0)
		return -EFAULT;
	set &= ~SYS_SIGNAL_UNBLOCKABLE;
	if (tf->rdx != 0) {
		if (copy_from_user(ts, (const void *)tf->rdx, sizeof(ts)) != 0)
			return -EFAULT;
		if (!timespec_valid(ts[0], ts[1]))
			return -EINVAL;
		/* Saturating: a huge timeout must not wrap into the past. */
		deadline = timespec_add_sat(pv_clock_ns(),
		    timespec_to_ns(ts[0], ts[1]));
	}
	if ((sig = signal_dequeue(set, &info)) == 0) {
		/* While waiting, the awaited signals must wake us. */
		on = intr_save();
		saved = t->t_sigmask;
		/* Still blocked for the sender's rules (Linux's
		 * real_blocked): init's awaited SIG_DFL signal is kept. */
		t->t_sigwait_mask = saved;
		t->t_sigmask &= ~set;
		sys_signal_sleep_until(deadline);
		t->t_sigmask = saved;
		t->t_sigwait_mask = 0;
		intr_restore(on);
		sig = signal_dequeue(set, &info);
	}
	if (sig == 0)
		return signal_pending() ? -ERESTARTNOHAND : -EAGAIN;
	if (tf->rsi != 0 &&
	    copy_to_user((void *)tf->rsi, &info, sizeof(info)) != 0)
		return -EFAULT;
	return sig;
}

long
sys_sigaltstack(struct trap_frame *tf)
{
	return signal_altstack(tf->rdi, tf->rsi, tf->rsp);
}

/*
 * rt_sigqueueinfo and rt_tgsigqueueinfo: send sig with the caller's own
 * siginfo, to process pid or (tid > 0) to its thread tid alone.  As
 * Linux, a program may not pose as the kernel or kill(2) toward another
 * process: si_code must be negative (SI_QUEUE...) and not SI_TKILL.
 */
static long
sys_signal_queue(int pid, int tid, int sig, uint64_t uinfo)
{
	struct signal_info info;
	struct signal_queued q;
	struct proc *p;
	struct thread *t = NULL;
	bool on;
	int error;

	if (copy_from_user(&info, (const void *)uinfo, sizeof(info)) != 0)
		return -EFAULT;
	if ((info.si_code >= 0 || info.si_code == SI_TKILL) &&
	    pid != proc_current()->p_pid)
		return -EPERM;
	q = (struct signal_queued){ .sq_code = info.si_code,
	    .sq_pid = info.si_pid, .sq_uid = info.si_uid,
	    .sq_value = info.si_value };
	/* As Linux: the target first (any pid <= 0 names none), then sig. */
	on = intr_save();
	if (pid <= 0 || (tid == 0 && (p = proc_find_by_id(pid)) == NULL) ||
	    (tid != 0 && ((t = proc_find_thread(tid)) == NULL ||
	    (p = t->t_proc) == NULL || p->p_pid != pid))) {
		intr_restore(on);
		return -ESRCH;
	}
	if (sig < 0 || sig > SIGNAL_MAX) {
		intr_restore(on);
		return -EINVAL;
	}
	error = sig == 0 ? 0 : t != NULL ? signal_send_thread(t, sig, &q) :
	    signal_send_queued(p, sig, &q);
	intr_restore(on);
	return error;
}

long
sys_rt_sigqueueinfo(struct trap_frame *tf)
{
	return sys_signal_queue((int)tf->rdi, 0, (int)tf->rsi, tf->rdx);
}

long
sys_rt_tgsigqueueinfo(struct trap_frame *tf)
{
	if ((int)tf->rdi <= 0 || (int)tf->rsi <= 0)
		return -EINVAL;
	return sys_signal_queue((int)tf->rdi, (int)tf->rsi, (int)tf->rdx,
	    tf->r10);
}

/*
 * restart_syscall: what a call cut short by a signal without a handler
 * continues with (signal.c points the program here); -EINTR if there is
 * nothing to continue, as Linux answers a stray call.
 */
long
sys_restart_syscall(struct trap_frame *tf)
{
	struct thread *t = thread_current();
	long (*fn)(uint64_t, uint64_t) = t->t_sig.st_restart_fn;

	(void)tf;
	t->t_sig.st_restart_fn = NULL;
	if (fn == NULL)
		return -EINTR;
	return fn(t->t_sig.st_restart_arg[0], t->t_sig.st_restart_arg[1]);
}
