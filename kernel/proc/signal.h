/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Signals with Linux's numbers and semantics: per-process actions; two
 * pending sets, the process's shared one (kill, sigqueue, timers: any
 * thread that does not block a signal takes it) and each thread's own
 * (tgkill, tkill, rt_tgsigqueueinfo, its faults), each with one queued
 * siginfo per signal (a second instance of a pending signal merges with
 * the first; a real-time one queues behind it); per-thread mask and
 * alternate stack; delivery when a thread returns to
 * ring 3 (after a system call or an interrupt); default actions
 * (terminate, terminate with core, ignore, stop, continue); user
 * handlers on an rt_sigframe the C library's restorer returns from
 * through rt_sigreturn; SA_RESTART restarts interrupted calls that
 * returned -ERESTARTSYS; ring-3 faults become SIGSEGV/SIGBUS/SIGILL/
 * SIGFPE/SIGTRAP with si_addr; stop signals stop the whole process until
 * SIGCONT or SIGKILL and are reported to the parent.
 */
#ifndef KERNEL_PROC_SIGNAL_H
#define KERNEL_PROC_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <lib/signal_abi.h>
#include <arch/x86_64/include/trap.h>
#include <kernel/sched/thread.h>

#define SIGNAL_RTQ_MAX	1024	/* queued beyond the first, per pending
				 * set (RLIMIT_SIGPENDING's role): then
				 * sigqueue says EAGAIN */

struct proc;

/*
 * Does the calling thread have a signal to take?  Sleeping system calls
 * check it after each wake-up and return -ERESTARTSYS or -EINTR.
 */
bool	signal_pending(void);

/*
 * A reader or writer of a file that would have to wait: -EAGAIN if it may
 * not (nonblock: O_NONBLOCK), -ERESTARTSYS if a signal is pending, else 0
 * (the caller sleeps and looks again).
 */
long	signal_wait_error(bool nonblock);

/*
 * Make sig pending for p as a whole (0 < sig <= SIGNAL_MAX) with siginfo
 * q (NULL: SI_KERNEL): a thread that does not block it takes it, the
 * main thread by preference, and is woken from a sleep.  SIGCONT
 * continues a stopped p at once; a stop signal drops a pending SIGCONT
 * and the reverse.  IRQ-safe.
 */
void	signal_send_info(struct proc *p, int sig, const struct signal_queued *q);
void	signal_send(struct proc *p, int sig);

/*
 * As signal_send_info, and a real-time signal already pending queues
 * one more instance; -EAGAIN (nothing sent) when the queue is full or no
 * memory is left, else 0.
 */
int	signal_send_queued(struct proc *p, int sig,
	    const struct signal_queued *q);

/*
 * As signal_send_queued, for thread t alone (tgkill, tkill,
 * rt_tgsigqueueinfo): only t takes it.  SIGKILL still goes to the whole
 * process, and stop signals stop it all.
 */
int	signal_send_thread(struct thread *t, int sig,
	    const struct signal_queued *q);

/* Signals pending for t: its own and its process's.  Unlocked read. */
uint64_t signal_pending_set(const struct thread *t);

/*
 * Forget every pending instance of sig in p, its threads' too: it is
 * ignored now.  Interrupts off inside.
 */
void	signal_discard(struct proc *p, int sig);

/* Empty a pending set (an exited process, a thread that left). */
void	signal_pend_clear(struct signal_pend *sp);

/*
 * kill(2): pid > 0 that process, 0 the caller's group, -1 every process
 * but init, < -1 the group -pid.  sig 0 only checks.  code is the
 * si_code (SI_USER, SI_TKILL).  Returns 0, -ESRCH, -EINVAL.
 */
int	signal_kill(int pid, int sig, int code);

/*
 * tgkill and tkill: sig (0 only checks) for thread tid alone, which must
 * belong to process tgid unless tgid is 0; si_code SI_TKILL.  Returns 0,
 * -ESRCH (no such thread there), -EPERM, -EINVAL (a bad signal).
 */
int	signal_kill_thread(int tgid, int tid, int sig);

/*
 * May the calling process send sig to p (kill(2)'s permission: root, a
 * matching real or effective id, SIGCONT within the session)?
 */
bool	signal_may_kill(const struct proc *p, int sig);

/* Send sig to every process of group pgid (the tty's ^C, ^Z, ^\). */
void	signal_group(int pgid, int sig);

/*
 * Tell child's parent that child exited, stopped or continued (code
 * CLD_*, status the si_status): SIGCHLD and a wake-up of its wait.
 * Interrupts off.
 */
void	signal_notify_parent(struct proc *child, int code, int status);

/* Is sig ignored (SIG_IGN) or blocked by the calling thread? */
bool	signal_ignored_or_blocked(int sig);

/*
 * Before returning to ring 3 with frame tf: act on pending, unblocked
 * signals — terminate, ignore, stop, or divert tf to a handler.  From a
 * system call, nr is its number and tf->rax its result: an -ERESTART*
 * result is turned into a restart of the call or -EINTR; from an
 * interrupt nr is -1.  May sleep (stopped) or not return (killed).
 */
void	signal_deliver_syscall(struct trap_frame *tf, long nr);
void	signal_deliver(struct trap_frame *tf);

/*
 * arch's trap_irq_exit_hook (main.c installs it after sched_init): the
 * scheduler's sched_irq_exit, then, on the way back to ring 3, delivery.
 */
void	signal_irq_exit(struct trap_frame *tf);

/*
 * A ring-3 fault that nothing could resolve: queue signo with si_code
 * code and si_addr addr and deliver it now.  If the program blocks or
 * ignores signo the default action (kill with core) applies, as it does
 * for a fault inside signo's own handler.
 */
void	signal_fault(struct trap_frame *tf, int signo, int code, uint64_t addr);

/* rt_sigreturn: restore tf from the frame at the user stack pointer. */
long	signal_return(struct trap_frame *tf);

/*
 * Dequeue one pending signal of set for the calling thread into *info
 * (may be NULL); returns its number or 0 if none is pending.
 */
int	signal_dequeue(uint64_t set, struct signal_info *info);

/*
 * What signalfd watches: woken (poll_wake) whenever a signal becomes
 * pending for a process.
 */
struct poll_head *signal_poll_head(void);

/* sigaltstack(2) for the calling thread; user pointers. */
long	signal_altstack(uint64_t uss, uint64_t uoss, uint64_t user_rsp);

/* exec: caught signals go to SIG_DFL, the alternate stack is dropped. */
void	signal_exec_reset(void);

#endif /* KERNEL_PROC_SIGNAL_H */
