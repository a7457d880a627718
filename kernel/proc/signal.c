/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Signals (see signal.h).  The frame pushed for a handler is Linux's
 * rt_sigframe: return address (the restorer), ucontext with the
 * interrupted registers, mask and alternate stack, siginfo, and the FPU
 * state below it.  One CPU: interrupts off guard the pending sets.
 */
#include <stdbool.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/user.h>
#include <kernel/log/printk.h>
#include <kernel/mm/kmalloc.h>
#include <kernel/sched/poll.h>
#include <kernel/sched/sched.h>
#include <kernel/sched/thread.h>
#include <kernel/sched/waitq.h>
#include <kernel/proc/itimer.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/ptrace.h>
#include <kernel/proc/signal.h>

#define SIG_DFL		0
#define SIG_IGN		1
#define SA_NOCLDSTOP	0x00000001UL
#define SA_SIGINFO	0x00000004UL
#define SA_RESTORER	0x04000000UL
#define SA_ONSTACK	0x08000000UL
#define SA_RESTART	0x10000000UL
#define SA_NODEFER	0x40000000UL
#define SA_RESETHAND	0x80000000UL
#define SIGNAL_UNBLOCKABLE (SIGNAL_BIT(SIGKILL) | SIGNAL_BIT(SIGSTOP))
#define SIGNAL_STOPS	(SIGNAL_BIT(SIGSTOP) | SIGNAL_BIT(SIGTSTP) | \
			 SIGNAL_BIT(SIGTTIN) | SIGNAL_BIT(SIGTTOU))
/* Default action "ignore": SIGCHLD, SIGCONT, SIGURG, SIGWINCH. */
#define SIGNAL_IGNORES	(SIGNAL_BIT(SIGCHLD) | SIGNAL_BIT(SIGCONT) | \
			 SIGNAL_BIT(23) | SIGNAL_BIT(SIGWINCH))
/* Default action "terminate with core": the wait status gets 0x80. */
#define SIGNAL_CORES	(SIGNAL_BIT(SIGQUIT) | SIGNAL_BIT(SIGILL) | \
			 SIGNAL_BIT(SIGTRAP) | SIGNAL_BIT(SIGABRT) | \
			 SIGNAL_BIT(SIGBUS) | SIGNAL_BIT(SIGFPE) | \
			 SIGNAL_BIT(SIGSEGV) | SIGNAL_BIT(24) | \
			 SIGNAL_BIT(25) | SIGNAL_BIT(31))
/* Raised by the faulting instruction itself: delivered before others. */
#define SIGNAL_SYNC	(SIGNAL_BIT(SIGILL) | SIGNAL_BIT(SIGTRAP) | \
			 SIGNAL_BIT(SIGBUS) | SIGNAL_BIT(SIGFPE) | \
			 SIGNAL_BIT(SIGSEGV) | SIGNAL_BIT(31))
#define SIGNAL_CORE_FLAG 0x80
/* Flags a handler may change (Linux's FIX_EFLAGS). */
#define SIGNAL_USER_FLAGS 0x50dd5UL
#define SIGNAL_SYSCALL_INSN_LEN 2	/* "syscall" is 0f 05 */
#define SIGNAL_SYS_RESTART	219	/* restart_syscall */

struct signal_sigcontext {
	uint64_t	r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t	rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip;
	uint64_t	eflags;
	uint16_t	cs, gs, fs, ss;
	uint64_t	err, trapno, oldmask, cr2;
	uint64_t	fpstate;
	uint64_t	reserved[8];
};
_Static_assert(sizeof(struct signal_sigcontext) == 256, "sigcontext ABI");

struct signal_ucontext {
	uint64_t	uc_flags;
	uint64_t	uc_link;
	struct signal_stack uc_stack;
	struct signal_sigcontext uc_mcontext;
	uint64_t	uc_sigmask;
};

struct signal_frame {
	uint64_t		pretcode;
	struct signal_ucontext	uc;
	struct signal_info	info;
};

/* Watched by signalfd: a signal became pending somewhere. */
static struct poll_head signal_poll;

struct poll_head *
signal_poll_head(void)
{
	return &signal_poll;
}

/*
 * Is the signal dropped at sending, before it is ever pending?  t is the
 * thread it is for, or the one whose mask speaks for the process.
 */
