/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * ptrace (see ptrace.h).  The tracer side (the requests) and the tracee
 * side (its stops) meet in p->p_ptrace, changed with interrupts off; a
 * stopped tracee sleeps in ptrace_stop until pt_stopped is cleared and
 * it is interrupted, or SIGKILL comes, or its tracer goes.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/compiler.h>
#include <lib/errno.h>
#include <lib/ptrace_regs.h>
#include <lib/string.h>
#include <arch/x86_64/include/cpu.h>
#include <arch/x86_64/include/paging.h>
#include <arch/x86_64/include/user.h>
#include <kernel/sched/thread.h>
#include <kernel/sched/waitq.h>
#include <kernel/vm/vm.h>
#include <kernel/proc/proc.h>
#include <kernel/proc/ptrace.h>
#include <kernel/proc/signal.h>

#define PTRACE_TRACEME		0
#define PTRACE_PEEKTEXT		1
#define PTRACE_PEEKDATA		2
#define PTRACE_PEEKUSR		3
#define PTRACE_POKETEXT		4
#define PTRACE_POKEDATA		5
#define PTRACE_POKEUSR		6
#define PTRACE_CONT		7
#define PTRACE_KILL		8
#define PTRACE_SINGLESTEP	9
#define PTRACE_GETREGS		12
#define PTRACE_SETREGS		13
#define PTRACE_GETFPREGS	14
#define PTRACE_SETFPREGS	15
#define PTRACE_ATTACH		16
#define PTRACE_DETACH		17
#define PTRACE_SYSCALL		24
#define PTRACE_SETOPTIONS	0x4200
#define PTRACE_GETEVENTMSG	0x4201
#define PTRACE_GETSIGINFO	0x4202
#define PTRACE_SETSIGINFO	0x4203
#define PTRACE_GETREGSET	0x4204
#define PTRACE_SETREGSET	0x4205
#define PTRACE_SEIZE		0x4206
#define PTRACE_INTERRUPT	0x4207

#define PTRACE_O_TRACESYSGOOD	0x01
#define PTRACE_O_TRACEFORK	0x02
#define PTRACE_O_TRACEVFORK	0x04
#define PTRACE_O_TRACECLONE	0x08
#define PTRACE_O_TRACEEXEC	0x10
#define PTRACE_O_TRACEVFORKDONE	0x20
#define PTRACE_O_TRACEEXIT	0x40
#define PTRACE_O_EXITKILL	0x100000
#define PTRACE_O_MASK		(0x7f | PTRACE_O_EXITKILL)

#define NT_PRSTATUS		1
#define NT_PRFPREG		2
#define NT_X86_XSTATE		0x202

#define CLD_TRAPPED		4
#define CLONE_VFORK		0x00004000
#define CLONE_UNTRACED		0x00800000
#define CSIGNAL			0xff

#define EFLAGS_TF		0x100UL
#define PTRACE_USER_FLAGS	0x50dd5UL	/* as a signal handler may */
#define PTRACE_TASK_TOP		PTRACE_REGS_TASK_TOP

/* struct user_regs_struct of Linux x86-64: the order of its words. */
enum ptrace_reg {
	R_R15, R_R14, R_R13, R_R12, R_RBP, R_RBX, R_R11, R_R10, R_R9, R_R8,
	R_RAX, R_RCX, R_RDX, R_RSI, R_RDI, R_ORIG_RAX, R_RIP, R_CS, R_EFLAGS,
	R_RSP, R_SS, R_FS_BASE, R_GS_BASE, R_DS, R_ES, R_FS, R_GS, R_NREGS
};
#define PTRACE_REGS_SIZE	(R_NREGS * 8)		/* 216 */
#define PTRACE_USER_DEBUGREG	848	/* offsetof(struct user, u_debugreg) */
#define PTRACE_USER_SIZE	928	/* sizeof(struct user) in the kernel */
#define PTRACE_FP_SIZE		512
#define PTRACE_XCR0		0x3	/* x87 and SSE: what Jiny keeps */

struct ptrace_iovec {
	uint64_t	base, len;
};

/* The ring-3 frame of a thread in the kernel: at the top of its stack. */
static struct trap_frame *
ptrace_frame(struct thread *t)
{
	return (struct trap_frame *)(t->t_stack_top -
	    sizeof(struct trap_frame));
}

