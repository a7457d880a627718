/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Signals with Linux's numbers and semantics: per-process actions,
 * pending set and one queued siginfo per signal (a second instance of a
 * pending signal, real-time ones included, merges with the first);
 * per-thread mask and alternate stack; delivery when a thread returns to
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

#include <arch/x86_64/include/trap.h>

#define SIGNAL_MAX	64
#define SIGNAL_RTMIN	32	/* from here on, instances queue */
#define SIGNAL_RTQ_MAX	1024	/* queued beyond the first, per process
				 * (RLIMIT_SIGPENDING's role): then
				 * sigqueue says EAGAIN */
#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGWINCH	28

/* si_code values (Linux's). */
#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_TKILL	(-6)
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_STOPPED	5
#define CLD_CONTINUED	6

#define SIGNAL_BIT(s)	(1UL << ((s) - 1))

struct signal_action {		/* struct k_sigaction of the Linux ABI */
	uint64_t	sa_handler;	/* SIG_DFL 0, SIG_IGN 1, or code */
	uint64_t	sa_flags;
	uint64_t	sa_restorer;
	uint64_t	sa_mask;
};
_Static_assert(sizeof(struct signal_action) == 32, "k_sigaction ABI");

struct signal_info {		/* siginfo_t of the Linux ABI */
	int32_t		si_signo, si_errno, si_code, si_pad;
	union {
		struct {
			int32_t		si_pid;
			uint32_t	si_uid;
			union {
				int32_t	 si_status;	/* SIGCHLD */
				uint64_t si_value;	/* sigqueue */
			};
		};
		uint64_t	si_addr;		/* faults */
	};
	uint8_t		si_rest[96];
};
_Static_assert(sizeof(struct signal_info) == 128, "siginfo ABI");

/* What is kept of a pending signal until it is delivered. */
struct signal_queued {
	int32_t		sq_code;	/* si_code */
	int32_t		sq_pid;		/* sender, or SIGCHLD's child */
	uint32_t	sq_uid;
	uint32_t	sq_pad;
	uint64_t	sq_value;	/* SIGCHLD's si_status, sigqueue's
					 * si_value */
	uint64_t	sq_addr;	/* faults: si_addr */
};

/* A further instance of a pending real-time signal (p_rtq, oldest first). */
struct signal_rtq {
	struct signal_rtq	*rq_next;
	int			 rq_sig;
	struct signal_queued	 rq_q;
};

struct signal_stack {		/* stack_t of the Linux ABI */
	uint64_t	ss_sp;
	int32_t		ss_flags;
	int32_t		ss_pad;
	uint64_t	ss_size;
};
_Static_assert(sizeof(struct signal_stack) == 24, "stack_t ABI");

#define SS_ONSTACK	1
#define SS_DISABLE	2
#define SS_AUTODISARM	(1U << 31)
#define SIGNAL_MINSTKSZ	2048

/* Per-thread signal state besides the mask (struct thread's t_sig). */
struct signal_thread {
	struct signal_stack st_altstack;	/* set by sigaltstack */
	uint64_t	st_saved_mask;	/* set by sigsuspend and friends */
	bool		st_restore_mask;/* put st_saved_mask back after
					 * delivery */
	long		(*st_restart_fn)(uint64_t, uint64_t);
					/* set by a call that returns
					 * -ERESTART_RESTARTBLOCK: what
					 * restart_syscall continues with */
	uint64_t	st_restart_arg[2];
};

struct proc;

/*
 * Does the calling thread have a signal to take?  Sleeping system calls
 * check it after each wake-up and return -ERESTARTSYS or -EINTR.
 */
bool	signal_pending(void);

/*
 * Make sig pending for p (0 < sig <= SIGNAL_MAX) with siginfo q (NULL:
 * SI_KERNEL) and wake its thread from a sleep if the signal is not
 * blocked.  SIGCONT continues a stopped p at once; a stop signal drops a
 * pending SIGCONT and the reverse.  IRQ-safe.
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
 * Forget p's queued instances of sig (0: of every signal): an ignored
 * signal is discarded, an exited process keeps none.  Interrupts off.
 */
void	signal_rtq_drop(struct proc *p, int sig);

/*
 * kill(2): pid > 0 that process, 0 the caller's group, -1 every process
 * but init, < -1 the group -pid.  sig 0 only checks.  code is the
 * si_code (SI_USER, SI_TKILL).  Returns 0, -ESRCH, -EINVAL.
 */
int	signal_kill(int pid, int sig, int code);

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

/* sigaltstack(2) for the calling thread; user pointers. */
long	signal_altstack(uint64_t uss, uint64_t uoss, uint64_t user_rsp);

/* exec: caught signals go to SIG_DFL, the alternate stack is dropped. */
void	signal_exec_reset(void);

#endif /* KERNEL_PROC_SIGNAL_H */
