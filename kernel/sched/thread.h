/* SPDX-License-Identifier: MIT */
/* Copyright (c) 2026 The Jiny Authors */
/*
 * Kernel threads (thread.c; the scheduler that runs them is sched.h).
 * Stacks are KSTACK_SIZE with an unmapped guard page below each, so an
 * overflow faults (reported through the double-fault IST stack).
 */
#ifndef KERNEL_SCHED_THREAD_H
#define KERNEL_SCHED_THREAD_H

#include <stdbool.h>
#include <stdint.h>

#include <lib/signal_abi.h>
#include <arch/x86_64/include/user.h>
#include <kernel/sched/sched.h>
#include <kernel/sched/sched_policy.h>
#include <kernel/sched/waitq.h>

enum thread_state {
	THREAD_RUNNABLE,
	THREAD_RUNNING,
	THREAD_BLOCKED,
	THREAD_DEAD,
};

struct proc;
struct vm_space;
struct key;

/*
 * What is kept of a pending signal until it is delivered (kernel/proc's
 * signal.c fills and reads it; it lives here because a thread has a
 * pending set of its own).
 */
struct signal_queued {
	int32_t		sq_code;	/* si_code */
	int32_t		sq_pid;		/* sender, or SIGCHLD's child */
	uint32_t	sq_uid;
	uint32_t	sq_pad;
	uint64_t	sq_value;	/* SIGCHLD's si_status, sigqueue's
					 * si_value */
	uint64_t	sq_addr;	/* faults: si_addr */
};

/* A further instance of a pending real-time signal (sp_rtq, oldest first). */
struct signal_rtq {
	struct signal_rtq	*rq_next;
	int			 rq_sig;
	struct signal_queued	 rq_q;
};

/*
 * A set of pending signals: a process's shared one (kill, sigqueue) or a
 * thread's own (tgkill, its faults).  One siginfo per signal; further
 * instances of a real-time signal queue behind it.
 */
struct signal_pend {
	uint64_t		 sp_set;	/* bit sig - 1 */
	struct signal_queued	 sp_info[64];	/* index sig - 1 */
	struct signal_rtq	*sp_rtq;
	unsigned int		 sp_nrtq;
};

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

/*
 * What getrusage counts besides time: page faults that found the page
 * in memory (minor; nothing here reads a disk, so no major ones), and
 * switches away from a thread that blocked (voluntary) or was
 * preempted (involuntary).
 */
struct thread_counts {
	uint64_t	tc_minflt, tc_majflt;
	uint64_t	tc_nvcsw, tc_nivcsw;
};

/* Add b's counts to a. */
static inline void
thread_counts_add(struct thread_counts *a, const struct thread_counts *b)
{
	a->tc_minflt += b->tc_minflt;
	a->tc_majflt += b->tc_majflt;
	a->tc_nvcsw += b->tc_nvcsw;
	a->tc_nivcsw += b->tc_nivcsw;
}

/* CPU time as user and system time, last reported (proc_cputime). */
struct cputime_split {
	uint64_t	cs_user;
	uint64_t	cs_sys;
};