/* Tell the tracer of p about a stop: SIGCHLD (CLD_TRAPPED) and a wake. */
static void
ptrace_notify(struct proc *p, int code, int status)
{
	struct proc *tracer = p->p_ptrace.pt_tracer;
	struct signal_queued q = {
		.sq_code = code, .sq_pid = p->p_pid,
		.sq_uid = p->p_cred.pc_uid, .sq_value = (uint32_t)status,
	};

	if (tracer == NULL || tracer->p_zombie)
		return;
	signal_send_info(tracer, SIGCHLD, &q);
	waitq_wake_all(&tracer->p_wait);
}

/*
 * The calling thread of p stops with wait status code << 8 | 0x7f
 * (info: its siginfo, or NULL) until its tracer lets it go.  Returns
 * the restart's signal.
 */
static int
ptrace_stop(struct proc *p, int code, const struct signal_info *info)
{
	struct proc_ptrace *pt = &p->p_ptrace;
	struct thread *t = thread_current();
	bool on = intr_save();
	int data;

	if (pt->pt_tracer == NULL ||
	    (p->p_sigshared.sp_set & SIGNAL_BIT(SIGKILL))) {
		intr_restore(on);
		return 0;
	}
	pt->pt_code = code;
	pt->pt_stopped = true;
	pt->pt_report = true;
	pt->pt_thread = t;
	pt->pt_data = 0;
	pt->pt_has_info = info != NULL;
	if (info != NULL)
		pt->pt_info = *info;
	ptrace_notify(p, CLD_TRAPPED, code & 0xff);
	while (pt->pt_stopped && pt->pt_tracer != NULL &&
	    !(p->p_sigshared.sp_set & SIGNAL_BIT(SIGKILL)) &&
	    !proc_thread_must_leave())
		thread_sleep_ns(1000000000UL);
	pt->pt_stopped = false;
	pt->pt_report = false;
	pt->pt_thread = NULL;
	data = pt->pt_data;
	pt->pt_data = 0;
	intr_restore(on);
	/* The tracer may have changed any register: return with iretq. */
	user_return_full();
	return data;
}

int
ptrace_signal(struct proc *p, int sig, struct signal_info *info)
{
	struct proc_ptrace *pt = &p->p_ptrace;
	struct thread *t = thread_current();
	struct signal_queued q;
	struct proc *tracer;
	int data;

	info->si_signo = sig;
	data = ptrace_stop(p, sig, info);
	if (data <= 0 || data > SIGNAL_MAX)
		return 0;
	*info = pt->pt_info;	/* as the tracer left it (SETSIGINFO) */
	if (data != info->si_signo) {
		/* Another signal: it comes from the tracer. */
		tracer = pt->pt_tracer;
		memset(info, 0, sizeof(*info));
		info->si_signo = data;
		info->si_code = SI_USER;
		if (tracer != NULL) {
			info->si_pid = tracer->p_pid;
			info->si_uid = tracer->p_cred.pc_uid;
		}
	}
	if (t->t_sigmask & SIGNAL_BIT(data)) {
		/* Blocked: pending again for this thread. */
		q = (struct signal_queued){ .sq_code = info->si_code,
		    .sq_pid = info->si_pid, .sq_uid = info->si_uid,
		    .sq_value = info->si_value };
		(void)signal_send_thread(t, data, &q);
		return 0;
	}
	return data;
}

void
ptrace_group_stop(struct proc *p, int sig)
{
	bool on = intr_save();

	p->p_stopped = true;
	p->p_stopsig = sig;
	intr_restore(on);
	(void)ptrace_stop(p, p->p_ptrace.pt_seized ?
	    sig | PTRACE_EVENT_STOP << 8 : sig, NULL);
	on = intr_save();
	p->p_stopped = false;
	intr_restore(on);
}

void
ptrace_interrupt_stop(struct proc *p)
{
	if (!p->p_ptrace.pt_interrupt)
		return;
	p->p_ptrace.pt_interrupt = false;
	(void)ptrace_stop(p, SIGTRAP | PTRACE_EVENT_STOP << 8, NULL);
}

/* A stop of an event (PTRACE_EVENT_*) with its message. */
static void
ptrace_event_stop(struct proc *p, int event, uint64_t msg)
{
	struct signal_info info = { .si_signo = SIGTRAP,
	    .si_code = SIGTRAP | event << 8 };

	p->p_ptrace.pt_eventmsg = msg;
	(void)ptrace_stop(p, SIGTRAP | event << 8, &info);
}

/* A syscall stop: SIGTRAP, | 0x80 with PTRACE_O_TRACESYSGOOD. */
static void
ptrace_syscall_stop(struct proc *p)
{
	struct signal_info info = { .si_signo = SIGTRAP, .si_code = SIGTRAP };
	int code = SIGTRAP;
	int data;

	if (p->p_ptrace.pt_options & PTRACE_O_TRACESYSGOOD)
		code |= 0x80;
	info.si_code = code;
	data = ptrace_stop(p, code, &info);
	/* A signal given at a syscall stop is sent, as Linux does. */
	if (data > 0 && data <= SIGNAL_MAX)
		(void)signal_send_thread(thread_current(), data, NULL);
}