static bool
signal_discarded(const struct proc *p, const struct thread *t, int sig)
{
	const struct signal_action *act = &p->p_sigact[sig - 1];

	/*
	 * A blocked signal is kept even if ignored, by init too (as on
	 * Linux): its action may change before it is unblocked, and
	 * sigtimedwait may take it; a thread in sigtimedwait still counts as
	 * blocking what it lifted to wait.  (SIGKILL and SIGSTOP are never
	 * blocked.)
	 */
	if (t != NULL && ((t->t_sigmask | t->t_sigwait_mask) & SIGNAL_BIT(sig)))
		return false;
	/* A tracer sees every signal, ignored ones too (init's as well). */
	if (ptrace_traced(p))
		return false;
	/*
	 * Init gets only the signals it has handlers for, SIGKILL and
	 * SIGSTOP included: with it the whole system would go.  (Its own
	 * faults still kill it; they do not come through here.)
	 */
	if (p->p_pid == 1 && act->sa_handler == SIG_DFL)
		return true;
	if (sig == SIGKILL || sig == SIGSTOP)
		return false;
	return act->sa_handler == SIG_IGN || (act->sa_handler == SIG_DFL &&
	    (SIGNAL_BIT(sig) & SIGNAL_IGNORES));
}

/* Queue one more instance of the pending real-time sig; interrupts off. */
static int
signal_rtq_add(struct signal_pend *sp, int sig, const struct signal_queued *q)
{
	struct signal_rtq *r, **pp;

	if (sp->sp_nrtq >= SIGNAL_RTQ_MAX ||
	    (r = kmalloc(sizeof(*r))) == NULL)
		return -EAGAIN;
	r->rq_next = NULL;
	r->rq_sig = sig;
	r->rq_q = *q;
	for (pp = &sp->sp_rtq; *pp != NULL; pp = &(*pp)->rq_next)
		;
	*pp = r;
	sp->sp_nrtq++;
	return 0;
}

/* Move the oldest queued instance of sig into sp_info; true if any. */
static bool
signal_rtq_next(struct signal_pend *sp, int sig)
{
	for (struct signal_rtq **pp = &sp->sp_rtq; *pp != NULL;
	    pp = &(*pp)->rq_next) {
		struct signal_rtq *r = *pp;

		if (r->rq_sig != sig)
			continue;
		*pp = r->rq_next;
		sp->sp_info[sig - 1] = r->rq_q;
		sp->sp_nrtq--;
		kfree(r);
		return true;
	}
	return false;
}

/* Forget sig (0: every signal) in sp, queued instances too. */
static void
signal_pend_drop(struct signal_pend *sp, int sig)
{
	struct signal_rtq **pp = &sp->sp_rtq;

	while (*pp != NULL) {
		struct signal_rtq *r = *pp;

		if (sig != 0 && r->rq_sig != sig) {
			pp = &r->rq_next;
			continue;
		}
		*pp = r->rq_next;
		sp->sp_nrtq--;
		kfree(r);
	}
	sp->sp_set &= sig != 0 ? ~SIGNAL_BIT(sig) : 0;
}

void
signal_pend_clear(struct signal_pend *sp)
{
	signal_pend_drop(sp, 0);
}

void
signal_discard(struct proc *p, int sig)
{
	bool on = intr_save();

	signal_pend_drop(&p->p_sigshared, sig);
	for (struct thread *t = p->p_threads; t != NULL; t = t->t_peer_next)
		signal_pend_drop(&t->t_sigpend, sig);
	intr_restore(on);
}

/* Clear the bits of mask in p's shared set and each thread's (no rtq). */
static void
signal_clear_all(struct proc *p, uint64_t mask)
{
	p->p_sigshared.sp_set &= ~mask;
	for (struct thread *t = p->p_threads; t != NULL; t = t->t_peer_next)
		t->t_sigpend.sp_set &= ~mask;
}

uint64_t
signal_pending_set(const struct thread *t)
{
	return t->t_proc == NULL ? 0 :
	    __atomic_load_n(&t->t_sigpend.sp_set, __ATOMIC_RELAXED) |
	    __atomic_load_n(&t->t_proc->p_sigshared.sp_set, __ATOMIC_RELAXED);
}

/* The signals of a pending set, queued instances included. */
static uint64_t
signal_pend_count(const struct signal_pend *sp)
{
	uint64_t n = sp->sp_nrtq;

	for (uint64_t set = sp->sp_set; set != 0; set &= set - 1)
		n++;
	return n;
}

/* How many signals p has pending, its threads' included. */
static uint64_t
signal_pending_count(const struct proc *p)
{
	uint64_t n = signal_pend_count(&p->p_sigshared);

	for (const struct thread *t = p->p_threads; t != NULL;
	    t = t->t_peer_next)
		n += signal_pend_count(&t->t_sigpend);
	return n;
}

/*
 * Which thread takes a signal for the whole process: the main one (or
 * whichever p_thread names) if it does not block it, else the caller if
 * it is one of p's and does not, else any that does not; NULL if all do.
 */
