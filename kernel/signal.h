/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Signals with Linux's numbers and semantics: per-process actions and
 * pending set, per-thread mask, delivery when a thread returns to ring 3
 * (after a system call or an interrupt), default actions (terminate or
 * ignore; stopping is not supported yet and is ignored), user handlers on
 * an rt_sigframe the C library's restorer returns from through
 * rt_sigreturn.  A sleeping target is not woken early yet: the signal
 * waits until its sleep ends.
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <arch/x86_64/include/trap.h>

#define SIGNAL_MAX	64
#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGKILL		9
#define SIGSEGV		11
#define SIGPIPE		13
#define SIGTERM		15
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19

struct signal_action {		/* struct k_sigaction of the Linux ABI */
	uint64_t	sa_handler;	/* SIG_DFL 0, SIG_IGN 1, or code */
	uint64_t	sa_flags;
	uint64_t	sa_restorer;
	uint64_t	sa_mask;
};
_Static_assert(sizeof(struct signal_action) == 32, "k_sigaction ABI");

struct proc;

/*
 * Does the calling thread have a signal to take?  Sleeping system calls
 * check it after each wake-up and return -EINTR.
 */
bool	signal_pending(void);

/*
 * Make sig pending for p (0 < sig <= SIGNAL_MAX) and wake its thread from
 * a sleep if the signal is not blocked.
 */
void	signal_send(struct proc *p, int sig);

/*
 * kill(2): pid > 0 that process, 0 the caller's group, -1 every process
 * but init, < -1 the group -pid.  sig 0 only checks.  Returns 0, -ESRCH,
 * -EINVAL.
 */
int	signal_kill(int pid, int sig);

/* Send sig to every process of group pgid (the tty's ^C). */
void	signal_group(int pgid, int sig);

/*
 * Before returning to ring 3 with frame tf: act on the lowest pending,
 * unblocked signal — terminate, ignore, or divert tf to its handler.
 */
void	signal_deliver(struct trap_frame *tf);

/* rt_sigreturn: restore tf from the frame at the user stack pointer. */
long	signal_return(struct trap_frame *tf);

#endif /* KERNEL_SIGNAL_H */