long
ptrace_syscall_enter(struct trap_frame *tf)
{
	struct proc *p = proc_current();
	struct proc_ptrace *pt = &p->p_ptrace;

	if (!pt->pt_syscall)
		return (long)tf->rax;
	tf->rax = (uint64_t)-ENOSYS;
	ptrace_syscall_stop(p);
	if (p->p_sigshared.sp_set & SIGNAL_BIT(SIGKILL))
		return -1;
	return (long)tf->error;
}

void
ptrace_syscall_exit(struct trap_frame *tf)
{
	struct proc *p = proc_current();
	struct proc_ptrace *pt = &p->p_ptrace;
	struct signal_queued q = { .sq_code = 1 };	/* TRAP_BRKPT */

	if (pt->pt_tracer == NULL)
		return;
	if (pt->pt_step && (tf->rflags & EFLAGS_TF)) {
		/* The step is the system call: report it now. */
		(void)signal_send_thread(thread_current(), SIGTRAP, &q);
		return;
	}
	if (pt->pt_syscall)
		ptrace_syscall_stop(p);
}

void
ptrace_exec(struct proc *p, int old_tid)
{
	struct proc_ptrace *pt = &p->p_ptrace;

	if (pt->pt_tracer == NULL)
		return;
	if (pt->pt_options & PTRACE_O_TRACEEXEC)
		ptrace_event_stop(p, PTRACE_EVENT_EXEC, (uint64_t)old_tid);
	else if (!pt->pt_seized)
		(void)signal_send_thread(thread_current(), SIGTRAP, NULL);
}

int
ptrace_fork_child(struct proc *parent, struct proc *child, uint64_t flags)
{
	struct proc_ptrace *pt = &parent->p_ptrace;
	struct proc *tracer = pt->pt_tracer;
	int event;
	uint32_t opt;

	if (tracer == NULL || (flags & CLONE_UNTRACED))
		return 0;
	if (flags & CLONE_VFORK) {
		event = PTRACE_EVENT_VFORK;
		opt = PTRACE_O_TRACEVFORK;
	} else if ((flags & CSIGNAL) != SIGCHLD) {
		event = PTRACE_EVENT_CLONE;
		opt = PTRACE_O_TRACECLONE;
	} else {
		event = PTRACE_EVENT_FORK;
		opt = PTRACE_O_TRACEFORK;
	}
	if (!(pt->pt_options & opt))
		return 0;
	if (child != NULL) {		/* a process, not a thread */
		child->p_ptrace.pt_tracer = tracer;
		child->p_ptrace.pt_options = pt->pt_options;
		child->p_ptrace.pt_seized = pt->pt_seized;
		child->p_ptrace.pt_next = tracer->p_tracees;
		tracer->p_tracees = child;
		signal_send(child, SIGSTOP);
	}
	return event;
}

void
ptrace_fork_event(int event, int child_id)
{
	if (event != 0)
		ptrace_event_stop(proc_current(), event, (uint64_t)child_id);
}

void
ptrace_vfork_done(int child_id)
{
	struct proc *p = proc_current();

	if (p->p_ptrace.pt_tracer != NULL &&
	    (p->p_ptrace.pt_options & PTRACE_O_TRACEVFORKDONE))
		ptrace_event_stop(p, PTRACE_EVENT_VFORK_DONE,
		    (uint64_t)child_id);
}

void
ptrace_exit_event(int status)
{
	struct proc *p = proc_current();

	if (p == NULL || p->p_ptrace.pt_tracer == NULL ||
	    !(p->p_ptrace.pt_options & PTRACE_O_TRACEEXIT) ||
	    (status & 0x7f) == SIGKILL)
		return;
	ptrace_event_stop(p, PTRACE_EVENT_EXIT, (uint64_t)status);
}

void
ptrace_unlink(struct proc *p)
{
	struct proc *tracer = p->p_ptrace.pt_tracer;

	if (tracer == NULL)
		return;
	for (struct proc **pp = &tracer->p_tracees; *pp != NULL;
	    pp = &(*pp)->p_ptrace.pt_next)
		if (*pp == p) {
			*pp = p->p_ptrace.pt_next;
			break;
		}
	p->p_ptrace.pt_tracer = NULL;
	p->p_ptrace.pt_next = NULL;
	p->p_ptrace.pt_report = false;
}