static struct thread *
signal_pick_thread(struct proc *p, uint64_t bit)
{
	struct thread *self = thread_current();

	if (!(p->p_thread->t_sigmask & bit))
		return p->p_thread;
	if (self->t_proc == p && !(self->t_sigmask & bit))
		return self;
	for (struct thread *t = p->p_threads; t != NULL; t = t->t_peer_next)
		if (!(t->t_sigmask & bit))
			return t;
	return NULL;
}

/*
 * Make sig pending for thread target of p, or for p as a whole (target
 * NULL), and wake who should take it.  Interrupts off inside.
 */
static int
signal_post(struct proc *p, struct thread *target, int sig,
    const struct signal_queued *q)
{
	static const struct signal_queued kernel_q = { .sq_code = SI_KERNEL };
	struct signal_pend *sp;
	uint64_t bit;
	struct thread *t;
	bool on;
	int error = 0;

	if (sig <= 0 || sig > SIGNAL_MAX)
		return 0;
	bit = SIGNAL_BIT(sig);
	on = intr_save();
	if (p->p_zombie || p->p_thread == NULL ||
	    (target != NULL && target->t_proc != p))
		goto out;
	/* SIGKILL ends the whole process, whichever thread it was sent to. */
	if (sig == SIGKILL)
		target = NULL;
	if (bit & SIGNAL_STOPS)
		signal_clear_all(p, SIGNAL_BIT(SIGCONT));
	if (sig == SIGCONT) {
		signal_clear_all(p, SIGNAL_STOPS);
		if (p->p_stopped) {
			p->p_stopped = false;
			p->p_stop_report = false;
			p->p_cont_report = true;
			signal_notify_parent(p, CLD_CONTINUED, SIGCONT);
			for (t = p->p_threads; t != NULL; t = t->t_peer_next)
				thread_interrupt(t);
		}
	}
	if (signal_discarded(p, target != NULL ? target : p->p_thread, sig))
		goto out;
	sp = target != NULL ? &target->t_sigpend : &p->p_sigshared;
	/*
	 * A real-time signal with a sender's siginfo (not kill's SI_USER)
	 * needs room under RLIMIT_SIGPENDING, or the sender hears EAGAIN
	 * (Linux counts per user; here per process).
	 */
	if (sig >= SIGNAL_RTMIN && q != NULL && q->sq_code != SI_USER &&
	    signal_pending_count(p) >= p->p_rlimit[RLIMIT_SIGPENDING].rl_cur) {
		error = -EAGAIN;
		goto out;
	}
	if (!(sp->sp_set & bit))
		sp->sp_info[sig - 1] = q != NULL ? *q : kernel_q;
	else if (sig >= SIGNAL_RTMIN &&
	    (error = signal_rtq_add(sp, sig, q != NULL ? q : &kernel_q)) != 0)
		goto out;
	sp->sp_set |= bit;
	poll_wake(&signal_poll, 0);	/* signalfd's readers and pollers */
	/*
	 * A sleeper must notice: the target, or one thread of the process
	 * that does not block the signal (every thread, for one that cannot
	 * be blocked).
	 */
	if (bit & SIGNAL_UNBLOCKABLE) {
		for (t = p->p_threads; t != NULL; t = t->t_peer_next)
			thread_interrupt(t);
	} else if (target != NULL) {
		if (!(target->t_sigmask & bit))
			thread_interrupt(target);
	} else if ((t = signal_pick_thread(p, bit)) != NULL) {
		thread_interrupt(t);
	}
out:
	intr_restore(on);
	return error;
}

void
signal_send_info(struct proc *p, int sig, const struct signal_queued *q)
{
	(void)signal_post(p, NULL, sig, q);
}

int
signal_send_queued(struct proc *p, int sig, const struct signal_queued *q)
{
	return signal_post(p, NULL, sig, q);
}

int
signal_send_thread(struct thread *t, int sig, const struct signal_queued *q)
{
	struct proc *p = t->t_proc;

	return p != NULL ? signal_post(p, t, sig, q) : 0;
}

void
signal_send(struct proc *p, int sig)
{
	signal_send_info(p, sig, NULL);
}

bool
signal_pending(void)
{
	struct thread *t = thread_current();

	/* Being told to leave (exit_group, execve elsewhere) counts too. */
	return t->t_proc != NULL && ((signal_pending_set(t) &
	    ~(t->t_sigmask & ~SIGNAL_UNBLOCKABLE)) != 0 ||
	    proc_thread_must_leave() || t->t_proc->p_ptrace.pt_interrupt);
}

long
signal_wait_error(bool nonblock)
{
	if (nonblock)
		return -EAGAIN;
	return signal_pending() ? -ERESTARTSYS : 0;
}

bool
signal_ignored_or_blocked(int sig)
{
	struct thread *t = thread_current();

	return (t->t_sigmask & SIGNAL_BIT(sig)) ||
	    t->t_proc->p_sigact[sig - 1].sa_handler == SIG_IGN;
}

