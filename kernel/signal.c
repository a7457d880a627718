/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Signals (see signal.h).  The frame pushed for a handler is Linux's
 * rt_sigframe: return address (the restorer), ucontext with the
 * interrupted registers and mask, siginfo, and the FPU state below it.
 */
#include <stdbool.h>
#include <stdint.h>

#include <kernel/compiler.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/signal.h>
#include <kernel/string.h>
#include <kernel/sys.h>
#include <kernel/thread.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/user.h>

#define SIG_DFL		0
#define SIG_IGN		1
#define SA_RESTORER	0x04000000UL
#define SA_NODEFER	0x40000000UL
#define SA_RESETHAND	0x80000000UL
#define SIGNAL_BIT(s)	(1UL << ((s) - 1))
#define SIGNAL_UNBLOCKABLE (SIGNAL_BIT(SIGKILL) | SIGNAL_BIT(SIGSTOP))
/* Flags a handler may change (Linux's FIX_EFLAGS). */
#define SIGNAL_USER_FLAGS 0x50dd5UL

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
	uint64_t	ss_sp;
	int32_t		ss_flags;
	int32_t		ss_pad;
	uint64_t	ss_size;
	struct signal_sigcontext uc_mcontext;
	uint64_t	uc_sigmask;
};

struct signal_info {
	int32_t		si_signo, si_errno, si_code, si_pad;
	int32_t		si_pid;
	uint32_t	si_uid;
	uint8_t		si_rest[104];
};
_Static_assert(sizeof(struct signal_info) == 128, "siginfo ABI");

struct signal_frame {
	uint64_t		pretcode;
	struct signal_ucontext	uc;
	struct signal_info	info;
};

static bool signal_default_ignored(int sig);

void
signal_send(struct proc *p, int sig)
{
	bool on;
	struct thread *t;
	const struct signal_action *act;

	if (sig <= 0 || sig > SIGNAL_MAX)
		return;
	on = intr_save();
	act = &p->p_sigact[sig - 1];
	/*
	 * An ignored signal is dropped at once (as Linux does): it must
	 * not cut a sleep short, e.g. SIGCHLD during wait4 or nanosleep.
	 */
	if (sig != SIGKILL && (act->sa_handler == SIG_IGN ||
	    (act->sa_handler == SIG_DFL && signal_default_ignored(sig)))) {
		intr_restore(on);
		return;
	}
	if (!p->p_zombie) {
		p->p_sigpending |= SIGNAL_BIT(sig);
		/*
		 * A sleeper must notice: wake a thread that does not block
		 * the signal (every thread, for one that cannot be blocked).
		 */
		for (t = p->p_threads; t != NULL; t = t->t_peer_next)
			if (!(t->t_sigmask & SIGNAL_BIT(sig)) ||
			    (SIGNAL_BIT(sig) & SIGNAL_UNBLOCKABLE)) {
				thread_interrupt(t);
				if (!(SIGNAL_BIT(sig) & SIGNAL_UNBLOCKABLE))
					break;
			}
	}
	intr_restore(on);
}

bool
signal_pending(void)
{
	struct thread *t = thread_current();

	/* Being told to leave (exit_group, execve elsewhere) counts too. */
	return t->t_proc != NULL && ((t->t_proc->p_sigpending &
	    ~(t->t_sigmask & ~SIGNAL_UNBLOCKABLE)) != 0 ||
	    proc_thread_must_leave());
}

struct signal_kill_arg {
	int	ska_pgid;	/* 0: all but init and the kernel's */
	int	ska_sig;
	int	ska_hits;
};

static void
signal_kill_one(struct proc *p, void *arg)
{
	struct signal_kill_arg *a = arg;

	if (a->ska_pgid != 0 ? p->p_pgid != a->ska_pgid : p->p_pid == 1)
		return;
	a->ska_hits++;
	if (a->ska_sig != 0)
		signal_send(p, a->ska_sig);
}

void
signal_group(int pgid, int sig)
{
	struct signal_kill_arg a = { pgid, sig, 0 };

	if (pgid > 0)
		proc_foreach(signal_kill_one, &a);
}

int
signal_kill(int pid, int sig)
{
	struct signal_kill_arg a = { 0, sig, 0 };
	struct proc *p;

	if (sig < 0 || sig > SIGNAL_MAX)
		return -EINVAL;
	if (pid > 0) {
		bool on = intr_save();

		p = proc_find(pid);
		if (p != NULL && sig != 0)
			signal_send(p, sig);
		intr_restore(on);
		return p != NULL ? 0 : -ESRCH;
	}
	if (pid == 0)
		a.ska_pgid = proc_current()->p_pgid;
	else if (pid < -1)
		a.ska_pgid = -pid;
	proc_foreach(signal_kill_one, &a);
	return a.ska_hits > 0 ? 0 : -ESRCH;
}

static bool
signal_default_ignored(int sig)
{
	switch (sig) {
	case SIGCHLD: case SIGCONT: case 23 /* SIGURG */:
	case 28 /* SIGWINCH */:
	case SIGSTOP: case 20: case 21: case 22:	/* stop: unsupported */
		return true;
	default:
		return false;
	}
}