/*
 * Let p go (detach, tracer exit): no longer traced, out of any stop
 * (a group stop in force remains), TF off if a step put it there, sig
 * its signal.  Interrupts off.
 */
static void
ptrace_release(struct proc *p, int sig)
{
	struct proc_ptrace *pt = &p->p_ptrace;
	struct thread *t = pt->pt_thread;

	ptrace_unlink(p);
	if (pt->pt_step && p->p_thread != NULL)
		ptrace_frame(t != NULL ? t : p->p_thread)->rflags &= ~EFLAGS_TF;
	pt->pt_options = 0;
	pt->pt_seized = pt->pt_syscall = pt->pt_step = false;
	pt->pt_interrupt = false;
	memset(pt->pt_dr, 0, sizeof(pt->pt_dr));
	if (pt->pt_stopped) {
		pt->pt_stopped = false;
		pt->pt_data = sig;
		if (t != NULL)
			thread_interrupt(t);
	}
	for (struct thread *u = p->p_threads; u != NULL; u = u->t_peer_next)
		thread_interrupt(u);
}

void
ptrace_proc_exit(struct proc *p)
{
	struct proc *c, *tracer = p->p_ptrace.pt_tracer;

	/* Its tracees: killed with PTRACE_O_EXITKILL, else let go. */
	while ((c = p->p_tracees) != NULL) {
		bool kill = (c->p_ptrace.pt_options & PTRACE_O_EXITKILL) &&
		    !c->p_zombie;

		ptrace_release(c, 0);
		if (kill)
			signal_send(c, SIGKILL);
	}
	/* As a tracee: its tracer hears of the exit (unless it is the
	 * parent, which signal_notify_parent tells). */
	p->p_ptrace.pt_stopped = false;
	p->p_ptrace.pt_report = false;
	if (tracer != NULL && tracer != p->p_parent) {
		p->p_ptrace.pt_report = true;	/* the exit, for its wait */
		ptrace_notify(p, (p->p_status & 0x7f) == 0 ? CLD_EXITED :
		    CLD_KILLED, (p->p_status & 0x7f) == 0 ?
		    (p->p_status >> 8) & 0xff : p->p_status & 0x7f);
	} else if (tracer != NULL) {
		ptrace_unlink(p);
		waitq_wake_all(&tracer->p_wait);
	}
}

/* ---- the tracer's side ---- */

/*
 * The tracee pid of the caller, in a stop unless any_state: or NULL
 * (ESRCH).  Interrupts off.
 */
static struct proc *
ptrace_tracee(long pid, bool any_state)
{
	struct proc *self = proc_current();
	struct proc *p;
	struct thread *t;

	if (pid <= 0 || pid > INT32_MAX)
		return NULL;
	if ((p = proc_find((int)pid)) == NULL &&
	    (t = proc_find_thread((int)pid)) != NULL)
		p = t->t_proc;
	if (p == NULL || p->p_zombie || p->p_ptrace.pt_tracer != self)
		return NULL;
	if (!any_state && (!p->p_ptrace.pt_stopped ||
	    p->p_ptrace.pt_thread == NULL))
		return NULL;
	return p;
}

static long
ptrace_traceme(void)
{
	struct proc *self = proc_current(), *parent = self->p_parent;
	bool on = intr_save();
	long error = 0;

	if (self->p_ptrace.pt_tracer != NULL || parent == NULL ||
	    parent->p_zombie || thread_current()->t_ring0)
		error = -EPERM;
	else {
		self->p_ptrace.pt_tracer = parent;
		self->p_ptrace.pt_next = parent->p_tracees;
		parent->p_tracees = self;
	}
	intr_restore(on);
	return error;
}