void
signal_notify_parent(struct proc *child, int code, int status)
{
	struct proc *parent = child->p_parent;
	struct signal_queued q = {
		.sq_code = code, .sq_pid = child->p_pid,
		.sq_uid = child->p_cred.pc_uid, .sq_value = (uint32_t)status,
	};

	if (parent == NULL)
		return;
	if ((code != CLD_STOPPED && code != CLD_CONTINUED) ||
	    !(parent->p_sigact[SIGCHLD - 1].sa_flags & SA_NOCLDSTOP))
		signal_send_info(parent, SIGCHLD, &q);
	waitq_wake_all(&parent->p_wait);
}

struct signal_kill_arg {
	int			 ska_pgid;	/* 0: all but init and self */
	int			 ska_sig;
	int			 ska_hits;
	int			 ska_denied;
	struct signal_queued	 ska_q;
};

/*
 * May the caller signal p?  The kernel (the tty's thread) and root may;
 * others their own uid's.
 */
bool
signal_may_kill(const struct proc *p, int sig)
{
	const struct proc_cred *me;

	if (proc_current() == NULL)
		return true;
	me = &proc_current()->p_cred;
	if (proc_capable(CAP_KILL))
		return true;
	if (sig == SIGCONT && p->p_sid == proc_current()->p_sid)
		return true;
	return me->pc_euid == p->p_cred.pc_uid ||
	    me->pc_euid == p->p_cred.pc_suid ||
	    me->pc_uid == p->p_cred.pc_uid || me->pc_uid == p->p_cred.pc_suid;
}

static void
signal_kill_one(struct proc *p, void *arg)
{
	struct signal_kill_arg *a = arg;

	if (a->ska_pgid != 0 ? p->p_pgid != a->ska_pgid :
	    p->p_pid == 1 || p == proc_current())
		return;
	/* kill(-1) passes by processes it may not signal; others fail. */
	if (!signal_may_kill(p, a->ska_sig)) {
		a->ska_denied++;
		return;
	}
	a->ska_hits++;
	if (a->ska_sig != 0)
		signal_send_info(p, a->ska_sig, &a->ska_q);
}

void
signal_group(int pgid, int sig)
{
	struct signal_kill_arg a = { pgid, sig, 0, 0, { .sq_code = SI_KERNEL } };

	if (pgid > 0)
		proc_foreach(signal_kill_one, &a);
}

int
signal_kill(int pid, int sig, int code)
{
	struct proc *self = proc_current();
	struct signal_kill_arg a = { 0, sig, 0, 0, {
		.sq_code = code, .sq_pid = self->p_pid,
		.sq_uid = self->p_cred.pc_uid } };
	struct proc *p;

	if (sig < 0 || sig > SIGNAL_MAX)
		return -EINVAL;
	if (pid > 0) {
		bool on = intr_save();
		int error = 0;

		p = proc_find_by_id(pid);
		if (p == NULL)
			error = -ESRCH;
		else if (!signal_may_kill(p, sig))
			error = -EPERM;
		else if (sig != 0)
			signal_send_info(p, sig, &a.ska_q);
		intr_restore(on);
		return error;
	}
	if (pid == INT32_MIN)
		return -ESRCH;		/* -INT_MIN has no group */
	if (pid == 0)
		a.ska_pgid = self->p_pgid;
	else if (pid < -1)
		a.ska_pgid = -pid;
	proc_foreach(signal_kill_one, &a);
	if (a.ska_hits > 0)
		return 0;
	return a.ska_denied > 0 ? -EPERM : -ESRCH;
}

int
signal_kill_thread(int tgid, int tid, int sig)
{
	struct proc *self = proc_current();
	struct signal_queued q = { .sq_code = SI_TKILL,
	    .sq_pid = self->p_pid, .sq_uid = self->p_cred.pc_uid };
	bool on = intr_save();
	struct thread *t = proc_find_thread(tid);
	int error = 0;

	/* As Linux: the thread first, the signal number only for one
	 * that exists (so tkill(gone, 999) is -ESRCH). */
	if (t == NULL || t->t_proc == NULL ||
	    (tgid != 0 && t->t_proc->p_pid != tgid))
		error = -ESRCH;
	else if (sig < 0 || sig > SIGNAL_MAX)
		error = -EINVAL;
	else if (!signal_may_kill(t->t_proc, sig))
		error = -EPERM;
	else if (sig != 0)
		error = signal_send_thread(t, sig, &q);
	intr_restore(on);
	return error;
}

static bool
signal_on_altstack(const struct thread *t, uint64_t sp)
{
	const struct signal_stack *ss = &t->t_sig.st_altstack;

	return ss->ss_size != 0 && sp > ss->ss_sp &&
	    sp - ss->ss_sp <= ss->ss_size;
}