struct thread {
	uint64_t		 t_rsp;		/* set by sched_switch */
	uintptr_t		 t_stack_top;	/* set by thread_create */
	unsigned int		 t_stack_slot;	/* set by thread_create */
	enum thread_state	 t_state;	/* changed with interrupts off */
	int			 t_tid;		/* set by thread_create */
	char			 t_name[16];	/* set by thread_create */
	void			(*t_fn)(void *);
	void			*t_arg;
	int			 t_exit;	/* set by thread_exit */
	bool			 t_detached;
	struct thread		*t_rq_next;	/* run queue link */
	struct thread		*t_wq_next;	/* wait queue link */
	struct thread		*t_sleep_next;	/* sleep list link */
	uint64_t		 t_wake_ns;	/* sleep deadline */
	uint64_t		 t_slice_start;	/* ns when last scheduled */
	uint64_t		 t_runtime_ns;	/* run time up to t_run_mark_ns
						 * (thread_cpu_ns adds what
						 * follows while it runs) */
	uint64_t		 t_run_mark_ns;	/* when t_runtime_ns was charged */
	uint32_t		 t_run_seq;	/* odd while its CPU changes
						 * the three run fields */
	bool			 t_run_on;	/* on a CPU since t_run_mark_ns */
	uint64_t		 t_load;	/* decaying recent run time, ns
						 * (sched_load.h) */
	uint64_t		 t_load_ns;	/* when t_load was last charged */
	struct waitq		 t_joiners;
	uint64_t		 t_space;	/* page-table root of t_vm (kept
						 * here for the switch); 0: none */
	struct vm_space		*t_vm;		/* its ring-3 address space */
	struct user_cpu_state	*t_ustate;	/* FPU/SSE and %fs of ring-3
						 * threads; NULL otherwise */
	uint64_t		 t_clear_tid;	/* set_tid_address pointer */
	uint64_t		 t_robust_list;	/* set_robust_list head (user
						 * address; 0: none) */
	struct proc		*t_proc;	/* set by proc_create; NULL for
						 * kernel threads */
	struct key		*t_key_thread;	/* its thread keyring, a
						 * reference (kernel/ipc/keys.c);
						 * NULL: none yet */
	int			 t_utid;	/* tid programs see (gettid);
						 * the pid for a main thread */
	struct thread		*t_peer_next;	/* next thread of t_proc */
	bool			 t_timed_out;	/* a timed wait ran out */
	uint16_t		 t_ioprio;	/* ioprio_set's class and level,
						 * Linux's encoding; 0: none */
	bool			 t_ring0;	/* the ring-0 app (set by
						 * exec_spawn) */
	uint64_t		 t_sigmask;	/* blocked signals, bit sig - 1 */
	uint64_t		 t_sigwait_mask; /* sigtimedwait: the mask it
						  * lifted to wait, still
						  * "blocked" for sending */
	struct signal_thread	 t_sig;		/* alternate stack, saved mask:
						 * set by signal.c */
	struct signal_pend	 t_sigpend;	/* signals for this thread
						 * alone (signal.c) */
	uint64_t		 t_acct_ns;	/* thread_cpu_ns when last
						 * sampled (signal_irq_exit) */
	uint64_t		 t_utime_ns;	/* of that, spent in ring 3 */
	struct cputime_split	 t_cputime;	/* its last reported split
						 * (proc_cputime) */
	struct waitq		*t_waitq;	/* the queue it sleeps on */
	struct thread_counts	 t_counts;	/* getrusage's counters */
	struct sched_policy	 t_sp;		/* its policy, priority, nice
						 * (sched_thread_set_policy) */
	bool			 t_rq_head;	/* put back at the head of its
						 * priority: a preempted FIFO/RR
						 * thread (sched.c) */
	bool			 t_dl_throttled; /* SCHED_DEADLINE out of
						 * budget: on sc_throttled */
	uint64_t		 t_rr_used_ns;	/* SCHED_RR: of its slice */
	int64_t			 t_dl_budget;	/* SCHED_DEADLINE: ns left */
	uint64_t		 t_dl_abs;	/* its current deadline (ns) */
	unsigned int		 t_cpu;		/* the CPU it runs or queues
						 * on, or last ran on */
	unsigned int		 t_kl_depth;	/* its kernel-lock depth while
						 * switched out (klock.h) */
	uint64_t		 t_affinity;	/* CPUs it may run on, bit n:
						 * CPU n (sched_setaffinity) */
	bool			 t_user;	/* a program's thread: may
						 * run anywhere; the kernel's
						 * own stay on CPU 0 */
};

/*
 * Create a runnable thread running fn(arg).  Returns NULL on exhaustion.
 * A detached thread is freed when it exits; others must be joined.
 */
struct thread *thread_create(const char *name, void (*fn)(void *), void *arg,
	    bool detached);

/*
 * As thread_create, the new thread scheduled as model is (fork and
 * clone: its policy, priority and nice, reset to SCHED_OTHER and a nice
 * of at least 0 when model has reset-on-fork); model's deadline
 * reservation is not copied (the caller refuses that case).
 */
struct thread *thread_create_from(const char *name, void (*fn)(void *),
	    void *arg, bool detached, const struct thread *model);

/* Wait for t to exit, free it, return its exit value.  May sleep. */
int	thread_join(struct thread *t);

/* End the calling thread. */
__attribute__((noreturn)) void thread_exit(int value);

static inline struct thread *
thread_current(void)
{
	return (struct thread *)cpu_current();
}

/* Give up the CPU to another runnable thread, if any. */
void	thread_yield(void);

/* CPU time of the calling thread so far, in ns, its current run included. */
uint64_t thread_runtime_ns(void);

/*
 * CPU time of t so far, in ns, from any CPU: its current run included
 * when it runs on another one (no tick needed).  Never less than an
 * earlier reading.
 */
uint64_t thread_cpu_ns(const struct thread *t);

/*
 * Sleep at least ns nanoseconds (tick granularity), or less when
 * thread_interrupt() cuts the sleep short (callers check why).
 */
void	thread_sleep_ns(uint64_t ns);

#endif /* KERNEL_SCHED_THREAD_H */