static long
ptrace_attach(long pid, bool seize, uint64_t flags, uint64_t options)
{
	struct proc *self = proc_current(), *p;
	struct thread *t;
	long error = 0;
	bool on;

	if (seize && (flags != 0 || (options & ~(uint64_t)PTRACE_O_MASK)))
		return -EINVAL;		/* PTRACE_SEIZE: addr must be 0 */
	if (pid <= 0 || pid > INT32_MAX)
		return -ESRCH;
	on = intr_save();
	if ((p = proc_find((int)pid)) == NULL &&
	    (t = proc_find_thread((int)pid)) != NULL)
		p = t->t_proc;
	if (p == NULL || p->p_zombie || p->p_thread == NULL)
		error = -ESRCH;
	else if (p == self || p->p_thread->t_ring0)
		error = -EPERM;		/* its own thread group; the ring-0
					 * app has no ring-3 frame to show */
	else if (!proc_may_inspect(p))
		error = -EPERM;
	else if (p->p_ptrace.pt_tracer != NULL)
		error = -EPERM;		/* already traced */
	if (error != 0) {
		intr_restore(on);
		return error;
	}
	p->p_ptrace.pt_tracer = self;
	p->p_ptrace.pt_next = self->p_tracees;
	self->p_tracees = p;
	p->p_ptrace.pt_seized = seize;
	p->p_ptrace.pt_options = seize ? (uint32_t)options : 0;
	if (!seize)
		signal_send(p, SIGSTOP);
	/*
	 * Stopped by job control already: it is in a ptrace stop at once,
	 * reported to this tracer's wait (Linux's JOBCTL_TRAP_STOP).
	 */
	if (p->p_stopped && !p->p_ptrace.pt_stopped) {
		p->p_ptrace.pt_stopped = true;
		p->p_ptrace.pt_report = true;
		p->p_ptrace.pt_has_info = false;
		p->p_ptrace.pt_thread = p->p_thread;
		p->p_ptrace.pt_code = seize ? p->p_stopsig |
		    PTRACE_EVENT_STOP << 8 : p->p_stopsig;
	}
	intr_restore(on);
	return 0;
}

/* One word of the user area's registers (offset off, 8-aligned). */
static uint64_t
ptrace_get_reg(struct proc *p, struct thread *t, unsigned int off)
{
	const struct trap_frame *tf = ptrace_frame(t);

	switch (off / 8) {
	case R_R15: return tf->r15;
	case R_R14: return tf->r14;
	case R_R13: return tf->r13;
	case R_R12: return tf->r12;
	case R_RBP: return tf->rbp;
	case R_RBX: return tf->rbx;
	case R_R11: return tf->r11;
	case R_R10: return tf->r10;
	case R_R9: return tf->r9;
	case R_R8: return tf->r8;
	case R_RAX: return tf->rax;
	case R_RCX: return tf->rcx;
	case R_RDX: return tf->rdx;
	case R_RSI: return tf->rsi;
	case R_RDI: return tf->rdi;
	case R_ORIG_RAX:
		/* A system call's frame keeps its number in the error slot
		 * (syscall_dispatch); other entries have none. */
		return tf->vector == USER_SYSCALL_VECTOR ? tf->error :
		    (uint64_t)-1;
	case R_RIP: return tf->rip;
	case R_CS: return tf->cs;
	case R_EFLAGS:
		/* A step's TF is the debugger's, not the program's. */
		return p->p_ptrace.pt_step ? tf->rflags & ~EFLAGS_TF :
		    tf->rflags;
	case R_RSP: return tf->rsp;
	case R_SS: return tf->ss;
	case R_FS_BASE: return t->t_ustate->ucs_fs_base;
	default: return 0;	/* gs base, ds, es, fs, gs: all 0 here */
	}
}

static bool
ptrace_canonical(uint64_t v)
{
	return (uint64_t)((int64_t)(v << 16) >> 16) == v;
}

/* Set one word of the registers, checked as Linux's putreg; 0 or -EIO. */
static int
ptrace_set_reg(struct proc *p, struct thread *t, unsigned int off,
    uint64_t v)
{
	struct trap_frame *tf = ptrace_frame(t);

	switch (off / 8) {
	case R_R15: tf->r15 = v; break;
	case R_R14: tf->r14 = v; break;
	case R_R13: tf->r13 = v; break;
	case R_R12: tf->r12 = v; break;
	case R_RBP: tf->rbp = v; break;
	case R_RBX: tf->rbx = v; break;
	case R_R11: tf->r11 = v; break;
	case R_R10: tf->r10 = v; break;
	case R_R9: tf->r9 = v; break;
	case R_R8: tf->r8 = v; break;
	case R_RAX: tf->rax = v; break;
	case R_RCX: tf->rcx = v; break;
	case R_RDX: tf->rdx = v; break;
	case R_RSI: tf->rsi = v; break;
	case R_RDI: tf->rdi = v; break;
	case R_ORIG_RAX:
		if (tf->vector == USER_SYSCALL_VECTOR)
			tf->error = v;
		break;
	case R_RIP:
		/* iretq to a kernel or non-canonical rip would fault in
		 * the kernel: refused. */
		if (v >= PAGING_USER_TOP)
			return -EIO;
		tf->rip = v;
		break;
	case R_RSP:
		if (!ptrace_canonical(v))
			return -EIO;
		tf->rsp = v;
		break;
	case R_EFLAGS:
		tf->rflags = (tf->rflags & ~PTRACE_USER_FLAGS) |
		    (v & PTRACE_USER_FLAGS);
		if (v & EFLAGS_TF)
			p->p_ptrace.pt_step = false;	/* the program's TF */
		break;
	case R_CS:
	case R_SS:
		/* Only the selectors a 64-bit program has. */
		if (v != (off / 8 == R_CS ? tf->cs : tf->ss))
			return -EIO;
		break;
	case R_FS_BASE:
		if (v >= PTRACE_TASK_TOP)
			return -EIO;
		t->t_ustate->ucs_fs_base = v;
		break;
	case R_GS_BASE:
		return v == 0 ? 0 : -EIO;	/* no user %gs base here */
	default:
		/* ds, es, fs, gs: a null or ring-3 selector, kept as 0. */
		if (v != 0 && (v & 3) != 3)
			return -EIO;
		if (v > 0xffff)
			return -EIO;
		break;
	}
	return 0;
}