/* The alternate stack as sigaltstack and uc_stack report it. */
static struct signal_stack
signal_altstack_report(const struct thread *t, uint64_t sp)
{
	struct signal_stack ss = t->t_sig.st_altstack;

	if (signal_on_altstack(t, sp))
		ss.ss_flags = SS_ONSTACK;
	else if (ss.ss_size == 0)
		ss.ss_flags = SS_DISABLE;
	ss.ss_flags |= (int32_t)(t->t_sig.st_altstack.ss_flags &
	    (int32_t)SS_AUTODISARM);
	return ss;
}

/* Install *ss as the alternate stack; user stack pointer sp. */
static long
signal_altstack_set(struct thread *t, const struct signal_stack *ss,
    uint64_t sp)
{
	uint32_t mode = (uint32_t)ss->ss_flags & ~SS_AUTODISARM;

	if (signal_on_altstack(t, sp))
		return -EPERM;
	if (mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK)
		return -EINVAL;
	if (mode == SS_DISABLE) {
		t->t_sig.st_altstack = (struct signal_stack){ 0 };
		return 0;
	}
	if (ss->ss_size < SIGNAL_MINSTKSZ)
		return -ENOMEM;
	t->t_sig.st_altstack = (struct signal_stack){
		.ss_sp = ss->ss_sp, .ss_size = ss->ss_size,
		.ss_flags = (int32_t)((uint32_t)ss->ss_flags & SS_AUTODISARM),
	};
	return 0;
}

long
signal_altstack(uint64_t uss, uint64_t uoss, uint64_t user_rsp)
{
	struct thread *t = thread_current();
	struct signal_stack ss, old = signal_altstack_report(t, user_rsp);
	long error;

	if (uss != 0) {
		if (copy_from_user(&ss, (const void *)uss, sizeof(ss)) != 0)
			return -EFAULT;
		if ((error = signal_altstack_set(t, &ss, user_rsp)) != 0)
			return error;
	}
	if (uoss != 0 && copy_to_user((void *)uoss, &old, sizeof(old)) != 0)
		return -EFAULT;
	return 0;
}

void
signal_exec_reset(void)
{
	struct thread *t = thread_current();
	struct proc *p = t->t_proc;

	/* Handlers point into the old image: caught signals go default. */
	for (int i = 0; i < SIGNAL_MAX; i++)
		if (p->p_sigact[i].sa_handler != SIG_IGN)
			p->p_sigact[i] = (struct signal_action){ 0 };
	t->t_sig.st_altstack = (struct signal_stack){ 0 };
}

/* The signal of ready to take first: SIGKILL, a fault's, the lowest. */
static int
signal_first(uint64_t ready)
{
	if (ready & SIGNAL_BIT(SIGKILL))
		return SIGKILL;
	if (ready & SIGNAL_SYNC)
		return __builtin_ctzl(ready & SIGNAL_SYNC) + 1;
	return __builtin_ctzl(ready) + 1;
}

int
signal_dequeue(uint64_t set, struct signal_info *info)
{
	struct thread *t = thread_current();
	struct proc *p = t->t_proc;
	bool on = intr_save();
	struct signal_pend *sp = &t->t_sigpend;
	struct signal_queued q;
	int sig;

	/* The thread's own signals first, then the process's (SIGKILL,
	 * always the process's, before anything). */
	if ((sp->sp_set & set) == 0 ||
	    (p->p_sigshared.sp_set & set & SIGNAL_BIT(SIGKILL)))
		sp = &p->p_sigshared;
	if ((sp->sp_set & set) == 0) {
		intr_restore(on);
		return 0;
	}
	sig = signal_first(sp->sp_set & set);
	q = sp->sp_info[sig - 1];
	/* A real-time signal stays pending while instances are queued. */
	if (sig < SIGNAL_RTMIN || !signal_rtq_next(sp, sig))
		sp->sp_set &= ~SIGNAL_BIT(sig);
	if (q.sq_code == SI_TIMER)
		q.sq_uid = (uint32_t)ptimer_delivered(p, q.sq_pid,
		    (int)q.sq_uid);
	intr_restore(on);
	if (info != NULL) {
		memset(info, 0, sizeof(*info));
		info->si_signo = sig;
		info->si_code = q.sq_code;
		if (q.sq_addr != 0) {
			info->si_addr = q.sq_addr;
		} else {
			info->si_pid = q.sq_pid;
			info->si_uid = q.sq_uid;
			info->si_value = q.sq_value;
		}
	}
	return sig;
}