/* Push the handler frame and point tf at the handler; false on failure. */
static bool
signal_setup_frame(struct trap_frame *tf, int sig,
    const struct signal_action *act, uint64_t oldmask)
{
	struct thread *t = thread_current();
	struct signal_frame f;
	uint64_t sp = tf->rsp - 128;		/* skip the red zone */
	uint64_t fpu, frame;

	if (!(act->sa_flags & SA_RESTORER))
		return false;			/* nowhere to return to */
	fpu = ALIGN_DOWN(sp - sizeof(t->t_ustate->ucs_fxsave), 64);
	frame = ALIGN_DOWN(fpu - sizeof(f), 16) - 8;	/* as after a call */
	user_state_save(t->t_ustate);
	memset(&f, 0, sizeof(f));
	f.pretcode = act->sa_restorer;
	f.uc.ss_flags = 2;			/* SS_DISABLE */
	f.uc.uc_mcontext = (struct signal_sigcontext){
		.r8 = tf->r8, .r9 = tf->r9, .r10 = tf->r10, .r11 = tf->r11,
		.r12 = tf->r12, .r13 = tf->r13, .r14 = tf->r14, .r15 = tf->r15,
		.rdi = tf->rdi, .rsi = tf->rsi, .rbp = tf->rbp, .rbx = tf->rbx,
		.rdx = tf->rdx, .rax = tf->rax, .rcx = tf->rcx, .rsp = tf->rsp,
		.rip = tf->rip, .eflags = tf->rflags, .cs = GDT_UCODE,
		.ss = GDT_UDATA, .oldmask = oldmask, .fpstate = fpu,
	};
	f.uc.uc_sigmask = oldmask;
	f.info.si_signo = sig;
	if (copy_to_user((void *)fpu, t->t_ustate->ucs_fxsave,
	    sizeof(t->t_ustate->ucs_fxsave)) != 0 ||
	    copy_to_user((void *)frame, &f, sizeof(f)) != 0)
		return false;
	tf->rdi = (uint64_t)sig;
	tf->rsi = frame + offsetof(struct signal_frame, info);
	tf->rdx = frame + offsetof(struct signal_frame, uc);
	tf->rax = 0;
	tf->rsp = frame;
	tf->rip = act->sa_handler;
	tf->rflags &= ~(0x400UL | 0x100UL);	/* DF and TF off */
	return true;
}

void
signal_deliver(struct trap_frame *tf)
{
	struct thread *t = thread_current();
	struct proc *p = t->t_proc;
	struct signal_action *act;
	uint64_t ready, oldmask;
	int sig;

	if (p == NULL || t->t_ustate == NULL)
		return;
	if (proc_thread_must_leave()) {
		intr_enable();
		sys_thread_leave();
	}
	for (;;) {
		bool on = intr_save();

		ready = p->p_sigpending & ~(t->t_sigmask & ~SIGNAL_UNBLOCKABLE);
		if (ready == 0) {
			intr_restore(on);
			return;
		}
		sig = __builtin_ctzl(ready) + 1;
		p->p_sigpending &= ~SIGNAL_BIT(sig);
		intr_restore(on);
		act = &p->p_sigact[sig - 1];
		if (sig == SIGKILL || act->sa_handler == SIG_DFL) {
			if (signal_default_ignored(sig) && sig != SIGKILL)
				continue;
			intr_enable();
			sys_exit_thread(sig);	/* wait status: killed by sig */
		}
		if (act->sa_handler == SIG_IGN)
			continue;
		oldmask = t->t_sigmask;
		if (!signal_setup_frame(tf, sig, act, oldmask)) {
			printk(LOG_ERR, "jiny: pid %d: cannot deliver signal "
			    "%d (bad stack or no restorer); killed\n",
			    p->p_pid, sig);
			intr_enable();
			sys_exit_thread(SIGSEGV);
		}
		t->t_sigmask |= act->sa_mask |
		    ((act->sa_flags & SA_NODEFER) ? 0 : SIGNAL_BIT(sig));
		t->t_sigmask &= ~SIGNAL_UNBLOCKABLE;
		if (act->sa_flags & SA_RESETHAND)
			act->sa_handler = SIG_DFL;
		return;
	}
}

long
signal_return(struct trap_frame *tf)
{
	struct thread *t = thread_current();
	struct signal_ucontext uc;
	const struct signal_sigcontext *sc = &uc.uc_mcontext;
	uint8_t fx[512];

	if (copy_from_user(&uc, (const void *)tf->rsp, sizeof(uc)) != 0 ||
	    copy_from_user(fx, (const void *)sc->fpstate, sizeof(fx)) != 0 ||
	    sc->rip >= PAGING_USER_TOP || sc->rsp >= PAGING_USER_TOP) {
		printk(LOG_ERR, "jiny: pid %d: bad signal frame; killed\n",
		    t->t_proc->p_pid);
		sys_exit_thread(SIGSEGV);
	}
	/* MXCSR reserved bits would make fxrstor fault in the kernel. */
	fx[26] = fx[27] = 0;
	fx[24] &= 0xbf;
	memcpy(t->t_ustate->ucs_fxsave, fx, sizeof(fx));
	user_state_load(t->t_ustate);
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