static long
ptrace_peekuser(struct proc *p, struct thread *t, uint64_t addr,
    uint64_t data)
{
	uint64_t v = 0;

	if ((addr & 7) || addr >= PTRACE_USER_SIZE)
		return -EIO;
	if (addr < PTRACE_REGS_SIZE)
		v = ptrace_get_reg(p, t, (unsigned int)addr);
	else if (addr >= PTRACE_USER_DEBUGREG &&
	    addr < PTRACE_USER_DEBUGREG + 64)
		v = p->p_ptrace.pt_dr[(addr - PTRACE_USER_DEBUGREG) / 8];
	return copy_to_user((void *)data, &v, sizeof(v)) != 0 ? -EFAULT : 0;
}

static long
ptrace_pokeuser(struct proc *p, struct thread *t, uint64_t addr,
    uint64_t data)
{
	if ((addr & 7) || addr >= PTRACE_USER_SIZE)
		return -EIO;
	if (addr < PTRACE_REGS_SIZE)
		return ptrace_set_reg(p, t, (unsigned int)addr, data);
	if (addr >= PTRACE_USER_DEBUGREG && addr < PTRACE_USER_DEBUGREG + 64)
		return ptrace_debugreg_set(p->p_ptrace.pt_dr,
		    (unsigned int)(addr - PTRACE_USER_DEBUGREG) / 8, data);
	return -EIO;
}

static void
ptrace_regs_get(struct proc *p, struct thread *t, uint64_t *regs)
{
	for (unsigned int i = 0; i < R_NREGS; i++)
		regs[i] = ptrace_get_reg(p, t, i * 8);
}

/* All of regs, or nothing if one is refused (-EIO). */
static long
ptrace_regs_set(struct proc *p, struct thread *t, const uint64_t *regs)
{
	struct trap_frame save = *ptrace_frame(t);
	uint64_t fs = t->t_ustate->ucs_fs_base;
	bool step = p->p_ptrace.pt_step;

	for (unsigned int i = 0; i < R_NREGS; i++)
		if (ptrace_set_reg(p, t, i * 8, regs[i]) != 0) {
			*ptrace_frame(t) = save;
			t->t_ustate->ucs_fs_base = fs;
			p->p_ptrace.pt_step = step;
			return -EIO;
		}
	return 0;
}

/* An fxsave image's MXCSR against what the CPU takes; 0 or -EINVAL. */
static long
ptrace_fp_check(const struct thread *t, const uint8_t *fx)
{
	uint32_t mxcsr, mask;

	memcpy(&mxcsr, fx + 24, 4);
	memcpy(&mask, t->t_ustate->ucs_fxsave + 28, 4);
	if (mask == 0)
		mask = 0xffbf;
	return (mxcsr & ~mask) ? -EINVAL : 0;
}

static void
ptrace_fp_set(struct thread *t, const uint8_t *fx)
{
	/* Bytes 464..511 are software's; the CPU's mask field stays. */
	uint8_t keep[4];

	memcpy(keep, t->t_ustate->ucs_fxsave + 28, 4);
	memcpy(t->t_ustate->ucs_fxsave, fx, 464);
	memcpy(t->t_ustate->ucs_fxsave + 28, keep, 4);
}

/* The NT_X86_XSTATE image: the legacy area, XCR0 and the header. */
static void
ptrace_xstate_get(const struct thread *t, uint8_t *x)
{
	uint64_t xcr0 = PTRACE_XCR0;

	memset(x, 0, PTRACE_XSTATE_SIZE);
	memcpy(x, t->t_ustate->ucs_fxsave, 464);
	memcpy(x + 464, &xcr0, 8);		/* as Linux's sw bytes */
	memcpy(x + 512, &xcr0, 8);		/* xstate_bv */
}