/* Push the handler frame and point tf at the handler; false on failure. */
static bool
signal_setup_frame(struct trap_frame *tf, const struct signal_info *info,
    const struct signal_action *act, uint64_t oldmask)
{
	struct thread *t = thread_current();
	struct signal_stack *alt = &t->t_sig.st_altstack;
	struct signal_frame f;
	uint64_t sp = tf->rsp;
	uint64_t fpu, frame;

	if (!(act->sa_flags & SA_RESTORER))
		return false;			/* nowhere to return to */
	if ((act->sa_flags & SA_ONSTACK) && alt->ss_size != 0 &&
	    !signal_on_altstack(t, sp))
		sp = alt->ss_sp + alt->ss_size;
	else
		sp -= 128;			/* skip the red zone */
	fpu = ALIGN_DOWN(sp - sizeof(t->t_ustate->ucs_fxsave), 64);
	frame = ALIGN_DOWN(fpu - sizeof(f), 16) - 8;	/* as after a call */
	user_state_save(t->t_ustate);
	memset(&f, 0, sizeof(f));
	f.pretcode = act->sa_restorer;
	f.uc.uc_stack = signal_altstack_report(t, tf->rsp);
	f.uc.uc_mcontext = (struct signal_sigcontext){
		.r8 = tf->r8, .r9 = tf->r9, .r10 = tf->r10, .r11 = tf->r11,
		.r12 = tf->r12, .r13 = tf->r13, .r14 = tf->r14, .r15 = tf->r15,
		.rdi = tf->rdi, .rsi = tf->rsi, .rbp = tf->rbp, .rbx = tf->rbx,
		.rdx = tf->rdx, .rax = tf->rax, .rcx = tf->rcx, .rsp = tf->rsp,
		.rip = tf->rip, .eflags = tf->rflags, .cs = GDT_UCODE,
		.ss = GDT_UDATA, .oldmask = oldmask, .fpstate = fpu,
		.err = tf->vector < 32 ? tf->error : 0,
		.trapno = tf->vector < 32 ? tf->vector : 0,
		.cr2 = info->si_signo == SIGSEGV ? info->si_addr : 0,
	};
	f.uc.uc_sigmask = oldmask;
	f.info = *info;
	if (copy_to_user((void *)fpu, t->t_ustate->ucs_fxsave,
	    sizeof(t->t_ustate->ucs_fxsave)) != 0 ||
	    copy_to_user((void *)frame, &f, sizeof(f)) != 0)
		return false;
	if (alt->ss_flags & (int32_t)SS_AUTODISARM)
		*alt = (struct signal_stack){ 0 };
	tf->rdi = (uint64_t)info->si_signo;
	tf->rsi = frame + offsetof(struct signal_frame, info);
	tf->rdx = frame + offsetof(struct signal_frame, uc);
	tf->rax = 0;
	tf->rsp = frame;
	tf->rip = act->sa_handler;
	tf->rflags &= ~(0x400UL | 0x100UL);	/* DF and TF off */
	return true;
}

/* End the calling process as killed by sig (with core for some). */
static __noreturn void
signal_die(int sig)
{
	intr_enable();
	proc_exit_thread(sig | ((SIGNAL_BIT(sig) & SIGNAL_CORES) ?
	    SIGNAL_CORE_FLAG : 0));
}

/*
 * While p is stopped, its threads wait here on their way back to ring 3,
 * until SIGCONT, SIGKILL, or an exit of the process elsewhere.
 */
static void
signal_stopped_wait(struct proc *p)
{
	/*
	 * Interrupts stay off from the test to the sleep, so a SIGCONT
	 * cannot slip in between; it cuts the sleep short.
	 */
	bool on = intr_save();

	while ((p->p_stopped || p->p_ptrace.pt_stopped) &&
	    !(p->p_sigshared.sp_set & SIGNAL_BIT(SIGKILL)) &&
	    !proc_thread_must_leave())
		thread_sleep_ns(1000000000UL);
	intr_restore(on);
}

/* Default action of a stop signal: stop the process until SIGCONT. */
static void
signal_stop(struct proc *p, int sig)
{
	bool on;

	if (ptrace_traced(p)) {		/* its tracer sees and ends it */
		ptrace_group_stop(p, sig);
		return;
	}
	on = intr_save();

	p->p_stopped = true;
	p->p_stopsig = sig;
	p->p_stop_report = true;
	p->p_cont_report = false;
	signal_notify_parent(p, CLD_STOPPED, sig);
	/* The other threads stop as they next head for ring 3. */
	for (struct thread *t = p->p_threads; t != NULL; t = t->t_peer_next)
		if (t != thread_current())
			thread_interrupt(t);
	intr_restore(on);
	signal_stopped_wait(p);
}

