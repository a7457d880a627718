/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * ptrace(2) with Linux x86-64's requests, stops and wait reports.  A
 * traced process stops (a "ptrace stop", reported to its tracer's wait
 * as WIFSTOPPED with status >> 8 the signal and event) at each signal it
 * is about to take, at system-call entry and exit under PTRACE_SYSCALL,
 * after a single step, at exec, fork and exit events its tracer asked
 * for, and at PTRACE_INTERRUPT; it stays there until the tracer restarts
 * it, detaches, exits or kills it.  Registers are read from the frame at
 * the top of the stopped thread's kernel stack (every ring-3 entry
 * builds it there); memory through the tracee's address space, forcing
 * writes into read-only private pages as Linux's FOLL_FORCE does.
 */
#ifndef KERNEL_PROC_PTRACE_H
#define KERNEL_PROC_PTRACE_H

#include <stdbool.h>
#include <stdint.h>

#include <arch/x86_64/include/trap.h>
#include <kernel/proc/proc.h>

#define PTRACE_EVENT_FORK	1
#define PTRACE_EVENT_VFORK	2
#define PTRACE_EVENT_CLONE	3
#define PTRACE_EVENT_EXEC	4
#define PTRACE_EVENT_VFORK_DONE	5
#define PTRACE_EVENT_EXIT	6
#define PTRACE_EVENT_STOP	128

/* The system call: request, pid, addr, data as Linux takes them. */
long	ptrace_request(long request, long pid, uint64_t addr, uint64_t data);

static inline bool
ptrace_traced(const struct proc *p)
{
	return p->p_ptrace.pt_tracer != NULL;
}

/*
 * Signal-delivery stop for sig (not SIGKILL) about to be taken by the
 * calling thread of traced p, info its siginfo.  Returns the signal to
 * take instead (0: none; info rewritten as the tracer left it), having
 * queued it again if it is blocked.
 */
int	ptrace_signal(struct proc *p, int sig, struct signal_info *info);

/*
 * The default action of stop signal sig in traced p: a group stop the
 * tracer sees and ends.
 */
void	ptrace_group_stop(struct proc *p, int sig);

/* PTRACE_INTERRUPT's stop, if one was asked for (signal delivery). */
void	ptrace_interrupt_stop(struct proc *p);

/*
 * System-call entry of a traced caller (tf->rax the number): the
 * entry stop if PTRACE_SYSCALL asked for it.  Returns the number to run,
 * or -1 to skip the call (tf->rax then is the result).
 */
long	ptrace_syscall_enter(struct trap_frame *tf);
/* System-call exit: the exit stop, or a single step's trap. */
void	ptrace_syscall_exit(struct trap_frame *tf);

/* After a successful exec of traced p: the exec stop or SIGTRAP. */
void	ptrace_exec(struct proc *p, int old_tid);

/*
 * fork, vfork, clone (clone flags) made child of parent: with the
 * tracer's option for that event the child is traced too and starts
 * with SIGSTOP pending.  Returns the event to report (0: none).
 * Interrupts off, before the child runs.
 */
int	ptrace_fork_child(struct proc *parent, struct proc *child,
	    uint64_t flags);
/* The parent's event stop for a new child (ptrace_fork_child's event). */
void	ptrace_fork_event(int event, int child_id);

/* vfork's parent runs again (PTRACE_O_TRACEVFORKDONE's stop). */
void	ptrace_vfork_done(int child_id);

/* The exit event stop (PTRACE_O_TRACEEXIT) of a process ending. */
void	ptrace_exit_event(int status);

/*
 * p exits (proc_exit, interrupts off): its tracees are let go (or
 * killed, PTRACE_O_EXITKILL) and its tracer told.
 */
void	ptrace_proc_exit(struct proc *p);

/* Unlink p from its tracer's list (a reaped zombie); interrupts off. */
void	ptrace_unlink(struct proc *p);

#endif /* KERNEL_PROC_PTRACE_H */