static long
ptrace_xstate_set(struct thread *t, const uint8_t *x)
{
	/* Only what Jiny keeps, standard format, reserved bytes zero. */
	if (ptrace_xstate_check(x, PTRACE_XCR0) != 0 ||
	    ptrace_fp_check(t, x) != 0)
		return -EINVAL;
	ptrace_fp_set(t, x);
	return 0;
}

static long
ptrace_regset(struct proc *p, struct thread *t, uint64_t type,
    uint64_t uiov, bool set)
{
	uint8_t buf[PTRACE_XSTATE_SIZE];
	struct ptrace_iovec iov;
	uint64_t size, n;
	long error;

	if (copy_from_user(&iov, (const void *)uiov, sizeof(iov)) != 0)
		return -EFAULT;
	switch (type) {
	case NT_PRSTATUS:
		size = PTRACE_REGS_SIZE;
		ptrace_regs_get(p, t, (uint64_t *)buf);
		break;
	case NT_PRFPREG:
		size = PTRACE_FP_SIZE;
		memcpy(buf, t->t_ustate->ucs_fxsave, size);
		break;
	case NT_X86_XSTATE:
		size = PTRACE_XSTATE_SIZE;
		ptrace_xstate_get(t, buf);
		break;
	default:
		return -EINVAL;
	}
	n = MIN(iov.len, size);
	if (!set) {
		if (copy_to_user((void *)iov.base, buf, n) != 0)
			return -EFAULT;
	} else {
		/* A part of the registers replaces their start. */
		if (copy_from_user(buf, (const void *)iov.base, n) != 0)
			return -EFAULT;
		switch (type) {
		case NT_PRSTATUS:
			if ((error = ptrace_regs_set(p, t,
			    (uint64_t *)buf)) != 0)
				return error;
			break;
		case NT_PRFPREG:
			if (ptrace_fp_check(t, buf) != 0)
				return -EINVAL;
			ptrace_fp_set(t, buf);
			break;
		default:
			/* A whole XSAVE image, as Linux wants. */
			if (n != size)
				return -EFAULT;
			if ((error = ptrace_xstate_set(t, buf)) != 0)
				return error;
			break;
		}
	}
	iov.len = n;
	return copy_to_user((void *)(uiov + offsetof(struct ptrace_iovec,
	    len)), &iov.len, sizeof(iov.len)) != 0 ? -EFAULT : 0;
}

/* CONT, SYSCALL, SINGLESTEP, DETACH: data is the signal to give. */
static long
ptrace_resume(struct proc *p, long request, uint64_t data)
{
	struct proc_ptrace *pt = &p->p_ptrace;
	struct thread *t = pt->pt_thread;
	struct trap_frame *tf = ptrace_frame(t);

	if (data > SIGNAL_MAX)
		return -EIO;
	if (request == PTRACE_DETACH) {
		ptrace_release(p, (int)data);
		return 0;
	}
	pt->pt_syscall = request == PTRACE_SYSCALL;
	if (request == PTRACE_SINGLESTEP) {
		if (!(tf->rflags & EFLAGS_TF))
			pt->pt_step = true;
		tf->rflags |= EFLAGS_TF;
	} else if (pt->pt_step) {
		tf->rflags &= ~EFLAGS_TF;
		pt->pt_step = false;
	}
	pt->pt_data = (int)data;
	pt->pt_stopped = false;
	p->p_stopped = false;		/* a group stop ends too */
	/* Its other threads wait for the stop's end too (signal.c). */
	for (struct thread *u = p->p_threads; u != NULL; u = u->t_peer_next)
		thread_interrupt(u);
	return 0;
}

/* PEEKTEXT/PEEKDATA and POKETEXT/POKEDATA: one word of p's memory. */
static long
ptrace_mem(struct proc *p, struct thread *t, uint64_t addr, uint64_t data,
    bool poke)
{
	uint64_t word = data;

	if (t->t_vm == NULL)
		return -EIO;
	if (poke)
		return vm_access_force(t->t_vm, addr, &word, sizeof(word),
		    true) == sizeof(word) ? 0 : -EIO;
	if (vm_access_force(t->t_vm, addr, &word, sizeof(word), false) !=
	    sizeof(word))
		return -EIO;
	(void)p;
	return copy_to_user((void *)data, &word, sizeof(word)) != 0 ?
	    -EFAULT : 0;
}