static bool
signal_is_restart(uint64_t rax)
{
	long r = -(long)rax;

	return r == ERESTARTSYS || r == ERESTARTNOINTR || r == ERESTARTNOHAND ||
	    r == ERESTART_RESTARTBLOCK;
}

static __attribute__((noinline)) void
signal_deliver_slow(struct trap_frame *tf, long nr, struct thread *t,
    struct proc *p)
{
	struct signal_action *act;
	struct signal_info info;
	uint64_t ready, oldmask, bit;
	int sig;

	if (proc_thread_must_leave()) {
		intr_enable();
		proc_thread_leave();
	}
	signal_stopped_wait(p);
	if (ptrace_traced(p)) {
		user_return_full();	/* a tracer may have changed tf */
		ptrace_interrupt_stop(p);
	}
	if (nr >= 0 && !signal_is_restart(tf->rax))
		nr = -1;			/* nothing to restart */
	for (;;) {
		ready = signal_pending_set(t) &
		    ~(t->t_sigmask & ~SIGNAL_UNBLOCKABLE);
		if (ready == 0 || (sig = signal_dequeue(ready, &info)) == 0)
			break;
		bit = SIGNAL_BIT(sig);
		act = &p->p_sigact[sig - 1];
		if (sig == SIGKILL)
			signal_die(sig);
		if (ptrace_traced(p)) {
			/* Signal-delivery stop: the tracer's choice. */
			if ((sig = ptrace_signal(p, sig, &info)) == 0)
				continue;
			if (sig == SIGKILL)
				signal_die(sig);
			bit = SIGNAL_BIT(sig);
			act = &p->p_sigact[sig - 1];
			/* Init takes only what it handles, traced too. */
			if (p->p_pid == 1 && act->sa_handler == SIG_DFL)
				continue;
		}
		if (act->sa_handler == SIG_IGN)
			continue;
		if (act->sa_handler == SIG_DFL) {
			if (bit & SIGNAL_IGNORES)
				continue;
			if (bit & SIGNAL_STOPS) {
				bool on = intr_save();
				bool orphan = proc_pgrp_orphaned(p->p_pgid);

				intr_restore(on);
				/* The tty's stops spare orphaned groups. */
				if (sig == SIGSTOP || !orphan)
					signal_stop(p, sig);
				continue;
			}
			signal_die(sig);
		}
		/* A handler runs: the interrupted call restarts or fails. */
		if (nr >= 0) {
			long r = -(long)tf->rax;

			if (r == ERESTARTNOHAND || r == ERESTART_RESTARTBLOCK ||
			    (r == ERESTARTSYS &&
			    !(act->sa_flags & SA_RESTART))) {
				tf->rax = (uint64_t)-EINTR;
			} else {
				tf->rax = (uint64_t)nr;
				tf->rip -= SIGNAL_SYSCALL_INSN_LEN;
			}
			nr = -1;
		}
		t->t_sig.st_restart_fn = NULL;	/* restart_syscall: EINTR */
		oldmask = t->t_sig.st_restore_mask ? t->t_sig.st_saved_mask :
		    t->t_sigmask;
		t->t_sig.st_restore_mask = false;
		if (!signal_setup_frame(tf, &info, act, oldmask)) {
			printk(LOG_ERR, "jiny: pid %d: cannot deliver signal "
			    "%d (bad stack or no restorer); killed\n",
			    p->p_pid, sig);
			signal_die(SIGSEGV);
		}
		t->t_sigmask = oldmask | act->sa_mask |
		    ((act->sa_flags & SA_NODEFER) ? 0 : bit);
		t->t_sigmask &= ~SIGNAL_UNBLOCKABLE;
		/* One-shot: the handler goes, the flags stay (as Linux). */
		if (act->sa_flags & SA_RESETHAND)
			act->sa_handler = 0;	/* SIG_DFL */
		return;
	}
	/* No handler ran: an interrupted call starts over. */
	if (nr >= 0) {
		tf->rax = -(long)tf->rax == ERESTART_RESTARTBLOCK ?
		    SIGNAL_SYS_RESTART : (uint64_t)nr;
		tf->rip -= SIGNAL_SYSCALL_INSN_LEN;
	}
	if (t->t_sig.st_restore_mask) {
		t->t_sigmask = t->t_sig.st_saved_mask;
		t->t_sig.st_restore_mask = false;
	}
}

void
signal_deliver_syscall(struct trap_frame *tf, long nr)
{
	struct thread *t = thread_current();
	struct proc *p = t->t_proc;

	if (p == NULL || t->t_ustate == NULL)
		return;
	/*
	 * The common case, every system call: nothing pending, nobody
	 * stopping or ending the process, no call to restart, no mask to
	 * restore.  (Unlocked reads: a sender also interrupts us, and the
	 * next return to ring 3 looks again.)
	 */
	if (p->p_sigshared.sp_set == 0 && t->t_sigpend.sp_set == 0 &&
	    p->p_single == NULL && !p->p_stopped &&
	    !p->p_ptrace.pt_interrupt && !p->p_ptrace.pt_stopped &&
	    !t->t_sig.st_restore_mask &&
	    (nr < 0 || !signal_is_restart(tf->rax)))
		return;
	signal_deliver_slow(tf, nr, t, p);
}