/* The requests on a stopped tracee p (thread t). */
static long
ptrace_on_stopped(struct proc *p, struct thread *t, long request,
    uint64_t addr, uint64_t data)
{
	struct proc_ptrace *pt = &p->p_ptrace;
	uint64_t regs[R_NREGS];
	uint8_t fx[PTRACE_FP_SIZE];

	switch (request) {
	case PTRACE_PEEKTEXT:
	case PTRACE_PEEKDATA:
		return ptrace_mem(p, t, addr, data, false);
	case PTRACE_POKETEXT:
	case PTRACE_POKEDATA:
		return ptrace_mem(p, t, addr, data, true);
	case PTRACE_PEEKUSR:
		return ptrace_peekuser(p, t, addr, data);
	case PTRACE_POKEUSR:
		return ptrace_pokeuser(p, t, addr, data);
	case PTRACE_GETREGS:
		ptrace_regs_get(p, t, regs);
		return copy_to_user((void *)data, regs, sizeof(regs)) != 0 ?
		    -EFAULT : 0;
	case PTRACE_SETREGS:
		if (copy_from_user(regs, (const void *)data,
		    sizeof(regs)) != 0)
			return -EFAULT;
		return ptrace_regs_set(p, t, regs);
	case PTRACE_GETFPREGS:
		return copy_to_user((void *)data, t->t_ustate->ucs_fxsave,
		    PTRACE_FP_SIZE) != 0 ? -EFAULT : 0;
	case PTRACE_SETFPREGS:
		if (copy_from_user(fx, (const void *)data, sizeof(fx)) != 0)
			return -EFAULT;
		if (ptrace_fp_check(t, fx) != 0)
			return -EINVAL;
		ptrace_fp_set(t, fx);
		return 0;
	case PTRACE_GETREGSET:
	case PTRACE_SETREGSET:
		return ptrace_regset(p, t, addr, data,
		    request == PTRACE_SETREGSET);
	case PTRACE_GETSIGINFO:
		if (!pt->pt_has_info)
			return -EINVAL;
		return copy_to_user((void *)data, &pt->pt_info,
		    sizeof(pt->pt_info)) != 0 ? -EFAULT : 0;
	case PTRACE_SETSIGINFO: {
		struct signal_info si;

		if (copy_from_user(&si, (const void *)data, sizeof(si)) != 0)
			return -EFAULT;
		if (!pt->pt_has_info)
			return -EINVAL;
		pt->pt_info = si;
		return 0;
	}
	case PTRACE_SETOPTIONS:
		if (data & ~(uint64_t)PTRACE_O_MASK)
			return -EINVAL;
		pt->pt_options = (uint32_t)data;
		return 0;
	case PTRACE_GETEVENTMSG:
		return copy_to_user((void *)data, &pt->pt_eventmsg,
		    sizeof(pt->pt_eventmsg)) != 0 ? -EFAULT : 0;
	case PTRACE_CONT:
	case PTRACE_SYSCALL:
	case PTRACE_SINGLESTEP:
	case PTRACE_DETACH:
		return ptrace_resume(p, request, data);
	default:
		return -EIO;
	}
}

long
ptrace_request(long request, long pid, uint64_t addr, uint64_t data)
{
	struct proc *p;
	struct thread *t;
	long error;
	bool on;

	switch (request) {
	case PTRACE_TRACEME:
		return ptrace_traceme();
	case PTRACE_ATTACH:
		return ptrace_attach(pid, false, 0, 0);
	case PTRACE_SEIZE:
		return ptrace_attach(pid, true, addr, data);
	default:
		break;
	}
	on = intr_save();
	if ((p = ptrace_tracee(pid, request == PTRACE_KILL ||
	    request == PTRACE_INTERRUPT)) == NULL) {
		intr_restore(on);
		return -ESRCH;
	}
	if (request == PTRACE_KILL) {
		/* Only a stopped tracee is killed (as Linux). */
		if (p->p_ptrace.pt_stopped)
			signal_send(p, SIGKILL);
		intr_restore(on);
		return 0;
	}
	if (request == PTRACE_INTERRUPT) {
		if (!p->p_ptrace.pt_seized) {
			intr_restore(on);
			return -EIO;
		}
		if (!p->p_ptrace.pt_stopped) {
			p->p_ptrace.pt_interrupt = true;
			for (t = p->p_threads; t != NULL; t = t->t_peer_next)
				thread_interrupt(t);
		}
		intr_restore(on);
		return 0;
	}
	t = p->p_ptrace.pt_thread;
	/*
	 * Interrupts stay off (one CPU): the tracee cannot be killed and
	 * freed while its frame and memory are in use here.
	 */
	error = ptrace_on_stopped(p, t, request, addr, data);
	intr_restore(on);
	return error;
}