void
signal_deliver(struct trap_frame *tf)
{
	signal_deliver_syscall(tf, -1);
}

void
signal_irq_exit(struct trap_frame *tf)
{
	/* The run up to this interrupt was in ring 3 or in the kernel. */
	itimer_account(thread_current(), (tf->cs & 3) == 3);
	sched_irq_exit(tf);
	/* Back to ring 3: signals sent meanwhile take effect now. */
	if ((tf->cs & 3) == 3)
		signal_deliver(tf);
}

void
signal_fault(struct trap_frame *tf, int signo, int code, uint64_t addr)
{
	struct thread *t = thread_current();
	struct proc *p = t->t_proc;
	struct signal_action *act = &p->p_sigact[signo - 1];
	uint64_t bit = SIGNAL_BIT(signo);
	bool on;

	/*
	 * A blocked or ignored fault signal cannot be taken: returning
	 * would fault again forever.  As Linux does, it reverts to its
	 * default action, which kills.
	 */
	if ((t->t_sigmask & bit) || act->sa_handler == SIG_IGN) {
		*act = (struct signal_action){ 0 };
		t->t_sigmask &= ~bit;
	}
	/* Traced, it is the tracer's first (a breakpoint, a step). */
	if (act->sa_handler == SIG_DFL && !ptrace_traced(p)) {
		printk(LOG_ERR, "jiny: tid %d (%s) killed by signal %d: "
		    "vector %lu error 0x%lx at rip 0x%lx rsp 0x%lx cr2 "
		    "0x%lx\n", t->t_tid, t->t_name, signo, tf->vector,
		    tf->error, tf->rip, tf->rsp, addr);
		signal_die(signo);
	}
	/* The faulting thread's own: no other thread may take it. */
	on = intr_save();
	t->t_sigpend.sp_info[signo - 1] = (struct signal_queued){
		.sq_code = code, .sq_addr = addr,
	};
	t->t_sigpend.sp_set |= bit;
	intr_restore(on);
	signal_deliver(tf);
}

/*
 * The restored rip must be a user address (iretq to anything else would
 * fault in the kernel); rsp may be any canonical value, as on Linux: a
 * bad one faults in the program.
 */
long
signal_return(struct trap_frame *tf)
{
	struct thread *t = thread_current();
	struct signal_ucontext uc;
	const struct signal_sigcontext *sc = &uc.uc_mcontext;
	uint8_t fx[512];

	if (copy_from_user(&uc, (const void *)tf->rsp, sizeof(uc)) != 0 ||
	    copy_from_user(fx, (const void *)sc->fpstate, sizeof(fx)) != 0 ||
	    sc->rip >= PAGING_USER_TOP ||
	    (uint64_t)((int64_t)(sc->rsp << 16) >> 16) != sc->rsp) {
		printk(LOG_ERR, "jiny: pid %d: bad signal frame; killed\n",
		    t->t_proc->p_pid);
		signal_die(SIGSEGV);
	}
	/* MXCSR reserved bits would make fxrstor fault in the kernel. */
	fx[26] = fx[27] = 0;
	fx[24] &= 0xbf;
	memcpy(t->t_ustate->ucs_fxsave, fx, sizeof(fx));
	user_state_load(t->t_ustate);
	/* As Linux: an error (e.g. still on the stack) leaves it as is. */
	(void)signal_altstack_set(t, &uc.uc_stack, tf->rsp);
	tf->r8 = sc->r8; tf->r9 = sc->r9; tf->r10 = sc->r10; tf->r11 = sc->r11;
	tf->r12 = sc->r12; tf->r13 = sc->r13; tf->r14 = sc->r14;
	tf->r15 = sc->r15; tf->rdi = sc->rdi; tf->rsi = sc->rsi;
	tf->rbp = sc->rbp; tf->rbx = sc->rbx; tf->rdx = sc->rdx;
	tf->rcx = sc->rcx; tf->rsp = sc->rsp; tf->rip = sc->rip;
	tf->rflags = (tf->rflags & ~SIGNAL_USER_FLAGS) |
	    (sc->eflags & SIGNAL_USER_FLAGS) | 0x202;
	t->t_sigmask = uc.uc_sigmask & ~SIGNAL_UNBLOCKABLE;
	user_return_full();		/* rcx and r11 are live again */
	return (long)sc->rax;
}
